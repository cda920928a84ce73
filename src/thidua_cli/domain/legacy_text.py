"""Thin bridge to the legacy-encoding converter, tolerant of its absence."""

from __future__ import annotations


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, str | None]:
    try:
        from thidua_cli.domain import legacy
    except ImportError:  # pragma: no cover - converter not installed
        return text, None
    if not text:
        return text, None
    return legacy.to_unicode(text, font_name)
