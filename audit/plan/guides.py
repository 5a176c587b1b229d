"""Checklist items every plan carries from the best victim-support guides, whatever was found.

Owns the advice-based items beyond the first safety steps: a short safety plan (it is not your
fault, threat assessment, who to tell, swatting), location sharing, account recovery and SIM-swap
protection, evidence preservation, protection orders, the person's own domain, help for allies
and looking after oneself. Texts and sources are in `kb/advice.json`.
"""

from __future__ import annotations

from audit.models import Severity
from audit.plan import kb
from audit.plan.context import PlanContext
from audit.plan.model import LATER, SAFETY, ItemDraft

# (item key, advice id, phase, severity, optional)
GUIDE_ITEMS: tuple[tuple[str, str, int, Severity, bool], ...] = (
    ("safety:4-plan", "safety_plan", SAFETY, Severity.HIGH, False),
    ("safety:5-recovery", "account_recovery", SAFETY, Severity.HIGH, False),
    ("safety:6-location", "location_sharing", SAFETY, Severity.HIGH, False),
    ("later:preservation", "preservation", LATER, Severity.LOW, False),
    ("later:support", "support", LATER, Severity.LOW, False),
    ("later:allies", "allies", LATER, Severity.INFO, True),
    ("later:protective", "protective_order", LATER, Severity.INFO, True),
    ("later:domain", "domain_privacy", LATER, Severity.INFO, True),
)


def guide_items(ctx: PlanContext) -> None:
    """Add the guide items to the plan (the domain item only when the person has a site, the
    preservation item only when there is something to report)."""
    for key, advice_id, phase, severity, optional in GUIDE_ITEMS:
        if advice_id == "domain_privacy" and not ctx.own_hosts:
            continue
        if advice_id == "preservation" and not ctx.requests:
            continue
        advice = kb.advice(advice_id)
        ctx.items[key] = ItemDraft(
            key=key,
            phase=phase,
            severity=severity,
            optional=optional,
            title=kb.text(advice["title"], ctx.lang),
            steps=list(advice["steps"][ctx.lang]),
            minutes=int(advice["minutes"]),
            source_url=str(advice["source_url"]),
            why=ctx.say("why_guides"),
        )
