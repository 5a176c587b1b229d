"""Builds the action plan of a scan: the ordered checklist, the requests ready to send, the
helplines and the evidence advice.

Order: immediate safety first (danger and helplines, locking accounts, keeping evidence before
anything is deleted), then exposures from the most severe down, then optional and later items.
"""

from __future__ import annotations

from typing import Any

from audit.models import ScanReport, Severity
from audit.plan import kb, letters
from audit.plan.context import PlanContext
from audit.plan.guides import guide_items
from audit.plan.model import (
    LATER,
    REQUEST_KINDS,
    SAFETY,
    ItemDraft,
    RequestDraft,
    stable_id,
    to_item,
    why_line,
)
from audit.plan.rules import RULES, other
from audit.plan.types import (
    ActionPlan,
    Authority,
    EvidenceAdvice,
    Helpline,
    Helplines,
    PlanRequest,
)

MAX_EVIDENCE_URLS = 12


def _helpline_lines(ctx: PlanContext) -> list[str]:
    entry = kb.jurisdiction(ctx.jurisdiction)
    lines = []
    for h in list(entry.get("emergency") or ())[:1] + list(entry.get("helplines") or ())[:3]:
        contact = " — ".join(x for x in (h.get("number"), h.get("url")) if x)
        lines.append(f"{kb.text(h['name'], ctx.lang)} ({contact}): {kb.text(h['what'], ctx.lang)}")
    return lines


def _safety_items(ctx: PlanContext) -> None:
    danger = kb.advice("danger")
    ctx.items["safety:1-danger"] = ItemDraft(
        key="safety:1-danger",
        phase=SAFETY,
        severity=Severity.HIGH,
        title=kb.text(danger["title"], ctx.lang),
        steps=[*danger["steps"][ctx.lang], *_helpline_lines(ctx)],
        minutes=int(danger["minutes"]),
        source_url=danger["source_url"],
        why=ctx.say("why_safety"),
    )
    accounts = [i for i in ctx.items.values() if i.key.startswith("settings:")]
    if accounts:
        secure = kb.advice("secure_accounts")
        names = ", ".join(sorted({i.title.split(":")[0].split(" (")[0] for i in accounts}))
        ctx.items["safety:2-secure"] = ItemDraft(
            key="safety:2-secure",
            phase=SAFETY,
            severity=Severity.HIGH,
            title=kb.text(secure["title"], ctx.lang),
            steps=[
                *secure["steps"][ctx.lang],
                ctx.say("accounts_found", names=names),
            ],
            minutes=int(secure["minutes"]) + 3 * len(accounts),
            source_url=secure["source_url"],
            findings=[f for i in accounts for f in i.findings],
        )
    urls = list(dict.fromkeys(u for req in ctx.requests.values() for u in req.target_urls))
    if urls:
        ev = kb.advice("evidence_first")
        cmds = [f"exposure-audit evidence add {u}" for u in urls[:MAX_EVIDENCE_URLS]]
        ctx.items["safety:3-evidence"] = ItemDraft(
            key="safety:3-evidence",
            phase=SAFETY,
            severity=Severity.HIGH,
            title=kb.text(ev["title"], ctx.lang),
            steps=[*ev["steps"][ctx.lang], *cmds],
            minutes=int(ev["minutes"]) + 2 * len(cmds),
            source_url=ev["source_url"],
            why=ctx.say("why_evidence"),
        )
    monitor = kb.advice("monitor")
    ctx.items["later:monitor"] = ItemDraft(
        key="later:monitor",
        phase=LATER,
        severity=Severity.INFO,
        title=kb.text(monitor["title"], ctx.lang),
        steps=list(monitor["steps"][ctx.lang]),
        minutes=int(monitor["minutes"]),
        source_url=monitor["source_url"],
        why=ctx.say("why_monitor"),
    )


