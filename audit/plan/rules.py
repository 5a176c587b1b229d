"""The mapping from finding kinds to checklist items and requests.

One function per finding kind: `account`, `contact`, `listing` and `search_result` here,
photos in `rules_photos`, identity links in `rules_links`; `RULES` maps each kind to its
function. Unknown kinds get a generic review item so nothing found is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from audit.hosts import host_of
from audit.models import Finding
from audit.plan import kb, routes
from audit.plan.context import PlanContext
from audit.plan.model import EXPOSURE, LATER, ItemDraft
from audit.plan.rules_links import identity_cluster, link
from audit.plan.rules_photos import photo_identity, photo_location, place_cluster
from audit.plan.texts import say


def _contact_label(ctx: PlanContext, kind: str) -> str:
    """The contact detail's name ("phone number"); an unknown type as given."""
    return ctx.say(f"contact_{kind}") if f"contact_{kind}" in say else kind


def _category_label(ctx: PlanContext, category: str) -> str:
    """The search result's category ("directory"); "page" when unknown."""
    return ctx.say(f"cat_{category}" if f"cat_{category}" in say else "cat_page")


def account(ctx: PlanContext, f: Finding) -> None:
    """An account found: that platform's settings, and its deletion as an optional item."""
    data = f.data
    pkey = str(data.get("platform_key") or kb.platform_key_for_url(f.url) or "")
    key, entry = kb.platform(pkey)
    site = entry.get("name") or str(data.get("site") or host_of(f.url))
    user = str(data.get("username") or "")
    label = f"{site} ({user})" if user else site
    settings = entry.get("settings") or []

    def make() -> ItemDraft:
        steps = [
            f"{kb.text(s['title'], ctx.lang)} — {kb.text(s['path'], ctx.lang)} → "
            f"{kb.text(s['value'], ctx.lang)}"
            for s in settings
        ]
        url = str(data.get("profile_url") or f.url)
        if url:
            steps.insert(0, ctx.say("sign_in", url=url))
        return ItemDraft(
            key=f"settings:{key}:{site}:{user}",
            phase=EXPOSURE,
            title=ctx.say("settings_title", label=label),
            steps=steps,
            minutes=sum(int(s.get("minutes", 3)) for s in settings) + 2,
            source_url=settings[0]["source_url"] if settings else "",
            platform=key,
        )

    ctx.item(f"settings:{key}:{site}:{user}", make, f)
    deletion = entry.get("deletion") or {}

    def make_delete() -> ItemDraft:
        return ItemDraft(
            key=f"delete:{key}:{site}:{user}",
            phase=LATER,
            optional=True,
            platform=key,
            title=ctx.say("delete_title", label=label),
            steps=[
                ctx.say("delete_first"),
                ctx.say("delete_here", url=deletion.get("url", "")),
                kb.text(deletion.get("note"), ctx.lang),
            ],
            minutes=10,
            source_url=str(deletion.get("source_url", "")),
        )

    ctx.item(f"delete:{key}:{site}:{user}", make_delete, f)


def contact(ctx: PlanContext, f: Finding) -> None:
    """Own contact detail on a page: edit it (own page), report it (platform) or ask the host."""
    data = f.data
    if not data.get("own", True):
        return
    page = str(data.get("source_url") or f.url)
    if not page:
        return
    detail = _contact_label(ctx, str(data.get("type", "")))
    control = ctx.controls(page)
    if control is not None:
        where = ctx.say("own_site" if control == "site" else "own_profile")

        def make_edit() -> ItemDraft:
            return ItemDraft(
                key=f"edit:{page}",
                phase=EXPOSURE,
                platform=kb.platform_key_for_url(page) or "",
                title=ctx.say("edit_title", where=where, page=page),
                steps=[
                    ctx.say("edit_open", page=page),
                    ctx.say("edit_form"),
                    ctx.say("edit_engines"),
                ],
                minutes=15,
                source_url=kb.advice("monitor")["source_url"],
            )

        item = ctx.item(f"edit:{page}", make_edit, f)
        line = ctx.say("edit_detail", detail=detail)
        if line not in item.steps:
            item.steps.insert(0, line)
        return
    broker_key = kb.broker_key_for_url(page)
    if broker_key and broker_key != "generic":
        item = _broker_route(ctx, f, broker_key, page, detail)
        for d in routes.delisting(ctx, f, page, contact_page=True, detail=detail):
            if d.key not in item.request_keys:
                item.request_keys.append(d.key)
        return
    if kb.platform_key_for_url(page):
        req = routes.platform_report(ctx, f, page, detail)
    else:
        req = routes.removal(ctx, f, page, detail)
    delist = routes.delisting(ctx, f, page, contact_page=True, detail=detail)
    _request_item(ctx, f, page, [req.key] + [d.key for d in delist], detail)


