"""What the commands over saved data share: the database connection and the clock (from the
click context object's "conn" and "clock" keys when a caller or a test provides them,
otherwise `audit.store.db.connect()` and the system clock), and the workshop-mode masking."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

import click


def obj(ctx: click.Context) -> dict[str, Any]:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, dict) else {}


def conn(ctx: click.Context) -> sqlite3.Connection:
    given = obj(ctx).get("conn")
    if isinstance(given, sqlite3.Connection):
        return given
    from audit.store.db import connect

    return connect()


def mask(ctx: click.Context, redact: bool) -> Callable[[str], str]:
    """Workshop mode: mask the details of the people of the saved scans."""
    from audit.store.masksaved import no_mask, saved_masker

    return saved_masker(conn(ctx)) if redact else no_mask


REDACT = click.option(
    "--redact", is_flag=True, help="Workshop mode: mask the people's details (names, handles...)."
)


def clock(ctx: click.Context) -> Callable[[], datetime]:
    clock = obj(ctx).get("clock")
    if callable(clock):
        return clock  # type: ignore[no-any-return]
    return lambda: datetime.now().astimezone()


