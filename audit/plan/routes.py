"""Which request goes where: removal letters to hosts, notices to platforms, delisting forms,
broker opt-outs and register requests, with their deadlines and follow-up steps.

Each function creates (or extends) one request in a `PlanContext`, keyed so that findings about
the same host, platform, engine or broker share a single request.
"""

from __future__ import annotations

from audit.models import Finding
from audit.plan import kb
from audit.plan.context import PlanContext, host_of
from audit.plan.model import RequestDraft


def _dpa(ctx: PlanContext) -> tuple[str, str | None]:
    dpa = kb.jurisdiction(ctx.jurisdiction).get("dpa") or {}
    return str(dpa.get("name") or ""), dpa.get("complaint_url")


def _gdpr_deadline(ctx: PlanContext) -> tuple[int | None, int | None]:
    for law in kb.jurisdiction(ctx.jurisdiction).get("legal") or ():
        if law.get("deadline_days"):
            return int(law["deadline_days"]), int(law.get("extension_days") or 0)
    return None, None


def _escalation(ctx: PlanContext) -> tuple[str, str | None]:
    name, url = _dpa(ctx)
    if not name:
        return ctx.t(
            "No answer: send a reminder, then ask a lawyer or a victim-support line what else "
            "the law allows where you live.",
            "Sans réponse : relancez, puis demandez à un·e avocat·e ou une ligne d'aide aux "
            "victimes ce que permet la loi de votre pays.",
        ), None
    return ctx.t(
        f"No answer within one month (or within three if they told you, with reasons, that they "
        f"need two more): complain to the {name} with a copy of your request and its reference.",
        f"Sans réponse sous un mois (ou trois s'ils vous ont informé·e, motifs à l'appui, d'une "
        f"prolongation de deux mois) : plainte auprès de la {name} avec la copie de votre "
        f"demande et sa référence.",
    ), url


def _base_values(ctx: PlanContext) -> dict[str, str]:
    subject = ctx.subject
    return {
        "name": subject.name or "",
        "email": subject.emails[0] if subject.emails else "",
        "authority": _dpa(ctx)[0],
    }


def removal(ctx: PlanContext, finding: Finding, page: str, detail: str) -> RequestDraft:
    """GDPR Art. 17 erasure letter to whoever publishes `page` (one letter per host)."""
    host = host_of(page)
    deadline, extension = _gdpr_deadline(ctx)
    step, step_url = _escalation(ctx)

    def make() -> RequestDraft:
        values = _base_values(ctx)
        values["recipient"] = ctx.t(f"the publisher of {host}", f"l'éditeur du site {host}")
        return RequestDraft(
            key=f"removal:{host}",
            kind="removal",
            title=ctx.t(
                f"Ask {host} to erase your data", f"Demander à {host} d'effacer vos données"
            ),
            recipient=values["recipient"],
            letter_kind="erasure",
            letter_values=values,
            deadline_days=deadline if ctx.gdpr else None,
            extension_days=extension if ctx.gdpr else None,
            next_step=step,
            next_step_url=step_url,
            legal_basis="GDPR Art. 17, Art. 21, Art. 12(3)" if ctx.gdpr else "",
        )

    req = ctx.request(f"removal:{host}", make, finding, page)
    req.note(page, detail)
    return req


def platform_report(ctx: PlanContext, finding: Finding, page: str, detail: str) -> RequestDraft:
    """Report to the platform hosting `page` (its form, plus a DSA Art. 16 notice text)."""
    key = kb.platform_key_for_url(page) or "generic"
    _, entry = kb.platform(key)
    name = entry.get("name") or host_of(page)
    report = entry.get("report") or {}
    arcom = kb.jurisdiction(ctx.jurisdiction).get("dsc") or {}

    def make() -> RequestDraft:
        values = _base_values(ctx)
        values["recipient"] = name
        step = ctx.t(
            "Ignored or refused: call a helpline that is a trusted flagger (in France the 3018) "
            "and, in the EU, complain to the digital-services coordinator",
            "Ignoré ou refusé : appelez une ligne signaleur de confiance (en France le 3018) et, "
            "dans l'UE, saisissez le coordinateur des services numériques",
        )
        if arcom.get("name"):
            step += f" ({arcom['name']})."
        else:
            step += "."
        return RequestDraft(
            key=f"report:{key}:{host_of(page)}",
            kind="platform_report",
            title=ctx.t(f"Report the page to {name}", f"Signaler la page à {name}"),
            recipient=name,
            form_url=report.get("url"),
            letter_kind="dsa_notice",
            letter_values=values,
            needs=kb.text(report.get("how"), ctx.lang),
            next_step=step,
            next_step_url=arcom.get("url"),
            legal_basis="DSA Art. 16" if ctx.gdpr else "",
        )

    req = ctx.request(f"report:{key}:{host_of(page)}", make, finding, page)
    req.note(page, detail)
    return req


