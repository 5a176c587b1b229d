"""Bad input and unreadable state: one clear line and the documented exit code, no traceback."""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest
from click.testing import CliRunner

from audit import api
from audit.cli import cli
from tests.fakes import FoundCheck, registry_with


def _main(monkeypatch, capsys, *args):
    import audit.cli as cli_mod

    monkeypatch.setattr(sys, "argv", ["exposure-audit", *args])
    with pytest.raises(SystemExit) as exc:
        cli_mod.main()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return exc.value.code, err


@pytest.mark.parametrize("url", ["http://[::1", "https://host:99999/"])
def test_a_malformed_url_exits_2(monkeypatch, capsys, url):
    code, err = _main(monkeypatch, capsys, "scan", "--url", url, "--dry-run")
    assert code == 2
    assert "invalid URL" in err


def test_a_bad_sites_file_exits_2_before_anything_is_sent(monkeypatch, capsys, tmp_path):
    bad = tmp_path / "sites.json"
    bad.write_text('{"nope": 1}')
    code, err = _main(monkeypatch, capsys, "scan", "--handle", "alice", "--only", "accounts",
                      "--sites-file", str(bad), "-q", "--no-history", "-f", "json")
    assert code == 2
    assert "site catalog" in err


@pytest.mark.parametrize("command", ["import", "file"])
def test_a_deeply_nested_site_list_exits_2(monkeypatch, capsys, tmp_path, command):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    if command == "import":
        code, err = _main(monkeypatch, capsys, "sites", "import", str(deep))
    else:
        code, err = _main(monkeypatch, capsys, "scan", "--handle", "alice", "--only",
                          "accounts", "--sites-file", str(deep), "-q", "--no-history")
    assert code == 2
    assert "nested too deep" in err


@pytest.fixture
def broken_scan(monkeypatch, app_home):
    monkeypatch.setattr(api, "_REGISTRY", registry_with(FoundCheck))
    res = CliRunner().invoke(cli, ["scan", "--handle", "alice", "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    conn = sqlite3.connect(app_home / "exposure-audit.sqlite3")
    (scan_id,) = conn.execute("SELECT id FROM scans").fetchone()
    data = json.loads(conn.execute("SELECT report FROM scans").fetchone()[0])
    data["results"] = [{"check": 1}]
    conn.execute("UPDATE scans SET report = ?", (json.dumps(data),))
    conn.commit()
    conn.close()
    return scan_id


@pytest.mark.parametrize(
    "args",
    [
        ["history", "show", "{id}", "-f", "markdown"],
        ["watch", "{id}"],
        ["scan", "--resume", "{id}"],
        ["scan", "--handle", "alice", "--compare-last", "-q"],
    ],
)
def test_an_unreadable_saved_scan_exits_3(broken_scan, monkeypatch, capsys, args):
    code, err = _main(monkeypatch, capsys, *[a.replace("{id}", broken_scan) for a in args])
    assert code == 3
    assert "cannot be read" in err
