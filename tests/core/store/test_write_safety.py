"""Write safety: nothing followed through a symlink, no folder re-moded, nothing truncated,
nothing lost when the database is full, first runs at once do not race."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from audit import api
from audit.cli import cli
from tests.fakes import FoundCheck, registry_with


@pytest.fixture
def fakes(monkeypatch):
    reg = registry_with(FoundCheck)
    monkeypatch.setattr(api, "_REGISTRY", reg)
    return reg


def _main(monkeypatch, capsys, *args):
    import audit.cli as cli_mod

    monkeypatch.setattr(sys, "argv", ["exposure-audit", *args])
    with pytest.raises(SystemExit) as exc:
        cli_mod.main()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return exc.value.code, err


def test_a_symlinked_output_is_refused_and_its_target_untouched(fakes, tmp_path, monkeypatch,
                                                                 capsys):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    os.chmod(target, 0o644)
    link = tmp_path / "r.json"
    link.symlink_to(target)
    code, err = _main(monkeypatch, capsys, "scan", "--handle", "alice", "-f", "json", "-o",
                      str(link), "--no-history", "-q")
    assert code == 3
    assert "symbolic link" in err
    assert target.read_text() == "keep me"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644


def test_a_refused_output_still_saves_the_finished_scan(fakes, tmp_path, monkeypatch, capsys):
    link = tmp_path / "r.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    code, _ = _main(monkeypatch, capsys, "scan", "--handle", "alice", "-f", "json", "-o",
                    str(link), "-q")
    assert code == 3
    assert not (tmp_path / "elsewhere.json").exists()
    listed = CliRunner().invoke(cli, ["history", "list"], catch_exceptions=False).output
    assert "alice" in listed  # `history show ID -o ...` can write it elsewhere


def test_a_symlinked_report_inside_the_output_folder_is_refused(fakes, tmp_path, monkeypatch,
                                                                capsys):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").symlink_to(target)
    code, _ = _main(monkeypatch, capsys, "scan", "--handle", "alice", "-f", "json", "-o",
                    f"{out}/", "--no-history", "-q")
    assert code == 3
    assert target.read_text() == "keep me"


def test_a_symlinked_database_is_refused(fakes, app_home, tmp_path, monkeypatch, capsys):
    target = tmp_path / "other.sqlite3"
    target.write_bytes(b"")
    os.chmod(target, 0o644)
    app_home.mkdir(parents=True)
    (app_home / "exposure-audit.sqlite3").symlink_to(target)
    code, err = _main(monkeypatch, capsys, "history", "list")
    assert code == 3
    assert "symbolic link" in err
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644


def test_existing_folders_keep_their_mode(fakes, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    home = tmp_path / "home"
    home.mkdir()
    os.chmod(home, 0o755)
    monkeypatch.setenv("EXPOSURE_AUDIT_HOME", str(home))
    res = CliRunner().invoke(cli, ["scan", "--handle", "alice", "-f", "json", "-o",
                                   f"{shared}/", "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o1777
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(shared / "report.json").st_mode) == 0o600
    new = tmp_path / "new" / "deeper"
    res = CliRunner().invoke(cli, ["scan", "--handle", "alice", "-f", "json", "-o",
                                   f"{new}/", "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(new.parent).st_mode) == 0o700


def test_a_full_database_keeps_the_reports_and_names_the_file(fakes, app_home, tmp_path,
                                                              monkeypatch, capsys):
    out = tmp_path / "r.json"
    code, _ = _main(monkeypatch, capsys, "scan", "--handle", "alice", "-q", "--fail-on",
                    "info", "-f", "json", "-o", str(tmp_path / "first.json"))
    real_connect = api.connect

    def full_connect(path=None):  # SQLite's own "database or disk is full"
        conn = real_connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(api, "connect", full_connect)
    big = "alice" + "x" * 20  # a different person: a new, bigger row
    code, err = _main(monkeypatch, capsys, "scan", "--handle", big, "--name", "A" * 3000,
                      "-f", "json", "-o", str(out), "-q")
    assert code == 3
    assert "exposure-audit.sqlite3" in err
    assert "full" in err
    assert "rollback" not in err
    assert big in out.read_text()


def test_a_full_disk_leaves_the_old_file_whole_and_no_temporary_file(tmp_path):
    path = tmp_path / "report.html"
    path.write_text("old report")
    script = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        from audit.store.paths import write_private
        try:
            write_private(Path({str(path)!r}), "x" * 100_000)
        except OSError as exc:
            print("failed", exc.errno)
            sys.exit(3)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert path.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_first_runs_at_once_on_a_fresh_folder_all_succeed(tmp_path):
    home = tmp_path / "fresh"
    gate = tmp_path / "go"
    script = textwrap.dedent(f"""
        import os, time
        from audit.store.db import connect
        from audit.store.history import HistoryStore
        from audit.plan.tracker import prepare
        from audit.store.cache import Cache
        while not os.path.exists({str(gate)!r}):  # all start together
            time.sleep(0.001)
        conn = connect()
        HistoryStore(conn)
        prepare(conn)
        Cache(conn)
    """)
    env = {**os.environ, "EXPOSURE_AUDIT_HOME": str(home)}
    procs = [
        subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(32)
    ]
    import time

    time.sleep(1.5)  # let them all reach the gate (none can pass it before)
    gate.write_text("")
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 32, [e for e in errors if e][:1]
    conn = sqlite3.connect(home / "exposure-audit.sqlite3")
    names = conn.execute("SELECT namespace, name FROM _migrations").fetchall()
    assert len(names) == len(set(names))
