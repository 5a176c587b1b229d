"""End to end over the offline demo world with the real plugins: each hidden detail comes out
with its evidence, the colleague's details are masked, and the pseudonym is tied to the name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.models import ScanReport, Severity, Subject
from audit.plugins import load_plugins
from audit.sandbox import Sandbox
from audit.sandbox.demo import DEMO_SUBJECT_KWARGS, build_demo_world
from audit.scan.runner import Scanner
from audit.settings import Settings
from audit.store.serialize import report_to_dict
from tests.checks.contacts.harness import findings

SITE = "https://www.camille-dufresne.example/"


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[ScanReport, list[str]]:
    del tmp_path_factory
    reg = load_plugins(include_installed=False)
    subject = Subject(**DEMO_SUBJECT_KWARGS)
    with Sandbox(build_demo_world()) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=str(sb.ca_path), retries=0,
                            only=("accounts", "contacts", "links"))
        scanner = Scanner(reg, settings)
        try:
            report = scanner.run(subject)
        finally:
            scanner.client.close()
        served = sb.log.urls()
    accounts = {f.data.get("profile_url") for f in findings(report, "account")}
    if "https://mastodon.social/@velvetfox42" not in accounts:
        pytest.skip("the accounts part of the demo world does not serve the pseudonym yet")
    return report, served


def _contacts(report: ScanReport) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(str(f.data["type"]), str(f.data["value"]), str(f.data["source_url"])): dict(f.data)
            for f in findings(report, "contact")}


def test_each_hidden_detail_with_its_evidence(demo_report: tuple[ScanReport, list[str]]) -> None:
    report, _ = demo_report
    got = _contacts(report)
    email = got[("email", "camille.dufresne@example.org", SITE)]
    assert "deobfuscated" in email["methods"]
    assert "[at]" in str(email["excerpt"])
    cf = got[("email", "camille.dufresne@example.org", SITE + "contact")]
    assert "cfemail" in cf["methods"]
    phone = got[("phone", "+33639981234", SITE + "contact")]
    assert {"tel_link", "wa_link"} <= set(phone["methods"])  # type: ignore[call-overload]
    assert "06 39 98 12 34" in str(phone["excerpt"])
    address = got[("address", "12 rue des Lilas, 69003 Lyon", SITE + "cv.html")]
    assert address["own"] is True
    assert got[("email", "camille.dufresne@example.org", "https://github.com/camdufresne")]
    severities = {(f.data["type"], f.severity) for f in findings(report, "contact")
                  if f.data["own"]}
    assert ("phone", Severity.HIGH) in severities
    assert ("address", Severity.HIGH) in severities


def test_colleague_details_are_masked_everywhere(
    demo_report: tuple[ScanReport, list[str]],
) -> None:
    report, _ = demo_report
    got = _contacts(report)
    assert ("email", "j***@a***.example", SITE + "contact") in got
    assert ("phone", "+33 4 ** ** ** 56", SITE + "contact") in got
    text = json.dumps(report_to_dict(report), ensure_ascii=False)
    assert "jeanne.martin" not in text
    assert "04 78 12 34 56" not in text
    assert "+33478123456" not in text


def test_the_pseudonym_is_tied_to_the_real_name(
    demo_report: tuple[ScanReport, list[str]],
) -> None:
    report, _ = demo_report
    (cluster,) = [c for c in findings(report, "identity_cluster") if c.data["tied_to_name"]]
    assert cluster.severity is Severity.HIGH
    assert "mastodon.social:velvetfox42" in cluster.data["pseudonyms"]
    path = next(p for p in cluster.data["paths"] if p["pseudonym"] == "mastodon.social:velvetfox42")
    assert [s["signal"] for s in path["steps"]] == ["rel_me_mutual", "shows_name"]
    bridge = next(f for f in findings(report, "link")
                  if f.data["signal"] == "rel_me_mutual"
                  and "mastodon.social:velvetfox42" in (f.data["source"], f.data["target"]))
    assert bridge.severity is Severity.HIGH
    assert bridge.data["evidence_url"] in (SITE, "https://mastodon.social/@velvetfox42")
    assert bridge.data["excerpt"]


def test_discovery_and_what_was_not_sent(demo_report: tuple[ScanReport, list[str]]) -> None:
    report, served = demo_report
    targets = {r.target: r for r in report.results if r.check == "links"}
    assert targets["discovered handle: pixelfed.example:velvetnights"].status.value == "found"
    assert targets["discovered handle: x:velvetfox_x"].status.value == "skipped"
    assert not [u for u in served if "api.gravatar.com" in u or "openpgp" in u]
    assert "https://api.github.com/users/camdufresne" in served


def test_report_serialises(demo_report: tuple[ScanReport, list[str]], tmp_path: Path) -> None:
    report, _ = demo_report
    out = tmp_path / "r.json"
    out.write_text(json.dumps(report_to_dict(report)))
    data = json.loads(out.read_text())
    kinds = {f["kind"] for r in data["results"] for f in r["findings"]}
    assert {"contact", "link", "identity_cluster"} <= kinds


def test_the_closest_pseudonym_leads_the_cluster(
    demo_report: tuple[ScanReport, list[str]],
) -> None:
    report, _ = demo_report
    (cluster,) = [c for c in findings(report, "identity_cluster") if c.data["tied_to_name"]]
    assert cluster.data["pseudonyms"][0] == "mastodon.social:velvetfox42"
    assert cluster.title.startswith("Votre pseudonyme mastodon.social:velvetfox42")  # fr
