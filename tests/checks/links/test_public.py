"""GitHub's API and its hourly limit, the opt-in email lookups (Gravatar, keys.openpgp.org)."""

from __future__ import annotations

from audit.models import Reason, Status, Subject
from audit.sandbox import World
from checks.links import LinksCheck
from checks.links import demo as pages
from tests.checks.contacts.harness import account, findings, result, scan, stage0

SUBJECT = Subject(name="Camille Dufresne", emails=(pages.EMAIL,))
GITHUB = account("GitHub", "camdufresne", "https://github.com/camdufresne")


def test_github_api_adds_the_blog_link() -> None:
    w = World()
    pages.add_to(w)
    w.page("https://github.com/camdufresne", "<h1>profile</h1>")
    report, served = scan(w, SUBJECT, [stage0([GITHUB]), LinksCheck])
    r = result(report, "links", "GitHub API")
    assert r.status is Status.FOUND
    edges = {(f.data["signal"], f.data["target"]) for f in r.findings}
    assert edges == {("profile_link", "url:https://www.camille-dufresne.example/"),
                     ("shows_name", "name:camille dufresne")}
    assert "https://api.github.com/users/camdufresne" in served


def test_github_rate_limit_is_reported_as_such() -> None:
    w = World()
    w.page("https://github.com/camdufresne", "<h1>profile</h1>")
    w.json("https://api.github.com/users/camdufresne",
           {"message": "API rate limit exceeded for 127.0.0.1."}, 403,
           headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1795000000"})
    report, _ = scan(w, SUBJECT, [stage0([GITHUB]), LinksCheck])
    r = result(report, "links", "GitHub API")
    assert (r.status, r.reason) == (Status.UNKNOWN, Reason.RATE_LIMITED)
    assert r.detail.startswith("GitHub's 60 requests/hour limit reached")


def test_email_lookups_are_opt_in() -> None:
    w = World()
    pages.add_to(w)
    report, served = scan(w, SUBJECT, [stage0([]), LinksCheck])
    for who in ("Gravatar", "keys.openpgp.org"):
        r = result(report, "links", who)
        assert (r.status, r.reason) == (Status.SKIPPED, Reason.OPT_IN)
        assert "--email-lookups" in r.detail
    assert not [u for u in served if "api.gravatar.com" in u or "openpgp" in u]


def test_gravatar_and_pgp_with_opt_in() -> None:
    w = World()
    pages.add_to(w)
    report, served = scan(w, SUBJECT, [stage0([]), LinksCheck],
                          {"links": {"email_lookups": True}})
    grav = result(report, "links", "Gravatar")
    assert grav.status is Status.FOUND
    signals = {(f.data["signal"], f.data["target"]) for f in grav.findings}
    assert ("verified_field", "mastodon.social:velvetfox42") in signals
    assert ("email_hash", f"email:{pages.EMAIL}") in signals
    pgp = result(report, "links", "keys.openpgp.org")
    targets = {f.data["target"] for f in pgp.findings}
    assert {"email:camille.roux@example.net", "name:camille dufresne"} <= targets
    assert not any(pages.EMAIL in u for u in served if "gravatar" in u)  # only the hash
    cluster = [f for f in findings(report, "identity_cluster") if f.data["tied_to_name"]]
    assert cluster  # Gravatar's verified accounts tie the pseudonym to the name


def test_missing_profiles_are_not_found() -> None:
    w = World()
    w.page("https://github.com/camdufresne", "<h1>profile</h1>")
    w.json("https://api.github.com/users/camdufresne", {"message": "Not Found"}, 404)
    report, _ = scan(w, SUBJECT, [stage0([GITHUB]), LinksCheck],
                     {"links": {"email_lookups": True}})
    assert result(report, "links", "GitHub API").status is Status.NOT_FOUND
    assert result(report, "links", "Gravatar").status is Status.NOT_FOUND
    assert result(report, "links", "keys.openpgp.org").status is Status.NOT_FOUND
