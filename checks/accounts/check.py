"""The `accounts` check: is this handle registered on each catalog site?

`probes()` plans one probe per (handle, site) from the catalog (built-in, or `sites_file`,
plus the user's imported catalog), filtered by `categories` / `countries`, with opt-in
`variants`. `run()` sends the site's probe request once, judges it with
`checks.accounts.detect`, and describes a found profile with `checks.accounts.extract`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from audit.check import Check, CheckContext, CheckOption, PlannedRequest, Probe
from audit.models import (
    CheckResult,
    Confidence,
    Evidence,
    Finding,
    Outcome,
    Reason,
    Severity,
    Status,
    Subject,
)
from audit.net.model import HttpRequest, Origin
from checks.accounts.control import (
    basis_text,
    control_name,
    control_probe,
    settle,
    status_only,
)
from checks.accounts.manual import MANUAL
from checks.accounts.texts import say, verdict_detail
from checks.accounts.variants import variants

if TYPE_CHECKING:
    from checks.accounts.catalog import Site

# The catalog and the user's imported sites are loaded on first use: every command imports
# this module to register the check, few read the catalog.

MAX_BYTES = 512 * 1024
SENDS = ("handle",)


def _as_list(value: Any) -> list[str]:
    if value is None or value is False:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value if str(v).strip()]


def sites_for(options: Mapping[str, Any]) -> list[Site]:
    """The sites a scan uses: `sites_file` or built-in + imported, then filtered."""
    from checks.accounts import store
    from checks.accounts.catalog import select

    sites = store.active_sites(options.get("sites_file"))
    return select(sites, _as_list(options.get("categories")), _as_list(options.get("countries")))


class AccountsCheck(Check):
    """Looks for the person's handles on the sites of the catalog."""

    name: ClassVar[str] = "accounts"
    title: ClassVar[str] = "Accounts by handle"
    description: ClassVar[str] = (
        "Asks each site of the catalog whether a profile exists for each handle, telling "
        "'could not check' (block, rate limit, odd page) apart from 'no such profile'."
    )
    version: ClassVar[int] = 1
    stage: ClassVar[int] = 0
    requires: ClassVar[frozenset[str]] = frozenset({"handles"})
    sends: ClassVar[str] = "handle"
    options: ClassVar[tuple[CheckOption, ...]] = (
        CheckOption("--sites-file", "sites_file", "Site catalog to use instead of the built-in "
                    "one (own or WhatsMyName format).", kind="file"),
        CheckOption("--site-category", "categories", "Only sites of this category (repeat), "
                    "e.g. dating, forum.", multiple=True, dest="site_categories"),
        CheckOption("--site-country", "countries", "Only sites tagged with this country "
                    "(repeat), e.g. FR.", multiple=True, dest="site_countries"),
        CheckOption("--variants", "variants", "Also try handle variants (dots, dashes, "
                    "suffixes).", kind="flag"),
        CheckOption("--no-control", "control", "For benchmarks only: skip the control probe (a "
                    "made-up name per site); every found backed by a bare HTTP status is then "
                    "marked unverified.", kind="flag", set_to=False),
    )
    default_severity: ClassVar[Severity] = Severity.MEDIUM
    shardable: ClassVar[bool] = True  # independent HTTP probes: big sweeps use both cores

    def prepare(self) -> None:
        """Load what `run` needs before the sweep's answers arrive."""
        import checks.accounts.detect
        import checks.accounts.extract  # noqa: F401

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        """One probe per (handle or variant, site); handles a site cannot have are skipped."""
        sites = sites_for(options)
        if not sites:
            yield _no_site_probe(options, subject.lang)
            return
        names: list[tuple[str, bool]] = [(h, False) for h in subject.handles]
        if options.get("variants"):
            seen = set(subject.handles)
            for handle in subject.handles:
                for v in variants(handle):
                    if v not in seen:
                        seen.add(v)
                        names.append((v, True))
        unfiltered = not any(options.get(k) for k in ("categories", "countries", "sites_file"))
        for platform in MANUAL if unfiltered else ():  # what a handle cannot check: say so
            yield Probe(check=self.name, target=platform.name,
                        params={"problem": platform.text(subject.lang), "manual": True})
        several = len(names) > 1
        controls = options.get("control", True) is not False
        controlled: set[str] = set()
        for handle, is_variant in names:
            for site in sites:
                probe = make_probe(site, handle, is_variant, several, subject.lang)
                if not controls or probe.request is None:
                    yield probe
                    continue
                yield dataclasses.replace(probe, settle_with=site.key)
                if site.key not in controlled:  # one control per site, next to its probe
                    controlled.add(site.key)
                    name = control_name(site)
                    if name is not None:
                        yield control_probe(site, name, self.name, subject.lang)

    def settle(
        self, answered: Sequence[tuple[Probe, Sequence[CheckResult]]]
    ) -> list[CheckResult]:
        """A site's results combined with its control probe's (`checks.accounts.control`)."""
        lang = next((p.params.get("lang", "en") for p, _ in answered), "en")
        return settle(answered, lang)

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        """Send the probe and decide; raise Blocked / RateLimited / UnexpectedResponse."""
        problem = probe.params.get("problem")
        if problem:
            return Outcome(Status.SKIPPED, reason=Reason.NOT_APPLICABLE, detail=problem)
        from checks.accounts.detect import judge  # imported on first use: light start-up
        from checks.accounts.extract import profile_details

        site: Site = probe.params["site"]
        username: str = probe.params["username"]
        if probe.params.get("control"):
            return self._run_control(probe, ctx)
        resp = ctx.fetch(build_request(site, username))
        verdict = judge(site, resp)
        profile = site.profile_for(username)
        lang = ctx.subject.lang
        detail = verdict_detail(lang, verdict.found, site.present if verdict.found else site.absent)
        if not verdict.found:
            return Outcome(Status.NOT_FOUND, detail=detail, url=profile)
        finding = account_finding(
            site, username, probe.params.get("variant", False), verdict.signal,
            profile_details(resp, profile), probe.params.get("handle", username), lang,
        )
        if not ctx.options.get("control", True) and status_only(site):
            finding = dataclasses.replace(
                finding, confidence=Confidence.LOW,
                data={**finding.data, "confidence_basis": "status only, unverified",
                      "control": "off"},
            )
            detail = f"{detail} ({basis_text('status only, unverified', lang)})"
        return Outcome(Status.FOUND, findings=(finding,), detail=detail, url=profile)

    def _run_control(self, probe: Probe, ctx: CheckContext) -> Outcome:
        """Ask about the made-up name; its result only serves `settle` and is never shown."""
        from checks.accounts.detect import judge

        site: Site = probe.params["site"]
        resp = ctx.fetch(build_request(site, probe.params["username"], sends=()))
        verdict = judge(site, resp)
        if not verdict.found:
            return Outcome(Status.NOT_FOUND, detail=verdict.signal, url=probe.url)
        marker = Finding(kind="control", title="control", url=probe.url, key=probe.url)
        return Outcome(Status.FOUND, findings=(marker,), detail=verdict.signal, url=probe.url)


