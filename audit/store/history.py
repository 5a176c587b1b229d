"""Saved scans: every scan (unless --no-history) is stored with its results and request log,
and two scans can be compared by finding fingerprint (new / gone / unchanged / could not check
now). A finding is "gone" only when the new scan answered the same question (found or not
found); when that question got no answer this time (blocked, timeout, offline, not run), the
finding is "could not check now", never "gone".
"""

from __future__ import annotations

import codecs
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from audit.errors import HistoryError, UnknownIdError
from audit.models import Finding, ScanReport, Status
from audit.plan.types import PlanRequest
from audit.store.db import migrate
from audit.store.savedtext import ReportText
from audit.store.serialize import (
    report_from_dict,
    report_from_json,
)


def _m001_scans(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE scans (id TEXT PRIMARY KEY, started_at TEXT NOT NULL,"
        " finished_at TEXT NOT NULL, label TEXT NOT NULL, interrupted INTEGER NOT NULL,"
        " findings INTEGER NOT NULL, report TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX scans_started ON scans (started_at)")


def _m002_subject_key(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE scans ADD COLUMN subject_key TEXT NOT NULL DEFAULT ''")


def _m003_brief_and_texts(conn: sqlite3.Connection) -> None:
    # what the next scan's comparison needs (see `ScanBrief`); '' for scans saved before
    conn.execute("ALTER TABLE scans ADD COLUMN brief TEXT NOT NULL DEFAULT ''")
    # the text of a long report (`scans.report` is then ''): alone in its row, so SQLite
    # writes it a piece at a time; deleted with its scan
    conn.execute(
        "CREATE TABLE scan_texts (scan_id TEXT PRIMARY KEY"
        " REFERENCES scans (id) ON DELETE CASCADE, report BLOB NOT NULL)"
    )


MIGRATIONS = (("001_scans", _m001_scans), ("002_subject_key", _m002_subject_key),
              ("003_brief_and_texts", _m003_brief_and_texts))
INLINE = 1 << 20  # reports up to this many UTF-8 bytes stay in `scans.report`, as text
PIECE = 1 << 20  # bytes of a saved text read at a time
_TEXT = ("SELECT s.id, s.report, t.report FROM scans AS s"
         " LEFT JOIN scan_texts AS t ON t.scan_id = s.id")


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


@dataclass(frozen=True, slots=True)
class RequestBrief:
    """A request of a saved plan, as the comparison needs it: its id and findings."""

    id: str
    finding_fingerprints: frozenset[str]


@dataclass(frozen=True, slots=True)
class ScanBrief:
    """What saving a rescan needs from the person's previous scan, not the whole report: the
    questions (check, target) that found each finding, and the plan's requests. A 30,000-file
    scan's brief is its fingerprints and targets, not a second report in memory."""

    scan_id: str
    asked: Mapping[str, tuple[tuple[str, str], ...]]  # sorted; most findings have one
    requests: tuple[RequestBrief, ...] = ()

    def gone(self, new: ScanReport) -> list[str]:
        """The fingerprints `diff(previous, new).gone` holds: findings `new` no longer shows,
        though it answered a question that found them."""
        shown = {f.fingerprint for r in new.results for f in r.findings}
        answered = _answered(new)
        return [fp for fp, asked in self.asked.items()
                if fp not in shown and any(q in answered for q in asked)]


def _brief(scan_id: str, pairs: Iterable[tuple[str, str, Iterable[str]]],
           requests: Iterable[PlanRequest]) -> ScanBrief:
    asked: dict[str, set[tuple[str, str]]] = {}
    for check, target, fingerprints in pairs:
        question = (check, target)
        for fp in fingerprints:
            asked.setdefault(fp, set()).add(question)
    return ScanBrief(scan_id, {fp: tuple(sorted(q)) for fp, q in asked.items()},
                     tuple(RequestBrief(r.id, frozenset(r.finding_fingerprints))
                           for r in requests))


def brief_json(brief: ScanBrief) -> str:
    """The saved form of a brief: each finding's fingerprint with the questions that found it,
    and each plan request's id with its findings' fingerprints."""
    return json.dumps({
        "asked": [[fp, [list(x) for x in q]] for fp, q in brief.asked.items()],
        "requests": [[r.id, sorted(r.finding_fingerprints)] for r in brief.requests],
    }, ensure_ascii=False, separators=(",", ":"))


def _brief_from_json(scan_id: str, text: str) -> ScanBrief:
    try:
        d = json.loads(text)
        return ScanBrief(
            scan_id,
            {str(fp): tuple(sorted((str(c), str(t)) for c, t in q)) for fp, q in d["asked"]},
            tuple(RequestBrief(str(i), frozenset(map(str, fps))) for i, fps in d["requests"]))
    except (ValueError, TypeError, KeyError) as exc:
        raise HistoryError(
            f"saved scan {scan_id!r} cannot be read ({type(exc).__name__}: {exc}); "
            "it may come from a damaged database or another version"
        ) from exc


def brief_of(report: ScanReport) -> ScanBrief:
    """The brief of a report in memory."""
    return _brief(report.scan_id,
                  ((r.check, r.target, (f.fingerprint for f in r.findings))
                   for r in report.results),
                  report.plan.requests if report.plan is not None else ())


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

    def save(self, report: ScanReport, text: ReportText | None = None) -> str:
        """Store a report; return its id.

        The report's JSON text is never joined in memory: its pieces are kept as they are made
        up to `KEPT` bytes, and compressed beyond (a 30,000-file scan's 25 MB text is about
        3 MB so). A report of up to `INLINE` bytes is saved as text in `scans.report`; a
        longer one goes to `scan_texts` as UTF-8 bytes, written a piece at a time (SQLite
        incremental blob I/O)."""
        label = report.subject.name or ", ".join(report.subject.handles) or "(photos only)"
        made = text or ReportText.here(report)
        pieces = made.pieces()
        size = pieces.size
        inline = b"".join(pieces.out()).decode("utf-8") if size <= INLINE else ""
        self.conn.execute("DELETE FROM scan_texts WHERE scan_id = ?", (report.scan_id,))
        self.conn.execute(
            "INSERT OR REPLACE INTO scans (id, started_at, finished_at, label, interrupted,"
            " findings, report, subject_key, brief) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.scan_id,
                report.started_at.isoformat(),
                report.finished_at.isoformat(),
                label,
                int(report.interrupted),
                len(report.findings()),
                inline,
                subject_key(report),
                made.brief() or brief_json(brief_of(report)),
            ),
        )
        if size > INLINE:
            cur = self.conn.execute(
                "INSERT INTO scan_texts (scan_id, report) VALUES (?, zeroblob(?))",
                (report.scan_id, size),
            )
            with self.conn.blobopen("scan_texts", "report", cur.lastrowid or 0) as blob:
                for chunk in pieces.out():
                    blob.write(chunk)
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
            _TEXT + " WHERE s.id LIKE ? ORDER BY s.started_at DESC", (scan_id + "%",),
        ).fetchall()
        if not rows:
            raise UnknownIdError(f"no saved scan with id {scan_id!r} (see `history list`)")
        if len(rows) > 1:
            raise UnknownIdError(f"scan id {scan_id!r} is ambiguous: give more characters")
        return _load(scan_id, rows[0][1] or rows[0][2] or "")

    def latest_for(self, report: ScanReport, before: str | None = None) -> ScanReport | None:
        """The most recent saved scan of the same person, other than `report` itself."""
        row = self.conn.execute(
            _TEXT + " WHERE s.subject_key = ? AND s.id != ?"
            " AND s.started_at < ? ORDER BY s.started_at DESC LIMIT 1",
            (subject_key(report), report.scan_id, before or report.started_at.isoformat()),
        ).fetchone()
        return _load(report.scan_id, row[1] or row[2] or "") if row else None

    def brief_before(self, report: ScanReport) -> ScanBrief | None:
        """The brief of `latest_for(report)`: its saved brief, or (a scan saved before briefs
        were kept) read from its saved text a result at a time."""
        row = self.conn.execute(
            "SELECT id, brief FROM scans WHERE subject_key = ? AND id != ?"
            " AND started_at < ? ORDER BY started_at DESC LIMIT 1",
            (subject_key(report), report.scan_id, report.started_at.isoformat()),
        ).fetchone()
        if row is None:
            return None
        if row[1]:
            return _brief_from_json(row[0], row[1])
        return _load_brief(row[0], self._lines(row[0]))

    def _lines(self, scan_id: str) -> Iterator[str]:
        """A saved scan's text a line at a time, read from the database `PIECE` bytes at a
        time (from `scan_texts`, or from `scans.report`): a 30,000-file scan's text is never
        whole in memory."""
        row = self.conn.execute(
            "SELECT s.rowid, t.rowid FROM scans AS s LEFT JOIN scan_texts AS t"
            " ON t.scan_id = s.id WHERE s.id = ?", (scan_id,)).fetchone()
        table, rowid = ("scans", row[0]) if row[1] is None else ("scan_texts", row[1])
        decoder = codecs.getincrementaldecoder("utf-8")()
        rest = ""
        with self.conn.blobopen(table, "report", rowid, readonly=True) as blob:
            while chunk := blob.read(PIECE):
                *lines, rest = (rest + decoder.decode(chunk)).split("\n")
                yield from (line + "\n" for line in lines)
        rest += decoder.decode(b"", final=True)
        if rest:
            yield rest


