"""Small helpers every command module uses."""

from __future__ import annotations

import typer


def db_of(ctx: typer.Context) -> str | None:
    root = ctx.find_root()
    return (root.obj or {}).get("db")
