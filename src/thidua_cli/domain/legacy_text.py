"""Thin bridge to the legacy-encoding converter, tolerant of its absence."""

from __future__ import annotations

_MISSING = object()
_converter = None


def _legacy():
    """The converter module, looked up once (a failed import per cell made imports 6× slower)."""
    global _converter
    if _converter is None:
        try:
            from thidua_cli.domain import legacy
        except ImportError:  # pragma: no cover - converter not installed
            legacy = _MISSING
        _converter = legacy
    return None if _converter is _MISSING else _converter


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, str | None]:
    if not text:
        return text, None
    legacy = _legacy()
    if legacy is None:
        return text, None
    return legacy.to_unicode(text, font_name)
