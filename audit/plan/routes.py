"""Which request goes where: removal letters to hosts, notices to platforms, delisting forms,
broker opt-outs and register requests, with their deadlines and follow-up steps.

Each function creates (or extends) one request in a `PlanContext`, keyed so that findings about
the same host, platform, engine or broker share a single request.
"""

from __future__ import annotations

from audit.hosts import host_of
from audit.models import Finding
from audit.plan import kb
from audit.plan.context import PlanContext
from audit.plan.model import RequestDraft


def _dpa(ctx: PlanContext) -> tuple[str, str | None]:
    dpa = kb.jurisdiction(ctx.jurisdiction).get("dpa") or {}
    return str(dpa.get("name") or ""), dpa.get("complaint_url")


def _dpa_the(ctx: PlanContext) -> str:
    """The authority's name with its article in the plan's language ("la CNIL", "l'ICO")."""
    dpa = kb.jurisdiction(ctx.jurisdiction).get("dpa") or {}
    return kb.text(dpa.get("the"), ctx.lang) or str(dpa.get("name") or "")


def _escalation(ctx: PlanContext) -> tuple[str, str | None]:
    entry = kb.jurisdiction(ctx.jurisdiction)
    name, url = _dpa(ctx)
    if not name:
        text = kb.text(entry.get("no_answer"), ctx.lang) or ctx.say("esc_no_law")
        return text, None
    who = _dpa_the(ctx)
    if ctx.regime.extension_days:
        return ctx.say("esc_extension", who=who), url
    return ctx.say("esc_30_days", who=who), url


def _offences(ctx: PlanContext) -> str:
    """The national offences a notice can name (France: doxxing and harassment)."""
    laws = [
        law
        for law in kb.jurisdiction(ctx.jurisdiction).get("legal") or ()
        if law.get("offence") in ("doxxing", "harassment")
    ]
    if not laws:
        return ""
    named = " ".join(f"{law['article']}: {kb.text(law['text'], ctx.lang)}" for law in laws)
    return ctx.say("offences", named=named)


def _base_values(ctx: PlanContext) -> dict[str, str]:
    subject = ctx.subject
    return {
        "name": subject.name or "",
        "email": subject.emails[0] if subject.emails else "",
        "authority": _dpa_the(ctx),
    }


def removal(ctx: PlanContext, finding: Finding, page: str, detail: str) -> RequestDraft:
    """Erasure letter (and, where the law has one, a separate objection) to whoever publishes
    `page`, under the person's regime (one request per host)."""
    host = host_of(page)
    regime = ctx.regime
    step, step_url = _escalation(ctx)

    def make() -> RequestDraft:
        values = _base_values(ctx)
        values["recipient"] = ctx.say("removal_recipient", host=host)
        return RequestDraft(
            key=f"removal:{host}",
            kind="removal",
            title=ctx.say("removal_title", host=host),
            recipient=values["recipient"],
            letter_kind="erasure",
            objection_kind="objection" if regime.objection_basis else None,
            letter_values=values,
            deadline_days=regime.deadline_days,
            extension_days=regime.extension_days,
            next_step=step,
            next_step_url=step_url,
            legal_basis=regime.legal_basis,
        )

    req = ctx.request(f"removal:{host}", make, finding, page)
    req.note(page, detail)
    return req


def platform_report(ctx: PlanContext, finding: Finding, page: str, detail: str) -> RequestDraft:
    """Report to the platform hosting `page`: its form, plus a notice text (DSA Art. 16 in the
    EU; elsewhere a report under the platform's own rules, saying so)."""
    key = kb.platform_key_for_url(page) or "generic"
    _, entry = kb.platform(key)
    name = entry.get("name") or host_of(page)
    report = entry.get("report") or {}
    juris = kb.jurisdiction(ctx.jurisdiction)
    dsc = juris.get("dsc") or {}

    def make() -> RequestDraft:
        values = _base_values(ctx)
        values["recipient"] = name
        values["offences"] = _offences(ctx)
        step = kb.text(juris.get("report_escalation"), ctx.lang) or ctx.say("report_escalation")
        return RequestDraft(
            key=f"report:{key}:{host_of(page)}",
            kind="platform_report",
            title=ctx.say("report_title", name=name),
            recipient=name,
            form_url=report.get("url"),
            letter_kind="dsa_notice",
            letter_values=values,
            needs=kb.text(report.get("how"), ctx.lang),
            next_step=step,
            next_step_url=dsc.get("url"),
            legal_basis=ctx.regime.notice_legal_basis,
        )

    req = ctx.request(f"report:{key}:{host_of(page)}", make, finding, page)
    req.note(page, detail)
    return req


def _public_role_sentence(ctx: PlanContext) -> str:
    """The "no public role" claim, only when the person said it is true."""
    if not ctx.no_public_role:
        return ""
    return ctx.say("no_public_role")


