"""WhatsMyName import: every semantic of the format, and the real data file when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.net.model import HttpResponse
from checks.accounts import wmn
from checks.accounts.catalog import load_catalog, load_file
from checks.accounts.detect import judge


def doc(*sites: dict) -> dict:
    return {"license": ["CC BY-SA 4.0"], "authors": ["t"], "categories": ["social"],
            "sites": list(sites)}


def entry(**kw) -> dict:
    base = {"name": "Example", "uri_check": "https://ex.example/u/{account}", "e_code": 200,
            "e_string": "profile-card", "m_code": 404, "m_string": "Not here",
            "known": ["alice"], "cat": "social"}
    base.update(kw)
    return base


def response(status: int, body: str = "", headers: dict | None = None) -> HttpResponse:
    return HttpResponse(url="https://ex.example/u/bob", status=status,
                        headers={"content-type": "text/html", **(headers or {})},
                        body=body.encode())


def test_basic_entry_becomes_two_signal_site() -> None:
    site = wmn.convert_entry(entry())
    assert site.present.status == (200,)
    assert site.present.marker == "profile-card"
    assert site.absent.status == (404,)
    assert site.absent.marker == "Not here"
    assert site.probe.follow_redirects is False
    assert site.profile_for("bob") == "https://ex.example/u/bob"
    assert site.known_handle == "alice"
    assert site.origin == "wmn"


def test_uri_pretty_is_the_profile_and_uri_check_the_probe() -> None:
    site = wmn.convert_entry(entry(uri_check="https://api.ex.example/v1/{account}",
                                   uri_pretty="https://ex.example/@{account}"))
    assert site.probe_url("bob") == "https://api.ex.example/v1/bob"
    assert site.profile_for("bob") == "https://ex.example/@bob"


def test_post_body_and_headers() -> None:
    site = wmn.convert_entry(entry(
        uri_check="https://ex.example/api/check", uri_pretty="https://ex.example/{account}",
        post_body='{"username":"{account}"}',
        headers={"Content-Type": "application/json"}))
    assert site.probe.method == "POST"
    assert site.probe.headers["Content-Type"] == "application/json"
    assert site.probe_body('bo"b') == b'{"username":"bo\\"b"}'


def test_strip_bad_char() -> None:
    site = wmn.convert_entry(entry(strip_bad_char="."))
    assert site.username.apply("cam.dufresne") == "camdufresne"


def test_empty_m_string_means_status_only_absence() -> None:
    site = wmn.convert_entry(entry(m_string="", m_code=302))
    assert site.absent.marker is None
    assert not judge(site, response(302, "", {"location": "https://ex.example/"})).found
    assert judge(site, response(200, "<div class='profile-card'>")).found


def test_3xx_m_code_is_judged_without_following() -> None:
    site = wmn.convert_entry(entry(m_code=301, m_string=""))
    assert site.probe.follow_redirects is False
    assert not judge(site, response(301, "", {"location": "https://ex.example/home"})).found


def test_same_code_string_only_discrimination() -> None:
    site = wmn.convert_entry(entry(m_code=200))
    assert judge(site, response(200, "profile-card")).found
    assert not judge(site, response(200, "Not here")).found


def test_protection_is_recorded() -> None:
    site = wmn.convert_entry(entry(protection=["cloudflare", "captcha"]))
    assert site.protection == ("cloudflare", "captcha")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (entry(valid=False), "valid: false"),
        (entry(uri_check="https://ex.example/static"), "{account}"),
        (entry(m_code=403), "block status"),
        (entry(e_code=429), "block status"),
        (entry(m_code=200, m_string="profile-card"), "cannot be told apart"),
        (entry(m_code=200, e_string=""), "no e_string"),
        (entry(cat="nonsense"), "unknown category"),
        (entry(uri_check="ftp://ex.example/{account}"), "http"),
        ({"name": "Half"}, "missing field"),
    ],
)
def test_unusable_entries_are_rejected_with_a_reason(raw: dict, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        wmn.convert_entry(raw)
    assert reason in str(info.value)


def test_convert_reports_rejections_and_duplicates() -> None:
    result = wmn.convert(doc(entry(), entry(), entry(name="Broken", valid=False)))
    assert len(result.sites) == 1
    reasons = {r.name: r.reason for r in result.rejected}
    assert "duplicate" in reasons["Example"]
    assert "valid: false" in reasons["Broken"]


def test_imported_entries_never_replace_curated_ones() -> None:
    curated = load_catalog()
    github = wmn.convert_entry(entry(name="GitHub", uri_check="https://github.com/{account}"))
    other_name = wmn.convert_entry(entry(name="GH mirror",
                                         uri_check="https://www.github.com/{account}"))
    fresh = wmn.convert_entry(entry(name="Brand New Site"))
    merged = wmn.merge(curated, [github, other_name, fresh])
    by_key = {s.key: s for s in merged.sites}
    assert by_key["github"].origin == "curated"
    assert fresh.key in by_key
    assert other_name.key not in by_key  # same host as a curated site
    kept = dict(merged.kept_curated)
    assert kept["GitHub"] == "GitHub"
    assert kept["GH mirror"] == "GitHub"


def test_wmn_sites_file_is_usable_as_a_catalog(tmp_path: Path) -> None:
    path = tmp_path / "wmn.json"
    path.write_text(json.dumps(doc(entry(), entry(name="Other", valid=False))))
    sites = load_file(path)
    assert [s.name for s in sites] == ["Example"]


def test_real_whatsmyname_file_every_entry_usable_or_rejected(shared_data: Path) -> None:
    raw = json.loads((shared_data / "wmn-data.json").read_text("utf-8"))
    result = wmn.convert(raw)
    assert len(result.sites) + len(result.rejected) == len(raw["sites"])
    assert all(r.reason for r in result.rejected)
    assert len(result.sites) > 0.8 * len(raw["sites"])
    rejected = {r.name for r in result.rejected}
    invalid = [s["name"] for s in raw["sites"] if s.get("valid") is False]
    assert set(invalid) <= rejected
    by_name = {s.name: s for s in result.sites}
    posts = [s for s in raw["sites"] if s.get("post_body") and s["name"] in by_name]
    assert posts
    assert all(by_name[s["name"]].probe.method == "POST" for s in posts)
    assert all(not s.probe.follow_redirects for s in result.sites)


def test_keys_fall_back_to_the_host_for_non_latin_names() -> None:
    site = wmn.convert_entry(entry(name="Военное обозрение",
                                   uri_check="https://www.topwar.ru/user/{account}/"))
    assert site.key == "wmn-topwar.ru"
    assert wmn.slug("Hackaday.io") == "wmn-hackaday.io"
