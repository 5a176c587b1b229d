"""Plan rules for photos: `photo_location`, `photo_identity` and `place_cluster` findings.

Online photos are removed or replaced (with a removal request when a third party hosts them);
local copies are cleaned with `exposure-audit photos clean`.
"""

from __future__ import annotations

import os

from audit.models import Finding, Severity
from audit.plan import kb, routes
from audit.plan.context import PlanContext, host_of, is_web
from audit.plan.model import EXPOSURE, LATER, ItemDraft


def _photo_steps(ctx: PlanContext, sources: list[str]) -> list[str]:
    advice = kb.advice("photos")
    steps = [str(s) for s in advice["steps"][ctx.lang]]
    web = [s for s in sources if is_web(s)]
    local = sorted({os.path.dirname(s) or "." for s in sources if not is_web(s)})
    listed = [ctx.t(f"Online photo: {s}", f"Photo en ligne : {s}") for s in web[:10]]
    listed += [f"exposure-audit photos clean {d}" for d in local[:5]]
    return listed + steps


def photo_location(ctx: PlanContext, f: Finding) -> None:
    """A photo with GPS data: online ones are removed/replaced; local copies are cleaned."""
    source = str(f.data.get("source") or f.url)
    web = is_web(source)
    key = f"photos:{'web:' + host_of(source) if web else 'local'}"

    def make() -> ItemDraft:
        title = (
            ctx.t(
                f"Photos on {host_of(source)} show where they were taken",
                f"Des photos sur {host_of(source)} montrent où elles ont été prises",
            )
            if web
            else ctx.t(
                "Clean the location data from your photos before sharing them",
                "Effacez la localisation de vos photos avant de les partager",
            )
        )
        return ItemDraft(
            key=key,
            phase=EXPOSURE if web else LATER,
            title=title,
            steps=[],
            minutes=10,
            source_url=kb.advice("photos")["source_url"],
        )

    item = ctx.item(key, make, f)
    item.steps = _photo_steps(ctx, [str(x.data.get("source") or x.url) for x in item.findings])
    if web and ctx.controls(source) is None and f.severity >= Severity.MEDIUM:
        req = routes.removal(
            ctx, f, source, ctx.t("photo with its location", "photo avec sa localisation")
        )
        if req.key not in item.request_keys:
            item.request_keys.append(req.key)


def photo_identity(ctx: PlanContext, f: Finding) -> None:
    """Names or serial numbers in photo metadata: clean them like locations."""
    photo_location(ctx, f)


def place_cluster(ctx: PlanContext, f: Finding) -> None:
    """Repeated places (home, work) in photos: the most sensitive photo exposure."""
    data = f.data
    label = str(data.get("label") or "other")
    names = {
        "home": ("your home", "votre domicile"),
        "work": ("your workplace", "votre lieu de travail"),
    }
    en, fr = names.get(label, ("a place you go often", "un lieu que vous fréquentez"))
    photos = [str(p) for p in (data.get("photos") or ())]
    lat, lon = round(float(data.get("lat") or 0), 2), round(float(data.get("lon") or 0), 2)
    key = f"cluster:{label}:{lat}:{lon}"

    def make() -> ItemDraft:
        return ItemDraft(
            key=key,
            phase=EXPOSURE,
            title=ctx.t(f"Your photos reveal {en}", f"Vos photos révèlent {fr}"),
            steps=_photo_steps(ctx, photos)
            if photos
            else [str(s) for s in kb.advice("photos")["steps"][ctx.lang]],
            minutes=15,
            source_url=kb.advice("photos")["source_url"],
        )

    ctx.item(key, make, f)
