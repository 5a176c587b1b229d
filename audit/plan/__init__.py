"""The action plan: turns a report's findings into a prioritised checklist, requests ready to
send, helplines and evidence advice (FR/EN), backed by the knowledge base in `kb/`.

Entry point for the runner: `build_plan(report, lang)`. Local follow-up state lives in
`tracker` (requests) and `evidence` (evidence log); CLI groups are in `commands`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.models import ScanReport


def build_plan(
    report: ScanReport, lang: str = "en", no_public_role: bool = False
) -> dict[str, Any]:
    """The action plan for a report: `checklist`, `requests`, `helplines`, `evidence_advice`
    (see `audit.plan.builder.build_plan`)."""
    # the rules and the knowledge base are imported on first use: keeps start-up light
    from audit.plan.builder import build_plan as build

    return build(report, lang, no_public_role)


__all__ = ["build_plan"]
