"""Progress that is kept: plan steps marked done (`exposure-audit plan done ID`) per person,
requests seen gone by a later scan, and `apply` which writes both, with each request's status
and next date, into a report's plan before it is rendered (every format shows them).

A person is the history's `subject_key` (name and handles). Tables live under the `progress`
migrations namespace; every function takes the time from its caller.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Protocol

from audit.models import ScanReport
from audit.plan import tracker
from audit.store.db import migrate

NAMESPACE = "progress"


def _m1(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE plan_steps_done (person TEXT NOT NULL, step_id TEXT NOT NULL,"
        " done_at TEXT NOT NULL, PRIMARY KEY (person, step_id))"
    )
    conn.execute(
        "CREATE TABLE plan_requests_gone (request_id TEXT PRIMARY KEY, seen_at TEXT NOT NULL,"
        " scan_id TEXT NOT NULL)"
    )


MIGRATIONS = (("0001_steps_and_gone", _m1),)


def prepare(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Apply the migrations (idempotent) and return the connection."""
    migrate(conn, NAMESPACE, MIGRATIONS)
    return conn


def mark_done(conn: sqlite3.Connection, person: str, step_id: str, now: datetime) -> None:
    """Record that a step is done (kept when the step is marked again)."""
    prepare(conn).execute(
        "INSERT OR IGNORE INTO plan_steps_done (person, step_id, done_at) VALUES (?, ?, ?)",
        (person, step_id, now.isoformat()),
    )
    conn.commit()


def undo(conn: sqlite3.Connection, person: str, step_id: str) -> bool:
    """Mark a step as not done; False when it was not marked."""
    cur = prepare(conn).execute(
        "DELETE FROM plan_steps_done WHERE person = ? AND step_id = ?", (person, step_id)
    )
    conn.commit()
    return cur.rowcount > 0


def done_steps(conn: sqlite3.Connection, person: str) -> dict[str, str]:
    """Step id -> when it was marked done, for one person."""
    rows = prepare(conn).execute(
        "SELECT step_id, done_at FROM plan_steps_done WHERE person = ?", (person,)
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def forget_person(conn: sqlite3.Connection, person: str | None) -> int:
    """Delete the steps marked done of one person (of everyone with None)."""
    prepare(conn)
    if person is None:
        n = conn.execute("DELETE FROM plan_steps_done").rowcount
        n += conn.execute("DELETE FROM plan_requests_gone").rowcount
        return n
    return conn.execute("DELETE FROM plan_steps_done WHERE person = ?", (person,)).rowcount


class _Request(Protocol):
    """A request of a saved plan (a `PlanRequest`, or its brief kept in the history)."""

    @property
    def id(self) -> str: ...

    @property
    def finding_fingerprints(self) -> Collection[str]: ...


def record_gone(
    conn: sqlite3.Connection, requests: Iterable[_Request], gone: Iterable[str],
    scan_id: str, now: datetime,
) -> list[str]:
    """After a rescan: the `requests` of the previous plan whose findings are all gone
    (answered as gone, not merely unchecked) are marked "page gone". Returns their ids."""
    gone = set(gone)
    marked = []
    for req in requests:
        fps = set(req.finding_fingerprints)
        if fps and fps <= gone:
            prepare(conn).execute(
                "INSERT OR IGNORE INTO plan_requests_gone (request_id, seen_at, scan_id)"
                " VALUES (?, ?, ?)",
                (req.id, now.isoformat(), scan_id),
            )
            marked.append(req.id)
    return marked


def gone_marks(conn: sqlite3.Connection) -> dict[str, str]:
    """Request id -> when a rescan saw all its pages gone."""
    rows = prepare(conn).execute("SELECT request_id, seen_at FROM plan_requests_gone").fetchall()
    return {r[0]: r[1] for r in rows}


def status_of(req: tracker.TrackedRequest | None, gone_at: str | None,
              now: datetime) -> tuple[str, str]:
    """(status, next date) of a request: answered, page gone, overdue, filed / extended with
    its deadline, or to send."""
    if req is not None and req.status == "answered":
        return "answered", ""
    if gone_at:
        return "gone", gone_at[:10]
    if req is None:
        return "todo", ""
    due = req.due()
    if req.is_overdue(now):
        return "overdue", due.date().isoformat() if due else ""
    return req.status, due.date().isoformat() if due else ""


def apply(report: ScanReport, conn: sqlite3.Connection, person: str,
          now: datetime) -> ScanReport:
    """The report with its steps' done state and its requests' status and next date."""
    plan = report.plan
    if plan is None:
        return report
    done = done_steps(conn, person)
    checklist = tuple(
        dataclasses.replace(item, done=item.id in done, done_at=done.get(item.id))
        for item in plan.checklist
    )
    gone = gone_marks(conn)
    tracker.prepare(conn)
    requests = []
    for req in plan.requests:
        try:
            tracked: tracker.TrackedRequest | None = tracker.get(conn, req.id)
        except KeyError:
            tracked = None
        status, next_date = status_of(tracked, gone.get(req.id), now)
        requests.append(dataclasses.replace(req, status=status, next_date=next_date or None))
    plan = dataclasses.replace(plan, checklist=checklist, requests=tuple(requests))
    return dataclasses.replace(report, plan=plan)
