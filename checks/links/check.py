"""The `links` check (stage 2): how the person's identities connect.

Stage 2 so it can use both the `accounts` results (stage 0) and the person's own details found
by `contacts` (stage 1). One probe builds the whole graph, since edges only mean something
together: own sites and found profiles (re-read from the per-scan page cache), link-in-bio
pages, bounded discovery of new handles, avatars, GitHub's public API, and -- only with the
``email_lookups`` option -- Gravatar and keys.openpgp.org. It returns one result for the graph
(``link`` and ``identity_cluster`` findings) plus one per discovered handle and per public
source.

Options: ``max_depth`` (default 1), ``max_new_handles`` (default 5), ``email_lookups``
(default false).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from audit.check import Check, CheckContext, CheckOption, PlannedRequest, Probe
from audit.models import CheckResult, Finding, Outcome, Severity, Status, Subject
from checks.links.texts import say

# The graph builder, discovery, public lookups and page parsing are imported on first use (in
# `_planned`, `probes` and `run`): every command loads this module to register the check.

TARGET = "identity graph"


def _planned(
    subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult]
) -> tuple[PlannedRequest, ...]:
    from checks._common.findings import findings_of
    from checks.links import discovery, lookups
    from checks.links.public import GITHUB_API, GRAVATAR_API, PGP_BY_EMAIL

    max_depth, max_new = discovery.limits(options)
    out = [PlannedRequest("GET", u, (), "own site (cached)") for u in subject.urls]
    profiles = [str(f.data.get("profile_url") or f.url) for f in findings_of(previous, "account")]
    out += [PlannedRequest("GET", u, ("handle",), "profile page (cached)") for u in profiles]
    if not previous:
        out.append(PlannedRequest("GET", "(profile pages found by accounts)", ("handle",),
                                  "each found profile page, from the scan's cache"))
    out.append(PlannedRequest("GET", "(link-in-bio pages linked from profiles)", (),
                              "Linktree-style pages the profiles link to, up to 5"))
    if max_depth and max_new:
        out.append(PlannedRequest("GET", "(profiles of handles seen on pages)", ("handle",),
                                  f"up to {max_new} further handles, depth {max_depth}"))
    out.append(PlannedRequest("GET", "(avatar images of found accounts)", (), "up to 8"))
    github = [str(f.data.get("username")) for f in findings_of(previous, "account")
              if str(f.data.get("platform_key", "")).lower() == "github"]
    for login in github[: lookups.MAX_GITHUB_CALLS] or ["{login}"]:
        out.append(PlannedRequest("GET", GITHUB_API.format(login=login), ("handle",),
                                  "GitHub public API (60 requests/hour without a token)"))
    if options.get("email_lookups"):
        for _email in subject.emails:
            out.append(PlannedRequest("GET", GRAVATAR_API.format(hash="{sha256(email)}"),
                                      ("email_hash",), "Gravatar public profile"))
            out.append(PlannedRequest("GET", PGP_BY_EMAIL.format(email="{email}"),
                                      ("email",), "keys.openpgp.org by email"))
    return tuple(out)


class LinksCheck(Check):
    """Builds the identity graph and shows which pseudonyms lead to the real name."""

    name: ClassVar[str] = "links"
    title: ClassVar[str] = "Linked accounts"
    description: ClassVar[str] = (
        "Connects the person's accounts, sites, emails and names through rel=\"me\" links, "
        "profile links, link-in-bio pages, shared contact details, handles and avatars, and "
        "shows which pseudonyms can be tied to the real name."
    )
    version: ClassVar[int] = 1
    stage: ClassVar[int] = 2
    requires: ClassVar[frozenset[str]] = frozenset()
    sends: ClassVar[str] = "handles (profile URLs, GitHub API); email only with --email-lookups"
    options: ClassVar[tuple[CheckOption, ...]] = (
        CheckOption("--email-lookups", "email_lookups", "Opt in: ask Gravatar and PGP "
                    "keyservers about your email.", kind="flag"),
        CheckOption("--max-new-handles", "max_new_handles", "Most new handles seen on profiles "
                    "that are checked in turn (default 5).", kind="int", minimum=0, maximum=50),
        CheckOption("--max-depth", "max_depth", "Depth of following handles found on profiles.",
                    kind="int", minimum=0, maximum=3),
    )
    default_severity: ClassVar[Severity] = Severity.HIGH

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        """A single probe: the graph needs every page at once."""
        from checks._common.findings import findings_of

        has_accounts = any(True for _ in findings_of(previous, "account"))
        if previous and not (has_accounts or subject.urls or subject.emails):
            return
        yield Probe(
            check=self.name,
            target=TARGET,
            planned=_planned(subject, options, previous),
            params={"previous": tuple(previous)},
            host="",
        )

    def run(self, probe: Probe, ctx: CheckContext) -> Sequence[Outcome]:
        """Build the graph, run discovery and lookups, report edges and clusters."""
        from checks.links import discovery, lookups
        from checks.links.build import Builder
        from checks.links.findings import cluster_findings, edge_finding

        previous: tuple[CheckResult, ...] = probe.params["previous"]
        b = Builder(ctx.subject, ctx.options, ctx)
        b.read_own_sites()
        b.read_accounts(previous)
        b.read_contacts(previous)
        extra: list[Outcome] = discovery.discover(b)
        b.compare_accounts()
        extra += lookups.github(b)
        if ctx.options.get("email_lookups"):
            extra += lookups.gravatar(b) + lookups.pgp(b)
        else:
            extra += lookups.opt_in_skips(b)
        edges = b.graph.finalize()
        now = ctx.now()
        displays = {n: a.display_name for n, a in b.accounts.items()}
        lang = ctx.subject.lang
        clusters, bridges = cluster_findings(b.graph, b.known.names, displays, now, lang)
        by_group: dict[str, list[Finding]] = {}
        for e in edges:
            bridge = (e.source, e.target, e.signal) in bridges
            by_group.setdefault(e.group, []).append(
                edge_finding(e, b.graph.labels, bridge, now, lang)
            )
        main = clusters + by_group.pop("graph", [])
        outcomes = []
        for o in extra:
            group = by_group.pop(o.target or "", [])
            if group and o.status in (Status.FOUND, Status.NOT_FOUND):
                o = Outcome(Status.FOUND, findings=o.findings + tuple(group),
                            detail=o.detail, target=o.target, url=o.url)
            outcomes.append(o)
        for group_name, group in by_group.items():
            outcomes.append(Outcome(Status.FOUND, findings=tuple(group), target=group_name))
        detail = say(lang, "sep").join(
            [say(lang, "summary", ids=len(b.graph.labels), links=len(edges),
                 groups=len(clusters)), *b.notes[:5]]
        )
        status = Status.FOUND if main else Status.NOT_FOUND
        outcomes.insert(0, Outcome(status, findings=tuple(main), detail=detail, target=TARGET))
        return outcomes
