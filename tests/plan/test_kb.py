"""The knowledge base: every item sourced and dated, the main platforms complete, fallbacks."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.cli.kb import kb_group
from audit.plan import kb

ROOT = Path(__file__).resolve().parents[2]
MAIN_25 = [
    "facebook",
    "instagram",
    "x",
    "tiktok",
    "linkedin",
    "snapchat",
    "youtube",
    "reddit",
    "github",
    "strava",
    "telegram",
    "whatsapp",
    "signal",
    "discord",
    "twitch",
    "pinterest",
    "mastodon",
    "bluesky",
    "google",
    "venmo",
    "amazon",
    "spotify",
    "vinted",
    "leboncoin",
    "tumblr",
]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_every_knowledge_item_has_a_source_and_a_check_date_or_none() -> None:
    items = list(kb.knowledge_items())
    assert len(items) > 120
    for path, item in items:
        assert str(item.get("source_url", "")).startswith(("https://", "http://")), path
        assert "verified" in item, path
        if item["verified"] is not None:
            assert ISO.match(item["verified"]), path
            date.fromisoformat(item["verified"])
            assert item["status"] == "verified", path
            # a check names the page checked, never a bare home page
            assert kb.cites_specific_page(item), path
            assert "unchecked_reason" not in item, path
        else:
            assert item.get("status") == "unverified", path
            # an unchecked item says why, in both languages
            assert item["unchecked_reason"]["en"], path
            assert item["unchecked_reason"]["fr"], path


def test_checked_and_unchecked_items_are_told_apart() -> None:
    unchecked = dict(kb.unchecked_items())
    assert unchecked
    assert all(item["verified"] is None for item in unchecked.values())
    checked = [p for p, i in kb.knowledge_items() if kb.is_checked(i)]
    assert checked
    assert not set(checked) & set(unchecked)


def test_a_missing_source_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = json.loads(json.dumps(kb.load("brokers")))
    del broken["brokers"][0]["source_url"]
    original = kb.load
    monkeypatch.setattr(kb, "load", lambda name: broken if name == "brokers" else original(name))
    assert any("source_url" not in item for _, item in kb.knowledge_items())


@pytest.mark.parametrize("key", MAIN_25)
def test_main_platforms_are_complete_in_both_languages(key: str) -> None:
    entry = kb.platforms()[key]
    assert entry["name"]
    assert entry["domains"]
    assert entry["settings"], key
    for s in entry["settings"]:
        for part in ("title", "path", "value"):
            assert s[part]["en"], (key, s["id"], part)
            assert s[part]["fr"], (key, s["id"], part)
    assert entry["report"]["how"]["fr"]
    assert entry["report"]["url"]
    assert entry["deletion"]["url"].startswith("https://")


def test_unknown_and_aliased_platforms_fall_back_explicitly() -> None:
    assert kb.platform("no-such-site")[0] == "generic"
    assert kb.platform("twitter")[0] == "x"
    assert kb.platform("discourse")[0] == "generic"
    key, entry = kb.platform("threads")
    assert key == "threads"
    assert entry["settings"] == kb.platforms()["generic"]["settings"]
    assert kb.platform_key_for_url("https://www.reddit.com/user/x") == "reddit"
    assert kb.platform_key_for_url("https://gist.github.com/x") == "github"
    assert kb.platform_key_for_url("https://unknown.example/") is None


def test_every_platform_key_of_the_account_catalog_has_an_entry_or_explicit_fallback() -> None:
    path = ROOT / "checks" / "accounts" / "sites.json"
    if not path.exists():
        pytest.skip("checks/accounts/sites.json is absent")
    data = json.loads(path.read_text("utf-8"))
    sites = data["sites"] if isinstance(data, dict) else data
    keys = {s.get("platform_key") for s in sites if s.get("platform_key")}
    missing = sorted(k for k in keys if k not in kb.platforms() and k not in kb.aliases())
    assert not missing, f"add these platform keys to platforms.json (entry or alias): {missing}"


def test_broker_keys_match_the_search_check_slugs() -> None:
    path = ROOT / "checks" / "search" / "people_sites.json"
    if not path.exists():
        pytest.skip("checks/search/people_sites.json is absent")
    sites = json.loads(path.read_text("utf-8"))["sites"]
    by_name = {b["name"].split(" (")[0].lower(): k for k, b in kb.brokers().items()}
    for site in sites:
        ours = by_name.get(site["name"].split(" (")[0].lower())
        if ours is not None:
            assert ours == site["key"], site["name"]
    known = [s["key"] for s in sites if s["key"] in kb.brokers()]
    assert len(known) >= 15


def test_jurisdictions_cover_the_required_places() -> None:
    for code in ("FR", "BE", "CH", "CA", "UK", "US", "EU"):
        entry = kb.jurisdiction(code)
        assert entry["emergency"], code
    fr = kb.jurisdiction("FR")
    ids = {h["id"] for h in fr["helplines"]}
    assert {"fr_3018", "fr_116006", "fr_pharos", "fr_pointdecontact"} <= ids
    assert fr["dpa"]["complaint_url"] == "https://www.cnil.fr/fr/plaintes"
    gdpr = fr["legal"][0]
    assert (gdpr["deadline_days"], gdpr["extension_days"]) == (30, 60)
    assert "commissaire de justice" in fr["evidence"]["text"]["fr"]
    assert "427" in fr["evidence"]["text"]["fr"]
    assert "commencement de preuve" not in fr["evidence"]["text"]["fr"]
    assert kb.jurisdiction_code("DE") == "EU"
    assert kb.jurisdiction_code("GB") == "UK"
    assert kb.jurisdiction_code(None, "fr") == "FR"


def test_engines_say_what_each_form_needs_and_who_supplies_results() -> None:
    engines = kb.engines()
    assert {"google", "bing", "qwant", "yahoo", "duckduckgo", "ecosia"} <= set(engines)
    google_forms = {f["kind"] for f in engines["google"]["forms"]}
    assert {"eu_rtbf", "personal_info", "monitoring"} <= google_forms
    for key in ("duckduckgo", "ecosia", "yahoo"):
        assert engines[key]["results_from"] == "bing"
    for e in engines.values():
        for form in e["forms"]:
            assert form["needs"]["en"]
            assert form["needs"]["fr"]


def test_stale_lists_checked_items_older_than_the_limit_oldest_first() -> None:
    assert kb.stale_items(date(2026, 12, 3), 365) == []
    old = kb.stale_items(date(2028, 1, 1), 365)
    assert old
    assert all(kb.is_checked(item) and item["verified"] < "2027-01-01" for _, item in old)
    assert [i["verified"] for _, i in old] == sorted(i["verified"] for _, i in old)


def test_kb_commands() -> None:
    runner = CliRunner()
    res = runner.invoke(
        kb_group,
        ["stale", "--days", "365"],
        obj={"clock": lambda: __import__("datetime").datetime(2026, 12, 3)},
    )
    assert res.exit_code == 0, res.output
    unchecked = kb.unchecked_items()
    # every unchecked item is listed with its source and the reason it is not checked yet
    for path, item in unchecked:
        assert f"not yet checked  {path}" in res.output
        assert kb.unchecked_reason(item, "en") in res.output
    # checked items are not listed as unchecked, and the summary counts both honestly
    for path, item in kb.knowledge_items():
        if kb.is_checked(item):
            assert f"not yet checked  {path}\n" not in res.output
    checked = sum(1 for _, i in kb.knowledge_items() if kb.is_checked(i))
    assert f"{len(unchecked)} item(s) not yet checked; {checked} checked, of which 0 " in res.output
    # a year later, the checks of 2026-12 are listed as stale, with their date
    later = runner.invoke(
        kb_group,
        ["stale", "--days", "365", "--lang", "fr"],
        obj={"clock": lambda: __import__("datetime").datetime(2028, 1, 1)},
    )
    assert "checked 2026-12-03  platforms.snapchat.report" in later.output
    assert "Recherché le 2026-12-03" in later.output  # the reasons come in French too
    res = runner.invoke(kb_group, ["show", "telegram", "--lang", "fr"])
    assert res.exit_code == 0
    assert "Qui peut voir mon numéro" in res.output
    res = runner.invoke(kb_group, ["show", "nowhere"])
    assert "generic" in res.output


# Items whose specific source page is not known yet: each is unchecked, says so, and is
# flagged by `kb stale`. The list may only shrink; a new item must cite its specific page.
HOME_PAGE_DEBT = {
    "brokers.copainsdavant",
    "platforms.leboncoin.report",
    "platforms.leboncoin.settings.lbc_ads",
    "platforms.linkedin.settings.li_discovery",
    "platforms.vinted.settings.vt_profile",
}


def test_no_item_cites_a_home_page_except_the_listed_debt_which_is_unchecked() -> None:
    home = {p for p, i in kb.knowledge_items() if not kb.cites_specific_page(i)}
    assert home <= HOME_PAGE_DEBT, f"cite the specific page: {sorted(home - HOME_PAGE_DEBT)}"
    # the debt only shrinks: an entry fixed must leave the list
    assert not HOME_PAGE_DEBT - home, f"remove from HOME_PAGE_DEBT: {sorted(HOME_PAGE_DEBT - home)}"
    items = dict(kb.knowledge_items())
    for path in home:
        assert not kb.is_checked(items[path]), path  # never "checked" on a home page
        assert "not recorded" in kb.unchecked_reason(items[path], "en"), path
    # every report route and every setting of the main platforms cites a specific page
    for key in MAIN_25:
        entry = kb.platforms()[key]
        assert kb.cites_specific_page(entry["report"]) or f"platforms.{key}.report" in home, key


def test_front_pages_of_help_centres_do_not_count_as_sources() -> None:
    for url in (
        "https://www.pcmag.com/",
        "https://help.instagram.com/",
        "https://www.facebook.com/help/",
        "https://support.discord.com/hc/en-us",
        "https://www.linkedin.com/help/linkedin",
        "https://www.reddit.com/r/modnews/",
        "https://help.x.com/en/forms",
        "https://bsky.social/about/blog",
    ):
        assert not kb.cites_specific_page({"source_url": url}), url
    for url in (
        "https://help.instagram.com/574047304429005",
        "https://support.strava.com/hc/en-us/articles/6738598338061",
        "https://support.google.com/websearch/answer/12719076?hl=fr",
        "https://telegram.org/faq",
    ):
        assert kb.cites_specific_page({"source_url": url}), url
    # a helpline's own page describes that very service
    own = "https://www.accessnow.org/help/"
    assert kb.cites_specific_page({"source_url": own, "url": own})
    assert not kb.cites_specific_page({"source_url": own})


GENERIC_REPORT = "Use the in-app Report menu on the post or profile"


@pytest.mark.parametrize("key", MAIN_25)
def test_each_main_platform_has_its_own_report_route(key: str) -> None:
    report = kb.platforms()[key]["report"]
    generic = kb.platforms()["generic"]["report"]
    assert report["how"]["en"] != generic["how"]["en"]
    assert GENERIC_REPORT not in report["how"]["en"], key
    others = {k: kb.platforms()[k]["report"]["how"]["en"] for k in MAIN_25 if k != key}
    assert report["how"]["en"] not in others.values(), key
    assert report["how"]["fr"]
    assert report["how"]["fr"] != report["how"]["en"]


def test_the_report_routes_checked_name_their_menu_path_and_page() -> None:
    checked = {k for k in MAIN_25 if kb.is_checked(kb.platforms()[k]["report"])}
    # at least the platforms the plan meets most often were checked against their page
    assert {"x", "tiktok", "linkedin", "snapchat", "twitch", "pinterest", "strava",
            "whatsapp", "spotify", "discord", "instagram"} <= checked
    for key in checked:
        report = kb.platforms()[key]["report"]
        assert ">" in report["how"]["en"] or "form" in report["how"]["en"], key
        assert kb.text(report.get("note"), "en"), key  # says what was checked, and where
