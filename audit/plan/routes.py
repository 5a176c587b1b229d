"""Which request goes where: removal letters to hosts, notices to platforms, delisting forms,
broker opt-outs and register requests, with their deadlines and follow-up steps.

Each function creates (or extends) one request in a `PlanContext`, keyed so that findings about
the same host, platform, engine or broker share a single request.
"""

from __future__ import annotations

from audit.models import Finding
from audit.net.urls import host_of
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
        text = kb.text(entry.get("no_answer"), ctx.lang) or ctx.t(
            "No answer: send a reminder, then ask a lawyer or a victim-support line what else "
            "the law allows where you live.",
            "Sans réponse : relancez, puis demandez à un·e avocat·e ou une ligne d'aide aux "
            "victimes ce que permet la loi de votre pays.",
        )
        return text, None
    who = _dpa_the(ctx)
    if ctx.regime.extension_days:
        return ctx.t(
            f"No answer within one month (or within three if they told you, with reasons, "
            f"that they need two more): complain to {who} with a copy of your request and "
            f"its reference.",
            f"Sans réponse sous un mois (ou trois s'ils vous ont informé·e, motifs à l'appui, "
            f"d'une prolongation de deux mois) : plainte auprès de {who} avec la copie de "
            f"votre demande et sa référence.",
        ), url
    return ctx.t(
        f"No answer within 30 days, or a refusal: complain to {who} with a copy of your "
        f"request.",
        f"Sans réponse sous 30 jours, ou en cas de refus : plainte auprès de {who} avec la "
        f"copie de votre demande.",
    ), url


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
    return ctx.t(
        f" Publishing it may also be an offence under French law: {named}",
        f" Sa publication peut aussi constituer une infraction : {named}",
    )


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
        values["recipient"] = ctx.t(f"the publisher of {host}", f"l'éditeur du site {host}")
        return RequestDraft(
            key=f"removal:{host}",
            kind="removal",
            title=ctx.t(
                f"Ask {host} to erase your data", f"Demander à {host} d'effacer vos données"
            ),
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
        step = kb.text(juris.get("report_escalation"), ctx.lang) or ctx.t(
            "Ignored or refused: use the platform's appeal and ask a helpline listed in this "
            "plan for help.",
            "Ignoré ou refusé : utilisez l'appel de la plateforme et demandez l'aide d'une "
            "ligne indiquée dans ce plan.",
        )
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
    return ctx.t(
        " This information is not of public interest, and I have no public role that would "
        "justify showing it.",
        " Ces informations ne présentent aucun intérêt public, et je n'exerce aucun rôle "
        "public qui justifierait leur affichage.",
    )


def _public_role_hint(ctx: PlanContext) -> str:
    if ctx.no_public_role:
        return ""
    return ctx.t(
        "If you have no public role (elected office, public figure, job in the news), say so "
        "in the form: it weighs in your favour. The letter does not claim it for you; run the "
        "scan again with --no-public-role to have it say so.",
        "Si vous n'exercez aucun rôle public (mandat, personnalité publique, fonction "
        "médiatisée), dites-le dans le formulaire : cela joue en votre faveur. La lettre ne "
        "l'affirme pas à votre place ; relancez l'analyse avec --no-public-role pour qu'elle "
        "le dise.",
    )


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
                step = ctx.t(
                    f"Refused or no answer after one month: complain to {who} (delisting "
                    "refusals are in its remit).",
                    f"Refus ou pas de réponse après un mois : plainte auprès de {who} (les "
                    "refus de déréférencement relèvent d'elle).",
                )
            else:
                step = ctx.t(
                    "Refused: the engine applies its own policy; ask again with more detail "
                    "on the risk, or have the page removed at its source.",
                    "Refus : le moteur applique sa propre politique ; redemandez en détaillant "
                    "le risque, ou faites retirer la page à la source.",
                )
            step += ctx.t(
                " Yahoo, DuckDuckGo and Ecosia mostly show Bing's results.",
                " Yahoo, DuckDuckGo et Ecosia reprennent surtout les résultats de Bing.",
            )
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
            title=ctx.t(f"Opt out of {name}", f"Se retirer de {name}"),
            recipient=name,
            form_url=str(form) if form else None,
            letter_kind=None if form else "erasure",
            letter_values=values,
            needs=kb.text(entry.get("how"), ctx.lang),
            deadline_days=None if form else ctx.regime.deadline_days,
            extension_days=None if form else ctx.regime.extension_days,
            next_step=ctx.t(
                "Check again in a few weeks: these sites re-list people. ",
                "Revérifiez dans quelques semaines : ces sites réinscrivent les personnes. ",
            )
            + step,
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
