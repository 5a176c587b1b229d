"""Terminal escapes and bidi overrides from web pages never reach a report or the terminal."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from audit import api
from audit.check import CheckContext, Probe
from audit.cli import cli
from audit.models import Finding, Outcome, Severity, Status
from audit.net.model import HttpRequest
from audit.sandbox import Sandbox, World
from tests.fakes import _Base, registry_with

HOSTILE = "Alice\x1b[2J\x1b]0;owned\x07\r\u202eevil\x9b31m"


class PageTitleCheck(_Base):
    """Puts what a loopback page says into a finding, as real checks do with titles and bios."""

    name = "pagetitle"

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        text = ctx.fetch(HttpRequest("https://hostile.test/p", sends=("handle",))).text
        f = Finding(kind="account", title=text, severity=Severity.MEDIUM, url=probe.url,
                    data={"site": text, "bio": text})
        return Outcome(Status.FOUND, (f,), detail=text)


@pytest.fixture
def hostile(monkeypatch):
    from reports.html import HtmlRenderer
    from reports.markdown import MarkdownRenderer

    reg = registry_with(PageTitleCheck)
    reg.add_renderer(MarkdownRenderer)
    reg.add_renderer(HtmlRenderer)
    monkeypatch.setattr(api, "_REGISTRY", reg)
    with Sandbox(World().page("https://hostile.test/p", HOSTILE)) as sb:
        yield sb


def _clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\r", "\u202e", "\x9b"):
        assert bad not in text, repr(bad)


def test_no_control_characters_in_any_output(hostile, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["scan", "--handle", "alice", *hostile.cli_args(), "-q",
                                   "-o", f"{out}/"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    for path in out.iterdir():
        _clean(path.read_text())
    assert "evil" in (out / "report.md").read_text()  # the text stays, only controls go
    data = json.loads((out / "report.json").read_text())
    _clean(json.dumps(data, ensure_ascii=False))
    table = CliRunner().invoke(cli, ["history", "list"], catch_exceptions=False).output
    scan_id = table.splitlines()[2].split()[0]
    for fmt in ("markdown", "table"):
        shown = CliRunner().invoke(cli, ["history", "show", scan_id, "-f", fmt],
                                   catch_exceptions=False)
        assert shown.exit_code == 0
        _clean(shown.output)
        assert "evil" in shown.output


def test_clean_report_copies_only_what_it_changes() -> None:
    """A report with nothing to clean comes back as the same objects (no second copy of a
    30,000-file report in memory); a finding with a control character is the only part
    rebuilt, and its sibling is kept as it was."""
    from audit.models import CheckResult, ScanReport, Subject, utcnow
    from audit.sanitize.text import clean_report

    clean = Finding(kind="photo_location", title="Photo taken near Lyon", data={"a": ["b"]})
    dirty = Finding(kind="account", title="Bob\x1b[2J", data={"bio": "x\u202e"})
    now = utcnow()
    report = ScanReport("s", "v", Subject(), now, now, results=(
        CheckResult("photos", "a", Status.FOUND, "", (clean,)),))
    assert clean_report(report) is report
    mixed = ScanReport("s", "v", Subject(), now, now, results=(
        CheckResult("photos", "a", Status.FOUND, "", (clean, dirty)),))
    out = clean_report(mixed)
    assert out is not mixed
    kept, fixed = out.results[0].findings
    assert kept is clean
    assert fixed.title == "Bob[2J"
    assert fixed.data["bio"] == "x"
