"""`scan --resume ID`: the saved options, exactly the unfinished probes, and the reports rewritten.

The first scan is a real one, in a subprocess, over the sandbox: two sites answer, two hang
until the scan deadline ends it. Resuming it must send only to the two unfinished sites (never
to the built-in catalog), keep the two findings, and rewrite the report the first run wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from audit.cli import cli
from audit.sandbox import Sandbox, World


def _site(key: str) -> dict[str, object]:
    return {
        "key": key,
        "name": key,
        "category": "misc",
        "countries": ["GLOBAL"],
        "username": {"min_len": 1, "max_len": 64},
        "known_handle": "alice",
        "last_verified": None,
        "source": "test",
        "platform_key": "generic",
        "profile_url": f"https://{key}.test/u/{{username}}",
        "probe": {"url": f"https://{key}.test/u/{{username}}", "method": "GET"},
        "present": {"status": [200], "marker": None},
        "absent": {"status": [404], "marker": None},
    }


KEYS = ("fasta", "fastb", "slowa", "slowb")


@pytest.fixture
def interrupted(tmp_path, app_home):
    sites = tmp_path / "sites.json"
    sites.write_text(
        json.dumps(
            {"format": "exposure-audit/sites", "version": 1, "sites": [_site(k) for k in KEYS]}
        )
    )
    out = tmp_path / "out"
    world = World()
    for key in ("fasta", "fastb"):
        world.page(f"https://{key}.test/u/alice", "<p>alice</p>")
    for key in ("slowa", "slowb"):
        world.route(f"{key}.test", "/u/*", behaviour="hang")
    with Sandbox(world) as sb:
        proc = subprocess.run(
            [
                sys.executable, "-m", "audit", "scan", "--handle", "alice",
                "--only", "accounts", "--sites-file", str(sites),
                *sb.cli_args(), "--timeout", "60", "--deadline", "3",
                "-f", "json,markdown", "-o", f"{out}/", "-q",
            ],
            capture_output=True, text=True, timeout=120, env=dict(os.environ),
        )
        assert proc.returncode == 0, proc.stderr
        scan_id = proc.stderr.split("saved as scan ")[1].split()[0]
        first = json.loads((out / "report.json").read_text())
        by_site = {r["target"]: r["status"] for r in first["results"]}
        assert sorted(s for s, v in by_site.items() if v == "found") == ["fasta", "fastb"]
        assert sorted(s for s, v in by_site.items() if v == "unknown") == ["slowa", "slowb"]
        for key in ("slowa", "slowb"):  # the hanging sites answer now (404 for other names)
            world.route(f"{key}.test", "/u/*", status=404, body="no such user")
            world.page(f"https://{key}.test/u/alice", "<p>alice</p>")
        sb.log.clear()
        yield sb, scan_id, out, sites


def test_resume_reruns_exactly_the_unfinished_probes_with_the_saved_options(interrupted):
    sb, scan_id, out, _ = interrupted
    res = CliRunner().invoke(
        cli, ["scan", "--resume", scan_id, *sb.cli_args(), "-q"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    # only the two unfinished sites were asked (unknown results are re-run), nothing else
    assert sorted(sb.log.hosts()) == ["slowa.test", "slowb.test"]
    # each re-run site is asked for the handle once, plus its control probe (a made-up name
    # that carries nothing of the person); the kept sites' controls are not re-sent
    assert sorted(u for u in sb.log.urls() if u.endswith("/u/alice")) == [
        "https://slowa.test/u/alice", "https://slowb.test/u/alice"]
    assert len(sb.log) == 4
    # the report the first run wrote is rewritten with the whole scan, findings kept
    again = json.loads((out / "report.json").read_text())
    statuses = {r["target"]: r["status"] for r in again["results"]}
    assert statuses == dict.fromkeys(KEYS, "found")
    assert "slowa" in (out / "report.md").read_text()


def test_resume_refuses_when_the_saved_options_cannot_be_read(interrupted, app_home):
    import sqlite3

    sb, scan_id, _, _ = interrupted
    conn = sqlite3.connect(app_home / "exposure-audit.sqlite3")
    row = conn.execute("SELECT report FROM scans WHERE id = ?", (scan_id,)).fetchone()
    data = json.loads(row[0])
    del data["options"]
    conn.execute("UPDATE scans SET report = ? WHERE id = ?", (json.dumps(data), scan_id))
    conn.commit()
    conn.close()
    res = CliRunner().invoke(cli, ["scan", "--resume", scan_id, *sb.cli_args(), "-q"])
    assert res.exit_code != 0
    assert "saved options" in str(res.exception) + res.output
    assert len(sb.log) == 0
