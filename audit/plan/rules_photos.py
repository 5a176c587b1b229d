"""Plan rules for photos: `photo_location`, `photo_identity` and `place_cluster` findings.

Online photos are removed or replaced (with a removal request when a third party hosts them);
local copies are cleaned with `exposure-audit photos clean`. The cost is linear in the number of
findings: each finding updates a small per-item tally (the first few online photos, the local
folders) and the steps are rebuilt from that tally, never from all the item's findings. Steps
list a sample (10 online photos, 5 folders) and count the rest.
"""

from __future__ import annotations

import bisect
import os
import shlex
import weakref
from dataclasses import dataclass, field

from audit.hosts import host_of
from audit.models import Finding, Severity
from audit.plan import kb, routes
from audit.plan.context import PlanContext, is_web
from audit.plan.model import EXPOSURE, LATER, ItemDraft

MAX_WEB = 10
MAX_FOLDERS = 5


@dataclass
class _Tally:
    """What an item's steps say about its photos, kept up to date finding by finding."""

    web: list[str] = field(default_factory=list)
    web_seen: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)
    first_folders: list[str] = field(default_factory=list)  # the smallest few, sorted

    def add(self, source: str, folder: str) -> None:
        if is_web(source):
            if source not in self.web_seen:
                self.web_seen.add(source)
                if len(self.web) < MAX_WEB:
                    self.web.append(source)
            return
        if folder in self.folders:
            return
        self.folders.add(folder)
        if len(self.first_folders) < MAX_FOLDERS or folder < self.first_folders[-1]:
            bisect.insort(self.first_folders, folder)
            del self.first_folders[MAX_FOLDERS:]


_TALLIES: weakref.WeakKeyDictionary[PlanContext, dict[str, _Tally]] = (
    weakref.WeakKeyDictionary()
)


def clean_command(folder: str) -> str:
    """The `photos clean` command for one folder, quoted so that it runs as written (the
    cleaned copies go to the default `<folder>-clean` beside it)."""
    return f"exposure-audit photos clean {shlex.quote(folder)}"


def _folder(f: Finding, source: str) -> str:
    """The folder to clean for a local photo: the scanned folder when the finding names it,
    else the photo's own folder."""
    folder = f.data.get("folder")
    if isinstance(folder, str) and folder:
        return folder
    return os.path.dirname(source) or "."


def _source(f: Finding) -> str:
    return str(f.data.get("source") or f.url)


def _steps(ctx: PlanContext, tally: _Tally) -> list[str]:
    steps = [str(s) for s in kb.advice("photos")["steps"][ctx.lang]]
    listed = [ctx.say("photo_online", source=s) for s in tally.web]
    more_web = len(tally.web_seen) - len(tally.web)
    if more_web > 0:
        listed.append(ctx.say("photo_more_web", n=more_web))
    listed += [clean_command(d) for d in tally.first_folders]
    more = len(tally.folders) - len(tally.first_folders)
    if more > 0:
        listed.append(ctx.say("photo_more_folders", n=more))
    return listed + steps


def _tally(ctx: PlanContext, key: str) -> _Tally:
    per_ctx = _TALLIES.setdefault(ctx, {})
    if key not in per_ctx:
        per_ctx[key] = _Tally()
    return per_ctx[key]


def photo_location(ctx: PlanContext, f: Finding) -> None:
    """A photo with GPS data: online ones are removed/replaced; local copies are cleaned."""
    source = _source(f)
    web = is_web(source)
    key = f"photos:{'web:' + host_of(source) if web else 'local'}"

    def make() -> ItemDraft:
        title = (
            ctx.say("photos_web_title", host=host_of(source))
            if web
            else ctx.say("photos_local_title")
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
    tally = _tally(ctx, key)
    before = (len(tally.web_seen), len(tally.folders))
    tally.add(source, _folder(f, source))
    if not item.steps or before != (len(tally.web_seen), len(tally.folders)):
        item.steps = _steps(ctx, tally)
    if web and ctx.controls(source) is None and f.severity >= Severity.MEDIUM:
        req = routes.removal(ctx, f, source, ctx.say("photo_detail"))
        if req.key not in item.request_keys:
            item.request_keys.append(req.key)


def photo_identity(ctx: PlanContext, f: Finding) -> None:
    """Names or serial numbers in photo metadata: clean them like locations."""
    photo_location(ctx, f)


def place_cluster(ctx: PlanContext, f: Finding) -> None:
    """Repeated places (home, work) in photos: the most sensitive photo exposure."""
    data = f.data
    label = str(data.get("label") or "other")
    place = ctx.say(f"place_{label}" if label in ("home", "work") else "place_other")
    photos = [str(p) for p in (data.get("photos") or ())]
    lat, lon = round(float(data.get("lat") or 0), 2), round(float(data.get("lon") or 0), 2)
    key = f"cluster:{label}:{lat}:{lon}"
    roots = [str(r) for r in (data.get("folders") or ()) if r]

    def make() -> ItemDraft:
        tally = _Tally()
        for p in photos:
            root = next((r for r in roots if p.startswith(r.rstrip("/\\") + os.sep)), None)
            tally.add(p, root or os.path.dirname(p) or ".")
        return ItemDraft(
            key=key,
            phase=EXPOSURE,
            title=ctx.say("place_title", place=place),
            steps=_steps(ctx, tally),
            minutes=15,
            source_url=kb.advice("photos")["source_url"],
        )

    ctx.item(key, make, f)
