"""Graph signals (one test each), strengths, clusters, pseudonym paths and their severity."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from audit.check import NetworkError
from audit.models import CheckResult, Finding, Severity, Status, Subject
from audit.net.model import HttpRequest, HttpResponse
from checks._common.page import parse_page
from checks.links.build import Builder
from checks.links.findings import cluster_findings, edge_finding, is_pseudonym
from checks.links.graph import Graph

NOW = datetime(2026, 11, 22, tzinfo=UTC)
SITE = "https://www.camille.example/"
SUBJECT = Subject(name="Camille Dufresne", former_names=("Camille Roux",),
                  emails=("camille@example.org",), urls=(SITE,), country="FR")


class OfflineCtx:
    """A context for graph-building tests that never touch the network."""

    subject = SUBJECT
    options: Mapping[str, Any] = {}

    def fetch(self, request: HttpRequest) -> HttpResponse:
        raise NetworkError(f"offline test: {request.url}")

    def now(self) -> datetime:
        return NOW

    def cache_get(self, key: str) -> Any:
        return None

    def cache_put(self, key: str, value: Any, ttl_s: float) -> None:
        pass


def _builder() -> Builder:
    return Builder(SUBJECT, {}, OfflineCtx())


def _edges(b: Builder) -> dict[tuple[str, str, str], str]:
    return {(e.source, e.target, e.signal): e.strength for e in b.graph.finalize()}


def test_mutual_rel_me_is_confirmed() -> None:
    b = _builder()
    b.read_page("url:" + SITE, parse_page(SITE, '<a rel="me" href="https://github.com/cd">g</a>'),
                0)
    b.read_page("github:cd", parse_page("https://github.com/cd",
                                        f'<a rel="nofollow me" href="{SITE}">site</a>'), 0)
    edges = _edges(b)
    assert edges == {("url:" + SITE, "github:cd", "rel_me_mutual"): "confirmed"}


def test_one_way_rel_me_is_strong() -> None:
    b = _builder()
    b.read_page("github:cd", parse_page("https://github.com/cd",
                                        f'<a rel="me" href="{SITE}">site</a>'), 0)
    assert _edges(b) == {("github:cd", "url:" + SITE, "rel_me"): "strong"}


def test_verified_profile_field_is_confirmed() -> None:
    html = f'<dl><div class="verified"><dd><a rel="me" href="{SITE}">site</a></dd></div></dl>'
    b = _builder()
    b.read_page("mastodon.social:v", parse_page("https://mastodon.social/@v", html), 0)
    assert _edges(b) == {("mastodon.social:v", "url:" + SITE, "verified_field"): "confirmed"}


def test_profile_link_to_profile_and_jsonld_same_as() -> None:
    b = _builder()
    b.read_page("reddit:v", parse_page("https://www.reddit.com/user/v",
                                       '<a href="https://mastodon.social/@v">m</a>'), 0)
    b.read_page("url:" + SITE, parse_page(SITE, '<script type="application/ld+json">'
                '{"@type":"Person","sameAs":"https://gitlab.com/cd"}</script>'), 0)
    edges = _edges(b)
    assert edges[("reddit:v", "mastodon.social:v", "profile_link")] == "strong"
    assert edges[("url:" + SITE, "gitlab:cd", "profile_link")] == "strong"


def test_link_in_bio_page_edges() -> None:
    b = _builder()
    page = parse_page("https://linktr.ee/v", f'<a href="{SITE}">site</a>')
    b.read_page("linktree:v", page, 0)
    assert _edges(b) == {("linktree:v", "url:" + SITE, "link_in_bio"): "strong"}


def test_bio_mention_is_medium_and_becomes_a_candidate() -> None:
    b = _builder()
    b.read_page("reddit:v", parse_page("https://www.reddit.com/user/v", ""), 0,
                bio="also on mastodon as @v@mastodon.social")
    assert _edges(b) == {("reddit:v", "mastodon.social:v", "bio_mention"): "medium"}
    assert [(c.node, c.depth) for c in b.candidates] == [("mastodon.social:v", 1)]


def _contact(kind: str, value: str, url: str, own: bool = True) -> CheckResult:
    f = Finding(kind="contact", title="c", url=url,
                data={"type": kind, "value": value, "own": own, "source_url": url,
                      "excerpt": value})
    return CheckResult("contacts", "t", Status.FOUND, findings=(f,))


def test_same_email_and_phone_from_contact_findings() -> None:
    b = _builder()
    b.read_contacts([
        _contact("email", "camille@example.org", "https://github.com/cd"),
        _contact("email", "camille@example.org", SITE + "contact"),
        _contact("phone", "+33639981234", SITE + "contact"),
        _contact("email", "j***@a***.example", SITE + "contact", own=False),
    ])
    edges = _edges(b)
    assert edges == {
        ("github:cd", "email:camille@example.org", "same_email"): "strong",
        ("url:" + SITE, "email:camille@example.org", "same_email"): "strong",
        ("url:" + SITE, "phone:+33639981234", "same_phone"): "strong",
    }
    assert len(b.graph.clusters()) == 1


def test_same_handle_and_display_name_are_weak_and_do_not_merge_clusters() -> None:
    from checks.links.build import Account

    b = _builder()
    b.add_account(Account("reddit:velvet", "https://www.reddit.com/user/velvet", "velvet fox"))
    b.add_account(Account("gitlab:velvet", "https://gitlab.com/velvet", "velvet fox"))
    b.add_account(Account("github:other", "https://github.com/other", "velvet fox"))
    b.compare_accounts()
    edges = _edges(b)
    assert edges[("gitlab:velvet", "reddit:velvet", "same_handle")] == "weak"
    assert edges[("github:other", "gitlab:velvet", "same_display_name")] == "weak"
    assert b.graph.clusters() == []


def test_display_name_equal_to_the_name_ties_the_account() -> None:
    from checks.links.build import Account

    b = _builder()
    b.add_account(Account("github:cd", "https://github.com/cd", "Camille Dufresne"))
    b.add_account(Account("gitlab:cr", "https://gitlab.com/cr", "Camille ROUX"))
    edges = _edges(b)
    assert edges[("github:cd", "name:camille dufresne", "shows_name")] == "strong"
    assert edges[("gitlab:cr", "name:camille roux", "shows_name")] == "strong"


def test_clusters_paths_and_bridge_severity() -> None:
    g = Graph()
    g.add("mastodon.social:velvet", "url:" + SITE, "rel_me", "https://mastodon.social/@velvet")
    g.add("url:" + SITE, "mastodon.social:velvet", "rel_me", SITE)
    g.add("url:" + SITE, "name:camille dufresne", "shows_name", SITE, "title: Camille Dufresne")
    g.add("reddit:velvet", "mastodon.social:velvet", "bio_mention", "https://reddit.com/u/velvet")
    g.add("twitch:velvet", "reddit:velvet", "same_handle", "https://twitch.tv/velvet")
    edges = g.finalize()
    comps = g.clusters()
    assert comps == [{"mastodon.social:velvet", "url:" + SITE, "name:camille dufresne",
                      "reddit:velvet"}]
    path = g.explain_path("reddit:velvet", {"name:camille dufresne"})
    assert [e.signal for e in path] == ["bio_mention", "rel_me_mutual", "shows_name"]
    displays = {"mastodon.social:velvet": "velvet fox", "reddit:velvet": "",
                "twitch:velvet": ""}
    clusters, bridges = cluster_findings(g, ("Camille Dufresne",), displays, NOW)
    (cluster,) = clusters
    assert cluster.kind == "identity_cluster"
    assert cluster.severity is Severity.HIGH
    assert cluster.data["tied_to_name"] is True
    assert list(cluster.data["pseudonyms"]) == ["mastodon.social:velvet", "reddit:velvet"]
    assert "rel=" in cluster.data["paths"][0]["explanation"]
    link_findings = [edge_finding(e, g.labels, (e.source, e.target, e.signal) in bridges, NOW)
                     for e in edges]
    by_signal = {f.data["signal"]: f for f in link_findings}
    assert by_signal["rel_me_mutual"].severity is Severity.HIGH
    assert by_signal["same_handle"].severity is Severity.INFO
    assert set(by_signal["shows_name"].data) >= {"source", "target", "signal", "strength",
                                                 "evidence_url", "excerpt"}


def test_cluster_without_the_name_is_low() -> None:
    g = Graph()
    g.add("reddit:a", "x:a", "profile_link", "https://reddit.com/u/a")
    clusters, bridges = cluster_findings(g, ("Camille Dufresne",), {"reddit:a": ""}, NOW)
    assert [c.severity for c in clusters] == [Severity.LOW]
    assert clusters[0].data["tied_to_name"] is False
    assert bridges == set()


def test_pseudonym_detection() -> None:
    g = Graph()
    names = ("Camille Dufresne", "Camille Roux")
    assert not is_pseudonym("github:camdufresne", g, names)
    assert not is_pseudonym("gitlab:c-roux", g, names)
    assert is_pseudonym("mastodon.social:velvetfox42", g, names)
    assert not is_pseudonym("url:https://x.example/", g, names)
    g.add("x:zz", "name:camille dufresne", "shows_name")
    assert not is_pseudonym("x:zz", g, names)