def _request(ctx: PlanContext, req: RequestDraft) -> PlanRequest:
    lines = req.letter_lines() or req.target_urls
    letter = objection = None
    if req.letter_kind:
        letter = letters.render(req.letter_kind, ctx.lang, req.letter_values, lines, ctx.regime)
    if req.objection_kind:
        values = dict(req.letter_values)
        values.setdefault("grounds", _objection_grounds(ctx))
        objection = letters.render(req.objection_kind, ctx.lang, values, lines, ctx.regime)
    return PlanRequest(
        id=stable_id("req", req.key),
        kind=req.kind,
        title=req.title,
        recipient=req.recipient,
        target_urls=tuple(req.target_urls),
        form_url=req.form_url,
        needs=req.needs,
        letter=letter,
        objection_letter=objection,
        regime=ctx.regime.key,
        lang=ctx.lang,
        legal_basis=req.legal_basis,
        deadline_days=req.deadline_days,
        extension_days=req.extension_days,
        next_step=req.next_step,
        next_step_url=req.next_step_url,
        severity=req.severity,
        why=why_line(req.findings, ctx.lang),
        finding_fingerprints=tuple(f.fingerprint for f in req.findings),
    )


def _objection_grounds(ctx: PlanContext) -> str:
    grounds = ctx.say("grounds")
    if ctx.no_public_role:
        grounds += ctx.say("grounds_no_public_role")
    return grounds + "\n"


def _helplines(ctx: PlanContext) -> Helplines:
    entry = kb.jurisdiction(ctx.jurisdiction)

    def line(h: dict[str, Any]) -> Helpline:
        return Helpline(
            name=kb.text(h["name"], ctx.lang),
            number=h.get("number"),
            url=h.get("url"),
            what=kb.text(h["what"], ctx.lang),
            hours=kb.text(h.get("hours"), ctx.lang),
            source_url=h["source_url"],
            verified=h["verified"],
        )

    dpa = entry.get("dpa") or {}
    return Helplines(
        jurisdiction=ctx.jurisdiction,
        emergency=tuple(line(h) for h in entry.get("emergency") or ()),
        helplines=tuple(line(h) for h in entry.get("helplines") or ()),
        authority=(
            Authority(
                name=dpa["name"],
                complaint_url=dpa.get("complaint_url"),
                what=kb.text(dpa.get("text"), ctx.lang),
            )
            if dpa
            else None
        ),
    )


def _evidence_advice(ctx: PlanContext) -> EvidenceAdvice:
    ev = kb.advice("evidence_first")
    rule = kb.jurisdiction(ctx.jurisdiction).get("evidence") or {}
    return EvidenceAdvice(
        columns=tuple(ctx.say("evidence_columns").split(" | ")),
        steps=tuple(ev["steps"][ctx.lang]),
        legal=kb.text(rule.get("text"), ctx.lang),
        source_url=rule.get("source_url") or ev["source_url"],
        command="exposure-audit evidence add URL [--screenshot FILE] [--account-id ID]",
    )


def build_plan(
    report: ScanReport, lang: str = "en", no_public_role: bool = False
) -> ActionPlan:
    """The action plan for a report: checklist, requests, helplines, evidence advice.

    `no_public_role`: the person confirmed they have no public role, so delisting letters and
    objections may say so (default off: the letters never claim it for them)."""
    ctx = PlanContext(report, lang, no_public_role)
    for finding in ctx.findings:
        RULES.get(finding.kind, other)(ctx, finding)
    _safety_items(ctx)
    guide_items(ctx)

    kind_rank = {k: i for i, k in enumerate(REQUEST_KINDS)}
    reqs = sorted(
        ctx.requests.values(), key=lambda r: (kind_rank.get(r.kind, 99), -r.severity, r.title)
    )
    ids = {r.key: stable_id("req", r.key) for r in reqs}
    items = sorted(ctx.items.values(), key=lambda i: (i.phase, i.optional, -i.severity, i.key))
    checklist = tuple(
        to_item(item, n, ctx.lang, [ids[k] for k in item.request_keys if k in ids])
        for n, item in enumerate(items, start=1)
    )
    return ActionPlan(
        checklist=checklist,
        requests=tuple(_request(ctx, r) for r in reqs),
        helplines=_helplines(ctx),
        evidence_advice=_evidence_advice(ctx),
        minutes_total=sum(i.minutes for i in checklist if not i.optional),
    )
