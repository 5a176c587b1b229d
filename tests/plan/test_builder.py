"""The plan builder: mapping of every finding kind, priority order, ids, languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from audit.models import Finding, Severity
from audit.plan import build_plan
from audit.plan.letters import leftover_syntax
from audit.store.planjson import plan_to_dict
from tests.plan.persona import SITE, account, persona_findings, report


def _plan(lang: str = "en", findings: list[Finding] | None = None, **kw: Any) -> dict[str, Any]:
    return plan_to_dict(build_plan(report(findings, **kw), lang))


def _items_for(plan: dict[str, Any], fp: str) -> list[dict[str, Any]]:
    return [i for i in plan["checklist"] if fp in i["finding_fingerprints"]]


def _requests_for(plan: dict[str, Any], fp: str) -> list[dict[str, Any]]:
    return [r for r in plan["requests"] if fp in r["finding_fingerprints"]]


def test_shape_of_items_and_requests() -> None:
    plan = _plan()
    assert plan["checklist"]
    assert plan["requests"]
    for item in plan["checklist"]:
        assert {
            "id",
            "platform",
            "title",
            "why",
            "steps",
            "priority",
            "source_url",
            "minutes",
            "finding_fingerprints",
        } <= set(item)
        assert item["steps"]
        assert item["minutes"] > 0
        assert item["source_url"].startswith("http")
        assert item["why"]
    for req in plan["requests"]:
        assert {
            "id",
            "kind",
            "recipient",
            "target_urls",
            "form_url",
            "letter",
            "deadline_days",
            "next_step",
        } <= set(req)
        assert req["kind"] in (
            "delisting",
            "removal",
            "platform_report",
            "broker_optout",
            "authority",
        )
        assert req["form_url"] or req["letter"], req["title"]
        assert req["target_urls"]
    json.dumps(plan)


def test_account_gives_platform_settings_and_optional_deletion() -> None:
    f = account("Strava", "strava", "camdufresne", "https://www.strava.com/athletes/camdufresne")
    plan = _plan(findings=[f])
    items = _items_for(plan, f.fingerprint)
    settings = [i for i in items if not i["optional"] and i["platform"] == "strava"]
    assert settings
    assert any("Map Visibility" in s for s in settings[0]["steps"])
    deletion = [i for i in items if i["optional"]]
    assert deletion
    assert "https://www.strava.com/athlete/delete_your_account" in " ".join(deletion[0]["steps"])
    assert f.fingerprint in settings[0]["why"]
    assert f.title in settings[0]["why"]


def test_unknown_platform_key_uses_generic_settings_with_the_site_name() -> None:
    f = account("Some Forum", "discourse", "cam", "https://forum.example.org/u/cam")
    item = next(
        i
        for i in _plan(findings=[f])["checklist"]
        if i["platform"] == "generic" and not i["optional"]
    )
    assert item["title"].startswith("Some Forum (cam)")


def test_contact_on_third_party_page_gives_removal_then_delisting() -> None:
    f = next(x for x in persona_findings() if x.title == "Phone on a forum")
    plan = _plan(findings=[f])
    reqs = _requests_for(plan, f.fingerprint)
    kinds = [r["kind"] for r in reqs]
    assert kinds[0] == "removal"
    assert set(kinds[1:]) == {"delisting"}
    assert {r["recipient"] for r in reqs if r["kind"] == "delisting"} == {"Google", "Bing", "Qwant"}
    removal = reqs[0]
    assert removal["form_url"] is None
    assert "Article 17" in removal["letter"]
    assert "https://forum.example.net/t/42" in removal["letter"]
    assert removal["deadline_days"] == 30
    assert removal["extension_days"] == 60
    assert removal["next_step_url"] == "https://www.cnil.fr/fr/plaintes"
    item = _items_for(plan, f.fingerprint)[0]
    assert set(item["request_ids"]) == {r["id"] for r in reqs}


def test_contact_on_a_platform_page_gives_a_platform_report() -> None:
    f = Finding(
        "contact",
        "Address posted on reddit",
        Severity.HIGH,
        url="https://www.reddit.com/r/lyon/comments/1",
        data={
            "type": "address",
            "value": "12 rue",
            "own": True,
            "source_url": "https://www.reddit.com/r/lyon/comments/1",
        },
    )
    reqs = _requests_for(_plan(findings=[f]), f.fingerprint)
    report_req = next(r for r in reqs if r["kind"] == "platform_report")
    assert report_req["recipient"] == "Reddit"
    assert report_req["form_url"]
    assert "Article 16" in report_req["letter"]


def test_contact_on_own_site_or_profile_is_an_edit_not_a_letter() -> None:
    fs = [
        x
        for x in persona_findings()
        if x.kind == "contact" and x.data["own"] and "forum" not in x.url
    ]
    fs.append(account("GitHub", "github", "camdufresne", "https://github.com/camdufresne"))
    plan = _plan(findings=fs)
    for f in fs[:-1]:
        assert not _requests_for(plan, f.fingerprint)
        item = _items_for(plan, f.fingerprint)[0]
        assert f.data["source_url"] in item["title"]


def test_other_peoples_details_get_no_item() -> None:
    f = next(x for x in persona_findings() if x.title == "Someone else's phone")
    plan = _plan(findings=[f])
    assert not _items_for(plan, f.fingerprint)
    assert not _requests_for(plan, f.fingerprint)


def test_listing_gives_broker_optout_form_or_letter() -> None:
    fs = [x for x in persona_findings() if x.kind == "listing"]
    plan = _plan(findings=fs)
    spokeo = _requests_for(plan, fs[2].fingerprint)[0]
    assert spokeo["kind"] == "broker_optout"
    assert spokeo["form_url"] == "https://www.spokeo.com/optout"
    assert spokeo["letter"] is None
    pb = _requests_for(plan, fs[0].fingerprint)[0]
    assert pb["form_url"] is None
    assert "Article 17" in pb["letter"]
    societe = {r["kind"] for r in _requests_for(plan, fs[1].fingerprint)}
    assert societe == {"broker_optout", "authority"}
    register = next(
        r for r in _requests_for(plan, fs[1].fingerprint) if r["kind"] == "authority"
    )
    # décret 2025-840: an online formality with redacted copies, not a letter with a deadline
    assert register["letter"] is None
    assert register["deadline_days"] is None
    assert register["form_url"] == "https://formalites.entreprises.gouv.fr/"
    assert "redact" in register["needs"] or "blacked out" in register["needs"]
    assert "paid" in register["needs"]
    pb_item = _items_for(plan, fs[0].fingerprint)[0]
    assert any("liste rouge" in s for s in pb_item["steps"])


def test_web_photo_cluster_and_local_photos() -> None:
    fs = [
        x
        for x in persona_findings()
        if x.kind in ("photo_location", "place_cluster", "photo_identity")
    ]
    plan = _plan(findings=fs)
    cluster = _items_for(plan, fs[-1].fingerprint)[0]
    assert "home" in cluster["title"]
    assert cluster["severity"] == "high"
    assert any(s.startswith("exposure-audit photos clean /home/c/Photos") for s in cluster["steps"])
    assert any(SITE + "img/balcon.jpg" in s for s in cluster["steps"])
    local = _items_for(plan, fs[1].fingerprint)[0]
    assert local["phase"] == "later"
    assert any("photos clean" in s for s in local["steps"])
    assert _items_for(plan, fs[2].fingerprint) == [local]


def test_web_photo_on_a_third_party_site_gets_a_removal_request() -> None:
    f = Finding(
        "photo_location",
        "Photo on a blog",
        Severity.HIGH,
        url="https://blog.example/p.jpg",
        data={"source": "https://blog.example/p.jpg", "lat": 45.7, "lon": 4.8},
    )
    reqs = _requests_for(_plan(findings=[f]), f.fingerprint)
    assert [r["kind"] for r in reqs] == ["removal"]


def test_pseudonym_link_is_cut_where_it_is() -> None:
    fs = [x for x in persona_findings() if x.kind in ("link", "identity_cluster")]
    plan = _plan("fr", findings=fs)
    link = _items_for(plan, fs[0].fingerprint)[0]
    assert link["title"].endswith("https://mastodon.social/@velvetfox42")
    assert link["steps"][0].startswith(f"velvetfox42 (mastodon) → {SITE}")
    assert link["platform"] == "mastodon"
    assert link["phase"] == "exposure"
    assert any("Champs supplémentaires" in s for s in link["steps"])
    assert _items_for(plan, fs[1].fingerprint)


def _link(source: str, target: str, signal: str, where: str, bridge: bool) -> Finding:
    return Finding(
        "link",
        f"{source} - {target}",
        Severity.MEDIUM,
        url=where,
        key=f"{source}>{target}:{signal}",
        data={
            "source": source,
            "target": target,
            "signal": signal,
            "evidence_url": where,
            "bridge": bridge,
            "strength": "strong",
        },
    )


def test_links_on_one_page_share_an_item_and_weak_clues_are_grouped_later() -> None:
    page = "https://linktr.ee/velvetfox42"
    a = _link("linktree:velvetfox42", "url:" + SITE, "link_in_bio", page, True)
    b = _link("linktree:velvetfox42", "pixelfed.example:velvet", "link_in_bio", page, True)
    weak1 = _link(
        "github:camdufresne",
        "gitlab:camdufresne",
        "same_handle",
        "https://gitlab.com/camdufresne",
        False,
    )
    weak2 = _link(
        "mastodon.social:velvetfox42",
        "reddit:velvetfox42",
        "same_display_name",
        "https://www.reddit.com/user/velvetfox42",
        False,
    )
    contact_link = _link("url:" + SITE, "phone:+33639981234", "same_phone", SITE, True)
    plan = _plan("en", findings=[a, b, weak1, weak2, contact_link])
    shared = _items_for(plan, a.fingerprint)
    assert shared == _items_for(plan, b.fingerprint)
    assert len(shared) == 1
    assert sum("→" in s for s in shared[0]["steps"]) == 2
    weak = _items_for(plan, weak1.fingerprint)
    assert weak == _items_for(plan, weak2.fingerprint)
    assert weak[0]["phase"] == "later"
    assert any("Rename one of the accounts" in s for s in weak[0]["steps"])
    assert not _items_for(plan, contact_link.fingerprint)


def test_search_results_delisting_only_where_the_law_allows() -> None:
    fs = [x for x in persona_findings() if x.kind == "search_result"]
    plan = _plan(findings=fs)
    news = fs[0]
    delist = _requests_for(plan, news.fingerprint)
    assert delist
    assert {r["kind"] for r in delist} == {"delisting"}
    assert all("https://news.example.com/a/1" in r["target_urls"] for r in delist)
    assert not _items_for(plan, fs[1].fingerprint)  # own site
    assert not _items_for(plan, fs[2].fingerprint)  # not about her
    us = _plan(findings=fs, country="US", lang="en")
    assert not _requests_for(us, news.fingerprint)
    item = _items_for(us, news.fingerprint)[0]
    assert any("no law" in s for s in item["steps"])


def test_unknown_kind_is_kept_for_review() -> None:
    f = Finding("breach", "Email in a breach", Severity.MEDIUM, url="https://x.example")
    items = _items_for(_plan(findings=[f]), f.fingerprint)
    assert items
    assert items[0]["phase"] == "later"


def test_priority_order_safety_then_severity_then_later() -> None:
    plan = _plan()
    items = plan["checklist"]
    assert [i["priority"] for i in items] == list(range(1, len(items) + 1))
    phases = [i["phase"] for i in items]
    assert phases == sorted(phases, key=["safety", "exposure", "later"].index)
    safety = [i["id"] for i in items if i["phase"] == "safety"]
    titles = [i["title"] for i in items[:3]]
    assert len(safety) == 6
    assert "danger" in titles[0]
    assert "Lock" in titles[1]
    assert "evidence" in titles[2].lower()
    rest = [i["title"] for i in items[3:6]]
    assert rest[0] == "A short safety plan"
    assert "recovery" in rest[1]
    assert rest[2] == "Turn off location sharing"
    exposure = [Severity.parse(i["severity"]) for i in items if i["phase"] == "exposure"]
    assert exposure == sorted(exposure, reverse=True)
    later = [i for i in items if i["phase"] == "later"]
    assert [i["optional"] for i in later] == sorted(i["optional"] for i in later)
    kinds = [r["kind"] for r in plan["requests"]]
    assert kinds.index("removal") < kinds.index("delisting")


def test_evidence_step_lists_every_url_to_be_removed_before_acting() -> None:
    plan = _plan()
    evidence = next(i for i in plan["checklist"] if i["id"] == plan["checklist"][2]["id"])
    for url in ("https://forum.example.net/t/42", "https://www.spokeo.com/Camille-Dufresne"):
        assert f"exposure-audit evidence add {url}" in evidence["steps"]


def test_ids_are_deterministic_and_unique() -> None:
    a, b = _plan(), _plan()
    assert [i["id"] for i in a["checklist"]] == [i["id"] for i in b["checklist"]]
    assert [r["id"] for r in a["requests"]] == [r["id"] for r in b["requests"]]
    assert len({i["id"] for i in a["checklist"]}) == len(a["checklist"])
    assert len({r["id"] for r in a["requests"]}) == len(a["requests"])
    fr = _plan("fr")
    assert [i["id"] for i in fr["checklist"]] == [i["id"] for i in a["checklist"]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_plan_is_actionable_in_each_language(lang: str) -> None:
    plan = _plan(lang)
    for item in plan["checklist"]:
        assert not leftover_syntax(" ".join([item["title"], *item["steps"]]))
    for req in plan["requests"]:
        if req["letter"]:
            assert not leftover_syntax(req["letter"])
            assert "Camille Dufresne" in req["letter"] or req["kind"] == "platform_report"
    marker = "Si vous êtes en danger" if lang == "fr" else "If you are in danger"
    assert plan["checklist"][0]["title"].startswith(marker)
    assert any("3018" in s for s in plan["checklist"][0]["steps"])
    assert plan["helplines"]["jurisdiction"] == "FR"
    assert plan["helplines"]["authority"]["complaint_url"] == "https://www.cnil.fr/fr/plaintes"
    assert len(plan["evidence_advice"]["columns"]) == 4
    assert plan["minutes_total"] > 60


def test_plan_survives_the_report_json_round_trip() -> None:
    from dataclasses import replace

    from audit.store.serialize import report_from_dict, report_to_dict

    rep = report()
    plan = build_plan(rep, "en")
    data = report_to_dict(replace(rep, plan=plan))
    assert data["checklist"] == plan_to_dict(plan)["checklist"]
    assert data["requests"] == plan_to_dict(plan)["requests"]
    assert report_from_dict(json.loads(json.dumps(data))).plan == plan


def test_non_bridge_links_between_same_identity_accounts_are_not_items() -> None:
    f = _link(
        "github:camdufresne", "url:" + SITE, "profile_link", "https://github.com/camdufresne", False
    )
    assert not _items_for(_plan(findings=[f]), f.fingerprint)


def test_contact_on_a_directory_page_joins_its_optout_request() -> None:
    listing = next(x for x in persona_findings() if x.title == "Pages Blanches listing")
    phone = Finding(
        "contact",
        "Phone on Pages Blanches",
        Severity.HIGH,
        url=listing.url,
        data={"type": "phone", "value": "+33639981234", "own": True, "source_url": listing.url},
    )
    plan = _plan("fr", findings=[listing, phone])
    kinds = sorted(r["kind"] for r in _requests_for(plan, phone.fingerprint))
    assert kinds == ["broker_optout", "delisting", "delisting", "delisting"]
    optout = next(r for r in plan["requests"] if r["kind"] == "broker_optout")
    assert listing.fingerprint in optout["finding_fingerprints"]
    assert f"{listing.url} (numéro de téléphone)" in optout["letter"]
    assert len(_items_for(plan, phone.fingerprint)) == 1
