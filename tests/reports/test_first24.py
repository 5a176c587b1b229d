"""The first-24-hours page opens every output (terminal, txt, Markdown, HTML) with the emergency
number and helplines; the HTML links plan steps to their findings and requests, hides hash
codes, and keeps long lists (could not be checked, hosts, request log) collapsed."""

from __future__ import annotations

import dataclasses
import re

from audit.models import CheckResult, Reason, Status
from audit.plan import build_plan
from audit.render import RenderOptions
from reports.first24 import first_day, plain_why, short_place, tel
from reports.html import HtmlRenderer
from reports.markdown import MarkdownRenderer
from reports.table import TableRenderer
from tests.plan import persona
from tests.reports.factories import make_request_log


def planned(lang: str = "en"):
    """The demo persona's findings with a real action plan (France's helplines, requests)."""
    report = persona.report(lang=lang)
    report = dataclasses.replace(report, request_log=tuple(make_request_log()))
    return dataclasses.replace(report, plan=build_plan(report, lang))


def test_tel_and_short_place() -> None:
    assert tel("116 006") == "116006"
    assert tel("+33 1 23 45 67 89") == "+33123456789"
    assert tel("") == ""
    assert tel("call us") == ""
    assert short_place("https://www.pagesjaunes.fr/pagesblanches/recherche?q=a&b=c") == (
        "pagesjaunes.fr/pagesblanches/recherche?q=a&b=c")
    assert short_place("/home/camille/Pictures/IMG_0324.jpg") == "IMG_0324.jpg"
    assert plain_why("Because: X [0123456789abcdef0123]; Y [fedcba9876543210fedc]") == (
        "Because: X; Y")


def test_first_day_has_emergency_helplines_top_findings_and_steps() -> None:
    fd = first_day(planned())
    assert [e.number for e in fd.emergency][:1] == ["17"]
    assert 1 <= len(fd.helplines) <= 3
    assert 1 <= len(fd.top) <= 5
    assert 1 <= len(fd.steps) <= 5
    assert all("danger" not in s.title.lower() for s in fd.steps)


def _first_lines(text: str, n: int) -> str:
    return "\n".join(text.splitlines()[:n])


def test_terminal_and_txt_start_with_the_emergency_number() -> None:
    for lang in ("en", "fr"):
        out = TableRenderer().render(planned(lang), RenderOptions(lang=lang, width=80))
        top = _first_lines(out, 8)
        assert "17" in top
        assert "3018" in top
        assert ("Call" in top) if lang == "en" else ("Appelez" in top)
        # and the last screen of a long output carries it again
        assert "17" in "\n".join(out.splitlines()[-6:])


def test_terminal_table_uses_the_width_and_shows_distinguishing_parts() -> None:
    report = planned()
    narrow = TableRenderer().render(report, RenderOptions(width=80))
    wide = TableRenderer().render(report, RenderOptions(width=160))
    assert max(len(line) for line in narrow.splitlines() if "http" not in line) <= 100
    assert max(len(line) for line in wide.splitlines()) > 110
    assert "github.com/camdufresne" in wide
    assert "https://" not in wide.split("What a stranger can find")[1].split("\n\n")[0]


def test_markdown_starts_with_the_first_24_hours() -> None:
    md = MarkdownRenderer().render(planned(), RenderOptions())
    head = md.split("## Summary")[0]
    assert "## The first 24 hours" in head
    assert "**17**" in head
    assert "3018" in head
    assert "`exposure-audit plan done ID`" in head  # a code span, not escaped backticks
    assert "\\`" not in head


def test_html_top_has_tel_links_before_anything_else() -> None:
    html = HtmlRenderer().render(planned("fr"), RenderOptions(lang="fr"))
    first = html.index('id="first"')
    assert first < html.index('id="summary"') < html.index('id="plan"')
    assert html.index('href="tel:17"') < html.index('id="summary"')
    assert "Les premières 24 heures" in html


def test_html_plan_links_steps_to_findings_and_requests_without_hash_codes() -> None:
    report = planned()
    html = HtmlRenderer().render(report, RenderOptions())
    plan = html[html.index('id="plan"'):html.index('id="findings"')]
    assert not re.search(r"\[[0-9a-f]{20}\]", plan)
    linked = set(re.findall(r'href="#f-([0-9a-f]{20})"', plan))
    assert linked
    for fp in linked:
        assert f'id="f-{fp}"' in html
    for rid in re.findall(r'href="#(req-[0-9a-f]+)"', plan):
        assert f'id="{rid}"' in html


def test_html_collapses_long_lists() -> None:
    report = planned()
    many = tuple(
        CheckResult("accounts", f"Site{n % 3} (camdufresne{n})", Status.UNKNOWN,
                    f"https://site{n % 3}.example/u{n}", reason=Reason.TIMEOUT)
        for n in range(30)
    )
    report = dataclasses.replace(report, results=report.results + many)
    html = HtmlRenderer().render(report, RenderOptions())
    assert '<details class="reason-group">' in html
    assert '<details class="site-group">' in html
    appendix = html[html.index('id="appendix"'):]
    assert '<details class="hosts">' in appendix
    assert '<details class="full-log">' in appendix
    findings = html[html.index('id="findings"'):html.index('id="requests"')]
    assert findings.count('<details class="finding-details">') == findings.count("<article")
    assert "<details open" not in html


def test_comparison_shows_what_could_not_be_checked_apart_from_gone() -> None:
    report = planned()
    comparison = {"since": "2026-10-01", "new": [], "gone": [], "unchanged": [],
                  "unchecked": [{"fingerprint": "fp-1", "kind": "account",
                                 "title": "Account on a blocked site", "severity": "medium"}]}
    report = dataclasses.replace(report, extras={**report.extras, "comparison": comparison})
    html = HtmlRenderer().render(report, RenderOptions())
    changes = html[html.index('id="changes"'):html.index('id="plan"')]
    assert "Could not check now (1)" in changes
    assert "Account on a blocked site" in changes
    assert "Gone (0)" in changes
    md = MarkdownRenderer().render(report, RenderOptions(lang="fr"))
    assert "### Impossible à vérifier cette fois (1)" in md
