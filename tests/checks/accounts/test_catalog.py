"""The shipped site catalog: schema, invariants, coverage, and the generator that writes it."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import pytest

from audit.errors import ConfigError
from checks.accounts import build_catalog
from checks.accounts.catalog import (
    PLACEHOLDER,
    load_catalog,
    load_file,
    parse_document,
    select,
    validate_document,
)

BLOCK_STATUSES = {401, 403, 407, 429, 451, 503, 999}


def _doc() -> dict:
    return json.loads(resources.files("checks.accounts").joinpath("sites.json").read_text())


def test_shipped_catalog_is_valid_against_its_schema() -> None:
    assert validate_document(_doc()) == []


def test_catalog_is_large_and_keys_unique() -> None:
    sites = load_catalog()
    assert len(sites) >= 400
    keys = [s.key for s in sites]
    assert len(keys) == len(set(keys))
    names = [s.name.lower() for s in sites]
    assert len(names) == len(set(names))


def test_every_template_has_the_placeholder_and_both_rules() -> None:
    for entry in _doc()["sites"]:
        assert PLACEHOLDER in entry["profile_url"], entry["key"]
        probe = entry["probe"]
        assert PLACEHOLDER in probe["url"] or PLACEHOLDER in (probe.get("body") or ""), entry["key"]
        assert entry["present"]["status"], entry["key"]
        assert entry["absent"]["status"], entry["key"]
        assert entry["present"] != entry["absent"], entry["key"]
        assert entry["source"], entry["key"]
        assert entry["platform_key"], entry["key"]


def test_rules_never_read_a_block_status_as_an_answer() -> None:
    for site in load_catalog():
        assert not set(site.present.status) & BLOCK_STATUSES, site.key
        assert not set(site.absent.status) & BLOCK_STATUSES, site.key


def test_same_status_for_both_rules_needs_a_marker_to_tell_them_apart() -> None:
    for site in load_catalog():
        if set(site.present.status) & set(site.absent.status):
            assert site.present.marker or site.absent.marker, site.key
            assert site.present.marker != site.absent.marker, site.key


def test_never_verified_entries_say_so() -> None:
    # No entry was checked online from this project: the date must be null, never invented.
    assert all(s.last_verified is None for s in load_catalog())


def test_exposure_critical_platforms_are_covered() -> None:
    platforms = {s.platform_key for s in load_catalog()}
    for key in ("facebook", "instagram", "x", "tiktok", "linkedin", "snapchat", "youtube",
                "reddit", "pinterest", "twitch", "discord", "telegram", "github", "gitlab",
                "mastodon", "bluesky", "medium", "substack", "strava", "spotify",
                "soundcloud", "tumblr"):
        assert key in platforms, key
    sites = load_catalog()
    assert sum(1 for s in sites if s.platform_key == "mastodon") >= 30
    assert sum(1 for s in sites if "FR" in s.countries) >= 40
    assert sum(1 for s in sites if s.category == "dating") >= 5
    assert sum(1 for s in sites if s.category == "gaming") >= 20
    assert sum(1 for s in sites if s.category == "forum") >= 30


def test_location_and_dating_sites_are_high_severity() -> None:
    by_key = {s.key: s for s in load_catalog()}
    assert by_key["strava"].severity == "high"
    assert all(s.severity == "high" for s in by_key.values() if s.category == "dating")


def test_generator_output_equals_the_shipped_file() -> None:
    shipped = resources.files("checks.accounts").joinpath("sites.json").read_text("utf-8")
    assert build_catalog.render() == shipped


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda e: e.update(profile_url="https://example.org/profile"), "profile_url has no"),
        (lambda e: e["probe"].update(url="https://example.org/x"), "sends no"),
        (lambda e: e["username"].update(regex="(["), "bad username regex"),
        (lambda e: e["present"].update(status=[429]), "present"),
        (lambda e: e.pop("absent"), "absent"),
        (lambda e: e.update(absent=copy.deepcopy(e["present"])), "are the same"),
        (lambda e: e["probe"].update(body="{username}", method="GET"), "needs method POST"),
    ],
)
def test_validation_rejects_broken_entries(mutate, expected: str) -> None:
    doc = _doc()
    doc["sites"] = [copy.deepcopy(doc["sites"][0])]
    mutate(doc["sites"][0])
    errors = validate_document(doc)
    assert any(expected in e for e in errors), errors


def test_duplicate_keys_are_rejected() -> None:
    doc = _doc()
    doc["sites"] = [doc["sites"][0], copy.deepcopy(doc["sites"][0])]
    assert any("duplicate key" in e for e in validate_document(doc))
    with pytest.raises(ConfigError, match="invalid site catalog"):
        parse_document(doc)


def test_own_format_sites_file_is_loaded(tmp_path: Path) -> None:
    doc = _doc()
    doc["sites"] = doc["sites"][:3]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc))
    sites = load_file(path)
    assert [s.key for s in sites] == [e["key"] for e in doc["sites"]]
    assert all(s.origin == "file" for s in sites)


def test_unreadable_sites_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ConfigError):
        load_file(bad)


def test_select_by_category_and_country() -> None:
    sites = load_catalog()
    dating = select(sites, categories=["dating"])
    assert dating
    assert all(s.category == "dating" for s in dating)
    french = select(sites, countries=["fr"])
    assert any(s.key == "skyrock" for s in french)
    assert all("FR" in s.countries or "GLOBAL" in s.countries for s in french)
    assert not any(s.key == "gitee" for s in french)  # tagged CN only
