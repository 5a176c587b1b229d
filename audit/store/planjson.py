"""The JSON form of the action plan (`audit.plan.types.ActionPlan`), part of the report's
canonical form written by `audit.store.serialize`: the top-level `checklist`, `requests`,
`helplines`, `evidence_advice` and `minutes_total` keys of `docs/report.schema.json`.
"""

from __future__ import annotations

from typing import Any

from audit.models import PLAN_KEYS, Severity
from audit.plan.types import (
    ActionPlan,
    Authority,
    ChecklistItem,
    EvidenceAdvice,
    Helpline,
    Helplines,
    PlanRequest,
)

__all__ = [
    "PLAN_KEYS",
    "checklist_item_from_dict",
    "checklist_item_to_dict",
    "plan_from_dict",
    "plan_request_from_dict",
    "plan_request_to_dict",
    "plan_to_dict",
]


def checklist_item_to_dict(i: ChecklistItem) -> dict[str, Any]:
    """The published JSON form of a checklist item (`done` and `done_at` once progress is
    applied)."""
    out: dict[str, Any] = {
        "id": i.id,
        "priority": i.priority,
        "phase": i.phase,
        "severity": i.severity.label,
        "platform": i.platform,
        "title": i.title,
        "why": i.why,
        "steps": list(i.steps),
        "minutes": i.minutes,
        "optional": i.optional,
        "source_url": i.source_url,
        "finding_fingerprints": list(i.finding_fingerprints),
        "request_ids": list(i.request_ids),
    }
    if i.done is not None:
        out.update(done=i.done, done_at=i.done_at)
    return out


def plan_request_to_dict(r: PlanRequest) -> dict[str, Any]:
    """The published JSON form of a request (`status` and `next_date` once progress is
    applied); also what the request tracker stores."""
    out: dict[str, Any] = {
        "id": r.id,
        "kind": r.kind,
        "title": r.title,
        "recipient": r.recipient,
        "target_urls": list(r.target_urls),
        "form_url": r.form_url,
        "needs": r.needs,
        "letter": r.letter,
        "objection_letter": r.objection_letter,
        "regime": r.regime,
        "lang": r.lang,
        "legal_basis": r.legal_basis,
        "deadline_days": r.deadline_days,
        "extension_days": r.extension_days,
        "next_step": r.next_step,
        "next_step_url": r.next_step_url,
        "severity": r.severity.label,
        "why": r.why,
        "finding_fingerprints": list(r.finding_fingerprints),
    }
    if r.regime is None:  # older saved reports have none
        del out["regime"]
    if r.status is not None:
        out.update(status=r.status, next_date=r.next_date)
    return out


def _helpline_to_dict(h: Helpline) -> dict[str, Any]:
    return {"name": h.name, "number": h.number, "url": h.url, "what": h.what,
            "hours": h.hours, "source_url": h.source_url, "verified": h.verified}


def plan_to_dict(plan: ActionPlan) -> dict[str, Any]:
    """The plan's JSON form: the report's top-level `checklist`, `requests`, `helplines`,
    `evidence_advice` and `minutes_total` (the last three left out when the plan has none)."""
    out: dict[str, Any] = {
        "checklist": [checklist_item_to_dict(i) for i in plan.checklist],
        "requests": [plan_request_to_dict(r) for r in plan.requests],
    }
    if (h := plan.helplines) is not None:
        auth = h.authority
        out["helplines"] = {
            "jurisdiction": h.jurisdiction,
            "emergency": [_helpline_to_dict(x) for x in h.emergency],
            "helplines": [_helpline_to_dict(x) for x in h.helplines],
            "authority": None if auth is None else {
                "name": auth.name, "complaint_url": auth.complaint_url, "what": auth.what},
        }
    if (ev := plan.evidence_advice) is not None:
        out["evidence_advice"] = {"columns": list(ev.columns), "steps": list(ev.steps),
                                  "legal": ev.legal, "source_url": ev.source_url,
                                  "command": ev.command}
    if plan.minutes_total is not None:
        out["minutes_total"] = plan.minutes_total
    return out


