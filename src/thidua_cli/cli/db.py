"""Placeholder: this command group is being built (see the issues)."""

from __future__ import annotations

from thidua_cli.cli.app import sub_app

app = sub_app("(đang xây dựng)")
