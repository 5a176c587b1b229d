"""The CLI: clear errors and exit codes, dry run, outputs and their permissions, schema."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from audit import api
from audit.cli import cli
from audit.sandbox import Sandbox, World
from tests.fakes import FetchCheck, FoundCheck, RaisingCheck, registry_with

SCHEMA = json.loads((Path(__file__).resolve().parents[3] / "docs/report.schema.json").read_text())


@pytest.fixture
def fakes(monkeypatch):
    reg = registry_with(FoundCheck, RaisingCheck, FetchCheck)
    monkeypatch.setattr(api, "_REGISTRY", reg)
    return reg


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan"], "nothing to audit"),
        (["scan", "--handle", "bad handle!"], "invalid handle"),
        (["scan", "--email", "not-an-email"], "invalid email"),
        (["scan", "--phone", "12"], "invalid phone"),
        (["scan", "--url", "example.com"], "invalid URL"),
        (["scan", "--photos", "/no/such/folder"], "photo folder not found"),
        (["scan", "--handle", "a", "--proxy", "ftp://x:1"], "bad proxy URL"),
        (["scan", "--handle", "a", "--proxy", "http://nohost"], "needs a host and a port"),
        (["scan", "--handle", "a", "--only", "nope"], "unknown check"),
        (["scan", "--handle", "a", "--format", "nope"], "unknown format"),
    ],
)
def test_bad_input_gives_one_line_error_and_exit_2(fakes, args, message, capsys, monkeypatch):
    import sys

    import audit.cli as cli_mod

    monkeypatch.setattr(sys, "argv", ["exposure-audit", *args])
    with pytest.raises(SystemExit) as exc:
        cli_mod.main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_json_output_is_valid_against_the_schema(fakes, tmp_path):
    out = tmp_path / "r.json"
    res = invoke("scan", "--handle", "alice", "--format", "json", "-o", str(out), "--no-history")
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    statuses = {r["status"] for r in data["results"]}
    assert statuses == {"found", "unknown"}
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_output_folder_gets_one_private_file_per_format(fakes, tmp_path):
    out = tmp_path / "reports"
    res = invoke("scan", "--handle", "alice", "-f", "json,table", "-o", f"{out}/", "--no-history")
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["report.json", "report.txt"]
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in out.iterdir())
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700


def test_dry_run_lists_hosts_and_sends_nothing(fakes):
    with Sandbox(World()) as sb:
        res = invoke("scan", "--handle", "alice", "--dry-run", "--proxy", sb.proxy_url)
        assert len(sb.log) == 0
    assert res.exit_code == 0
    assert "https://t1.example/x" in res.output
    assert "nothing was sent" in res.output
    assert "handle" in res.output


def test_scan_through_proxy_with_ca_bundle_logs_requests(fakes, tmp_path):
    world = World().page("https://probe.test/page", "<html>hi</html>")
    out = tmp_path / "r.json"
    with Sandbox(world) as sb:
        res = invoke(
            "scan",
            "--handle",
            "alice",
            "--only",
            "fetch",
            "--proxy",
            sb.proxy_url,
            "--ca-bundle",
            sb.ca_path,
            "--format",
            "json",
            "-o",
            str(out),
            "--no-history",
            env={"EXPOSURE_AUDIT_SCAN_TIMEOUT": "5"},
        )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["results"][0]["status"] == "not_found"
    assert data["request_log"][0]["url"] == "https://probe.test/page"
    assert data["request_log"][0]["status"] == 200


def test_options_can_come_from_environment(fakes):
    res = invoke("scan", "--dry-run", env={"EXPOSURE_AUDIT_SCAN_HANDLES": "carol"})
    assert res.exit_code == 0, res.output
    assert "t1.example" in res.output


def test_fail_on_sets_exit_1(fakes):
    res = CliRunner().invoke(
        cli, ["scan", "--handle", "a", "--fail-on", "medium", "--no-history", "--only", "found"]
    )
    assert res.exit_code == 1
    res = CliRunner().invoke(
        cli, ["scan", "--handle", "a", "--fail-on", "high", "--no-history", "--only", "found"]
    )
    assert res.exit_code == 0


def test_history_list_show_and_diff(fakes):
    invoke("scan", "--handle", "alice", "--only", "raising", "-q")
    invoke("scan", "--handle", "alice", "-q")
    listing = invoke("history", "list").output
    ids = [line.split()[0] for line in listing.splitlines()[2:]]
    assert len(ids) == 2
    newest, oldest = ids
    shown = invoke("history", "show", newest, "--format", "json").output
    assert json.loads(shown)["scan_id"] == newest
    d = json.loads(invoke("history", "diff", oldest, newest, "--json").output)
    assert [x["title"] for x in d["new"]] == ["account on t1"]


def test_compare_last_adds_comparison(fakes, tmp_path):
    invoke("scan", "--handle", "alice", "--only", "raising", "-q")
    out = tmp_path / "r.json"
    invoke("scan", "--handle", "alice", "--compare-last", "-f", "json", "-o", str(out))
    data = json.loads(out.read_text())
    assert [x["title"] for x in data["comparison"]["new"]] == ["account on t1"]
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_table_has_no_colour_when_not_a_tty(fakes):
    res = invoke("scan", "--handle", "alice", "--no-history")
    assert "\x1b[" not in res.output
    assert "account on t1" in res.output
    assert "blocked by the site" in res.output


def test_json_report_round_trips_and_puts_one_result_per_line(fakes, tmp_path):
    from reports.json import dumps_lines

    data = {"b": [1, {"x": "é"}], "a": {"k": []}, "c": []}
    text = dumps_lines(data)
    assert json.loads(text) == data
    assert text.splitlines()[0:2] == ["{", '  "a": {"k": []},']
    assert '    {"x": "é"}' in text.splitlines()


def test_streamed_json_report_is_the_text_of_the_whole_dict():
    """`report_json` turns results into JSON one by one (no second tree of a big report in
    memory) and writes exactly what dumping the whole report dict would."""
    from audit.store.serialize import report_json, report_to_dict
    from reports.json import dumps_lines
    from tests.reports.factories import make_report

    for report in (make_report(), make_report(hostile=True),
                   dataclasses.replace(make_report(), results=(), request_log=())):
        text = report_json(report)
        assert text == dumps_lines(report_to_dict(report))
        assert json.loads(text) == report_to_dict(report)


def test_saved_reports_load_back_line_by_line_or_whole():
    """`report_from_json` reads the streamed form a result at a time and gives the same report
    as reading the whole dict; the older one-line form (and any other) is still read."""
    from audit.store.serialize import report_from_dict, report_from_json, report_json
    from tests.reports.factories import make_report

    for report in (make_report(), make_report(hostile=True),
                   dataclasses.replace(make_report(), results=())):
        text = report_json(report)
        whole = report_from_dict(json.loads(text))
        assert report_from_json(text) == whole
        assert report_from_json(json.dumps(json.loads(text))) == whole
        assert len(report_from_json(text).results) == len(report.results)


def test_the_program_ends_at_the_deadline_even_if_a_site_never_answers(tmp_path):
    import subprocess
    import sys

    site = {
        "key": "stuck",
        "name": "Stuck",
        "category": "misc",
        "countries": ["GLOBAL"],
        "username": {"min_len": 1, "max_len": 64},
        "known_handle": "alice",
        "last_verified": None,
        "source": "test",
        "platform_key": "generic",
        "profile_url": "https://stuck.test/u/{username}",
        "probe": {"url": "https://stuck.test/u/{username}", "method": "GET"},
        "present": {"status": [200], "marker": None},
        "absent": {"status": [404], "marker": None},
    }
    sites = tmp_path / "sites.json"
    sites.write_text(json.dumps({"format": "exposure-audit/sites", "version": 1, "sites": [site]}))
    out = tmp_path / "r.json"
    world = World().route("stuck.test", "/u/*", behaviour="hang")
    with Sandbox(world) as sb:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "audit",
                "scan",
                "--handle",
                "alice",
                "--only",
                "accounts",
                "--sites-file",
                str(sites),
                "--proxy",
                sb.proxy_url,
                "--ca-bundle",
                sb.ca_path,
                "--timeout",
                "60",
                "--deadline",
                "2",
                "-f",
                "json",
                "-o",
                str(out),
                "--no-history",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**__import__("os").environ, "EXPOSURE_AUDIT_LOAD_PLUGINS": "0"},
        )
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(out.read_text())["results"]
    assert result["status"] == "unknown"
    assert result["reason"] == "timeout"


def test_watch_reruns_with_the_same_opt_ins_and_options(monkeypatch):
    from tests.fakes import OptionsCheck

    monkeypatch.setattr(api, "_REGISTRY", registry_with(OptionsCheck))
    res = invoke("scan", "--handle", "alice", "--max-queries", "3", "-q")
    assert res.exit_code == 0, res.output
    res = invoke("watch")
    assert res.exit_code == 0, res.output
    newest = invoke("history", "list").output.splitlines()[2].split()[0]
    shown = json.loads(invoke("history", "show", newest, "-f", "json").output)
    opts = json.loads(shown["results"][0]["detail"])
    assert opts["max_queries"] == 3
    assert opts["email_queries"] is False  # never more than the person chose


def test_a_damaged_database_gives_exit_3_and_one_line(fakes, app_home, capsys, monkeypatch):
    import sys

    import audit.cli as cli_mod

    app_home.mkdir(parents=True, exist_ok=True)
    (app_home / "exposure-audit.sqlite3").write_bytes(b"garbage" * 500)
    monkeypatch.setattr(sys, "argv", ["exposure-audit", "history", "list"])
    with pytest.raises(SystemExit) as exc:
        cli_mod.main()
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "move it aside" in err
    assert "Traceback" not in err


def test_a_check_declares_its_own_scan_options_and_receives_them(monkeypatch):
    """`scan` knows no check by name: an option only a (plugin) check declares is on the
    command line, in `--help` and in `checks`, and reaches that check as given."""
    from tests.fakes import OptionsCheck

    monkeypatch.setattr(api, "_REGISTRY", registry_with(OptionsCheck))
    assert "[options] Only a plugin knows this one." in invoke("scan", "--help").output
    assert "--colour-of-sky" in invoke("checks").output
    res = invoke("scan", "--handle", "alice", "--colour-of-sky", "blue", "--colour-of-sky",
                 "grey", "-q", "--no-history", "-f", "json")
    assert res.exit_code == 0, res.output
    opts = json.loads(json.loads(res.output)["results"][0]["detail"])
    assert opts["sky"] == ["blue", "grey"]
    assert opts["email_queries"] is False  # a switch is always passed
    assert "max_queries" not in opts  # not given: not passed
    # the search check's options are gone with it: not registered, not accepted
    res = invoke("scan", "--handle", "alice", "--searxng-url", "http://x", "-q", "--no-history")
    assert res.exit_code == 2
    assert "No such option" in res.output


def test_the_scan_command_names_no_check_option():
    from pathlib import Path

    import audit.cli.scan as scan_module

    source = Path(scan_module.__file__).read_text(encoding="utf-8")
    for flag in ("--sites-file", "--variants", "--searxng-url", "--max-queries",
                 "--email-lookups", "--max-depth", "--no-fetch-results", "max_seconds"):
        assert flag not in source