def _load(scan_id: str, text: str | bytes) -> ScanReport:
    """A saved report (text, or UTF-8 bytes as `save` writes it), or `HistoryError` (one line)
    when it cannot be read back."""
    try:
        return report_from_json(text.decode("utf-8") if isinstance(text, bytes) else text)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise HistoryError(
            f"saved scan {scan_id!r} cannot be read ({type(exc).__name__}: {exc}); "
            "it may come from a damaged database or another version"
        ) from exc


def _asked(result: Mapping[str, Any]) -> tuple[str, str, list[str]]:
    """A saved result's question (check, target) and its findings' fingerprints."""
    return (str(result["check"]), str(result["target"]),
            [str(f["fingerprint"]) for f in result.get("findings") or ()])


def _load_brief(scan_id: str, lines: Iterable[str]) -> ScanBrief:
    """A saved scan's brief from its report's lines (`report_json`'s form: one result a line,
    each read and dropped; any other form is read whole); `HistoryError` as `_load` when it
    cannot be read back."""
    head: list[str] = []  # every line but the results'
    pairs: list[tuple[str, str, list[str]]] = []
    try:
        inside = False
        for line in lines:
            if not inside:
                inside = line == '  "results": [\n'
                if not inside:
                    head.append(line)
            elif line.startswith("  ]"):  # the end of the results
                head.append('  "results": []' + line[3:])
                inside = False
            else:
                pairs.append(_asked(json.loads(line.strip().removesuffix(","))))
        data = json.loads("".join(head))
        if not pairs:  # another JSON form, read whole
            pairs = [_asked(r) for r in data.get("results") or ()]
            data["results"] = []
        plan = report_from_dict(data).plan  # the rest as a full load checks and reads it
        return _brief(str(data["scan_id"]), pairs, plan.requests if plan is not None else ())
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
