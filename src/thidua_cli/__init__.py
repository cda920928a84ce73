"""thidua — sổ theo dõi phong trào thi đua, khen thưởng."""

__version__ = "0.1.0"