def _public_role_hint(ctx: PlanContext) -> str:
    if ctx.no_public_role:
        return ""
    return ctx.say("public_role_hint")


def delisting(
    ctx: PlanContext, finding: Finding, url: str, contact_page: bool, detail: str = ""
) -> list[RequestDraft]:
    """Delisting requests to the search engines, where the law (or the engine's policy) allows."""
    made: list[RequestDraft] = []
    wanted: list[tuple[str, str]] = []
    if ctx.regime.statutory_delisting:
        wanted += [("google", "google_rtbf"), ("bing", "bing_eu")]
        if ctx.jurisdiction in ("FR", "BE", "EU"):
            wanted.append(("qwant", "qwant_rtbf"))
    elif contact_page:
        wanted += [("google", "google_pii"), ("bing", "bing_concern")]
    engines = kb.engines()
    name_, url_ = _dpa(ctx)
    who = _dpa_the(ctx)
    for engine_key, form_id in wanted:
        engine = engines[engine_key]
        form = next(f for f in engine["forms"] if f["id"] == form_id)

        def make(
            engine: dict[str, object] = engine, form: dict[str, object] = form
        ) -> RequestDraft:
            values = _base_values(ctx)
            values["recipient"] = str(engine["name"])
            values["public_role"] = _public_role_sentence(ctx)
            if ctx.regime.statutory_delisting and name_:
                step = ctx.say("delist_dpa", who=who)
            else:
                step = ctx.say("delist_policy")
            step += ctx.say("delist_bing")
            return RequestDraft(
                key=f"delist:{form['id']}",
                kind="delisting",
                title=kb.text(form["title"], ctx.lang),
                recipient=str(engine["name"]),
                form_url=str(form["url"]),
                letter_kind="delisting",
                letter_values=values,
                deadline_days=ctx.regime.deadline_days if ctx.regime.statutory_delisting else None,
                next_step=step,
                next_step_url=url_ if ctx.regime.statutory_delisting else None,
                needs=" ".join(
                    x for x in (kb.text(form.get("needs"), ctx.lang), _public_role_hint(ctx)) if x
                ),
                legal_basis=ctx.regime.delisting_legal_basis,
            )

        req = ctx.request(f"delist:{form_id}", make, finding, url)
        req.note(url, detail)
        made.append(req)
    return made


def broker_optout(
    ctx: PlanContext, finding: Finding, site_key: str, url: str, detail: str = ""
) -> RequestDraft:
    """Opt-out from a people-search site or directory: its form, else an erasure letter."""
    entry = kb.broker(site_key)
    name = str(
        finding.data.get("site_name")
        or (entry.get("name") if entry.get("key") != "generic" else "")
        or finding.data.get("site")
        or host_of(url)
    )
    form = finding.data.get("optout_url") or entry.get("optout_url")
    step, step_url = _escalation(ctx)

    def make() -> RequestDraft:
        values = _base_values(ctx)
        values["recipient"] = name
        return RequestDraft(
            key=f"broker:{site_key or host_of(url)}",
            kind="broker_optout",
            title=ctx.say("broker_title", name=name),
            recipient=name,
            form_url=str(form) if form else None,
            letter_kind=None if form else "erasure",
            letter_values=values,
            needs=kb.text(entry.get("how"), ctx.lang),
            deadline_days=None if form else ctx.regime.deadline_days,
            extension_days=None if form else ctx.regime.extension_days,
            next_step=ctx.say("broker_relist") + step,
            next_step_url=step_url,
            legal_basis="" if form else ctx.regime.legal_basis,
        )

    req = ctx.request(f"broker:{site_key or host_of(url)}", make, finding, url)
    req.note(url, detail)
    return req


GUICHET_UNIQUE = "https://formalites.entreprises.gouv.fr/"


def register_address(ctx: PlanContext, finding: Finding, url: str) -> RequestDraft | None:
    """France: hide a company officer's home address in the register (décret n° 2025-840).

    An online formality on the guichet unique, not a letter and not a complaint: paid unless
    filed with another formality, with redacted copies of filed documents supplied by the
    person; the registry then has 5 working days to decide."""
    if ctx.jurisdiction != "FR":
        return None

    def make() -> RequestDraft:
        values = _base_values(ctx)
        values["recipient"] = ctx.say("register_recipient")
        return RequestDraft(
            key="authority:register_address",
            kind="authority",
            title=ctx.say("register_title"),
            recipient=values["recipient"],
            form_url=GUICHET_UNIQUE,
            letter_kind=None,
            letter_values=values,
            needs=ctx.say("register_needs"),
            deadline_days=None,
            next_step=ctx.say("register_next"),
            legal_basis="Décret n° 2025-840 (Code de commerce art. R123-54-1)",
        )

    req = ctx.request("authority:register_address", make, finding, url)
    req.note(url)
    return req
