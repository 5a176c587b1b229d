"""Manual mode: links printed, saved pages imported, results classified (round trip)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import requests
from click.testing import CliRunner

from audit.sandbox import Sandbox, World
from checks.search import demo as demo_search
from checks.search.cli import search_group

DATA = Path(__file__).parent / "data"
PERSONA_ARGS = [
    "--name", "Camille Dufresne", "--former-name", "Camille Roux",
    "--handle", "camdufresne", "--handle", "velvetfox42",
    "--email", "camille.dufresne@example.org", "--phone", "+33 6 39 98 12 34",
    "--url", "https://www.camille-dufresne.example/", "--city", "Lyon", "--country", "FR",
    "--employer", "Atelier Lumen",
]


def test_links_are_numbered_with_purpose_and_engine_urls() -> None:
    result = CliRunner().invoke(
        search_group, ["links", *PERSONA_ARGS, "--engine", "duckduckgo", "--engine", "google",
                       "--max-queries", "5"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert ' 1. "Camille Dufresne"' in out
    assert ' 5. "camdufresne"' in out
    assert " 6. " not in out
    assert "https://www.google.com/search?q=%22Camille+Dufresne%22+Lyon" in out
    assert "sends: name, city" in out
    assert "Pages Blanches (PagesJaunes): https://www.pagesjaunes.fr/pagesblanches" in out
    assert ("https://annuaire-entreprises.data.gouv.fr/rechercher?terme=Camille%20Dufresne"
            in out)
    assert "search import" in out


def test_links_in_french_respect_opt_outs() -> None:
    result = CliRunner().invoke(
        search_group, ["links", *PERSONA_ARGS, "--lang", "fr", "--no-email-queries",
                       "--no-phone-queries", "--max-queries", "40"])
    assert result.exit_code == 0, result.output
    assert "Recherches à faire" in result.output
    assert "example.org%22" not in result.output
    assert "39+98" not in result.output


def test_round_trip_links_then_saved_pages_then_import(tmp_path: Path) -> None:
    runner = CliRunner()
    links = runner.invoke(search_group, ["links", *PERSONA_ARGS, "--max-queries", "3"])
    urls = re.findall(r"duckduckgo: (\S+)", links.output)
    assert len(urls) == 3
    world = World()
    demo_search.add_to(world)
    saved = []
    with Sandbox(world) as sb:  # the person's browser, opening each link
        for i, url in enumerate(urls, start=1):
            page = requests.get(url, proxies=sb.proxies, verify=sb.ca_path, timeout=5)
            assert page.status_code == 200
            path = tmp_path / f"search-{i}.html"
            path.write_bytes(page.content)
            saved.append(str(path))
    out = tmp_path / "report.json"
    result = runner.invoke(search_group, ["import", *saved, str(DATA / "google.html"),
                                          *PERSONA_ARGS, "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    results = {r["target"]: r for r in report["results"]}
    assert results['"Camille Dufresne" [ddg-html]']["status"] == "found"
    findings = [f for r in report["results"] for f in r["findings"]]
    kinds = {(f["kind"], f["data"].get("category")) for f in findings}
    assert ("search_result", "own_site") in kinds
    assert ("search_result", "social_profile") in kinds
    assert ("listing", "company_register") in kinds
    sites = {f["data"]["site"] for f in findings if f["kind"] == "listing"}
    assert {"pagesblanches", "societe_com", "118712"} <= sites
    # the Pages Blanches listing is in three pages: one fingerprint
    prints = {f["fingerprint"] for f in findings
              if f["kind"] == "search_result" and "pagesblanches" in f["url"]}
    assert len(prints) == 1
    assert report["request_log"] == []  # nothing was sent by the tool
    schema_path = Path(__file__).resolve().parents[3] / "docs" / "report.schema.json"
    if schema_path.is_file():  # the public JSON schema: search_result / listing fields
        jsonschema.validate(report, json.loads(schema_path.read_text()))


def test_import_reports_captcha_and_unknown_pages_as_unknown(tmp_path: Path) -> None:
    other = tmp_path / "notes.html"
    other.write_text("<html><body>my notes</body></html>")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(search_group, [
        "import", str(DATA / "google_sorry.html"), str(DATA / "ddg_anomaly.html"), str(other),
        str(DATA / "ddg_html_noresults.html"), "--name", "Camille Dufresne", "-f", "json",
        "-o", str(out)])
    assert result.exit_code == 0, result.output
    results = {r["target"]: r for r in json.loads(out.read_text())["results"]}
    assert results["google_sorry.html"]["status"] == "unknown"
    assert results["google_sorry.html"]["reason"] == "blocked"
    assert results["ddg_anomaly.html"]["reason"] == "blocked"
    assert results["notes.html"]["reason"] == "unexpected_response"
    noresults = results['"velvetfox42" "Atelier Lumen" [ddg-html]']
    assert noresults["status"] == "not_found"


def test_import_each_engine_page_is_classified(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    files = [str(DATA / n) for n in ("ddg_lite.html", "bing.html", "qwant.html",
                                     "startpage.html")]
    result = CliRunner().invoke(search_group, ["import", *files, *PERSONA_ARGS,
                                               "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    by_engine = {r["target"].rsplit("[", 1)[1].rstrip("]"): r for r in report["results"]}
    assert set(by_engine) == {"ddg-lite", "bing", "qwant", "startpage"}
    assert all(r["status"] == "found" for r in by_engine.values())
    cats = {f["url"]: f["data"]["category"] for r in report["results"] for f in r["findings"]
            if f["kind"] == "search_result"}
    assert cats["https://mastodon.social/@velvetfox42"] == "social_profile"
    assert cats["https://www.camille-dufresne.example/contact"] == "own_site"
    assert cats["https://www.copainsdavant.linternaute.com/p/camille-roux-4812"] == "people_search"
    assert "https://fr.wikipedia.org/wiki/Roux_(homonymie)" not in cats


def test_import_of_a_hostile_page_is_unknown_and_the_other_files_are_read(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.html"
    hostile.write_text("<div><span><b>" * 100_000)
    out = tmp_path / "r.json"
    result = CliRunner().invoke(search_group, [
        "import", str(hostile), str(DATA / "ddg_html_noresults.html"),
        "--name", "Camille Dufresne", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    results = {r["target"]: r for r in json.loads(out.read_text())["results"]}
    assert results["hostile.html"]["status"] == "unknown"
    assert results["hostile.html"]["reason"] == "unexpected_response"
    assert results['"velvetfox42" "Atelier Lumen" [ddg-html]']["status"] == "not_found"
