"""Renderers: plain result objects in, text or files out. The only Jinja/docx/Rich-table code."""
