"""The state shared by the plan's mapping rules while one plan is built.

Owns what the rules need to know about the person (language, jurisdiction, the hosts and profile
pages they control) and the registries of checklist items and requests, merged by key so that
several findings about the same page or platform give one item and one request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from audit.hosts import host_of
from audit.models import Finding, ScanReport
from audit.plan import kb, texts
from audit.plan.model import ItemDraft, RequestDraft
from audit.plan.regimes import regime_for


def is_web(source: str) -> bool:
    """Whether a finding's source is a web address (not a local file path)."""
    return source.startswith(("http://", "https://"))


def _norm(url: str) -> str:
    parts = urlsplit(url)
    return f"{host_of(url)}{parts.path.rstrip('/')}".lower()


class PlanContext:
    """Everything the rules read and write while building one plan."""

    def __init__(self, report: ScanReport, lang: str, no_public_role: bool = False) -> None:
        self.report = report
        self.lang = "fr" if lang == "fr" else "en"
        self.subject = report.subject
        self.jurisdiction = kb.jurisdiction_code(self.subject.country, self.lang)
        self.gdpr = kb.in_gdpr_area(self.jurisdiction)
        self.regime = regime_for(self.jurisdiction)
        # Only when the person confirmed it: letters never claim it for them.
        self.no_public_role = no_public_role
        self.own_hosts = {host_of(u) for u in self.subject.urls if host_of(u)}
        self.findings = report.findings()
        self.profiles: dict[str, dict[str, Any]] = {}
        for f in self.findings:
            if f.kind == "account":
                url = str(f.data.get("profile_url") or f.url)
                if url:
                    self.profiles[_norm(url)] = dict(f.data)
        self.items: dict[str, ItemDraft] = {}
        self.requests: dict[str, RequestDraft] = {}

    def say(self, msg_id: str, **fields: object) -> str:
        """The plan's sentence `msg_id` in the plan's language (`audit.plan.texts`)."""
        return texts.say(self.lang, msg_id, **fields)

    def controls(self, url: str) -> str | None:
        """ "site" when the page is on the person's own site, "profile" when it is one of their
        found profiles, else None (a third party publishes it)."""
        if host_of(url) in self.own_hosts:
            return "site"
        norm = _norm(url)
        for profile in self.profiles:
            if norm == profile or norm.startswith(profile + "/"):
                return "profile"
        return None

    def item(self, key: str, make: Callable[[], ItemDraft], finding: Finding | None) -> ItemDraft:
        """The item for `key`, created on first use; `finding` is attached to it."""
        if key not in self.items:
            self.items[key] = make()
        item = self.items[key]
        if finding is not None:
            item.add(finding)
        return item

    def request(
        self, key: str, make: Callable[[], RequestDraft], finding: Finding, *urls: str
    ) -> RequestDraft:
        """The request for `key`, created on first use; the finding and URLs are attached."""
        if key not in self.requests:
            self.requests[key] = make()
        req = self.requests[key]
        req.add(finding, *urls)
        return req
