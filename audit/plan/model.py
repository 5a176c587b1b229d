"""Drafts of the action plan: checklist items and requests while they are built, their ids.

Owns the mutable builders used while the plan is assembled (`ItemDraft`, `RequestDraft`) and
the conversion of an item to the frozen `ChecklistItem` the report carries. Ids are a
hash of a key describing what the item is about, so the same exposure keeps the same id across
scans and the tracker can follow it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from audit.models import Finding, Severity
from audit.plan.texts import say
from audit.plan.types import ChecklistItem

# Phases, in the order the person should work through them.
SAFETY, EXPOSURE, LATER = 0, 1, 2
PHASE_NAMES = {SAFETY: "safety", EXPOSURE: "exposure", LATER: "later"}

REQUEST_KINDS = ("removal", "platform_report", "broker_optout", "authority", "delisting")


def stable_id(prefix: str, key: str) -> str:
    """A short id derived from what the item is about (same key, same id, every scan)."""
    return f"{prefix}-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def why_line(findings: list[Finding], lang: str) -> str:
    """Which findings put an item in the plan, as one sentence."""
    if not findings:
        return ""
    head = say(lang, "why_head")
    parts = [f"{f.title} [{f.fingerprint}]" for f in findings[:5]]
    more = len(findings) - 5
    if more > 0:
        parts.append(f"+{more}")
    return head + "; ".join(parts)


@dataclass
class ItemDraft:
    """A checklist item while the plan is built."""

    key: str
    phase: int
    title: str
    steps: list[str]
    minutes: int
    source_url: str
    platform: str = ""
    severity: Severity = Severity.LOW
    optional: bool = False
    findings: list[Finding] = field(default_factory=list)
    request_keys: list[str] = field(default_factory=list)
    why: str = ""
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(f.fingerprint for f in self.findings)

    def add(self, finding: Finding) -> None:
        """Attach one more finding (once) and raise the severity to match it (constant time:
        an item can gather thousands of photo findings)."""
        if finding.fingerprint not in self._seen:
            self._seen.add(finding.fingerprint)
            self.findings.append(finding)
        self.severity = max(self.severity, finding.severity)


@dataclass
class RequestDraft:
    """A request to send (form or letter) while the plan is built."""

    key: str
    kind: str
    title: str
    recipient: str
    target_urls: list[str] = field(default_factory=list)
    form_url: str | None = None
    letter_kind: str | None = None
    objection_kind: str | None = None
    letter_values: dict[str, str] = field(default_factory=dict)
    details: dict[str, list[str]] = field(default_factory=dict)
    deadline_days: int | None = None
    extension_days: int | None = None
    next_step: str = ""
    next_step_url: str | None = None
    legal_basis: str = ""
    severity: Severity = Severity.LOW
    needs: str = ""
    findings: list[Finding] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)
    _urls: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(f.fingerprint for f in self.findings)
        self._urls.update(self.target_urls)

    def add(self, finding: Finding, *urls: str) -> None:
        """Attach a finding and the URLs it concerns (no duplicates; constant time each)."""
        if finding.fingerprint not in self._seen:
            self._seen.add(finding.fingerprint)
            self.findings.append(finding)
        for url in urls:
            if url and url not in self._urls:
                self._urls.add(url)
                self.target_urls.append(url)
        self.severity = max(self.severity, finding.severity)

    def note(self, url: str, detail: str = "") -> None:
        """Remember what a URL in the letter is about ("phone number", ...)."""
        seen = self.details.setdefault(url, [])
        if detail and detail not in seen:
            seen.append(detail)

    def letter_lines(self) -> list[str]:
        """One line per URL, with what it shows."""
        return [f"{u} ({', '.join(d)})" if d else u for u, d in self.details.items()]


def to_item(item: ItemDraft, priority: int, lang: str, request_ids: list[str]) -> ChecklistItem:
    """The checklist item the report carries."""
    return ChecklistItem(
        id=stable_id("chk", item.key),
        priority=priority,
        phase=PHASE_NAMES[item.phase],
        severity=item.severity,
        platform=item.platform,
        title=item.title,
        why=item.why or why_line(item.findings, lang),
        steps=tuple(item.steps),
        minutes=item.minutes,
        optional=item.optional,
        source_url=item.source_url,
        finding_fingerprints=tuple(f.fingerprint for f in item.findings),
        request_ids=tuple(request_ids),
    )
