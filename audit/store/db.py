"""The local SQLite database: opening it privately and applying schema migrations.

Each area of the tool (history, cache, action-plan tracker) keeps its migrations under its own
namespace; `migrate` applies the missing ones in order, each in its own transaction, and
records them in `_migrations`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from audit.errors import HistoryError
from audit.store.paths import data_dir, private_dir, refuse_symlink

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def default_path() -> Path:
    """The database file in the data directory."""
    return data_dir() / "exposure-audit.sqlite3"


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the database with owner-only permissions."""
    path = path or default_path()
    private_dir(path.parent)
    refuse_symlink(path)  # never open (or chmod) whatever a link points at
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise HistoryError(f"the local database {path} cannot be opened ({exc})") from exc
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    try:
        conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
        conn.row_factory = sqlite3.Row
        # several first runs at once: wait for each other's writes instead of failing
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations ("
            " namespace TEXT NOT NULL, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (datetime('now')),"
            " PRIMARY KEY (namespace, name))"
        )
    except sqlite3.Error as exc:
        raise HistoryError(
            f"the local database {path} cannot be used ({exc}): move it aside to start a "
            "new one, or run with --no-history"
        ) from exc
    return conn


def migrate(conn: sqlite3.Connection, namespace: str, migrations: Sequence[Migration]) -> int:
    """Apply the migrations of `namespace` not yet applied; return how many ran."""
    done = {
        row[0]
        for row in conn.execute("SELECT name FROM _migrations WHERE namespace = ?", (namespace,))
    }
    ran = 0
    for name, step in migrations:
        if name in done:
            continue
        # BEGIN IMMEDIATE takes the write lock (other processes wait, up to the busy
        # timeout); the check is made again under it, as another first run may have just
        # applied this migration.
        nested = conn.in_transaction  # inside a caller's transaction: a savepoint
        conn.execute("SAVEPOINT migrate" if nested else "BEGIN IMMEDIATE")
        try:
            applied = conn.execute(
                "SELECT 1 FROM _migrations WHERE namespace = ? AND name = ?", (namespace, name)
            ).fetchone()
            if applied is None:
                step(conn)
                conn.execute(
                    "INSERT INTO _migrations (namespace, name) VALUES (?, ?)", (namespace, name)
                )
                ran += 1
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK TO migrate" if nested else "ROLLBACK")
            raise
        conn.execute("RELEASE migrate" if nested else "COMMIT")
    return ran


def database_file(conn: sqlite3.Connection) -> str:
    """The file behind a connection (for error messages)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return str(row[2]) or ":memory:"
    return "(unknown)"
