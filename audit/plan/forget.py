"""Deleting a person's data from the local database (`exposure-audit forget`): their saved
scans, tracked requests, progress marks and cached search answers; or, with `forget_all`,
everything including the evidence log and its files. The file is vacuumed afterwards so the
deleted rows do not stay readable inside it.
"""

from __future__ import annotations

import shutil
import sqlite3

from audit.errors import UnknownIdError
from audit.plan import progress, tracker
from audit.store.history import HistoryStore, subject_key

MIN_ID_PREFIX = 6  # a scan id given as PERSON: enough characters never to match by chance
TABLES = (("scans", "scans"), ("requests", "plan_requests"),
          ("evidence entries", "plan_evidence"), ("cached answers", "cache"))


def _prepare(conn: sqlite3.Connection) -> None:
    from audit.store.cache import Cache

    HistoryStore(conn)
    tracker.prepare(conn)
    progress.prepare(conn)
    Cache(conn)


def _count(conn: sqlite3.Connection, sql: str, args: tuple[object, ...] = ()) -> int:
    return int(conn.execute(sql, args).rowcount)


def forget_all(conn: sqlite3.Connection) -> dict[str, int]:
    """Delete everything this tool keeps about anyone."""
    from audit.store.paths import data_dir

    _prepare(conn)
    counts = {}
    for label, table in TABLES:
        counts[label] = _count(conn, "DELETE FROM " + table)  # noqa: S608 - fixed names
    counts["progress marks"] = progress.forget_person(conn, None)
    files = data_dir() / "evidence"
    if files.is_dir():
        counts["evidence files"] = sum(1 for p in files.rglob("*") if p.is_file())
        shutil.rmtree(files)
    conn.execute("VACUUM")
    return counts


def _matching(conn: sqlite3.Connection, who: str) -> tuple[set[str], list[str], set[str]]:
    """(person keys, scan ids, words to find in cache keys) of the saved scans of `who`: a
    name, a handle or a scan id."""
    store = HistoryStore(conn)
    folded = who.casefold().lstrip("@")
    keys: set[str] = set()
    words: set[str] = set()
    for (scan_id,) in conn.execute("SELECT id FROM scans").fetchall():
        report = store.get(scan_id)
        s = report.subject
        names = {(s.name or "").casefold(), *(h.casefold() for h in s.handles)}
        if folded in names or (len(who) >= MIN_ID_PREFIX and scan_id.startswith(who)):
            keys.add(subject_key(report))
            words.update(w for w in names if w)
            words.update(e.casefold() for e in s.emails)
    ids = [r[0] for r in conn.execute("SELECT id, subject_key FROM scans") if r[1] in keys]
    return keys, ids, words


def forget_person(conn: sqlite3.Connection, who: str) -> dict[str, int]:
    """Delete one person's scans, requests, progress marks and cached answers."""
    _prepare(conn)
    keys, ids, words = _matching(conn, who)
    if not ids:
        raise UnknownIdError(f"no saved scan of {who!r}: see `exposure-audit history list`")
    counts = {"scans": 0, "requests": 0, "progress marks": 0, "cached answers": 0}
    for scan_id in ids:
        counts["requests"] += _count(conn, "DELETE FROM plan_requests WHERE scan_id = ?",
                                     (scan_id,))
        counts["scans"] += _count(conn, "DELETE FROM scans WHERE id = ?", (scan_id,))
    counts["progress marks"] = sum(progress.forget_person(conn, k) for k in keys)
    for word in sorted(words):
        # search answers are keyed by a hash of the query: their text names the person
        counts["cached answers"] += _count(
            conn, "DELETE FROM cache WHERE instr(lower(key), ?) > 0 OR instr(lower(value), ?) > 0",
            (word, word),
        )
    conn.execute("VACUUM")
    return counts


def evidence_kept(conn: sqlite3.Connection) -> int:
    """Entries left in the evidence log (it is not tied to a person)."""
    tracker.prepare(conn)
    return int(conn.execute("SELECT COUNT(*) FROM plan_evidence").fetchone()[0])
