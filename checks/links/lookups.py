"""Graph edges from public sources: GitHub's users API (keyless, for GitHub accounts in the
graph), and, only with the ``email_lookups`` option, Gravatar (hash of each email) and
keys.openpgp.org (each email). Each source reports its own result; its edges carry the
source's name as ``group`` so the check attaches them to that result.
"""

from __future__ import annotations

from audit.check import CheckFailure
from audit.models import Outcome, Reason, Status
from checks.links.build import Builder
from checks.links.graph import node_id
from checks.links.pgp import parse_key
from checks.links.platforms import node_for_url
from checks.links.public import (
    GITHUB_API,
    GRAVATAR_API,
    PGP_BY_EMAIL,
    github_user,
    gravatar_hash,
    gravatar_profile,
    pgp_key_for,
)
from checks.links.texts import say

MAX_GITHUB_CALLS = 3


def _failed(target: str, url: str, exc: CheckFailure) -> Outcome:
    return Outcome(Status.UNKNOWN, reason=exc.reason, detail=exc.detail or type(exc).__name__,
                   target=target, url=url)


def github(b: Builder) -> list[Outcome]:
    """For up to three GitHub accounts: blog, X/Twitter handle, public email, name."""
    out: list[Outcome] = []
    logins = sorted(n.split(":", 1)[1] for n in b.accounts if n.startswith("github:"))
    for login in logins[:MAX_GITHUB_CALLS]:
        target, url = f"GitHub API: {login}", GITHUB_API.format(login=login)
        group = target
        try:
            user = github_user(b.ctx, login)
        except CheckFailure as exc:
            out.append(_failed(target, url, exc))
            if exc.reason is Reason.RATE_LIMITED:
                break
            continue
        if user is None:
            out.append(Outcome(Status.NOT_FOUND, target=target, url=url,
                               detail=say(b.subject.lang, "no_github_user")))
            continue
        src = node_id("github", login)
        before = len(b.graph.edges)
        blog = str(user.get("blog") or "").strip()
        if blog:
            blog = blog if "://" in blog else "https://" + blog
            b.graph.add(src, b.node_for(blog) or node_id("url", blog), "profile_link", url,
                        f"GitHub profile field blog: {blog}", group)
        twitter = str(user.get("twitter_username") or "").strip()
        if twitter:
            b.graph.add(src, node_id("x", twitter), "profile_link", url,
                        f"GitHub profile field twitter_username: {twitter}", group)
        email = str(user.get("email") or "").strip().lower()
        if email:
            b.graph.add(src, node_id("email", email), "same_email", url,
                        f"GitHub public email: {email}", group)
        name = str(user.get("name") or "")
        if name and b.known.is_name(name):
            b.graph.add(src, b.name_node(name), "shows_name", url, f"GitHub name: {name}", group)
        if len(b.graph.edges) == before:
            out.append(Outcome(Status.NOT_FOUND, target=target, url=url,
                               detail=say(b.subject.lang, "github_nothing_new")))
    return out


def opt_in_skips(b: Builder) -> list[Outcome]:
    """SKIPPED (opt-in) results for the email lookups when they are off."""
    out = []
    for who, api in (("Gravatar", GRAVATAR_API), ("keys.openpgp.org", PGP_BY_EMAIL)):
        if b.subject.emails:
            out.append(Outcome(Status.SKIPPED, reason=Reason.OPT_IN, target=f"{who} by email",
                               url=api.split("{", 1)[0],
                               detail=say(b.subject.lang, "opt_in", who=who)))
    return out


def gravatar(b: Builder) -> list[Outcome]:
    """Public Gravatar profile of each email: verified accounts, name, links."""
    out: list[Outcome] = []
    for i, email in enumerate(b.subject.emails, 1):
        target = f"Gravatar: email {i}"
        url = GRAVATAR_API.format(hash=gravatar_hash(email))
        try:
            prof = gravatar_profile(b.ctx, email)
        except CheckFailure as exc:
            out.append(_failed(target, url, exc))
            continue
        if prof is None:
            out.append(Outcome(Status.NOT_FOUND, target=target, url=url,
                               detail=say(b.subject.lang, "no_gravatar")))
            continue
        page = str(prof.get("profile_url") or url)
        src = node_for_url(page) or node_id("gravatar", gravatar_hash(email)[:12])
        b.graph.add_node(src, page)
        b.graph.add(src, node_id("email", email), "email_hash", url,
                    "Gravatar profile keyed by the SHA-256 of this address", target)
        name = str(prof.get("display_name") or "")
        if name and b.known.is_name(name):
            b.graph.add(src, b.name_node(name), "shows_name", page, f"Gravatar name: {name}",
                        target)
        for acc in prof.get("verified_accounts") or ():
            link = str(acc.get("url") or "") if isinstance(acc, dict) else ""
            dst = b.node_for(link) if link else None
            if dst:
                b.graph.add(src, dst, "verified_field", page,
                            f"Gravatar verified account: {link}", target)
    return out


def pgp(b: Builder) -> list[Outcome]:
    """Keys published for each email: other addresses and names in their user IDs."""
    out: list[Outcome] = []
    for i, email in enumerate(b.subject.emails, 1):
        target = f"keys.openpgp.org: email {i}"
        url = PGP_BY_EMAIL.format(email=email)
        try:
            armored = pgp_key_for(b.ctx, email)
        except CheckFailure as exc:
            out.append(_failed(target, url, exc))
            continue
        key = parse_key(armored) if armored else None
        if key is None or not key.uids:
            out.append(Outcome(Status.NOT_FOUND, target=target, url=url,
                               detail=say(b.subject.lang, "no_pgp_key")))
            continue
        src = node_id("pgp", key.fingerprint or email)
        b.graph.add_node(src, f"PGP key {key.fingerprint[-16:]}")
        for uid_email in sorted(set(key.emails()) | {email}):
            b.graph.add(src, node_id("email", uid_email), "pgp_uid", url,
                        f"key user ID with {uid_email}", target)
        for name in key.names():
            if b.known.is_name(name):
                b.graph.add(src, b.name_node(name), "pgp_uid", url, f"key user ID name: {name}",
                            target)
    return out