def delisting(
    ctx: PlanContext, finding: Finding, url: str, contact_page: bool, detail: str = ""
) -> list[RequestDraft]:
    """Delisting requests to the search engines, where the law (or the engine's policy) allows."""
    made: list[RequestDraft] = []
    wanted: list[tuple[str, str]] = []
    if ctx.gdpr:
        wanted += [("google", "google_rtbf"), ("bing", "bing_eu")]
        if ctx.jurisdiction in ("FR", "BE", "EU"):
            wanted.append(("qwant", "qwant_rtbf"))
    elif contact_page:
        wanted += [("google", "google_pii"), ("bing", "bing_concern")]
    engines = kb.engines()
    name_, url_ = _dpa(ctx)
    for engine_key, form_id in wanted:
        engine = engines[engine_key]
        form = next(f for f in engine["forms"] if f["id"] == form_id)

        def make(
            engine: dict[str, object] = engine, form: dict[str, object] = form
        ) -> RequestDraft:
            values = _base_values(ctx)
            values["recipient"] = str(engine["name"])
            step = ctx.t(
                "Refused or no answer after one month: complain to the "
                f"{name_ or 'data-protection authority'} (delisting refusals are in its remit). "
                "Yahoo, DuckDuckGo and Ecosia mostly show Bing's results.",
                "Refus ou pas de réponse après un mois : plainte auprès de la "
                f"{name_ or 'autorité de protection des données'} (les refus de déréférencement "
                "relèvent d'elle). Yahoo, DuckDuckGo et Ecosia reprennent surtout les résultats "
                "de Bing.",
            )
            return RequestDraft(
                key=f"delist:{form['id']}",
                kind="delisting",
                title=kb.text(form["title"], ctx.lang),
                recipient=str(engine["name"]),
                form_url=str(form["url"]),
                letter_kind="delisting",
                letter_values=values,
                deadline_days=30 if ctx.gdpr else None,
                next_step=step,
                next_step_url=url_,
                needs=kb.text(form.get("needs"), ctx.lang),
                legal_basis="GDPR Art. 17, Art. 21; CJEU C-131/12" if ctx.gdpr else "",
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
            title=ctx.t(f"Opt out of {name}", f"Se retirer de {name}"),
            recipient=name,
            form_url=str(form) if form else None,
            letter_kind=None if form else ("erasure" if ctx.gdpr else None),
            letter_values=values,
            needs=kb.text(entry.get("how"), ctx.lang),
            deadline_days=30 if ctx.gdpr else None,
            extension_days=60 if ctx.gdpr else None,
            next_step=ctx.t(
                "Check again in a few weeks: these sites re-list people. ",
                "Revérifiez dans quelques semaines : ces sites réinscrivent les personnes. ",
            )
            + step,
            next_step_url=step_url,
            legal_basis="GDPR Art. 17, Art. 21" if ctx.gdpr else "",
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
        values["recipient"] = ctx.t(
            "Guichet unique of business formalities (INPI), for the company register",
            "Guichet unique des formalités d'entreprises (INPI), pour le registre",
        )
        return RequestDraft(
            key="authority:register_address",
            kind="authority",
            title=ctx.t(
                "Hide your home address in the company register (online formality)",
                "Faire occulter votre adresse personnelle au registre (formalité en ligne)",
            ),
            recipient=values["recipient"],
            form_url=GUICHET_UNIQUE,
            letter_kind=None,
            letter_values=values,
            needs=ctx.t(
                "Log in to the guichet unique as the company's officer and file the request to "
                "keep your personal address confidential. It is paid unless you file it with "
                "another formality (transfer, change of officer...). For documents already "
                "filed (articles, minutes), upload copies where you blacked out your address "
                "yourself. Keep the receipt.",
                "Connectez-vous au guichet unique comme dirigeant·e et déposez la demande de "
                "confidentialité de votre adresse personnelle. C'est payant sauf si vous la "
                "joignez à une autre formalité (transfert, changement de dirigeant...). Pour "
                "les actes déjà déposés (statuts, PV), téléversez des copies où vous avez "
                "vous-même masqué votre adresse. Gardez le récépissé.",
            ),
            deadline_days=None,
            next_step=ctx.t(
                "The registry has 5 working days to decide; without a decision, the judge "
                "supervising the register can be asked. Once hidden at the source, send "
                "erasure requests to the sites that copied the address.",
                "Le greffe a 5 jours ouvrables pour statuer ; à défaut, le juge commis à la "
                "surveillance du registre peut être saisi. Une fois l'adresse occultée à la "
                "source, demandez l'effacement aux sites qui l'ont recopiée.",
            ),
            legal_basis="Décret n° 2025-840 (Code de commerce art. R123-54-1)",
        )

    req = ctx.request("authority:register_address", make, finding, url)
    req.note(url)
    return req
