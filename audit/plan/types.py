"""The action plan as the report carries it: frozen, typed values, built once by
`audit.plan.builder`, read by the renderers, serialised by `audit.store.serialize`.

`ActionPlan` holds the ordered checklist (`ChecklistItem`), the requests ready to send
(`PlanRequest`), the helplines of the person's country (`Helplines`) and how to keep evidence
(`EvidenceAdvice`). The progress fields (`done`, `status`...) are None until the person's kept
progress is applied (`audit.plan.progress.apply`); the JSON form then carries them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.models import Severity


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One step of the plan, in the order the person should take them."""

    id: str
    priority: int
    phase: str
    severity: Severity
    platform: str
    title: str
    why: str
    steps: tuple[str, ...]
    minutes: int
    optional: bool
    source_url: str
    finding_fingerprints: tuple[str, ...] = ()
    request_ids: tuple[str, ...] = ()
    done: bool | None = None
    """Whether the person marked the step done; None when progress was not applied."""
    done_at: str | None = None
    """When it was marked done (ISO 8601), if it was."""


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """A request ready to send: a form to fill in or a letter, to a site, broker, search
    engine or authority."""

    id: str
    kind: str
    title: str
    recipient: str
    target_urls: tuple[str, ...] = ()
    form_url: str | None = None
    needs: str = ""
    letter: str | None = None
    objection_letter: str | None = None
    regime: str | None = None
    """The privacy law the letters rely on (`eu_gdpr`...); None only in older saved reports."""
    lang: str = "en"
    legal_basis: str = ""
    deadline_days: int | None = None
    extension_days: int | None = None
    next_step: str = ""
    next_step_url: str | None = None
    severity: Severity = Severity.LOW
    why: str = ""
    finding_fingerprints: tuple[str, ...] = ()
    status: str | None = None
    """todo, filed, extended, answered, overdue or gone; None when progress was not applied."""
    next_date: str | None = None
    """The next date that matters (deadline, date seen gone), when there is one."""


@dataclass(frozen=True, slots=True)
class Helpline:
    """An emergency number or a helpline."""

    name: str
    number: str | None = None
    url: str | None = None
    what: str = ""
    hours: str = ""
    source_url: str = ""
    verified: str | None = None
    """When someone last checked the source page (ISO date), None when nobody has yet."""


@dataclass(frozen=True, slots=True)
class Authority:
    """The data-protection authority to complain to."""

    name: str
    complaint_url: str | None = None
    what: str = ""


@dataclass(frozen=True, slots=True)
class Helplines:
    """Who to call, for the person's country."""

    jurisdiction: str = ""
    emergency: tuple[Helpline, ...] = ()
    helplines: tuple[Helpline, ...] = ()
    authority: Authority | None = None


@dataclass(frozen=True, slots=True)
class EvidenceAdvice:
    """How to keep evidence before anything is reported or deleted."""

    columns: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    legal: str = ""
    source_url: str = ""
    command: str = ""


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """The whole plan. `helplines`, `evidence_advice` and `minutes_total` are None only in
    reports saved without them (older versions, imported pages)."""

    checklist: tuple[ChecklistItem, ...] = ()
    requests: tuple[PlanRequest, ...] = ()
    helplines: Helplines | None = None
    evidence_advice: EvidenceAdvice | None = None
    minutes_total: int | None = None

    def steps_done(self) -> tuple[int, int]:
        """(steps done, steps in all)."""
        return sum(1 for i in self.checklist if i.done), len(self.checklist)


@dataclass(frozen=True, slots=True)
class HandoutItem:
    """One section of the blank workshop checklist (`exposure-audit handout`): about nobody."""

    id: str
    title: str
    steps: tuple[str, ...]
    minutes: int
    source_url: str


__all__ = [
    "ActionPlan",
    "Authority",
    "ChecklistItem",
    "EvidenceAdvice",
    "HandoutItem",
    "Helpline",
    "Helplines",
    "PlanRequest",
]
