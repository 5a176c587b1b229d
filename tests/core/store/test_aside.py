"""A scan's saved text made by a helper process while the report files are written: the same
bytes as made here, and made here again whenever the helper does not finish cleanly."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator

import pytest

import audit.store.savedtext as savedtext
from audit import api
from audit.check import CheckContext, Probe
from audit.models import Finding, Outcome, ScanReport, Status, Subject
from audit.scan.runner import Scanner
from audit.settings import Settings
from audit.store.aside import aside
from audit.store.db import connect
from audit.store.history import HistoryStore
from audit.store.savedtext import ReportText
from audit.store.serialize import report_json
from tests.fakes import FoundCheck, RaisingCheck, registry_with

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="helpers are forked")


def _collect(make: object) -> tuple[bool, bytes]:
    got: list[bytes] = []
    helper = aside(make, got.append)  # type: ignore[arg-type]
    assert helper is not None
    return helper.wait(), b"".join(got)


@linux
def test_the_helpers_bytes_all_arrive_in_order() -> None:
    parts = [b"a" * 10, "é".encode() * 700_000, b"", b"z" * 3]
    ok, got = _collect(lambda: iter(parts))
    assert ok
    assert got == b"".join(parts)


@linux
def test_a_helper_that_fails_or_is_killed_is_told() -> None:
    def fails() -> Iterator[bytes]:
        yield b"half"
        raise ValueError("broken")

    def killed() -> Iterator[bytes]:
        yield b"half"
        os.kill(os.getpid(), signal.SIGKILL)

    assert _collect(fails)[0] is False
    assert _collect(killed)[0] is False


def _report(*checks: type) -> ScanReport:
    return Scanner(registry_with(*checks), Settings()).run(Subject(handles=("alice",)))


@linux
def test_the_text_made_aside_is_the_one_made_here(app_home, monkeypatch) -> None:
    monkeypatch.setattr(savedtext, "ASIDE_RESULTS", 1)
    report = _report(FoundCheck, RaisingCheck)
    text = ReportText.aside(report)
    assert text._helper is not None
    store = HistoryStore(connect())
    store.save(report, text)
    assert "".join(store._lines(report.scan_id)) == report_json(report, sort_keys=False)
    # the brief, sent first by the helper, is the one made here
    from audit.store.history import brief_json, brief_of

    assert text.brief() == brief_json(brief_of(report))
    saved = store.conn.execute("SELECT brief FROM scans WHERE id = ?", (report.scan_id,))
    assert saved.fetchone()[0] == brief_json(brief_of(report))


@linux
def test_a_failed_helper_costs_nothing_but_time(app_home, monkeypatch) -> None:
    monkeypatch.setattr(savedtext, "ASIDE_RESULTS", 1)

    def broken(report: ScanReport) -> Iterator[bytes]:
        yield b"{ not the report"
        raise OSError("disk full")

    report = _report(FoundCheck, RaisingCheck)
    real = savedtext._utf8
    monkeypatch.setattr(savedtext, "_utf8", broken)
    text = ReportText.aside(report)
    monkeypatch.setattr(savedtext, "_utf8", real)
    store = HistoryStore(connect())
    store.save(report, text)
    assert "".join(store._lines(report.scan_id)) == report_json(report, sort_keys=False)


@linux
def test_a_scan_saved_while_its_files_are_written_uses_a_helper(app_home, monkeypatch) -> None:
    monkeypatch.setattr(savedtext, "ASIDE_RESULTS", 1)
    helpers: list[object] = []
    real = savedtext.aside

    def spy(*args: object) -> object:
        helpers.append(real(*args))  # type: ignore[arg-type]
        return helpers[-1]

    monkeypatch.setattr(savedtext, "aside", spy)
    written: list[str] = []
    report = api.run_scan(Subject(handles=("alice",)), Settings(),
                          reg=registry_with(FoundCheck, RaisingCheck),
                          write=lambda r: written.append(r.scan_id))
    assert written == [report.scan_id]
    assert helpers
    assert helpers[0] is not None
    store = HistoryStore(connect())
    assert "".join(store._lines(report.scan_id)) == report_json(report, sort_keys=False)
    # the helper was reaped: no child left behind
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


class _TalkativeCheck(FoundCheck):
    """Pages that name other people: an email and a number in every result."""

    name = "talkative"
    targets = tuple(f"t{i}" for i in range(12))

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        n = probe.target[1:]
        f = Finding(kind="account", title=f"agent{n}@agency.example, call 04 76 12 34 {n:0>2}",
                    url=probe.url, data={"bio": f"\x1b[2Jwrite to agent{n}@agency.example"})
        return Outcome(Status.FOUND, (f,))


@linux
def test_what_to_mask_gathered_aside_masks_as_gathered_here(app_home, monkeypatch) -> None:
    """A long report's other people's details are gathered by a helper while the plan is
    built and the report cleaned; the report shown is the one the masker makes alone."""
    from audit.render import RenderOptions
    from audit.sanitize.text import clean_report
    from audit.sanitize.thirdparty import mask_third_parties

    monkeypatch.setattr(api, "AHEAD_RESULTS", 1)
    reg = registry_with(_TalkativeCheck)
    report = api.run_scan(Subject(handles=("alice",)), Settings(), reg=reg, save=False)
    assert api._AHEAD
    assert api._AHEAD[0].helper is not None
    readers = tuple(reg.address_readers.values())
    assert api._gathered_ahead(report, readers) is not None
    api._SHOWN.clear()
    shown = api.shown(report, RenderOptions(), reg)
    assert shown == mask_third_parties(clean_report(report), readers)
    titles = [f.title for f in shown.findings()]
    assert all("agency.example" not in t and "34 " not in t[-6:] for t in titles), titles
    assert "a***@a***.example" in titles[0]
