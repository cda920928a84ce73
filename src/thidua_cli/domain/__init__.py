"""Pure domain code: no I/O, no heavy imports."""