def _no_site_probe(options: Mapping[str, Any], lang: str) -> Probe:
    """A probe that only says why no site was left to ask (a filter matched nothing)."""
    from checks.accounts import store

    every = store.active_sites(options.get("sites_file"))
    cats = sorted({s.category for s in every})
    ccs = sorted({c.upper() for s in every for c in s.countries})
    asked = _as_list(options.get("categories")) + _as_list(options.get("countries"))
    problem = say(
        lang, "no_site_matches", asked=", ".join(asked) or "-",
        categories=", ".join(cats), countries=", ".join(ccs),
    )
    return Probe(check=AccountsCheck.name, target="(site filters)", params={"problem": problem})


def make_probe(
    site: Site, handle: str, is_variant: bool = False, several: bool = False, lang: str = "en"
) -> Probe:
    """The probe for one site and handle (pure); `lang` is the language of its texts."""
    username = site.username.apply(handle)
    problem = site.username.problem(handle, lang) or subdomain_problem(site, username, lang)
    label = site.name
    if several or is_variant:
        label = f"{site.name} ({handle}{', variant' if is_variant else ''})"
    params: dict[str, Any] = {"site": site, "username": username, "variant": is_variant,
                              "handle": handle, "lang": lang}
    request: HttpRequest | None = None
    if problem:
        params["problem"] = say(lang, "cannot_exist", handle=handle, site=site.name,
                                problem=problem)
        planned: tuple[PlannedRequest, ...] = ()
    else:
        request = build_request(site, username)  # the core may send it ahead, in a batch
        planned = (
            PlannedRequest(request.method, request.url, sends=SENDS,
                           note="variant" if is_variant else ""),
        )
    return Probe(
        check=AccountsCheck.name,
        target=label,
        url=site.profile_for(username),
        planned=planned,
        params=params,
        host=site.host,
        request=request,
        request_only=True,  # `run` fetches `request` and nothing else
    )


_DNS_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def subdomain_problem(site: Site, username: str, lang: str = "en") -> str | None:
    """Sites giving each account its own subdomain (alice.example.com) only allow what a host
    name allows: a handle with '_' or '.' cannot exist there."""
    if _username_in_host(site.probe.url) and not _DNS_LABEL.fullmatch(username):
        return say(lang, "problem_subdomain")
    return None


@functools.lru_cache(maxsize=4096)
def _username_in_host(template: str) -> bool:
    from checks.accounts.catalog import PLACEHOLDER

    return PLACEHOLDER in urlsplit(template).netloc


def build_request(site: Site, username: str, sends: tuple[str, ...] = SENDS) -> HttpRequest:
    """The HTTP request asking `site` about `username` (`sends`: what it carries of the
    person; nothing for a control probe)."""
    return HttpRequest(
        url=site.probe_url(username),
        method=site.probe.method,
        headers=dict(site.probe.headers),
        body=site.probe_body(username),
        follow_redirects=site.probe.follow_redirects,
        max_bytes=MAX_BYTES,
        origin=Origin.CATALOG,
        sends=sends,
    )


def account_finding(
    site: Site,
    username: str,
    is_variant: bool,
    signal: str,
    details: Mapping[str, Any],
    handle: str = "",
    lang: str = "en",
) -> Finding:
    """The `account` finding for a found profile, with the documented `data` fields (title in
    the subject's language `lang`; `key` never depends on it)."""
    profile = site.profile_for(username)
    data: dict[str, Any] = {
        "site": site.name,
        "site_key": site.key,
        "username": username,
        "handle": handle or username,
        "profile_url": profile,
        "category": site.category,
        "platform_key": site.platform_key,
        "variant": is_variant,
        "signal": signal,
    }
    data.update(details)
    excerpt_parts = [str(details[k]) for k in ("display_name", "bio") if details.get(k)]
    severity = Severity.HIGH if site.severity == "high" else Severity.MEDIUM
    if site.severity == "low":
        severity = Severity.LOW
    title = say(lang, "title_variant" if is_variant else "title", site=site.name,
                username=username)
    return Finding(
        kind="account",
        title=title,
        severity=severity,
        confidence=Confidence.MEDIUM if is_variant else Confidence.HIGH,
        url=profile,
        evidence=(Evidence(url=profile, excerpt=" - ".join(excerpt_parts), signal=signal),),
        data=data,
        key=f"{site.key}:{username}".lower(),
    )
