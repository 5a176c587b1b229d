"""The `search` check: what a stranger finds by typing the person's name (and handles, email,
phone) into a search engine, with people-search and directory listings flagged.

One probe per query of the plan (cut to the budget, `max_queries`). Queries go out one at a
time, best first, paced with jitter per backend; each answer passes block detection before
parsing; a backend that refuses is not used again in the scan and the query moves on to the
next backend of the chain, or is reported `unknown` (blocked / rate_limited) with what to do.
Results are cached locally per (backend, region, query) for `cache_days` (default 7).

Options (from the CLI or config): `searxng_url`, `backend` / `backends`, `max_queries`
(default 12), `email_queries` / `phone_queries` (opt-in: off unless set; `no_email_queries` /
`no_phone_queries` always win), `site_queries` (default true),
`pace_s` / `pace_jitter_s` (override the per-backend pacing; 0 in tests and the demo),
`cache_days`, `max_seconds` (no new query after this long; default 80 % of the scan's
deadline, so no search is still being sent after the scan ends), `result_pages` (at
most this many result pages opened per scan, default 4: a result under the threshold that names
the person partly is opened, and the full name in its page counts; `fetch_results` false, as
`--no-fetch-results` sets it, opens none; see `checks.search.pages`).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from audit.check import (
    Blocked,
    Check,
    CheckContext,
    CheckFailure,
    CheckOption,
    NeedsKey,
    NetworkError,
    PlannedRequest,
    Probe,
    RateLimited,
    TimedOut,
    UnexpectedResponse,
)
from audit.models import CheckResult, Outcome, Reason, Severity, Status, Subject
from checks.search.texts import say

if TYPE_CHECKING:
    from checks.search.backends import Backend, Locale
    from checks.search.classify import About
    from checks.search.queries import Query
    from checks.search.serp import Hit, ParsedPage

# Backends, query planning, parsers and scoring are imported on first use (in the methods and
# helpers below): every command loads this module to register the check, few run a search.

DEFAULT_MAX_QUERIES = 12
DEFAULT_CACHE_DAYS = 7.0
DEFAULT_BUDGET_SHARE = 0.8  # of the scan's deadline: no query is still out when it ends
_PACE_GROUP = {"ddg-html": "ddg", "ddg-lite": "ddg"}


def locale_for(subject: Subject) -> Locale:
    """Region and language hints from the subject."""
    from checks.search.backends import Locale

    return Locale(subject.lang, subject.country or "")


def budget_of(options: Mapping[str, Any]) -> int:
    """The query budget (`max_queries`), never negative."""
    raw = options.get("max_queries")
    return max(0, int(raw)) if raw is not None else DEFAULT_MAX_QUERIES


def query_to_params(query: Query, index: int) -> dict[str, Any]:
    """Probe params for one query (plain values only)."""
    return {"index": index, "text": query.text, "purpose": query.purpose,
            "sends": list(query.sends), "kind": query.kind, "priority": query.priority,
            "site_key": query.site_key}


def params_to_query(params: Mapping[str, Any]) -> Query:
    """The inverse of `query_to_params`."""
    from checks.search.queries import Query

    return Query(str(params["text"]), str(params["purpose"]), tuple(params["sends"]),
                 str(params["kind"]), int(params["priority"]), str(params.get("site_key", "")))


def display_url(backend: Backend, query: Query) -> str:
    """The URL shown as "what was probed" (a browser link for DuckDuckGo; never a key)."""
    from checks.search.backends import DuckDuckGoHtml

    if isinstance(backend, DuckDuckGoHtml):
        return DuckDuckGoHtml.browser_url(query.text)
    return backend.planned(query).url


class SearchCheck(Check):
    """Name search through keyless or opt-in backends, with people-search listings."""

    name: ClassVar[str] = "search"
    title: ClassVar[str] = "Name search"
    description: ClassVar[str] = (
        "Searches your name (and variants, city, employer, handles, email, phone) like a "
        "stranger would, flags people-search and directory listings, and says when an engine "
        "refuses instead of reporting 'nothing found'."
    )
    version: ClassVar[int] = 1
    stage: ClassVar[int] = 0
    requires: ClassVar[frozenset[str]] = frozenset({"name", "handles", "emails", "phones"})
    sends: ClassVar[str] = (
        "search queries (name, city, employer, handles; email and phone only with "
        "--email-queries or --phone-queries) to DuckDuckGo, or to your SearXNG / Brave / "
        "Mojeek when configured; up to 4 result pages that name you only partly are opened "
        "(their address only; --no-fetch-results turns this off)"
    )
    default_severity: ClassVar[Severity] = Severity.MEDIUM
    options: ClassVar[tuple[CheckOption, ...]] = (
        CheckOption("--searxng-url", "searxng_url", "Use your own SearXNG instance for name "
                    "search.", metavar="URL"),
        CheckOption("--search-backend", "backend", "Search backend: duckduckgo (default), "
                    "searxng, brave, mojeek.", metavar="NAME"),
        CheckOption("--max-queries", "max_queries", "Budget of search queries.", kind="int",
                    minimum=0),
        CheckOption("--email-queries/--no-email-queries", "email_queries", "Opt in: also "
                    "search your email addresses on the search engine.", kind="switch"),
        CheckOption("--phone-queries/--no-phone-queries", "phone_queries", "Opt in: also "
                    "search your phone numbers on the search engine.", kind="switch"),
        CheckOption("--no-fetch-results", "fetch_results", "Do not open search-result pages "
                    "(here and in the contacts check).", kind="flag", set_to=False),
    )

    def __init__(self) -> None:
        from checks.search.state import ScanState

        self.state = ScanState()

    # ----- planning (pure) ------------------------------------------------------------------

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        from checks.search.backends import DuckDuckGoHtml, DuckDuckGoLite, build_chain
        from checks.search.pages import pages_allowed
        from checks.search.queries import build_plan

        chain, notes = build_chain(options, locale_for(subject))
        if not chain:
            yield Probe(self.name, "search backends", params={"mode": "no_backend",
                                                              "notes": notes})
            return
        plan = build_plan(subject, options)
        budget = budget_of(options)
        pages = pages_allowed(options)
        for index, query in enumerate(plan[:budget]):
            planned = [chain[0].planned(query)]
            for before, backend in itertools.pairwise(chain):
                planned.append(backend.planned(query, f" (only if {before.label} refuses)"))
            if any(isinstance(b, DuckDuckGoHtml) for b in chain):
                lite = DuckDuckGoLite(locale_for(subject))
                planned.append(lite.planned(query, " (only if the html page cannot be read)"))
            if pages:
                planned.append(PlannedRequest(
                    "GET", "(result pages that name you only partly)", (),
                    f"up to {pages} per scan, to read whether they name you in full (the "
                    "address only; --no-fetch-results turns this off)"))
            yield Probe(
                check=self.name,
                target=query.text,
                url=display_url(chain[0], query),
                planned=tuple(PlannedRequest(p.method, p.url, p.sends,
                                             f"{query.purpose}: {p.note}") for p in planned),
                params=query_to_params(query, index),
                host=chain[0].host,
            )
        if len(plan) > budget:
            yield Probe(self.name, "(search budget)", params={
                "mode": "budget", "left": len(plan) - budget, "budget": budget})

    # ----- running --------------------------------------------------------------------------

    def run(self, probe: Probe, ctx: CheckContext) -> Outcome:
        mode = probe.params.get("mode")
        lang = ctx.subject.lang
        if mode == "no_backend":
            notes = "; ".join(probe.params.get("notes") or ()) or say(lang, "no_backend_note")
            raise NeedsKey(say(lang, "no_backend", notes=notes))
        if mode == "budget":
            return Outcome(Status.SKIPPED, reason=Reason.NOT_APPLICABLE, detail=say(
                lang, "budget", left=probe.params["left"], budget=probe.params["budget"]))
        index = int(probe.params["index"])
        self.state.wait_turn(index)
        try:
            limit = float(ctx.options.get("max_seconds", ctx.deadline_s * DEFAULT_BUDGET_SHARE))
            if self.state.elapsed() > limit:
                raise TimedOut(say(lang, "time_budget", limit=limit))
            return self._run_query(params_to_query(probe.params), ctx)
        finally:
            self.state.finish_turn(index)

    def _run_query(self, query: Query, ctx: CheckContext) -> Outcome:
        from checks.search.backends import build_chain

        chain, _ = build_chain(ctx.options, locale_for(ctx.subject))
        failures: list[CheckFailure] = []
        for backend in chain:
            if self.state.is_blocked(backend.name):
                kind, detail = self.state.blocked[backend.name]
                failures.append(RateLimited(detail) if kind == "rate_limited" else Blocked(detail))
                continue
            try:
                page, cached = self._search(backend, query, ctx)
            except (Blocked, RateLimited) as exc:
                kind = "rate_limited" if isinstance(exc, RateLimited) else "blocked"
                self.state.mark_blocked(backend.name, kind, exc.detail)
                failures.append(exc)
                continue
            except (UnexpectedResponse, TimedOut, NetworkError) as exc:
                failures.append(exc)
                continue
            return self._outcome(page, query, backend, cached, ctx)
        raise _combined(failures)

    def _search(self, backend: Backend, query: Query, ctx: CheckContext) -> tuple[ParsedPage, bool]:
        """One query through one backend: cache, pacing, fetch, block check, parse."""
        from checks.search.backends import DuckDuckGoHtml, DuckDuckGoLite

        key = _cache_key(backend, query)
        cached = ctx.cache_get(key)
        if isinstance(cached, dict) and isinstance(cached.get("hits"), list):
            return _page_from_cache(cached), True
        self._pace(backend, ctx.options)
        resp = ctx.fetch(backend.request(query))
        try:
            page = backend.read(resp)
        except UnexpectedResponse:
            if not isinstance(backend, DuckDuckGoHtml) or isinstance(backend, DuckDuckGoLite):
                raise
            lite = DuckDuckGoLite(backend.locale)
            self._pace(lite, ctx.options)
            page = lite.read(ctx.fetch(lite.request(query)))
        ttl = float(ctx.options.get("cache_days", DEFAULT_CACHE_DAYS)) * 86400.0
        if ttl > 0:
            ctx.cache_put(key, _page_to_cache(page), ttl)
        return page, False

    def _pace(self, backend: Backend, options: Mapping[str, Any]) -> None:
        gap = options.get("pace_s")
        jitter = options.get("pace_jitter_s")
        self.state.pace(
            _PACE_GROUP.get(backend.name, backend.name),
            float(gap) if gap is not None else backend.default_pace_s,
            float(jitter) if jitter is not None else (
                0.0 if gap is not None else backend.default_jitter_s),
        )

    def _about(self, hit: Hit, ctx: CheckContext) -> About:
        """The result's score; for one under the threshold that names the person partly, its
        page is opened (`checks.search.pages`) and a full-name match there counts."""
        from checks.search.classify import score, score_page, worth_opening
        from checks.search.pages import pages_allowed, read_result_page
        from checks.search.urls import normalise_url

        about = score(ctx.subject, hit)
        limit = pages_allowed(ctx.options)
        if limit == 0 or not worth_opening(about):
            return about
        text = self.state.open_page(normalise_url(hit.url), limit,
                                    lambda: read_result_page(ctx, hit.url))
        return score_page(ctx.subject, about, text) if text else about

    def _outcome(self, page: ParsedPage, query: Query, backend: Backend, cached: bool,
                 ctx: CheckContext) -> Outcome:
        from checks.search.classify import categorise
        from checks.search.findings import build_findings
        from checks.search.urls import normalise_url

        subject = ctx.subject
        findings = []
        about_count = repeated = 0
        for hit in page.hits:
            about = self._about(hit, ctx)
            if not about.is_about:
                continue
            about_count += 1
            # A page several searches show is reported by each (same fingerprint, so reports
            # and the action plan list it once); the detail says it is not new.
            if self.state.claim_url(normalise_url(hit.url), query.text) is not None:
                repeated += 1
            category = categorise(subject, hit.url)
            findings.extend(build_findings(hit, category, about, query.text, backend.name,
                                           ctx.now(), subject.lang))
        lang = subject.lang
        source = backend.label + (say(lang, "cached") if cached else "")
        results = "results_one" if len(page.hits) == 1 else "results"
        detail = (say(lang, results, n=len(page.hits), source=source, about=about_count)
                  + (say(lang, "repeated", n=repeated) if repeated else "")
                  + say(lang, "purpose", purpose=query.purpose))
        if not page.hits:
            detail = say(lang, "no_results", source=source, purpose=query.purpose)
        if page.notes:
            detail += " " + "; ".join(page.notes).capitalize() + "."
        status = Status.FOUND if findings else Status.NOT_FOUND
        return Outcome(status, tuple(findings), detail=detail)


def _cache_key(backend: Backend, query: Query) -> str:
    digest = hashlib.sha256(query.text.encode("utf-8")).hexdigest()[:32]
    return f"v1|{backend.name}|{backend.locale.ddg_region}|{backend.locale.lang}|{digest}"


def _page_to_cache(page: ParsedPage) -> dict[str, Any]:
    return {"engine": page.engine, "no_results": page.said_no_results,
            "hits": [[h.url, h.title, h.snippet, h.rank] for h in page.hits]}


def _page_from_cache(value: Mapping[str, Any]) -> ParsedPage:
    from checks.search.serp import Hit, ParsedPage

    hits = tuple(Hit(str(u), str(t), str(s), int(r)) for u, t, s, r in value["hits"])
    return ParsedPage(str(value.get("engine", "")), hits, bool(value.get("no_results")))


def _combined(failures: list[CheckFailure]) -> CheckFailure:
    """One error for a query no backend could answer: a block when every backend refused."""
    if not failures:
        return NeedsKey("No search backend is configured.")
    blocks = [f for f in failures if isinstance(f, Blocked | RateLimited)]
    if len(blocks) == len(failures):
        first = blocks[0]
        detail = " ".join(dict.fromkeys(f.detail for f in blocks))
        return RateLimited(detail) if isinstance(first, RateLimited) else Blocked(detail)
    other = next(f for f in failures if not isinstance(f, Blocked | RateLimited))
    return type(other)(" ".join(dict.fromkeys(f.detail for f in failures if f.detail)))
