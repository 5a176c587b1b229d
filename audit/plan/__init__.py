"""The action plan: turns a report's findings into a prioritised checklist, requests ready to
send, helplines and evidence advice (FR/EN), backed by the knowledge base in `kb/`.

Entry point for the runner: `build_plan(report, lang)`, which returns the frozen, typed
`ActionPlan` (`audit.plan.types`) the report carries in `ScanReport.plan`. Local follow-up
state lives in `tracker` (requests) and `evidence` (evidence log); the commands are in
`audit.cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit.plan.types import ActionPlan

if TYPE_CHECKING:
    from audit.models import ScanReport


def build_plan(
    report: ScanReport, lang: str = "en", no_public_role: bool = False
) -> ActionPlan:
    """The action plan for a report, a frozen `ActionPlan`: checklist, requests, helplines,
    evidence advice (see `audit.plan.builder.build_plan`)."""
    # the rules and the knowledge base are imported on first use: keeps start-up light
    from audit.plan.builder import build_plan as build

    return build(report, lang, no_public_role)


__all__ = ["ActionPlan", "build_plan"]
