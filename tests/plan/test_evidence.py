"""Evidence log: capture through the real HTTP client (loopback sandbox), hashing, archive,
exports (CSV, Markdown, HTML) and the CLI."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.cli.evidence import evidence_group
from audit.net.oneoff import OneOffClient as HttpClient  # what evidence add uses
from audit.plan import evidence as ev
from audit.sandbox import Reply, Sandbox, World
from audit.settings import Settings
from audit.store.db import connect

POST = "https://harass.example/post/1"
BODY = "<html><body>Camille habite 12 rue des Lilas | =cmd</body></html>"
SNAP = "https://web.archive.org/web/20261122010000/" + POST
PARIS = timezone(timedelta(hours=1))


def _clock() -> datetime:
    return datetime(2026, 11, 22, 1, 0, tzinfo=UTC).astimezone(PARIS)


@pytest.fixture
def client() -> Iterator[HttpClient]:
    world = World()
    world.page(POST, BODY)
    world.route("web.archive.org", "/save/*", Reply(status=302, headers={"Location": SNAP}))
    world.route("web.archive.org", "/web/*", Reply(status=200, body="archived"))
    with Sandbox(world) as sb:
        c = HttpClient(Settings(proxy=sb.proxy_url, ca_bundle=str(sb.ca_path), retries=0))
        yield c
        c.close()


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = connect(tmp_path / "ev.sqlite3")
    yield c
    c.close()


def test_capture_hashes_the_page_and_keeps_the_four_columns(conn, client) -> None:  # type: ignore[no-untyped-def]
    rec = ev.capture(
        conn,
        POST,
        now=_clock,
        fetch=client.send,
        note="threat",
        screenshot="/tmp/shot.png",
        account_id="123456789",
    )
    assert rec.sha256 == hashlib.sha256(BODY.encode()).hexdigest()
    assert rec.http_status == 200
    assert rec.size == len(BODY.encode())
    assert rec.captured_at == "2026-11-22T02:00:00+01:00"
    assert (rec.screenshot, rec.url, rec.account_id) == ("/tmp/shot.png", POST, "123456789")
    assert rec.archive_url is None
    assert rec.error is None
    assert [r.id for r in ev.list_evidence(conn)] == [rec.id]
    sent = [r.url for r in client.request_log]
    assert sent == [POST]


def test_archive_is_opt_in_and_records_the_snapshot(conn, client) -> None:  # type: ignore[no-untyped-def]
    rec = ev.capture(conn, POST, now=_clock, fetch=client.send, archive=True)
    assert rec.archive_url == SNAP
    assert any(r.url.startswith("https://web.archive.org/save/") for r in client.request_log)


def test_fetch_failure_keeps_the_row_with_the_reason(conn) -> None:  # type: ignore[no-untyped-def]
    world = World()
    world.route("gone.example", "/x", Reply(behaviour="reset"))
    with Sandbox(world) as sb:
        c = HttpClient(Settings(proxy=sb.proxy_url, ca_bundle=str(sb.ca_path), retries=0))
        rec = ev.capture(conn, "https://gone.example/x", now=_clock, fetch=c.send)
        c.close()
    assert rec.sha256 is None
    assert rec.error
    assert rec.error.startswith("fetch:")


def test_no_fetch_records_without_network(conn) -> None:  # type: ignore[no-untyped-def]
    rec = ev.capture(conn, POST, now=_clock, fetch=None, archive=True)
    assert rec.sha256 is None
    assert rec.archive_url is None
    assert rec.error is None


def test_csv_export_has_the_columns_and_neutralises_formulas(conn, client) -> None:  # type: ignore[no-untyped-def]
    ev.capture(conn, POST, now=_clock, fetch=client.send, note="=HYPERLINK(1)", account_id="42")
    rows = list(csv.reader(io.StringIO(ev.to_csv(ev.list_evidence(conn), "fr"))))
    assert rows[0][:4] == ["Date et heure", "Capture d'écran", "URL", "Identifiant du compte"]
    assert rows[1][0] == "2026-11-22T02:00:00+01:00"
    assert rows[1][2] == POST
    assert rows[1][3] == "42"
    assert rows[1][4] == hashlib.sha256(BODY.encode()).hexdigest()
    assert rows[1][7] == "'=HYPERLINK(1)"
    assert rows[1][-1] == ""  # the page has its hash: nothing to explain


def test_markdown_and_html_exports_escape(conn) -> None:  # type: ignore[no-untyped-def]
    ev.capture(conn, "https://e.example/a|b", now=_clock, note="<script>x</script>")
    records = ev.list_evidence(conn)
    md = ev.to_markdown(records)
    assert "a\\|b" in md
    assert md.count("\n") == 3
    page = ev.to_html(records, "fr")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "Journal des preuves" in page
    assert "http" not in page.split("<body>")[0]


def test_cli_add_list_export(conn, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    obj = {"conn": conn, "clock": _clock, "http_client": client}
    res = runner.invoke(
        evidence_group, ["add", POST, "--fetch", "--note", "menace", "--account-id", "77"],
        obj=obj,
    )
    assert res.exit_code == 0, res.output
    assert hashlib.sha256(BODY.encode()).hexdigest() in res.output
    res = runner.invoke(evidence_group, ["add", "not-a-url"], obj=obj)
    assert res.exit_code != 0
    res = runner.invoke(evidence_group, ["add", POST, "--no-fetch"], obj=obj)
    assert res.exit_code == 0
    assert "SHA-256 " not in res.output
    assert "page not downloaded" in res.output
    res = runner.invoke(evidence_group, ["list"], obj=obj)
    assert "id=77" in res.output
    assert "menace" in res.output
    out = tmp_path / "log.csv"
    res = runner.invoke(evidence_group, ["export", "--format", "csv", "-o", str(out)], obj=obj)
    assert res.exit_code == 0
    assert "2 row(s)" in res.output
    assert (out.stat().st_mode & 0o777) == 0o600
    assert POST in out.read_text("utf-8")


def test_cli_captures_every_marked_url_and_a_dead_one_does_not_stop_the_rest(
    conn, client, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    marked = tmp_path / "raid.txt"
    marked.write_text(
        f"# pages seen during the raid\n{POST}\nhttps://harass.example/gone\n\n", "utf-8"
    )
    obj = {"conn": conn, "clock": _clock, "http_client": client}
    res = CliRunner().invoke(
        evidence_group,
        ["add", "https://harass.example/post/1", "--from-file", str(marked), "--fetch"],
        obj=obj,
    )
    assert res.exit_code == 0, res.output
    rows = ev.list_evidence(conn)
    assert [r.url for r in rows] == [POST, POST, "https://harass.example/gone"]
    assert rows[0].sha256 == hashlib.sha256(BODY.encode()).hexdigest()
    assert rows[2].http_status == 404


def test_cli_add_needs_a_url() -> None:
    res = CliRunner().invoke(evidence_group, ["add"], obj={})
    assert res.exit_code == 2
    assert "at least one URL" in res.output


def test_markdown_export_writes_note_and_account_id_as_text_not_html(conn) -> None:  # type: ignore[no-untyped-def]
    ev.capture(conn, "https://e.example/a", now=_clock, note="<img src=x onerror=alert(1)>",
               account_id="<b>x</b>\x1b[2J[click](javascript:alert(1))")
    md = ev.to_markdown(ev.list_evidence(conn))
    assert "<img" not in md
    assert "<b>" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "\x1b" not in md
    assert "[click](" not in md  # the link marks are escaped


def test_add_sends_nothing_by_default_and_copies_the_screenshot(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class NoNetwork:
        def send(self, request):  # pragma: no cover - must not be called
            raise AssertionError(f"evidence add sent {request.url}")

    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    store = tmp_path / "store"
    obj = {"conn": conn, "clock": _clock, "http_client": NoNetwork(), "evidence_store": store}
    res = CliRunner().invoke(evidence_group, ["add", POST, "--screenshot", str(shot)], obj=obj)
    assert res.exit_code == 0, res.output
    assert "page not downloaded" in res.output
    rec = ev.list_evidence(conn)[0]
    digest = hashlib.sha256(shot.read_bytes()).hexdigest()
    assert rec.screenshot_sha256 == digest
    copy = Path(rec.screenshot or "")
    assert copy.parent == store
    assert copy.read_bytes() == shot.read_bytes()
    assert (copy.stat().st_mode & 0o777) == 0o600
    shot.write_bytes(b"edited later")  # the log keeps the copy it hashed
    assert copy.read_bytes() != shot.read_bytes()
    rows = list(csv.reader(io.StringIO(ev.to_csv(ev.list_evidence(conn), "en"))))
    assert rows[1][8] == digest
    assert "no --fetch" in rows[1][9]
    assert "tells the site" in rows[1][9]


def test_export_says_why_a_fetched_page_has_no_hash(conn) -> None:  # type: ignore[no-untyped-def]
    def broken(request):
        raise OSError("connection refused")

    ev.capture(conn, POST, now=_clock, fetch=broken)
    md = ev.to_markdown(ev.list_evidence(conn), "fr")
    assert "n'a pas pu être téléchargée : connection refused" in md
