"""The console entry point ends the process as soon as the command is done: its output is
all there, flushed, and its exit code is the command's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from audit.cli import EXIT_USAGE
from tests.checks.photos import factory as F


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPOSURE_AUDIT_HOME": str(home), "EXPOSURE_AUDIT_LOAD_PLUGINS": "0"}
    return subprocess.run([sys.executable, "-m", "audit", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def test_a_report_written_to_a_pipe_is_whole(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(30):
        (folder / f"p{i}.jpg").write_bytes(F.jpeg_file(F.exif_block(45.76 + i / 1000, 4.84)))
    proc = _run("photos", "scan", str(folder), "-f", "json", home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)  # the last byte arrived: the text parses
    located = [r for r in report["results"] if r["status"] == "found" and r["target"] != "clusters"]
    assert len(located) == 30


def test_the_exit_code_and_message_are_the_commands(tmp_path: Path) -> None:
    proc = _run("scan", "--lang", "de", home=tmp_path / "home")
    assert proc.returncode == EXIT_USAGE
    assert "de" in proc.stderr
    assert _run("--version", home=tmp_path / "home").returncode == 0
