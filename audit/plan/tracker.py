"""Follow-up of the requests of the action plan, stored in the local SQLite database.

Owns the `plan` migrations namespace (tables `plan_requests` and `plan_evidence`), saving the
requests of a scan's plan (`save_requests`), their status (todo -> filed -> answered, with an
optional "extended" notice from the recipient) and the overdue logic: a deadline of 30 days is
read as one calendar month and 60 as two, as GDPR Art. 12(3) counts them. Every function takes
the current time from the caller, so tests inject their own clock.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.plan.types import PlanRequest

# `kb` and `letters` are imported on first use (in `follow_up`): the core saves requests on
# every scan, the letters are only written by `requests` commands.

NAMESPACE = "plan"
STATUSES = ("todo", "filed", "extended", "answered")


def _m1(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE plan_requests ("
        " id TEXT PRIMARY KEY, scan_id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,"
        " recipient TEXT NOT NULL, data TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'todo',"
        " reference TEXT, filed_at TEXT, extended_at TEXT, answered_at TEXT, outcome TEXT,"
        " first_seen TEXT NOT NULL, last_seen TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE plan_evidence ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, captured_at TEXT NOT NULL, url TEXT NOT NULL,"
        " screenshot TEXT, account_id TEXT, note TEXT, sha256 TEXT, http_status INTEGER,"
        " size INTEGER, truncated INTEGER NOT NULL DEFAULT 0, archive_url TEXT, error TEXT)"
    )


def _m2(conn: sqlite3.Connection) -> None:
    # the screenshot is copied into the evidence store; its hash proves it was not changed
    conn.execute("ALTER TABLE plan_evidence ADD COLUMN screenshot_sha256 TEXT")


MIGRATIONS: Sequence[tuple[str, Any]] = (
    ("0001_requests_and_evidence", _m1),
    ("0002_evidence_screenshot_sha256", _m2),
)


def prepare(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Apply the plan's migrations (idempotent) and return the connection."""
    from audit.store.db import migrate

    migrate(conn, NAMESPACE, MIGRATIONS)
    return conn


def save_requests(
    conn: sqlite3.Connection,
    scan_id: str,
    requests: Iterable[PlanRequest],
    now: datetime | None = None,
) -> int:
    """Store (or refresh) the requests of a scan's plan (their JSON form); statuses already
    set are kept."""
    from audit.store.planjson import plan_request_to_dict

    prepare(conn)
    stamp = (now or datetime.now().astimezone()).isoformat()
    count = 0
    for typed in requests:
        req = plan_request_to_dict(typed)
        data = json.dumps(req, ensure_ascii=False, default=str)
        conn.execute(
            "INSERT INTO plan_requests (id, scan_id, kind, title, recipient, data, first_seen,"
            " last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET scan_id = excluded.scan_id, data = excluded.data,"
            " title = excluded.title, recipient = excluded.recipient,"
            " last_seen = excluded.last_seen",
            (
                req["id"],
                scan_id,
                req["kind"],
                req.get("title") or req["kind"],
                req.get("recipient") or "",
                data,
                stamp,
                stamp,
            ),
        )
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class TrackedRequest:
    """One stored request with its follow-up state."""

    id: str
    scan_id: str
    kind: str
    title: str
    recipient: str
    status: str
    data: Mapping[str, Any]
    reference: str | None
    filed_at: datetime | None
    extended_at: datetime | None
    answered_at: datetime | None
    outcome: str | None

    def due(self) -> datetime | None:
        """When an answer is due (None when not filed or no legal deadline)."""
        days = self.data.get("deadline_days")
        if self.filed_at is None or not days:
            return None
        total = int(days)
        if self.extended_at is not None:
            total += int(self.data.get("extension_days") or 0)
        return add_deadline(self.filed_at, total)

    def is_overdue(self, now: datetime) -> bool:
        """Filed, not answered, and past its deadline."""
        due = self.due()
        return self.status in ("filed", "extended") and due is not None and now > due


