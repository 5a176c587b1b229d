"""The accounts check writes titles and details in the subject's language (fr / en), with the
same fingerprints in both."""

from __future__ import annotations

from pathlib import Path

from audit.models import Status, Subject
from audit.plugins import Registry
from audit.sandbox.server import Sandbox
from audit.sandbox.world import World
from audit.scan.runner import Scanner
from audit.settings import Settings
from checks.accounts import AccountsCheck
from checks.accounts.check import make_probe
from checks.accounts.texts import say
from tests.checks.accounts.test_check import _demo_sites


def _world() -> World:
    w = World()
    w.page("http://127.0.0.1/github.com/alice",
           '<span class="p-nickname vcard-username">alice</span><span class="p-name">A</span>')
    w.route("127.0.0.1", "/mastodon.social/api/v1/accounts/lookup*", status=404,
            body='{"error": "Record not found"}', headers={"Content-Type": "application/json"})
    return w


def _scan(tmp_path: Path, lang: str) -> dict[str, object]:
    with Sandbox(_world()) as sb:
        path = _demo_sites(tmp_path, f"127.0.0.1:{sb.port}")
        registry = Registry()
        registry.add_check(AccountsCheck)
        settings = Settings(trust_env=False, check_options={"accounts": {"sites_file": str(path)}})
        report = Scanner(registry, settings).run(Subject(handles=("alice",), lang=lang))
    return {r.target: r for r in report.results}


def test_titles_and_details_follow_the_subject_language(tmp_path: Path) -> None:
    en = _scan(tmp_path, "en")
    fr = _scan(tmp_path, "fr")
    gh_en, gh_fr = en["GitHub"], fr["GitHub"]
    assert gh_en.status is gh_fr.status is Status.FOUND  # type: ignore[attr-defined]
    (f_en,) = gh_en.findings  # type: ignore[attr-defined]
    (f_fr,) = gh_fr.findings  # type: ignore[attr-defined]
    assert f_en.title == "GitHub account 'alice'"
    assert f_fr.title == "Compte GitHub « alice »"
    assert f_en.fingerprint == f_fr.fingerprint
    # machine-readable fields do not depend on the language (the sandbox port does)
    assert {k: v for k, v in f_en.data.items() if k != "profile_url"} == {
        k: v for k, v in f_fr.data.items() if k != "profile_url"}
    assert gh_en.detail.startswith("exists: HTTP 200")  # type: ignore[attr-defined]
    assert gh_fr.detail.startswith("présent : HTTP 200")  # type: ignore[attr-defined]
    masto_en = en["Mastodon (mastodon.social)"]
    masto_fr = fr["Mastodon (mastodon.social)"]
    assert masto_en.detail == "missing: HTTP 404 + marker 'Record not found'"  # type: ignore[attr-defined]
    assert masto_fr.detail == "absent : HTTP 404 + repère 'Record not found'"  # type: ignore[attr-defined]


def test_impossible_handle_is_explained_in_french() -> None:
    from checks.accounts.catalog import load_catalog

    site = next(s for s in load_catalog() if s.key == "x")
    handle = "velvet.fox.42"
    en = make_probe(site, handle).params["problem"]
    fr = make_probe(site, handle, lang="fr").params["problem"]
    assert en.startswith(f"the handle '{handle}' cannot exist on {site.name}: characters or")
    assert fr.startswith(f"le pseudo '{handle}' ne peut pas exister sur {site.name} : caractères")


def test_unknown_language_falls_back_to_english() -> None:
    assert say("de", "title", site="X", username="y") == "X account 'y'"