def _request_item(ctx: PlanContext, f: Finding, page: str, keys: list[str], detail: str) -> None:
    host = host_of(page)

    def make() -> ItemDraft:
        return ItemDraft(
            key=f"remove:{host}",
            phase=EXPOSURE,
            platform=kb.platform_key_for_url(page) or "",
            title=ctx.say("remove_title", host=host),
            steps=[
                ctx.say("remove_evidence"),
                ctx.say("remove_send"),
                ctx.say("remove_delist"),
                ctx.say("remove_record"),
            ],
            minutes=20,
            source_url="https://www.cnil.fr/fr/le-droit-au-dereferencement",
        )

    item = ctx.item(f"remove:{host}", make, f)
    step = ctx.say("remove_page", page=page, detail=detail)
    if step not in item.steps:
        item.steps.insert(len(item.steps) - 3, step)
    for k in keys:
        if k not in item.request_keys:
            item.request_keys.append(k)


def listing(ctx: PlanContext, f: Finding) -> None:
    """A people-search or directory listing: opt out (and for registers, hide the address)."""
    data = f.data
    url = str(data.get("url") or f.url)
    site_key = str(data.get("site_key") or data.get("key") or "").lower()
    if not site_key and str(data.get("site") or "").lower() in kb.brokers():
        site_key = str(data["site"]).lower()
    if not site_key:
        site_name = str(data.get("site") or "").lower()
        named = [k for k, b in kb.brokers().items() if b["name"].lower() == site_name]
        site_key = named[0] if named else (kb.broker_key_for_url(url) or "")
    _broker_route(ctx, f, site_key, url, "")


def _broker_route(ctx: PlanContext, f: Finding, site_key: str, url: str, detail: str) -> ItemDraft:
    entry = kb.broker(site_key)
    req = routes.broker_optout(ctx, f, site_key, url, detail)
    keys = [req.key]
    if entry.get("category") == "company_register":
        reg = routes.register_address(ctx, f, url)
        if reg is not None:
            keys.insert(0, reg.key)
    name = req.recipient

    def make() -> ItemDraft:
        return ItemDraft(
            key=f"optout:{req.key}",
            phase=EXPOSURE,
            title=ctx.say("optout_title", name=name),
            steps=[kb.text(entry.get("how"), ctx.lang), ctx.say("optout_nothing")],
            minutes=15,
            source_url=str(entry.get("source_url", "")),
        )

    item = ctx.item(f"optout:{req.key}", make, f)
    if url not in item.steps:
        item.steps.insert(0, url)
    for k in keys:
        if k not in item.request_keys:
            item.request_keys.append(k)
    return item


def search_result(ctx: PlanContext, f: Finding) -> None:
    """A search result about the person on a page they don't control: delisting if allowed."""
    data = f.data
    about = data.get("about_subject")
    if isinstance(about, Mapping):
        about = about.get("value", about.get("about", True))
    if not about:
        return
    url = str(data.get("url") or f.url)
    category = str(data.get("category", ""))
    if not url or ctx.controls(url) is not None or category in ("own_site",):
        return
    label = _category_label(ctx, category)
    reqs = routes.delisting(
        ctx, f, url, contact_page=False, detail=ctx.say("result_detail", label=label)
    )

    def make() -> ItemDraft:
        steps = [ctx.say("delist_decide")]
        if not reqs:
            steps.append(ctx.say("delist_no_law"))
        return ItemDraft(
            key="delist-results",
            phase=EXPOSURE,
            title=ctx.say("delist_title"),
            steps=steps,
            minutes=20,
            source_url="https://www.cnil.fr/fr/le-droit-au-dereferencement",
        )

    item = ctx.item("delist-results", make, f)
    if url not in item.steps:
        item.steps.append(url)
    for r in reqs:
        if r.key not in item.request_keys:
            item.request_keys.append(r.key)


def other(ctx: PlanContext, f: Finding) -> None:
    """A finding of a kind the plan does not know: one review item so it is not lost."""

    def make() -> ItemDraft:
        return ItemDraft(
            key=f"review:{f.kind}",
            phase=LATER,
            title=ctx.say("review_title", kind=f.kind),
            steps=[],
            minutes=5,
            source_url=kb.advice("monitor")["source_url"],
        )

    item = ctx.item(f"review:{f.kind}", make, f)
    line = f"{f.title} {f.url}".strip()
    if line not in item.steps:
        item.steps.append(line)


RULES: dict[str, Callable[[PlanContext, Finding], None]] = {
    "account": account,
    "contact": contact,
    "listing": listing,
    "photo_location": photo_location,
    "photo_identity": photo_identity,
    "place_cluster": place_cluster,
    "link": link,
    "identity_cluster": identity_cluster,
    "search_result": search_result,
}
