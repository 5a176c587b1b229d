"""The action plan: turns a report's findings into a prioritised checklist, requests ready to
send, helplines and evidence advice (FR/EN), backed by the knowledge base in `kb/`.

Entry point for the runner: `build_plan(report, lang)`. Local follow-up state lives in
`tracker` (requests) and `evidence` (evidence log); CLI groups are in `commands`.
"""

from __future__ import annotations

from audit.plan.builder import build_plan

__all__ = ["build_plan"]
