"""The evidence log: what the person keeps before reporting or deleting anything.

Owns capturing one piece of evidence (the seed's four columns: date and time with time zone,
screenshot path, URL, account numeric ID; plus the SHA-256 of the page when the person chose to
fetch it, and an opt-in Wayback Machine capture), storing it in the `plan_evidence` table, and
exporting the log as CSV, Markdown or a printable HTML table, saying why a hash is missing when
it is. Fetching is opt-in (it tells the site someone looked) and goes through a `fetch`
callable (the core `HttpClient.send`), so tests point it at a loopback server. A screenshot is
copied into the evidence store (mode 0600) with its SHA-256, so the log does not depend on a
file the person may move or edit.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from audit.check import CheckFailure
from audit.net.model import HttpRequest, HttpResponse, Origin
from audit.plan.texts import say
from audit.plan.tracker import prepare

Fetch = Callable[[HttpRequest], HttpResponse]
# What a fetch may raise: the core's transport errors (timeouts, network, refused addresses).
_FETCH_ERRORS: tuple[type[Exception], ...] = (CheckFailure, OSError)
_ARCHIVE_ERRORS: tuple[type[Exception], ...] = (CheckFailure, OSError, RuntimeError)
WAYBACK_SAVE = "https://web.archive.org/save/"
MAX_PAGE_BYTES = 20_000_000
COLUMNS = (
    "captured_at",
    "screenshot",
    "url",
    "account_id",
    "sha256",
    "http_status",
    "archive_url",
    "note",
    "screenshot_sha256",
    "hash_note",
)


def headers(lang: str) -> tuple[str, ...]:
    """The exported log's column headers in `lang` (French for "fr", English otherwise)."""
    return tuple(say(lang, f"ev_col_{c}") for c in COLUMNS)


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """One row of the evidence log."""

    id: int
    captured_at: str
    url: str
    screenshot: str | None = None
    account_id: str | None = None
    note: str | None = None
    sha256: str | None = None
    http_status: int | None = None
    size: int | None = None
    truncated: bool = False
    archive_url: str | None = None
    error: str | None = None
    screenshot_sha256: str | None = None

    def hash_note(self, lang: str = "en") -> str:
        """Why the page has no SHA-256 ('' when it has one)."""
        if self.sha256:
            return ""
        fetch_error = next(
            (e.removeprefix("fetch: ") for e in (self.error or "").split("; ")
             if e.startswith("fetch: ")), "")
        if fetch_error:
            return say(lang, "ev_fetch_failed", error=fetch_error)
        return say(lang, "ev_not_fetched")


def sha256_hex(body: bytes) -> str:
    """The hex SHA-256 of the page bytes as received."""
    return hashlib.sha256(body).hexdigest()


def _archive(url: str, fetch: Fetch) -> str:
    resp = fetch(
        HttpRequest(
            WAYBACK_SAVE + url,
            origin=Origin.USER,
            sends=("url",),
            max_bytes=2_000_000,
            timeout=120.0,
        )
    )
    if resp.status >= 400:
        raise RuntimeError(f"archive answered HTTP {resp.status}")
    location = resp.headers.get("content-location") or resp.headers.get("location")
    if "/web/" in resp.url:
        return resp.url
    if location:
        return urljoin("https://web.archive.org/", location)
    raise RuntimeError("archive gave no snapshot address")


def store_screenshot(path: str, store: Path) -> tuple[str, str]:
    """Copy a screenshot into the evidence store (0600, named by its hash): (copy, SHA-256).

    An OSError (unreadable file) is for the caller to report."""
    from audit.store.paths import write_private

    data = Path(path).read_bytes()
    digest = sha256_hex(data)
    target = store / f"{digest[:16]}-{Path(path).name}"
    if not target.exists():
        write_private(target, data)
    return str(target), digest


