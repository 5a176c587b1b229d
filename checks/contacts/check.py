"""The `contacts` check (stage 1): emails, phone numbers and postal addresses on the pages the
scan found -- the person's own site (and up to `max_site_pages` pages of it, plus small vCard
files it links to), the profiles found by `accounts`, and search results about the person.

Options: ``fetch_results`` (default true; false reads only the search snippets, for people who
do not want to visit hostile pages from their own connection), ``max_site_pages`` (default 8),
``addresses`` (the person's postal addresses, for own/other classification).

On profile pages and search results only the person's own details are kept (the rest is the
platform's boilerplate or other people listed on the page; they are only counted); on the
person's own site, other people's details are reported masked, since the person can remove
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from audit.check import (
    Check,
    CheckContext,
    CheckFailure,
    PlannedRequest,
    Probe,
    UnexpectedResponse,
)
from audit.models import CheckResult, Finding, Outcome, Reason, Severity, Status, Subject
from audit.net.model import Origin
from checks.contacts.texts import say

if TYPE_CHECKING:
    from checks._common.page import PageInfo
    from checks._common.structured import PersonData
    from checks.contacts.extract import Detail
    from checks.contacts.sources import PageTarget

# The extractors, page parser and fetch helpers are imported on first use (in `probes`, `run`
# and the helpers below): every command loads this module to register the check, few run it.

DEFAULT_SITE_PAGES = 8
LATER_TARGET = "pages found by earlier checks"
_SKIP_EXT = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".zip", ".mp4", ".css",
             ".js", ".ico", ".heic", ".mov", ".vcf")
_KIND_LABEL = {"own_site": "own site", "profile": "profile", "search_result": "search result"}


def _opt_int(options: Mapping[str, Any], name: str, default: int) -> int:
    try:
        return max(0, int(options.get(name, default)))
    except (TypeError, ValueError):
        return default


def _sends(target: PageTarget) -> tuple[str, ...]:
    return ("handle",) if target.kind == "profile" else ()


class ContactsCheck(Check):
    """Finds contact details on the pages the earlier checks found."""

    name: ClassVar[str] = "contacts"
    title: ClassVar[str] = "Contact details on pages"
    description: ClassVar[str] = (
        "Reads the person's own site, found profiles and search results about them, and "
        "reports emails, phone numbers and postal addresses shown there (other people's "
        "details are masked)."
    )
    version: ClassVar[int] = 1
    stage: ClassVar[int] = 1
    requires: ClassVar[frozenset[str]] = frozenset()
    sends: ClassVar[str] = "page URLs only (handles appear in profile URLs)"
    default_severity: ClassVar[Severity] = Severity.HIGH

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        """One probe per page (deduplicated); pure."""
        from checks.contacts.sources import page_targets
        fetch_results = bool(options.get("fetch_results", True))
        site_pages = _opt_int(options, "max_site_pages", DEFAULT_SITE_PAGES)
        for target in page_targets(subject, options, previous):
            fetch = fetch_results or target.kind != "search_result"
            planned: list[PlannedRequest] = []
            if fetch:
                planned.append(PlannedRequest("GET", target.url, _sends(target),
                                              f"{_KIND_LABEL[target.kind]} page"))
            if target.kind == "own_site" and site_pages > 1:
                planned.append(
                    PlannedRequest("GET", target.url.rstrip("/") + "/…", (),
                                   f"up to {site_pages - 1} more pages of this site and small "
                                   "vCard files it links to")
                )
            yield Probe(
                check=self.name,
                target=f"{_KIND_LABEL[target.kind]}: {target.url}",
                url=target.url,
                planned=tuple(planned),
                params={"target": target, "fetch": fetch, "site_pages": site_pages},
                host=(urlsplit(target.url).hostname or "").lower(),
            )
        if not previous:
            # Planning (--dry-run) sees no earlier results: say what will be read later.
            later = [PlannedRequest("GET", "(profile pages found by accounts)", ("handle",),
                                    "each found profile page, from the scan's cache")]
            if fetch_results:
                later.append(PlannedRequest("GET", "(search results about you)", (),
                                            "pages the name search found (--no-fetch-results "
                                            "turns this off)"))
            yield Probe(check=self.name, target=LATER_TARGET, planned=tuple(later),
                        params={"later": True})

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        """Fetch the page (and more of the own site), extract, classify, report."""
        from checks._common.page import PageInfo, parse_page
        from checks.contacts.extract import Known, extract_details
        from checks.contacts.findings import contact_finding
        if probe.params.get("later"):
            return Outcome(Status.SKIPPED, reason=Reason.NOT_APPLICABLE,
                           detail=say(ctx.subject.lang, "nothing_to_read"))
        target: PageTarget = probe.params["target"]
        lang = ctx.subject.lang
        known = Known.from_subject(ctx.subject, ctx.options)
        notes: list[str] = []
        details: list[tuple[Detail, str]] = []
        if not probe.params["fetch"]:
            page = parse_page(target.url, "")
            notes.append(say(lang, "snippet_only"))
            pages = [(page, target.text)]
        else:
            pages = self._read(target, ctx, probe.params["site_pages"], notes)
            if not pages:
                return Outcome(Status.NOT_FOUND, detail=say(lang, "sep").join(notes),
                               url=target.url)
        own_site = target.kind == "own_site"
        others = 0
        reads: list[tuple[PageInfo, str, Sequence[PersonData]]] = [(p, t, ()) for p, t in pages]
        if own_site:
            reads += [(PageInfo(url), "", cards) for url, cards in self._vcards(pages, ctx, notes)]
        for page, extra, cards in reads:
            found = extract_details(
                page, known, own_site=own_site, extra_text=extra, extra_persons=cards
            )
            for d in found:
                if not own_site and not d.own:
                    others += 1  # a platform's or a directory's other entries: counted only
                    continue
                details.append((d, page.url))
        findings = _dedupe_findings(
            contact_finding(d, url, target.kind, ctx.now(), lang) for d, url in details
        )
        read = say(lang, "read_one" if len(reads) == 1 else "read_many", n=len(reads))
        if others:
            notes.append(say(lang, "others_hidden", n=others))
        detail = say(lang, "sep").join([read, *notes])
        if not findings:
            return Outcome(Status.NOT_FOUND, detail=detail, url=target.url)
        return Outcome(Status.FOUND, findings=tuple(findings), detail=detail, url=target.url)

    def _read(
        self, target: PageTarget, ctx: CheckContext, site_pages: int, notes: list[str]
    ) -> list[tuple[PageInfo, str]]:
        from checks._common.fetch import fetch_checked, is_textual, url_key
        from checks._common.page import parse_page

        resp = fetch_checked(ctx, target.url, target.origin, sends=_sends(target))
        lang = ctx.subject.lang
        if resp.status in (404, 410):
            notes.append(say(lang, "page_gone", status=resp.status))
            return []
        if resp.status >= 400:
            raise UnexpectedResponse(f"HTTP {resp.status} for the page")
        if not is_textual(resp):
            notes.append(say(lang, "not_web_page",
                             type=resp.header("content-type") or say(lang, "no_type")))
        first = parse_page(resp.url or target.url, resp.text if is_textual(resp) else "")
        pages = [(first, target.text)]
        if target.kind != "own_site":
            return pages
        host = (urlsplit(resp.url or target.url).hostname or "").lower()
        seen = {url_key(target.url), url_key(resp.url or target.url)}
        attempts = 1  # the budget counts requests sent, not pages read (403s, timeouts...)
        for link in first.links:
            if attempts >= site_pages:
                break
            parts = urlsplit(link.url)
            if (parts.hostname or "").lower() != host or parts.scheme not in ("http", "https"):
                continue
            if parts.path.lower().endswith(_SKIP_EXT) or url_key(link.url) in seen:
                continue
            seen.add(url_key(link.url))
            attempts += 1
            try:
                sub = fetch_checked(ctx, link.url, Origin.PAGE)
            except CheckFailure as exc:
                notes.append(say(lang, "page_not_read", url=link.url,
                                 why=exc.detail or type(exc).__name__))
                continue
            if sub.status < 400 and is_textual(sub):
                try:
                    pages.append((parse_page(sub.url or link.url, sub.text), ""))
                except CheckFailure as exc:  # too deep or slow to parse: this page only
                    notes.append(say(lang, "page_not_read", url=link.url, why=exc.detail))
        return pages

    def _vcards(
        self, pages: list[tuple[PageInfo, str]], ctx: CheckContext, notes: list[str]
    ) -> list[tuple[str, list[PersonData]]]:
        from checks._common.fetch import fetch_checked, url_key
        from checks._common.structured import parse_vcard
        from checks.contacts.sources import VCARD_MAX_BYTES

        out: list[tuple[str, list[PersonData]]] = []
        seen: set[str] = set()
        for page, _ in pages:
            for url in page.vcf_links:
                if url_key(url) in seen or len(seen) >= 3:
                    continue
                seen.add(url_key(url))
                try:
                    resp = fetch_checked(ctx, url, Origin.PAGE, max_bytes=VCARD_MAX_BYTES)
                except CheckFailure as exc:
                    notes.append(say(ctx.subject.lang, "vcard_not_read", url=url,
                                     why=exc.detail or type(exc).__name__))
                    continue
                if resp.status < 400 and not resp.truncated:
                    out.append((url, parse_vcard(resp.text)))
        return out


def _dedupe_findings(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            out.append(f)
    return out
