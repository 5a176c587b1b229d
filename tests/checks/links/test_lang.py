"""The links check writes titles, path explanations and details in the subject's language
(fr / en), with the same fingerprints in both."""

from __future__ import annotations

from audit.models import Status, Subject
from checks.links import LinksCheck
from checks.links.findings import cluster_findings, edge_finding
from checks.links.graph import Graph
from tests.checks.contacts.harness import result, scan, stage0
from tests.checks.links.test_discovery import START, _world
from tests.checks.links.test_graph import NOW, SITE


def _graph() -> Graph:
    g = Graph()
    g.add("mastodon.social:velvet", "url:" + SITE, "rel_me", "https://mastodon.social/@velvet")
    g.add("url:" + SITE, "mastodon.social:velvet", "rel_me", SITE)
    g.add("url:" + SITE, "name:camille dufresne", "shows_name", SITE, "title: Camille Dufresne")
    g.add("reddit:velvet", "mastodon.social:velvet", "bio_mention", "https://reddit.com/u/velvet")
    return g


def test_cluster_and_edge_titles_follow_the_language() -> None:
    g = _graph()
    edges = g.finalize()
    displays = {"mastodon.social:velvet": "velvet fox", "reddit:velvet": ""}
    (en,), bridges = cluster_findings(g, ("Camille Dufresne",), displays, NOW)
    (fr,), _ = cluster_findings(g, ("Camille Dufresne",), displays, NOW, "fr")
    assert en.title == ("Your pseudonym mastodon.social:velvet (and 1 more) can be tied to "
                        "your real name")
    assert fr.title == ("Votre pseudonyme mastodon.social:velvet (et 1 autre(s)) peut être "
                        "relié à votre vrai nom")
    assert en.fingerprint == fr.fingerprint
    assert "; then " in en.data["paths"][1]["explanation"]
    assert " ; puis " in fr.data["paths"][1]["explanation"]
    assert "mentionne" in fr.data["paths"][1]["explanation"]
    mention = next(e for e in edges if e.signal == "bio_mention")
    bridge = (mention.source, mention.target, mention.signal) in bridges
    e_en = edge_finding(mention, g.labels, bridge, NOW)
    e_fr = edge_finding(mention, g.labels, bridge, NOW, "fr")
    assert e_en.title == "reddit:velvet mentions mastodon.social:velvet"
    assert e_fr.title == "reddit:velvet mentionne mastodon.social:velvet"
    assert e_en.fingerprint == e_fr.fingerprint
    assert e_en.data == e_fr.data


def test_discovery_titles_and_details_follow_the_language() -> None:
    runs = {}
    for lang in ("en", "fr"):
        report, _ = scan(_world(), Subject(name="x", lang=lang), [stage0([START]), LinksCheck])
        runs[lang] = report
    found_en = result(runs["en"], "links", "discovered handle: one.example")
    found_fr = result(runs["fr"], "links", "discovered handle: one.example")
    assert found_en.status is found_fr.status is Status.FOUND
    assert found_en.findings[0].title == ("one.example account 'velvet' (found through "
                                          "https://www.reddit.com/user/velvet)")
    assert found_fr.findings[0].title == ("Compte one.example « velvet » (trouvé via "
                                          "https://www.reddit.com/user/velvet)")
    assert found_en.findings[0].fingerprint == found_fr.findings[0].fingerprint
    assert found_en.detail == "exists: HTTP 200"
    assert found_fr.detail == "présent : HTTP 200"
    deep_en = result(runs["en"], "links", "discovered handle: four.example")
    deep_fr = result(runs["fr"], "links", "discovered handle: four.example")
    assert deep_en.detail.endswith("not checked: depth limit (max_depth=1)")
    assert deep_fr.detail.endswith("non vérifié : limite de profondeur atteinte (max_depth=1)")
    missing_fr = result(runs["fr"], "links", "discovered handle: two.example")
    assert missing_fr.detail.startswith("absent : HTTP 404 ; vu sur ")
