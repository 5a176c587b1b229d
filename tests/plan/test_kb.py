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
        else:
            assert item.get("status") == "unverified", path


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
        obj={"clock": lambda: __import__("datetime").datetime(2026, 11, 22)},
    )
    assert res.exit_code == 0, res.output
    assert "not yet checked  platforms.snapchat.settings.snap_ghost" in res.output
    assert "0 item(s) checked more than 365 days" in res.output
    assert "[cites a home page]" in res.output
    res = runner.invoke(kb_group, ["show", "telegram", "--lang", "fr"])
    assert res.exit_code == 0
    assert "Qui peut voir mon numéro" in res.output
    res = runner.invoke(kb_group, ["show", "nowhere"])
    assert "generic" in res.output
