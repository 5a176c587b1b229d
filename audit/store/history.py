"""Saved scans: every scan (unless --no-history) is stored with its results and request log,
and two scans can be compared by finding fingerprint (new / gone / unchanged / could not check
now). A finding is "gone" only when the new scan answered the same question (found or not
found); when that question got no answer this time (blocked, timeout, offline, not run), the
finding is "could not check now", never "gone".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from audit.errors import HistoryError, UnknownIdError
from audit.models import Finding, ScanReport, Status
from audit.store.db import migrate
from audit.store.serialize import report_from_json, report_json


def _m001_scans(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE scans (id TEXT PRIMARY KEY, started_at TEXT NOT NULL,"
        " finished_at TEXT NOT NULL, label TEXT NOT NULL, interrupted INTEGER NOT NULL,"
        " findings INTEGER NOT NULL, report TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX scans_started ON scans (started_at)")


def _m002_subject_key(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE scans ADD COLUMN subject_key TEXT NOT NULL DEFAULT ''")


MIGRATIONS = (("001_scans", _m001_scans), ("002_subject_key", _m002_subject_key))


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """One line of `history list`."""

    scan_id: str
    started_at: str
    label: str
    findings: int
    interrupted: bool


@dataclass(frozen=True, slots=True)
class HistoryDiff:
    """What changed between two scans, by finding fingerprint."""

    new: tuple[Finding, ...]
    gone: tuple[Finding, ...]
    unchanged: tuple[Finding, ...]
    unchecked: tuple[Finding, ...] = ()

    def as_dict(self) -> dict[str, list[dict[str, str]]]:
        """JSON-ready form (fingerprint, kind, title, severity) used in reports."""

        def brief(fs: tuple[Finding, ...]) -> list[dict[str, str]]:
            return [
                {
                    "fingerprint": f.fingerprint,
                    "kind": f.kind,
                    "title": f.title,
                    "severity": f.severity.label,
                }
                for f in fs
            ]

        return {
            "new": brief(self.new),
            "gone": brief(self.gone),
            "unchanged": brief(self.unchanged),
            "unchecked": brief(self.unchecked),
        }


def subject_key(report: ScanReport) -> str:
    """A key that groups scans of the same person (name and handles, normalised)."""
    s = report.subject
    parts = [(s.name or "").casefold(), *sorted(h.casefold() for h in s.handles)]
    return "|".join(parts)


class HistoryStore:
    """Scans saved in the local database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        migrate(conn, "history", MIGRATIONS)

    def save(self, report: ScanReport) -> str:
        """Store a report; return its id."""
        label = report.subject.name or ", ".join(report.subject.handles) or "(photos only)"
        self.conn.execute(
            "INSERT OR REPLACE INTO scans (id, started_at, finished_at, label, interrupted,"
            " findings, report, subject_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.scan_id,
                report.started_at.isoformat(),
                report.finished_at.isoformat(),
                label,
                int(report.interrupted),
                len(report.findings()),
                report_json(report, sort_keys=False),
                subject_key(report),
            ),
        )
        return report.scan_id

    def list(self, limit: int = 50) -> list[ScanSummary]:
        """The most recent scans first."""
        rows = self.conn.execute(
            "SELECT id, started_at, label, findings, interrupted FROM scans"
            " ORDER BY started_at DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [ScanSummary(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    def get(self, scan_id: str) -> ScanReport:
        """Load a saved scan by id (a unique prefix is enough)."""
        rows = self.conn.execute(
            "SELECT report FROM scans WHERE id LIKE ? ORDER BY started_at DESC",
            (scan_id + "%",),
        ).fetchall()
        if not rows:
            raise UnknownIdError(f"no saved scan with id {scan_id!r} (see `history list`)")
        if len(rows) > 1:
            raise UnknownIdError(f"scan id {scan_id!r} is ambiguous: give more characters")
        return _load(scan_id, rows[0][0])

    def latest_for(self, report: ScanReport, before: str | None = None) -> ScanReport | None:
        """The most recent saved scan of the same person, other than `report` itself."""
        row = self.conn.execute(
            "SELECT report FROM scans WHERE subject_key = ? AND id != ?"
            " AND started_at < ? ORDER BY started_at DESC LIMIT 1",
            (subject_key(report), report.scan_id, before or report.started_at.isoformat()),
        ).fetchone()
        return _load(report.scan_id, row[0]) if row else None


def _load(scan_id: str, text: str) -> ScanReport:
    """A saved report, or `HistoryError` (one line) when it cannot be read back."""
    try:
        return report_from_json(text)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise HistoryError(
            f"saved scan {scan_id!r} cannot be read ({type(exc).__name__}: {exc}); "
            "it may come from a damaged database or another version"
        ) from exc


def _answered(report: ScanReport) -> set[tuple[str, str]]:
    """The (check, target) questions this scan got an answer to (found or not found)."""
    return {
        (r.check, r.target)
        for r in report.results
        if r.status in (Status.FOUND, Status.NOT_FOUND)
    }


def diff(old: ScanReport, new: ScanReport) -> HistoryDiff:
    """Compare two scans by finding fingerprint.

    A finding of the old scan that the new one does not show is "gone" only when the new scan
    answered at least one of the questions that found it; otherwise it is "unchecked".
    """
    before = {f.fingerprint: f for f in old.findings()}
    after = {f.fingerprint: f for f in new.findings()}
    asked: dict[str, set[tuple[str, str]]] = {}
    for r in old.results:
        for f in r.findings:
            asked.setdefault(f.fingerprint, set()).add((r.check, r.target))
    answered = _answered(new)
    missing = [(k, f) for k, f in before.items() if k not in after]
    return HistoryDiff(
        new=tuple(f for k, f in after.items() if k not in before),
        gone=tuple(f for k, f in missing if asked.get(k, set()) & answered),
        unchanged=tuple(f for k, f in after.items() if k in before),
        unchecked=tuple(f for k, f in missing if not asked.get(k, set()) & answered),
    )


def nothing_answered(report: ScanReport) -> bool:
    """True when the scan ran questions and none of them got an answer (e.g. offline)."""
    return bool(report.results) and not _answered(report)
