"""Follow-ups that stay honest and progress that is kept: `watch` (never "gone" for what could
not be checked, refuses the demo, exit 4 when nothing answered, no traceback), `plan
list|done|undo`, `summary`, `forget`, early format checks, folders without a slash, one exit
code per kind of error, and accounts found printed live on stderr."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from audit import Outcome, Reason, Status, api
from audit.cli import cli
from audit.models import Subject
from audit.settings import Settings
from tests.fakes import FoundCheck, NotFoundCheck, RaisingCheck, registry_with

SCHEMA = json.loads((Path(__file__).resolve().parents[3] / "docs/report.schema.json").read_text())


class OfflineFound(FoundCheck):
    """The `found` check, answering nothing (as offline)."""

    def run(self, probe, ctx):
        return Outcome(Status.UNKNOWN, reason=Reason.NETWORK, detail="offline")


@pytest.fixture
def fakes(monkeypatch):
    from reports.firsttext import SummaryRenderer
    from reports.html import HtmlRenderer

    reg = registry_with(FoundCheck, NotFoundCheck, RaisingCheck)
    reg.add_renderer(SummaryRenderer)
    reg.add_renderer(HtmlRenderer)
    monkeypatch.setattr(api, "_REGISTRY", reg)
    return reg


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def run_main(monkeypatch, capsys, *args):
    """Run the real entry point; return (exit code, stdout, stderr)."""
    import audit.cli as cli_mod

    monkeypatch.setattr(sys, "argv", ["exposure-audit", *args])
    with pytest.raises(SystemExit) as exc:
        cli_mod.main()
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def saved_scan(handle="alice", tags=None, only=("found", "notfound")):
    report = api.run_scan(Subject(handles=(handle,)), Settings(only=only), tags=tags)
    return report.scan_id


def test_watch_refuses_the_demo(fakes, monkeypatch, capsys):
    scan_id = saved_scan(tags={"demo": True})
    code, _, err = run_main(monkeypatch, capsys, "watch", scan_id)
    assert code == 2
    assert "demo" in err
    assert "Traceback" not in err
    # and without an id, a demo scan is never picked
    code, _, err = run_main(monkeypatch, capsys, "watch")
    assert code == 2
    assert "no saved audit to watch" in err


def test_watch_says_could_not_check_now_and_never_gone(fakes, monkeypatch):
    scan_id = saved_scan()
    fakes.checks["found"] = OfflineFound  # this site does not answer this time
    res = invoke("watch", scan_id)
    assert res.exit_code == 0, res.output
    assert "could not check now" in res.stdout
    assert "0 gone" in res.stdout
    assert "1 could not check now" in res.stdout
    data = json.loads(invoke("watch", scan_id, "--json").stdout)
    assert data["gone"] == []
    assert [x["title"] for x in data["unchecked"]] == ["account on t1"]


def test_watch_exits_4_and_saves_nothing_when_nothing_answered(fakes, monkeypatch, capsys):
    scan_id = saved_scan(only=("found",))
    fakes.checks["found"] = OfflineFound
    before = invoke("history", "list").stdout.count("\n")
    code, out, err = run_main(monkeypatch, capsys, "watch", scan_id)
    assert code == 4
    assert "nothing could be checked" in err
    assert "gone" not in out
    assert invoke("history", "list").stdout.count("\n") == before


def test_library_tracebacks_never_reach_the_terminal(capsys):
    from audit.cli import log as clilog

    handler = clilog.quiet_logs()
    try:
        try:
            raise AssertionError("inner")
        except AssertionError:
            logging.getLogger("asyncio").error("Exception in callback", exc_info=True)
            logging.getLogger("urllib3.connectionpool").warning("Retrying\nmore", exc_info=True)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "Exception in callback" not in err
        assert "warning: Retrying" in err
        assert "1 internal network message" in clilog.hidden_note()
        import threading

        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "a background task stopped (ZeroDivisionError" in err
    finally:
        import threading

        logging.getLogger().removeHandler(handler)
        clilog._HANDLER = None
        threading.excepthook = threading.__excepthook__
        sys.unraisablehook = sys.__unraisablehook__
        logging.lastResort = logging._StderrHandler(logging.WARNING)


def test_plan_done_and_undo_are_kept_and_shown_in_reports(fakes, tmp_path):
    scan_id = saved_scan()
    listing = invoke("plan", "list").stdout
    first = listing.splitlines()[0].split()[2]
    assert listing.startswith("[ ] chk-")
    res = invoke("plan", "done", first)
    assert res.exit_code == 0
    assert invoke("plan", "list").stdout.startswith(f"[x] {first}")
    assert "1 of" in invoke("plan", "list").stdout
    data = json.loads(invoke("history", "show", scan_id, "-f", "json").stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    item = next(i for i in data["checklist"] if i["id"] == first)
    assert item["done"] is True
    assert item["done_at"]
    # a new scan of the same person keeps the step done
    saved_scan()
    assert invoke("plan", "list").stdout.startswith(f"[x] {first}")
    invoke("plan", "undo", first)
    assert invoke("plan", "list").stdout.startswith(f"[ ] {first}")


def _with_a_request(scan_id):
    """Give the saved scan a removal request (the fake finding makes none)."""
    import dataclasses

    from audit.plan.tracker import save_requests
    from audit.plan.types import ActionPlan, PlanRequest
    from audit.store.db import connect
    from audit.store.history import HistoryStore

    conn = connect()
    store = HistoryStore(conn)
    report = store.get(scan_id)
    req = PlanRequest(id="req-test", kind="removal", title="Remove it", recipient="Site t1",
                      target_urls=("https://t1.example/x",), deadline_days=30,
                      finding_fingerprints=tuple(f.fingerprint for f in report.findings()))
    plan = dataclasses.replace(report.plan or ActionPlan(), requests=(req,))
    store.save(dataclasses.replace(report, plan=plan))
    save_requests(conn, scan_id, [req])
    return req.id


def test_requests_status_appears_in_every_report(fakes):
    scan_id = saved_scan()
    rid = _with_a_request(scan_id)
    data = json.loads(invoke("history", "show", scan_id, "-f", "json").stdout)
    assert data["requests"][0]["status"] == "todo"
    invoke("requests", "filed", rid)
    data = json.loads(invoke("history", "show", scan_id, "-f", "json").stdout)
    assert data["requests"][0]["status"] == "filed"
    assert data["requests"][0]["next_date"]  # the legal deadline
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    md = invoke("history", "show", scan_id, "-f", "table").stdout
    assert "Site t1" in md or "filed" in md


def test_a_rescan_that_sees_the_page_gone_closes_its_request(fakes):
    scan_id = saved_scan()
    rid = _with_a_request(scan_id)
    fakes.checks["found"] = type("GoneNow", (NotFoundCheck,), {"name": "found"})
    new_id = saved_scan()
    _with_a_request(new_id)
    data = json.loads(invoke("history", "show", new_id, "-f", "json").stdout)
    req = next(r for r in data["requests"] if r["id"] == rid)
    assert req["status"] == "gone"
    assert "[page gone" in invoke("requests", "list").stdout


def test_unknown_ids_exit_2_whatever_they_name(fakes, monkeypatch, capsys):
    saved_scan()
    for args in (("history", "show", "nope"), ("requests", "show", "nope"),
                 ("plan", "done", "chk-nope"), ("summary", "nope")):
        code, _, err = run_main(monkeypatch, capsys, *args)
        assert code == 2, args
        assert "Traceback" not in err


def test_summary_prints_the_first_24_hours(fakes):
    saved_scan()
    res = invoke("summary")
    assert res.exit_code == 0
    assert "The first 24 hours" in res.stdout
    assert "Your first steps" in res.stdout


def test_forget_one_person_then_everyone(fakes):
    saved_scan("alice")
    saved_scan("bob")
    res = invoke("forget", "alice", input="n\n")
    assert res.exit_code == 1  # aborted: nothing deleted
    assert "alice" in invoke("history", "list").stdout
    res = invoke("forget", "alice", "--yes")
    assert res.exit_code == 0, res.output
    assert "1 scans" in res.stdout
    listing = invoke("history", "list").stdout
    assert "alice" not in listing
    assert "bob" in listing
    res = invoke("forget", "--all", "--yes")
    assert res.exit_code == 0
    assert invoke("history", "list").stdout.strip() == "No saved scans yet."
    assert invoke("requests", "list").stdout.startswith("No requests")


def test_forget_needs_a_person_or_all(fakes, monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "forget", "--yes")
    assert code == 2
    code, _, err = run_main(monkeypatch, capsys, "forget", "nobody", "--yes")
    assert code == 2
    assert "no saved scan of 'nobody'" in err


def test_a_bad_format_is_refused_before_the_scan_runs(fakes, monkeypatch, capsys):
    ran = []

    class Spy(FoundCheck):
        def run(self, probe, ctx):
            ran.append(probe.target)
            return super().run(probe, ctx)

    fakes.checks["found"] = Spy
    code, _, err = run_main(monkeypatch, capsys, "scan", "--handle", "a", "--only", "found",
                            "-f", "pdf", "--no-history")
    assert code == 2
    assert "unknown format 'pdf'" in err
    assert ran == []


def test_format_aliases_and_folders_without_a_slash(fakes, tmp_path):
    out = tmp_path / "my-audit"
    res = invoke("scan", "--handle", "alice", "--only", "found", "-o", str(out), "--no-history")
    assert res.exit_code == 0, res.output
    assert out.is_dir()
    assert {p.name for p in out.iterdir()} == {"report.html", "report.json", "report.txt"}
    # with -o the terminal gets the short summary and where the HTML report is
    assert "The first 24 hours" in res.stdout
    assert (out / "report.html").resolve().as_uri() in res.stdout


def test_md_is_markdown():
    from audit.plugins import load_plugins

    reg = load_plugins(include_installed=False)
    assert api.check_formats(["md", "HTML", "txt"], reg) == ["markdown", "html", "table"]


def test_found_accounts_appear_live_on_stderr_and_json_stays_clean(fakes):
    res = CliRunner().invoke(cli, ["scan", "--handle", "alice", "--only", "found", "-f", "json",
                                   "--no-history"], catch_exceptions=False)
    assert res.exit_code == 0
    assert json.loads(res.stdout)["scan_id"]
    assert "+ found: t1" in res.stderr
    quiet = CliRunner().invoke(cli, ["scan", "--handle", "alice", "--only", "found", "-f",
                                     "json", "--no-history", "-q"])
    assert "+ found" not in quiet.stderr


def test_redact_on_commands_that_show_stored_data(fakes, tmp_path):
    scan_id = saved_scan("camdufresne")
    _with_a_request(scan_id)
    from audit.plan import tracker
    from audit.store.db import connect

    conn = connect()
    conn.execute("UPDATE plan_requests SET title = 'Remove camdufresne from t1'")
    plain = invoke("requests", "list").stdout
    assert "camdufresne" in plain
    masked = invoke("requests", "list", "--redact").stdout
    assert "camdufresne" not in masked
    assert "handle-1" in masked
    assert "camdufresne" not in invoke("requests", "show", "req-test", "--redact").stdout
    invoke("evidence", "add", "https://t1.example/camdufresne", "--note", "camdufresne posted")
    assert "camdufresne" in invoke("evidence", "list").stdout
    assert "camdufresne" not in invoke("evidence", "list", "--redact").stdout
    out = tmp_path / "ev.csv"
    invoke("evidence", "export", "-o", str(out), "--redact")
    assert "camdufresne" not in out.read_text()
    other = saved_scan("camdufresne")
    diffed = invoke("history", "diff", scan_id, other, "--redact").stdout
    assert "camdufresne" not in diffed
    assert "camdufresne" in invoke("history", "list").stdout
    assert "camdufresne" not in invoke("history", "list", "--redact").stdout
    assert tracker.get(conn, "req-test").title == "Remove camdufresne from t1"  # data unchanged


def test_handout_accepts_redact_and_tells_trainers_to_forget(monkeypatch):
    from audit.cli import _register_extras

    _register_extras()
    res = invoke("handout", "--lang", "fr", "--redact")
    assert res.exit_code == 0, res.output
    assert "exposure-audit forget --all --yes" in res.stdout


def test_kb_show_names_the_alias_and_checks_says_opt_in():
    from audit.cli import _register_extras

    _register_extras()
    shown = invoke("kb", "show", "twitter").stdout
    assert "generic advice" not in shown
    assert "X (Twitter)" in shown
    assert "generic advice" in invoke("kb", "show", "no-such-site").stdout
    listing = invoke("checks").stdout
    assert "unless opted out" not in listing
    assert "--email-queries" in listing


def test_forget_by_scan_id_needs_enough_characters(fakes):
    scan_id = saved_scan("alice")
    res = CliRunner().invoke(cli, ["forget", scan_id[:1], "--yes"])
    assert res.exit_code != 0
    assert "alice" in invoke("history", "list").stdout
    assert invoke("forget", scan_id[:8], "--yes").exit_code == 0
    assert "alice" not in invoke("history", "list").stdout


def test_forget_deletes_the_persons_cached_answers_only(fakes):
    from datetime import datetime

    from audit.store.cache import Cache
    from audit.store.db import connect

    saved_scan("alice")
    saved_scan("bob")
    cache = Cache(connect())
    now = datetime.now(UTC)
    cache.put("search", "q1", {"hits": [["https://x.example/alice", "alice at home"]]}, 3600, now)
    cache.put("search", "q2", {"hits": [["https://x.example/bob", "bob b_b"]]}, 3600, now)
    assert invoke("forget", "alice", "--yes").exit_code == 0
    assert cache.get("search", "q1", now) is None
    assert cache.get("search", "q2", now) is not None


def test_the_terminal_table_uses_the_terminal_width(fakes):
    class LongFound(FoundCheck):
        targets = ("a-site-with-a-rather-long-name-that-tells-it-apart",)

    fakes.checks["found"] = LongFound
    widths = {}
    for columns in ("80", "200"):
        res = CliRunner().invoke(cli, ["scan", "--handle", "alice", "--only", "found",
                                       "--no-history", "-q"], env={"COLUMNS": columns})
        assert res.exit_code == 0, res.output
        widths[columns] = max(len(line) for line in res.stdout.splitlines())
        assert "a-site-with-a-rather-long-name" in res.stdout
    assert widths["80"] <= 100
    assert widths["200"] > widths["80"]


class PagePersonFound(FoundCheck):
    """Finds a page whose title carries somebody else's email and phone number."""

    def run(self, probe, ctx):
        from audit.models import Finding, Severity

        page = Finding(kind="search_result", severity=Severity.HIGH,
                       url="https://forum.example/t/9",
                       title="Thread: ask bob.martin@example.org or call 06 12 34 56 78")
        tied = Finding(kind="identity_cluster", severity=Severity.HIGH, key="c1",
                       title="alice and the page of bob.martin@example.org")
        return Outcome(Status.FOUND, (page, tied))


def test_history_diff_and_plan_list_mask_other_peoples_details(fakes):
    fakes.checks["found"] = PagePersonFound
    old = saved_scan(only=("notfound",))
    new = saved_scan()
    for out in (invoke("history", "diff", old, new).output,
                invoke("history", "diff", old, new, "--json").output,
                invoke("plan", "list", "--scan", new).output):
        assert "bob.martin@example.org" not in out
        assert "06 12 34 56 78" not in out
    diffed = json.loads(invoke("history", "diff", old, new, "--json").output)
    assert sorted(x["title"][:12] for x in diffed["new"]) == ["Thread: ask ", "alice and th"]
    steps = invoke("plan", "list", "--scan", new).output
    assert "alice and the page of b" in steps  # the step is listed, the email masked