def add_months(start: datetime, months: int) -> datetime:
    """Same day `months` later (clamped to the month's last day)."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    for day in (start.day, 30, 29, 28):
        try:
            return start.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError("unreachable")


def add_deadline(start: datetime, days: int) -> datetime:
    """Add a legal delay: multiples of 30 days count as calendar months, others as days."""
    if days % 30 == 0:
        return add_months(start, days // 30)
    return start + timedelta(days=days)


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _row(row: sqlite3.Row) -> TrackedRequest:
    return TrackedRequest(
        id=row["id"],
        scan_id=row["scan_id"],
        kind=row["kind"],
        title=row["title"],
        recipient=row["recipient"],
        status=row["status"],
        data=json.loads(row["data"]),
        reference=row["reference"],
        filed_at=_dt(row["filed_at"]),
        extended_at=_dt(row["extended_at"]),
        answered_at=_dt(row["answered_at"]),
        outcome=row["outcome"],
    )


def list_requests(conn: sqlite3.Connection, status: str | None = None) -> list[TrackedRequest]:
    """Stored requests, most recently seen first (optionally of one status)."""
    prepare(conn)
    sql = "SELECT * FROM plan_requests"
    args: tuple[Any, ...] = ()
    if status:
        sql += " WHERE status = ?"
        args = (status,)
    rows = conn.execute(sql + " ORDER BY last_seen DESC, kind, title", args).fetchall()
    return [_row(r) for r in rows]


def get(conn: sqlite3.Connection, ident: str) -> TrackedRequest:
    """One request by id or unique id prefix; KeyError when none or ambiguous."""
    prepare(conn)
    rows = conn.execute(
        "SELECT * FROM plan_requests WHERE substr(id, 1, ?) = ? ORDER BY id",
        (len(ident), ident),
    ).fetchall()
    exact = [r for r in rows if r["id"] == ident]
    if exact:
        return _row(exact[0])
    if len(rows) != 1:
        raise KeyError(f"no single request matches {ident!r} ({len(rows)} found)")
    return _row(rows[0])


def mark_filed(
    conn: sqlite3.Connection, ident: str, now: datetime, reference: str | None = None
) -> TrackedRequest:
    """Record that the request was sent (now), with the recipient's reference if any."""
    req = get(conn, ident)
    conn.execute(
        "UPDATE plan_requests SET status = 'filed', filed_at = ?,"
        " reference = COALESCE(?, reference)"
        " WHERE id = ?",
        (now.isoformat(), reference, req.id),
    )
    return get(conn, req.id)


def mark_extended(conn: sqlite3.Connection, ident: str, now: datetime) -> TrackedRequest:
    """Record that the recipient announced an extension (GDPR: two more months)."""
    req = get(conn, ident)
    if req.filed_at is None:
        raise ValueError("mark the request as filed first")
    conn.execute(
        "UPDATE plan_requests SET status = 'extended', extended_at = ? WHERE id = ?",
        (now.isoformat(), req.id),
    )
    return get(conn, req.id)


def mark_answered(
    conn: sqlite3.Connection, ident: str, now: datetime, outcome: str = ""
) -> TrackedRequest:
    """Record the answer (and what it said)."""
    req = get(conn, ident)
    conn.execute(
        "UPDATE plan_requests SET status = 'answered', answered_at = ?, outcome = ? WHERE id = ?",
        (now.isoformat(), outcome, req.id),
    )
    return get(conn, req.id)


def overdue(conn: sqlite3.Connection, now: datetime) -> list[TrackedRequest]:
    """Filed requests past their deadline without an answer."""
    return [r for r in list_requests(conn) if r.is_overdue(now)]


def follow_up(req: TrackedRequest, now: datetime, lang: str = "en") -> dict[str, Any]:
    """What to do about an overdue request: the next step, its link and, where it helps, a
    complaint text for the data-protection authority."""
    due = req.due()
    lang = lang if lang in ("en", "fr") else "en"
    out: dict[str, Any] = {
        "id": req.id,
        "title": req.title,
        "recipient": req.recipient,
        "reference": req.reference,
        "due": due.isoformat() if due else None,
        "days_late": (now - due).days if due else 0,
        "next_step": req.data.get("next_step") or "",
        "next_step_url": req.data.get("next_step_url"),
        "letter": None,
    }
    if req.kind in ("removal", "broker_optout", "delisting") and out["next_step_url"]:
        dpa = _dpa_for(out["next_step_url"])
        values = {
            "recipient": dpa or "",
            "controller": req.recipient,
            "sent_on": req.filed_at.date().isoformat() if req.filed_at else "",
            "reference": req.reference or "",
            "name": str(req.data.get("name") or ""),
        }
        from audit.plan import letters

        out["letter"] = letters.render(
            "dpa_complaint", lang, values, list(req.data.get("target_urls") or ())
        )
    return out


def _dpa_for(url: str) -> str | None:
    from audit.plan import kb

    for code in ("FR", "BE", "CH", "CA", "UK", "US", "EU"):
        dpa = kb.jurisdiction(code).get("dpa") or {}
        if dpa.get("complaint_url") == url:
            return str(dpa["name"])
    return None
