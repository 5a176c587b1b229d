"""The "first 24 hours" page that opens every human-readable output: the emergency number and
the helplines of the person's country, what matters most among the findings, and the first
three to five steps of the plan (not yet done). Computed once here; renderers only format it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from audit.models import Finding, ScanReport, Severity, Status
from audit.plan.model import stable_id
from audit.plan.types import ChecklistItem, Helpline
from reports import extras

MAX_FINDINGS = 5
MAX_STEPS = 5
MAX_HELPLINES = 3
_FINGERPRINT = re.compile(r"\s*\[[0-9a-f]{12,64}\]")
# the plan's "if you are in danger" step: the helplines box at the top stands for it
DANGER_STEP_ID = stable_id("chk", "safety:1-danger")


@dataclass(frozen=True, slots=True)
class Line:
    """One emergency number or helpline; `tel` is the dialable form ('' when no number)."""

    name: str
    number: str
    hours: str
    what: str
    url: str
    tel: str


@dataclass(frozen=True, slots=True)
class Top:
    """One finding that matters most, with the short place it was seen."""

    title: str
    severity: Severity
    kind: str
    where: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Step:
    """One of the first steps of the plan."""

    id: str
    title: str
    minutes: int | None
    request_ids: tuple[str, ...]
    fingerprints: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FirstDay:
    """Everything the first screen shows."""

    emergency: tuple[Line, ...]
    helplines: tuple[Line, ...]
    top: tuple[Top, ...]
    steps: tuple[Step, ...]
    found: int
    unknown: int
    steps_total: int
    steps_done: int


def tel(number: str) -> str:
    """The `tel:` form of a phone number: digits and a leading +, '' when there is none."""
    digits = re.sub(r"[^\d+]", "", number or "")
    return digits if re.fullmatch(r"\+?\d{2,15}", digits) else ""


def plain_why(text: str) -> str:
    """A plan "why" line without the finding hash codes (`[0f3a…]`) it may carry."""
    return _FINGERPRINT.sub("", text or "")


def short_place(value: str) -> str:
    """The part of a URL or path that tells rows apart: host and path, or the file name."""
    if not value:
        return ""
    if "://" in value:
        try:
            parts = urlsplit(value)
        except ValueError:
            return value
        host = (parts.hostname or "").removeprefix("www.")
        path = unquote(parts.path).rstrip("/")
        query = f"?{parts.query}" if parts.query else ""
        return f"{host}{path}{query}"
    if "/" in value or "\\" in value:
        return re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    return value


def _line(entry: Helpline) -> Line:
    number = entry.number or ""
    return Line(entry.name, number, entry.hours, entry.what, entry.url or "", tel(number))


# among findings of the same severity, what a harasser would use first: where you live, how
# to reach you, what ties a pseudonym to your name
KIND_URGENCY = ("place_cluster", "contact", "identity_cluster", "listing", "photo_location",
                "photo_identity", "search_result", "account", "link")


def _urgency(f: Finding) -> tuple[int, int, int]:
    rank = KIND_URGENCY.index(f.kind) if f.kind in KIND_URGENCY else len(KIND_URGENCY)
    return (-f.severity, rank, -f.confidence)


def _top(report: ScanReport) -> tuple[Top, ...]:
    """The most severe findings, one of each kind first so the page is not five of a kind."""
    ranked = sorted((f for f in report.findings() if f.severity >= Severity.MEDIUM),
                    key=_urgency)
    chosen: list[Finding] = []
    kinds: set[str] = set()
    for f in ranked:
        if f.kind not in kinds and len(chosen) < MAX_FINDINGS:
            chosen.append(f)
            kinds.add(f.kind)
    for f in ranked:
        if len(chosen) >= MAX_FINDINGS:
            break
        if f not in chosen:
            chosen.append(f)
    chosen.sort(key=_urgency)
    return tuple(
        Top(f.title, f.severity, f.kind, short_place(f.url), f.fingerprint) for f in chosen
    )


def _steps(checklist: tuple[ChecklistItem, ...]) -> tuple[Step, ...]:
    """The first steps not done yet; the "if you are in danger" step is the helplines box."""
    out = []
    for item in checklist:
        if item.done or item.optional:
            continue
        if item.id == DANGER_STEP_ID:
            continue
        out.append(Step(item.id, item.title or item.id, item.minutes if item.minutes > 0 else None,
                        item.request_ids, item.finding_fingerprints))
        if len(out) >= MAX_STEPS:
            break
    return tuple(out)


def first_day(report: ScanReport) -> FirstDay:
    """The first-24-hours page of a report."""
    lines = extras.helplines(report)
    plan = extras.plan(report)
    done, total = plan.steps_done()
    counts = report.counts_by_status()
    return FirstDay(
        emergency=tuple(_line(e) for e in lines.emergency[:2]) if lines else (),
        helplines=tuple(_line(e) for e in lines.helplines[:MAX_HELPLINES]) if lines else (),
        top=_top(report),
        steps=_steps(plan.checklist),
        found=len(report.findings()),
        unknown=counts[Status.UNKNOWN],
        steps_total=total,
        steps_done=done,
    )
