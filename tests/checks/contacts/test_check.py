"""The contacts check end to end over the loopback sandbox (real HTTP through the core)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from audit.models import Reason, Status, Subject
from audit.plugins import Registry
from audit.sandbox import World
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.contacts import ContactsCheck
from tests.checks.contacts.harness import (
    account,
    findings,
    result,
    scan,
    search_result,
    stage0,
)

SITE = "https://www.camille.example"
SUBJECT = Subject(name="Camille Dufresne", emails=("camille.dufresne@example.org",),
                  phones=("+33 6 39 98 12 34",), urls=(SITE + "/",), country="FR")


def _world() -> World:
    w = World()
    w.page(SITE + "/", '<h1>Camille Dufresne</h1><a href="/contact">Contact</a>'
           '<a href="/cv.html">CV</a><a href="/me.vcf">vCard</a><a href="/photo.jpg">x</a>'
           '<a href="https://elsewhere.example/">out</a>')
    w.page(SITE + "/contact", '<p>Tél : <a href="tel:0639981234">06 39 98 12 34</a></p>'
           "<p>Collègue : jeanne.martin@atelier.example</p>")
    w.page(SITE + "/cv.html", "<p>Adresse : 12 rue des Lilas, 69003 Lyon</p>")
    card = "BEGIN:VCARD\nFN:Camille Dufresne\nEMAIL:camille.dufresne@example.org\nEND:VCARD\n"
    w.page(SITE + "/me.vcf", card, headers={"Content-Type": "text/vcard"})
    w.page("https://elsewhere.example/", "<p>never read</p>")
    return w


def test_own_site_pages_vcard_and_masking() -> None:
    report, served = scan(_world(), SUBJECT, [stage0([]), ContactsCheck])
    r = result(report, "contacts", "own site")
    assert r.status is Status.FOUND
    got = {(f.data["type"], f.data["value"], f.data["own"], f.data["source_url"])
           for f in r.findings}
    assert ("phone", "+33639981234", True, SITE + "/contact") in got
    assert ("address", "12 rue des Lilas, 69003 Lyon", True, SITE + "/cv.html") in got
    assert ("email", "camille.dufresne@example.org", True, SITE + "/me.vcf") in got
    assert ("email", "j***@a***.example", False, SITE + "/contact") in got
    assert "https://elsewhere.example/" not in served  # other hosts are not crawled
    assert SITE + "/photo.jpg" not in served


def test_site_page_limit() -> None:
    _, served = scan(_world(), SUBJECT, [stage0([]), ContactsCheck],
                     {"contacts": {"max_site_pages": 2}})
    assert served.count(SITE + "/cv.html") == 0
    assert SITE + "/contact" in served


def test_profiles_keep_only_the_persons_details() -> None:
    w = World()
    w.page("https://github.com/camdufresne", "<p>camille.dufresne [at] example [dot] org</p>"
           "<footer>support@github.example</footer>")
    prof = account("GitHub", "camdufresne", "https://github.com/camdufresne")
    report, _ = scan(w, Subject(name="Camille Dufresne", emails=("camille.dufresne@example.org",)),
                     [stage0([prof]), ContactsCheck])
    r = result(report, "contacts", "profile")
    assert [(f.data["value"], f.data["own"]) for f in r.findings] == [
        ("camille.dufresne@example.org", True)
    ]
    assert list(r.findings[0].data["methods"]) == ["deobfuscated"]


def test_probes_dedupe_and_search_result_options() -> None:
    check = ContactsCheck()
    prev_results = scan(World(), Subject(name="x"), [stage0([
        account("Site", "camdufresne", SITE + "/"),
        search_result("https://news.example/a", "Camille Dufresne, tél 06 39 98 12 34"),
        search_result("https://news.example/b", about=False),
        search_result(SITE + "/cv.html"),
    ])])[0].results
    probes = list(check.probes(SUBJECT, {}, prev_results))
    assert [p.target for p in probes] == [f"own site: {SITE}/",
                                          "search result: https://news.example/a"]
    assert [q.url for q in probes[1].planned] == ["https://news.example/a"]
    off = list(check.probes(SUBJECT, {"fetch_results": False}, prev_results))
    assert off[1].planned == ()


def test_search_snippet_only_when_fetch_results_is_off() -> None:
    w = World()
    w.page("https://news.example/a", "<p>should not be fetched</p>")
    snippet = search_result("https://news.example/a", "Camille Dufresne, tél 06 39 98 12 34")
    subject = Subject(name="Camille Dufresne", phones=("+33 6 39 98 12 34",), country="FR")
    report, served = scan(w, subject, [stage0([snippet], "search"), ContactsCheck],
                          {"contacts": {"fetch_results": False}})
    assert "https://news.example/a" not in served
    (f,) = findings(report, "contact")
    assert f.data["value"] == "+33639981234"
    assert f.data["source_url"] == "https://news.example/a"


def test_blocked_and_missing_pages() -> None:
    w = World()
    w.challenge("https://blocked.example/")
    subject = Subject(name="x", urls=("https://blocked.example/", "https://gone.example/"))
    w.page("https://gone.example/", "<p>no</p>", status=404)
    report, _ = scan(w, subject, [stage0([]), ContactsCheck])
    blocked = result(report, "contacts", "own site: https://blocked")
    assert (blocked.status, blocked.reason) == (Status.UNKNOWN, Reason.BLOCKED)
    assert result(report, "contacts", "own site: https://gone").status is Status.NOT_FOUND


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = self.server.body  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback_servers() -> Iterator[tuple[ThreadingHTTPServer, ThreadingHTTPServer]]:
    class Own(_Counter):
        hits: ClassVar[list[str]] = []

    class Secret(_Counter):
        hits: ClassVar[list[str]] = []

    secret = ThreadingHTTPServer(("127.0.0.1", 0), Secret)
    secret.body = b"<p>secret@router.example</p>"  # type: ignore[attr-defined]
    port = secret.server_address[1]
    own = ThreadingHTTPServer(("127.0.0.1", 0), Own)
    own.body = (  # type: ignore[attr-defined]
        f'<a href="http://127.0.0.1:{port}/admin">a</a>'
        f'<a href="/contact">same host</a><a href="http://localhost:{port}/card.vcf">v</a>'
        '<a href="http://192.168.1.1/card.vcf">router</a>'
    ).encode()
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (own, secret)]
    for t in threads:
        t.start()
    yield own, secret
    for s in (own, secret):
        s.shutdown()
        s.server_close()


def test_page_links_to_local_addresses_are_never_fetched(
    loopback_servers: tuple[ThreadingHTTPServer, ThreadingHTTPServer],
) -> None:
    own, secret = loopback_servers
    own_url = f"http://127.0.0.1:{own.server_address[1]}/"
    secret_port = secret.server_address[1]
    results = [
        search_result(f"http://127.0.0.1:{secret_port}/leak"),
        search_result("http://10.1.2.3/leak"),
        search_result(f"http://localhost:{secret_port}/leak"),
    ]
    reg = Registry()
    for cls in (stage0(results, "search"), ContactsCheck):
        reg.add_check(cls)
    scanner = Scanner(reg, Settings(retries=0, timeout=5.0))  # no proxy, no sandbox switch
    try:
        report = scanner.run(Subject(name="x", urls=(own_url,)))
    finally:
        scanner.client.close()
    assert secret.RequestHandlerClass.hits == []  # type: ignore[attr-defined]
    assert own.RequestHandlerClass.hits == ["/"]  # the user's own URL is fetched, its links not
    for r in report.results:
        if r.target.startswith("search result"):
            assert (r.status, r.reason) == (Status.UNKNOWN, Reason.NETWORK), r
            assert "not fetched" in r.detail
    own_result = result(report, "contacts", "own site")
    assert "not read" in own_result.detail


def test_dry_run_plan_lists_what_later_stages_will_read() -> None:
    probes = list(ContactsCheck().probes(SUBJECT, {}, ()))
    assert probes[0].planned[0].url == SITE + "/"
    later = probes[-1]
    assert [p.url for p in later.planned] == ["(profile pages found by accounts)",
                                             "(search results about you)"]
    no_fetch = list(ContactsCheck().probes(SUBJECT, {"fetch_results": False}, ()))[-1]
    assert [p.url for p in no_fetch.planned] == ["(profile pages found by accounts)"]


def test_hostile_nesting_is_parsed() -> None:
    from checks._common.page import parse_page

    page = parse_page("https://x.example/", "<a href='/x'>" * 5000 + "camille@example.org")
    assert len(page.links) == 5000
    assert "camille@example.org" in page.text


def test_search_result_pages_report_only_the_persons_details() -> None:
    w = World()
    w.page("https://annuaire.example/lyon", "<ul><li>DUFRESNE Camille, tél 06 39 98 12 34</li>"
           "<li>MARTIN Jeanne, tél 04 78 12 34 56, jeanne@example.net</li></ul>")
    subject = Subject(name="Camille Dufresne", phones=("+33 6 39 98 12 34",), country="FR")
    report, _ = scan(w, subject, [stage0([search_result("https://annuaire.example/lyon")],
                                         "search"), ContactsCheck])
    r = result(report, "contacts", "search result")
    assert [(f.data["value"], f.data["own"]) for f in r.findings] == [("+33639981234", True)]
    assert "2 detail(s) of other people" in r.detail


def test_site_page_budget_counts_failed_pages_too() -> None:
    w = World()
    links = "".join(f'<a href="/p{n}">p{n}</a>' for n in range(60))
    w.page(SITE + "/", "<h1>Camille Dufresne</h1>" + links)
    for n in range(60):
        w.page(f"{SITE}/p{n}", "no", status=403 if n % 2 else 429)
    report, served = scan(w, SUBJECT, [stage0([]), ContactsCheck])
    pages = [u for u in served if u.startswith(SITE + "/p")]
    assert len(pages) == 7  # 8 pages in all, the first included, whatever they answered
    r = result(report, "contacts", "own site")
    assert len(r.detail) < 4000  # seven notes, not sixty


def test_a_page_of_unclosed_nested_tags_is_reported_unknown_not_parsed_for_ever() -> None:
    w = World()
    w.page(SITE + "/", "<h1>Camille Dufresne</h1>" + "<div><span>" * 120_000)
    report, _ = scan(w, SUBJECT, [stage0([]), ContactsCheck])
    r = result(report, "contacts", "own site")
    assert r.status is Status.UNKNOWN
    assert "nested more than" in r.detail


def test_a_hostile_sub_page_is_skipped_and_the_rest_is_read() -> None:
    w = _world()
    w.page(SITE + "/contact", "<b>" * 200_000)
    report, _ = scan(w, SUBJECT, [stage0([]), ContactsCheck])
    r = result(report, "contacts", "own site")
    assert r.status is Status.FOUND
    assert any(f.data["source_url"] == SITE + "/cv.html" for f in r.findings)
    assert "/contact" in r.detail


def test_parse_limits() -> None:
    from checks._common import soup as _soup

    assert _soup.parse("<p>x</p>" * 10).find_all("p")
    with pytest.raises(_soup.PageTooComplex):
        _soup.parse("<p>x</p>" * 50, max_tags=20)
    with pytest.raises(_soup.PageTooComplex):
        _soup.parse("<i>" * 50, max_depth=20)
    assert "tail" not in _soup.parse("<p>" + "x" * 100 + "tail</p>", max_chars=50).get_text()


def test_a_page_of_20000_blocked_same_host_links_gives_a_small_report(
    loopback_servers: tuple[ThreadingHTTPServer, ThreadingHTTPServer],
) -> None:
    own, _ = loopback_servers
    own.body = "".join(f'<a href="/p{n}">p</a>' for n in range(20_000)).encode()  # type: ignore[attr-defined]
    own_url = f"http://127.0.0.1:{own.server_address[1]}/"
    reg = Registry()
    reg.add_check(ContactsCheck)
    scanner = Scanner(reg, Settings(retries=0, timeout=5.0))
    try:
        report = scanner.run(Subject(name="x", urls=(own_url,)))
    finally:
        scanner.client.close()
    assert own.RequestHandlerClass.hits == ["/"]  # type: ignore[attr-defined]
    r = result(report, "contacts", "own site")
    assert r.detail.count("/p") == 7  # the budget of 8 pages: 7 links tried, each listed once