def capture(
    conn: sqlite3.Connection,
    url: str,
    *,
    now: Callable[[], datetime],
    fetch: Fetch | None = None,
    archive: bool = False,
    note: str | None = None,
    screenshot: str | None = None,
    account_id: str | None = None,
    store: Path | None = None,
) -> EvidenceRecord:
    """Record one URL: time (local, with offset), the screenshot copied into `store` with its
    hash, the page's hash when `fetch` is given (opt-in), an optional archive."""
    prepare(conn)
    shot_digest = None
    if screenshot and store is not None:
        screenshot, shot_digest = store_screenshot(screenshot, store)
    moment = now()
    if moment.tzinfo is None:  # a time without its zone is not evidence: attach the local one
        moment = moment.astimezone()
    stamp = moment.isoformat(timespec="seconds")
    digest = status = size = None
    truncated = False
    errors: list[str] = []
    if fetch is not None:
        try:
            resp = fetch(HttpRequest(url, origin=Origin.USER, max_bytes=MAX_PAGE_BYTES))
            digest, status, size = sha256_hex(resp.body), resp.status, len(resp.body)
            truncated = resp.truncated
        except _FETCH_ERRORS as exc:
            errors.append(f"fetch: {exc}")
    archive_url = None
    if archive and fetch is not None:
        try:
            archive_url = _archive(url, fetch)
        except _ARCHIVE_ERRORS as exc:
            errors.append(f"archive: {exc}")
    cur = conn.execute(
        "INSERT INTO plan_evidence (captured_at, url, screenshot, account_id, note, sha256,"
        " http_status, size, truncated, archive_url, error, screenshot_sha256)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            stamp,
            url,
            screenshot,
            account_id,
            note,
            digest,
            status,
            size,
            int(truncated),
            archive_url,
            "; ".join(errors) or None,
            shot_digest,
        ),
    )
    return get(conn, int(cur.lastrowid or 0))


def _record(row: sqlite3.Row) -> EvidenceRecord:
    return EvidenceRecord(
        id=row["id"],
        captured_at=row["captured_at"],
        url=row["url"],
        screenshot=row["screenshot"],
        account_id=row["account_id"],
        note=row["note"],
        sha256=row["sha256"],
        http_status=row["http_status"],
        size=row["size"],
        truncated=bool(row["truncated"]),
        archive_url=row["archive_url"],
        error=row["error"],
        screenshot_sha256=row["screenshot_sha256"],
    )


def get(conn: sqlite3.Connection, ident: int) -> EvidenceRecord:
    """One evidence row by id."""
    prepare(conn)
    row = conn.execute("SELECT * FROM plan_evidence WHERE id = ?", (ident,)).fetchone()
    if row is None:
        raise KeyError(ident)
    return _record(row)


def list_evidence(conn: sqlite3.Connection) -> list[EvidenceRecord]:
    """The whole log, oldest first."""
    prepare(conn)
    return [_record(r) for r in conn.execute("SELECT * FROM plan_evidence ORDER BY id")]


def _cells(rec: EvidenceRecord, lang: str = "en") -> list[str]:
    d = asdict(rec)
    d["hash_note"] = rec.hash_note(lang)
    return ["" if d[c] is None else str(d[c]) for c in COLUMNS]


def to_csv(records: list[EvidenceRecord], lang: str = "en") -> str:
    """CSV with a header row (spreadsheet-safe: cells starting with = + - @ are quoted)."""
    import csv  # imported on first use: the core imports this module on every run

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers(lang))
    for rec in records:
        cells = _cells(rec, lang)
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in cells])
    return buf.getvalue()


def _md(cell: str) -> str:
    """One Markdown table cell: no raw HTML, no table break, no control characters."""
    from audit.sanitize.text import clean_text

    cell = clean_text(cell).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    cell = cell.replace("\\", "\\\\").replace("|", "\\|")
    for mark in ("[", "]", "`", "*", "_"):  # no links, images or code from a note
        cell = cell.replace(mark, "\\" + mark)
    return cell.replace("\r", " ").replace("\n", " ")


def to_markdown(records: list[EvidenceRecord], lang: str = "en") -> str:
    """A Markdown table (pipes, HTML and Markdown marks escaped)."""
    head = headers(lang)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md(c) for c in _cells(r, lang)) + " |" for r in records]
    return "\n".join(lines) + "\n"


def to_html(records: list[EvidenceRecord], lang: str = "en") -> str:
    """A printable, self-contained HTML table (everything escaped, nothing loaded)."""
    import html  # imported on first use: the core imports this module on every run

    head = headers(lang)
    title = say(lang, "ev_title")
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in _cells(r, lang)) + "</tr>\n"
        for r in records
    )
    ths = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in head)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>@page{{size:landscape;margin:1cm}}"
        "body{font:10pt sans-serif}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #444;padding:4px;vertical-align:top;word-break:break-all}"
        f"</style></head><body><h1>{title}</h1><table><thead><tr>{ths}</tr></thead>"
        f"<tbody>\n{rows}</tbody></table></body></html>\n"
    )


EXPORTERS: dict[str, Callable[[list[EvidenceRecord], str], str]] = {
    "csv": to_csv,
    "md": to_markdown,
    "html": to_html,
}
