"""Other people's postal addresses are masked in every output through the address readers
plugins register (hook `register_address_readers`), not through a check the core names.

End to end: a check reads a loopback page holding the person's address and an estate
agency's; `exposure-audit scan` writes every format and `history show` renders the saved scan
again; the agency's street never appears, the person's own address stays readable in the
scan's reports. Then the hook is shown to be the path: without a reader the address is left
as the check wrote it, and a third-party plugin's own reader is used as the contacts one is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit import api, hookimpl
from audit.check import AddressReader, CheckContext, Probe
from audit.cli import cli
from audit.errors import PluginError
from audit.models import (
    CheckInfo,
    CheckResult,
    Evidence,
    Finding,
    Outcome,
    ScanReport,
    Severity,
    Status,
    Subject,
    utcnow,
)
from audit.net.model import HttpRequest
from audit.plugins import Registry, load_plugins
from audit.render import RenderOptions
from audit.sandbox import Sandbox, World
from tests.fakes import _Base

OWN = "12 rue des Lilas, 69003 Lyon"
AGENCY = "5 avenue Foch, 69006 Lyon"
PAGE_URL = "https://agency.test/annonce"
PAGE = f"Vendu par l'agence Martin, {AGENCY}. Propriétaire : Camille Dufresne, {OWN}."
MASKED = "** avenue ***, 69*** Lyon"  # the contacts check's mask of the agency's address


class PageTextCheck(_Base):
    """Puts what a loopback page says into a finding's title, evidence and data, as the
    search and contacts checks do with snippets."""

    name = "pagetext"

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        text = ctx.fetch(HttpRequest(PAGE_URL, sends=("handle",))).text
        f = Finding(kind="mention", title=text[:80], severity=Severity.MEDIUM, url=PAGE_URL,
                    evidence=(Evidence(url=PAGE_URL, excerpt=text),), data={"snippet": text})
        return Outcome(Status.FOUND, (f,), detail=text)


@pytest.fixture
def agency_page(monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    reg = load_plugins(include_installed=False)  # the built-ins, contacts' reader included
    reg.add_check(PageTextCheck)
    monkeypatch.setattr(api, "_REGISTRY", reg)
    with Sandbox(World().page(PAGE_URL, PAGE)) as sb:
        yield sb


def _scan(sandbox: Sandbox, out: Path) -> None:
    res = CliRunner().invoke(cli, ["scan", "--handle", "camdufresne", "--address", OWN,
                                   "--only", "pagetext", *sandbox.cli_args(), "-q",
                                   "-o", f"{out}/"], catch_exceptions=False)
    assert res.exit_code == 0, res.output


def test_the_contacts_plugin_registers_its_address_reader() -> None:
    readers = load_plugins(include_installed=False).address_readers
    assert list(readers) == ["contacts"]
    reader = readers["contacts"]
    found = list(reader.find(PAGE))
    assert [f.raw for f in found] == [AGENCY, OWN]
    assert reader.same(found[1].value, OWN)
    assert not reader.same(found[0].value, OWN)
    assert reader.mask(found[0].value) == MASKED


def test_a_third_partys_address_is_masked_in_every_output(
        agency_page: Sandbox, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _scan(agency_page, out)
    files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()}
    assert {"report.json", "report.md", "report.html"} <= set(files)
    for name, text in files.items():
        assert "avenue Foch" not in text, name
    report = json.loads(files["report.json"])
    assert report["results"], report  # the page was read: the check did find it
    as_text = json.dumps(report, ensure_ascii=False)
    assert MASKED in as_text
    assert OWN in as_text  # the person's own address stays readable
    # a saved scan shown again (no scan run) goes through the same readers; the saved scan
    # does not keep the person's postal address, so theirs is masked there too
    listed = CliRunner().invoke(cli, ["history", "list"], catch_exceptions=False).output
    scan_id = listed.splitlines()[2].split()[0]
    for fmt in ("json", "markdown"):
        shown = CliRunner().invoke(cli, ["history", "show", scan_id, "-f", fmt],
                                   catch_exceptions=False)
        assert shown.exit_code == 0, shown.output
        assert "avenue Foch" not in shown.output
        assert "rue des Lilas" not in shown.output
        assert MASKED in shown.output.replace("\\*", "*")  # (Markdown escapes the stars)


def _report(text: str) -> ScanReport:
    t0 = utcnow()
    f = Finding(kind="mention", title="a page about Camille", url=PAGE_URL,
                evidence=(Evidence(url=PAGE_URL, excerpt=text),))
    return ScanReport("scan-addr", "0.1.0", Subject(name="Camille Dufresne", addresses=(OWN,)),
                      t0, t0, (CheckInfo("pagetext", 1, "Page text"),),
                      (CheckResult("pagetext", PAGE_URL, Status.FOUND, url=PAGE_URL,
                                   findings=(f,)),))


def _registry(*plugins: object) -> Registry:
    reg = load_plugins(include_installed=False, extra=plugins)
    if not plugins:  # the built-ins without their address reader
        reg.address_readers.clear()
    return reg


def test_without_a_reader_addresses_are_left_to_the_checks() -> None:
    report = _report(PAGE)
    bare, full = _registry(), load_plugins(include_installed=False)
    options = RenderOptions()
    # the same report object, rendered with and without a reader: the cache tells them apart
    assert AGENCY in api.render(report, "json", options, bare)
    assert AGENCY not in api.render(report, "json", options, full)
    assert AGENCY in api.render(report, "json", options, bare)


@dataclass(frozen=True)
class _PoBox:
    value: str
    raw: str


class PoBoxPlugin:
    """A third-party plugin lending the masker a reader of post-office boxes."""

    @staticmethod
    def find(text: str) -> Iterator[_PoBox]:
        for m in re.finditer(r"PO Box \d+, [A-Z][a-z]+", text):
            yield _PoBox(m.group(0).upper(), m.group(0))

    @hookimpl
    def register_address_readers(self, register: Callable[[AddressReader], None]) -> None:
        register(AddressReader("pobox", self.find, lambda a, b: a == b.upper(),
                               lambda value: "PO Box ***"))


def test_a_plugins_own_reader_is_used() -> None:
    text = "Write to PO Box 4821, Leeds or to our office, PO Box 77, Derby."
    reg = load_plugins(include_installed=False, extra=(PoBoxPlugin(),))
    assert set(reg.address_readers) == {"contacts", "pobox"}
    report = _report(text)
    out = api.render(report, "json", RenderOptions(), reg)
    assert "4821" not in out
    assert "PO Box 77" not in out
    assert out.count("PO Box ***") >= 2
    # the person's own box is theirs: kept
    mine = ScanReport(report.scan_id, report.tool_version,
                      Subject(name="Camille Dufresne", addresses=("PO Box 77, Derby",)),
                      report.started_at, report.finished_at, report.checks, report.results)
    out = api.render(mine, "json", RenderOptions(), reg)
    assert "PO Box 77, Derby" in out
    assert "4821" not in out


def test_the_registry_refuses_a_bad_or_clashing_reader() -> None:
    reg = Registry()
    reader = AddressReader("x", lambda text: iter(()), lambda a, b: a == b, lambda v: "***")
    reg.add_address_reader(reader)
    reg.add_address_reader(reader)  # the same one twice: harmless
    with pytest.raises(PluginError, match="two address readers"):
        reg.add_address_reader(AddressReader("x", reader.find, reader.same, lambda v: "?"))
    with pytest.raises(PluginError, match="must be an AddressReader"):
        reg.add_address_reader((reader.find, reader.same, reader.mask))  # type: ignore[arg-type]


class BrokenPlugin:
    """A third-party plugin whose address reader raises on every text."""

    @staticmethod
    def find(text: str) -> Iterator[_PoBox]:
        raise RuntimeError("reader bug")
        yield  # pragma: no cover

    @hookimpl
    def register_address_readers(self, register: Callable[[AddressReader], None]) -> None:
        register(AddressReader("broken", self.find, lambda a, b: False, lambda value: "***"))


def test_a_broken_reader_is_left_out_and_the_others_still_mask() -> None:
    reg = load_plugins(include_installed=False, extra=(BrokenPlugin(),))
    assert set(reg.address_readers) == {"contacts", "broken"}
    out = api.render(_report(PAGE), "json", RenderOptions(), reg)
    assert AGENCY not in out  # the contacts reader still masked the agency's street
