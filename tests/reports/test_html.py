"""The HTML report: escaping, safe links, no network resources, print layout, order, language,
accessibility."""

from __future__ import annotations

import re

import pytest

from audit.models import CheckResult, Finding, ScanReport, Status
from audit.render import RenderOptions
from reports.html import HtmlRenderer
from tests.reports.factories import JS_URL, empty_report, make_report
from tests.reports.htmlcheck import parse

SECTIONS = ("summary", "changes", "plan", "findings", "requests", "evidence", "appendix")


def render(report: ScanReport | None = None, **options: object) -> str:
    return HtmlRenderer().render(report or make_report(), RenderOptions(**options))  # type: ignore[arg-type]


def test_hostile_strings_are_escaped_everywhere() -> None:
    out = render(make_report(hostile=True))
    doc = parse(out)
    assert not doc.all("script")
    assert not doc.all("img")
    for _, attrs in doc.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in out
    assert "<script" not in out.lower()
    # the hostile text survives as text, intact
    assert any('<script>alert("x")</script>' in chunk for chunk in doc.text)


def test_only_http_links_are_clickable() -> None:
    out = render(make_report(hostile=True))
    hrefs = [a.get("href") or "" for a in parse(out).all("a")]
    assert hrefs, "expected some links"
    for href in hrefs:
        # tel: links carry only digits (and a +): they come from the knowledge base
        assert href.startswith(("https://", "http://", "#")) or re.fullmatch(
            r"tel:\+?\d+", href), href
    assert JS_URL in out  # shown as text
    assert f'href="{JS_URL}' not in out


def test_quote_in_url_cannot_break_out_of_the_attribute() -> None:
    evil = 'https://evil.example/x"onmouseover="alert(1)'
    f = Finding("account", "evil", url=evil, data={"profile_url": evil})
    report = make_report(results=(CheckResult("accounts", "Evil", Status.FOUND, findings=(f,)),))
    doc = parse(render(report))
    links = [a for a in doc.all("a") if (a.get("href") or "").startswith("https://evil")]
    assert links
    for a in links:
        assert a["href"] == evil
        assert "onmouseover" not in a


def test_self_contained_no_network_resources() -> None:
    out = render()
    doc = parse(out)
    assert not doc.all("link")
    assert not doc.all("iframe")
    for _, attrs in doc.tags:
        assert "src" not in attrs
    assert "@import" not in out
    assert "url(" not in out
    csp = [m for m in doc.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp
    assert "default-src 'none'" in (csp[0]["content"] or "")


def test_printable_layout() -> None:
    out = render()
    assert "@page" in out
    assert "@media print" in out
    assert "page-break-inside: avoid" in out
    assert "break-inside: avoid" in out
    assert "print-color-adjust: exact" in out
    boxes = [i for i in parse(out).all("input") if i.get("type") == "checkbox"]
    assert len(boxes) == 2  # one per checklist item in the sample
    assert all(b.get("id") for b in boxes)
    labels = [lab.get("for") for lab in parse(out).all("label")]
    assert {b["id"] for b in boxes} <= set(labels)


def test_sections_in_order() -> None:
    out = render()
    positions = [out.index(f'<section id="{s}"') for s in SECTIONS]
    assert positions == sorted(positions)


def test_changes_section_only_with_a_comparison() -> None:
    report = make_report()
    extras = {k: v for k, v in report.extras.items() if k != "comparison"}
    out = render(make_report(extras=extras))
    assert '<section id="changes"' not in out
    full = render(report)
    assert "Old account camdufresne on Flickr" in full  # a gone finding, titled by the lead


def test_summary_groups_unknown_by_reason_and_lists_skipped() -> None:
    out = render()
    summary = out[out.index('<section id="summary"'): out.index('<section id="changes"')]
    assert "blocked by the site" in summary
    assert "Instagram" in summary
    assert "rate-limited" in summary
    assert "needs an API key" in summary
    assert "set BRAVE_API_KEY" in summary
    assert "GitLab" not in summary
    assert "GitLab" in render(show_not_found=True)


def test_findings_grouped_by_kind_with_evidence() -> None:
    out = render()
    findings = out[out.index('<section id="findings"'): out.index('<section id="requests"')]
    for kind in ("account", "contact", "link", "listing", "search_result", "place_cluster",
                 "photo_location", "photo_identity"):
        assert f'id="kind-{kind}"' in findings
    assert findings.index('id="kind-account"') < findings.index('id="kind-photo_location"')
    assert "Appelez-moi" in findings  # an evidence excerpt


def test_requests_evidence_and_request_log() -> None:
    out = render()
    requests = out[out.index('<section id="requests"'): out.index('<section id="evidence"')]
    assert '<pre class="letter">' in requests
    assert "[votre signature]" in requests
    assert "30" in requests
    evidence = out[out.index('<section id="evidence"'): out.index('<section id="appendix"')]
    assert "2026-11-20 10:15:00 +01:00" in evidence
    assert "ab" * 32 in evidence
    assert ">archived copy</a>" in evidence
    appendix = out[out.index('<section id="appendix"'):]
    assert "html.duckduckgo.com" in appendix
    assert "name, city" in appendix


@pytest.mark.parametrize(("lang", "expected", "absent"), [
    ("fr", ("Plan d'action", "Demandes prêtes à envoyer", "domicile", "élevée",
            "<dt>Nom affiché</dt>", "<dd>non</dd>"), "Action plan"),
    ("en", ("Action plan", "Requests ready to send", "home", "high", "<dt>Display name</dt>",
            "<dd>no</dd>"), "Plan d'action"),
])
def test_language(lang: str, expected: tuple[str, ...], absent: str) -> None:
    out = render(lang=lang).replace("&#39;", "'")
    assert f'<html lang="{lang}">' in out
    for text in expected:
        assert text in out
    assert absent not in out


def test_accessibility_structure() -> None:
    doc = parse(render())
    assert doc.headings[0] == 1
    assert doc.headings.count(1) == 1
    for before, after in zip(doc.headings, doc.headings[1:], strict=False):
        assert after <= before + 1, doc.headings
    ths = doc.all("th")
    assert ths
    assert all(th.get("scope") in ("col", "row") for th in ths)
    svgs = doc.all("svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby")
    assert len(doc.all("title")) >= 3  # the page and one per SVG
    assert doc.all("nav")


def test_empty_report_renders() -> None:
    out = render(empty_report())
    assert "Nothing was found." in out
    assert "No photo carries a location." in out
    assert "No request was sent." in out
    assert not re.search(r"<svg", out)


def test_plan_starts_with_help_and_total_time() -> None:
    out = render(lang="fr")
    plan = out[out.index('<section id="plan"'): out.index('<section id="findings"')]
    assert plan.index('class="help"') < plan.index('class="checklist"')
    assert ">3018<" in plan
    assert "CNIL" in plan
    assert "Environ 1 h 35 min en tout" in plan
    evidence = out[out.index('<section id="evidence"'): out.index('<section id="appendix"')]
    assert "commissaire de justice" in evidence
    assert "<code>exposure-audit evidence add URL</code>" in evidence


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:x",
    "data:text/html,<b>x</b>", "//evil.example/x", "https:evil", "vbscript:x", "file:///etc/passwd",
    "https://ok.example/a b",
])
def test_unsafe_urls_are_never_links(url: str) -> None:
    from reports.html.context import link

    out = str(link(url))
    assert not out.startswith("<a ")
    assert "<b>" not in out