# Reports saved by older versions (or edited by hand) are read leniently: a missing or
# malformed field gets its empty value, entries that are not objects are dropped.


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _opt_text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(line.strip() for line in value.splitlines() if line.strip())
    if not isinstance(value, list | tuple):
        return ()
    return tuple(_text(v) for v in value if _text(v))


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list | tuple) else []


def _severity(value: Any) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        return Severity.LOW


def checklist_item_from_dict(d: dict[str, Any]) -> ChecklistItem:
    """Rebuild a checklist item from its JSON form."""
    done = d.get("done")
    return ChecklistItem(
        id=_text(d.get("id")),
        priority=_int(d.get("priority")) or 0,
        phase=_text(d.get("phase")),
        severity=_severity(d.get("severity")),
        platform=_text(d.get("platform")),
        title=_text(d.get("title")),
        why=_text(d.get("why")),
        steps=_texts(d.get("steps")),
        minutes=_int(d.get("minutes")) or 0,
        optional=d.get("optional") is True,
        source_url=_text(d.get("source_url")),
        finding_fingerprints=_texts(d.get("finding_fingerprints")),
        request_ids=_texts(d.get("request_ids")),
        done=None if "done" not in d else done is True,
        done_at=_opt_text(d.get("done_at")),
    )


def plan_request_from_dict(d: dict[str, Any]) -> PlanRequest:
    """Rebuild a request from its JSON form."""
    targets = d.get("target_urls")
    return PlanRequest(
        id=_text(d.get("id")),
        kind=_text(d.get("kind")),
        title=_text(d.get("title")),
        recipient=_text(d.get("recipient")),
        target_urls=_texts([targets] if isinstance(targets, str) else targets),
        form_url=_opt_text(d.get("form_url")),
        needs=_text(d.get("needs")),
        letter=_opt_text(d.get("letter")),
        objection_letter=_opt_text(d.get("objection_letter")),
        regime=_opt_text(d.get("regime")),
        lang=_text(d.get("lang")) or "en",
        legal_basis=_text(d.get("legal_basis")),
        deadline_days=_int(d.get("deadline_days")),
        extension_days=_int(d.get("extension_days")),
        next_step=_text(d.get("next_step")),
        next_step_url=_opt_text(d.get("next_step_url")),
        severity=_severity(d.get("severity")),
        why=_text(d.get("why")),
        finding_fingerprints=_texts(d.get("finding_fingerprints")),
        status=None if "status" not in d else _text(d.get("status")) or "todo",
        next_date=_opt_text(d.get("next_date")),
    )


def _helpline_from_dict(d: dict[str, Any]) -> Helpline:
    return Helpline(
        name=_text(d.get("name")), number=_opt_text(d.get("number")),
        url=_opt_text(d.get("url")), what=_text(d.get("what")), hours=_text(d.get("hours")),
        source_url=_text(d.get("source_url")), verified=_opt_text(d.get("verified")),
    )


def plan_from_dict(d: dict[str, Any]) -> ActionPlan:
    """Rebuild a plan from a report's JSON form (the keys of `PLAN_KEYS` it has)."""
    helplines = evidence = None
    if isinstance(h := d.get("helplines"), dict):
        auth = h.get("authority")
        helplines = Helplines(
            jurisdiction=_text(h.get("jurisdiction")),
            emergency=tuple(_helpline_from_dict(x) for x in _dicts(h.get("emergency"))),
            helplines=tuple(_helpline_from_dict(x) for x in _dicts(h.get("helplines"))),
            authority=Authority(
                name=_text(auth.get("name")), complaint_url=_opt_text(auth.get("complaint_url")),
                what=_text(auth.get("what")),
            ) if isinstance(auth, dict) else None,
        )
    if isinstance(ev := d.get("evidence_advice"), dict):
        evidence = EvidenceAdvice(
            columns=_texts(ev.get("columns")), steps=_texts(ev.get("steps")),
            legal=_text(ev.get("legal")), source_url=_text(ev.get("source_url")),
            command=_text(ev.get("command")),
        )
    return ActionPlan(
        checklist=tuple(checklist_item_from_dict(x) for x in _dicts(d.get("checklist"))),
        requests=tuple(plan_request_from_dict(x) for x in _dicts(d.get("requests"))),
        helplines=helplines,
        evidence_advice=evidence,
        minutes_total=_int(d.get("minutes_total")),
    )
