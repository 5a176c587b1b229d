"""The README stays true: its two commands, every check, every format, every command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from audit.cli import _register_extras, cli
from audit.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_come_first_and_ci_runs_the_test_one():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    first = [ln for ln in blocks[0].splitlines() if ln and not ln.startswith("#")]
    assert first[0].endswith("exposure-audit demo")
    test_cmd = first[1]
    assert "pytest" in test_cmd
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci.splitlines()


def test_every_check_and_format_is_documented():
    reg = load_plugins(include_installed=False)
    for name in reg.checks:
        assert f"`{name}`" in README, name
    for name, cls in reg.renderers.items():
        assert name in README or f"report.{cls.extension}" in README, name


def test_every_command_is_documented():
    _register_extras()
    for name in cli.commands:
        assert f"exposure-audit {name}" in README, name


def test_python_m_audit_works():
    out = subprocess.run([sys.executable, "-m", "audit", "--version"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0
    assert "exposure-audit" in out.stdout
