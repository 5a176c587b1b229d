"""Turn `PhotoInfo` answers and clusters into `Outcome`s with `photo_location`,
`photo_identity` and `place_cluster` findings (data fields as documented in the issue)."""

from __future__ import annotations

import os
import re

from audit.models import Confidence, Evidence, Finding, Outcome, Reason, Severity, Status
from checks.photos.clusters import Cluster, Point
from checks.photos.geo import place_name
from checks.photos.model import PhotoInfo
from checks.photos.texts import count, say

NAME_FIELDS = ("CameraOwnerName", "Artist", "Copyright", "Writer")
SERIAL_FIELDS = ("BodySerialNumber", "InternalSerialNumber", "LensSerialNumber")
PLACE_FIELDS = ("Sublocation", "City", "State", "Country")  # place names, not coordinates
TEXT_FIELDS = ("Keywords", "Comment", "OriginalFileName")  # free text: names people, places
DEVICE_FIELDS = ("Make", "Model")
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(name: str) -> str:
    return _SNAKE.sub("_", name).lower()


def located_title(prefix: str, place: str, lang: str = "en") -> str:
    """"Photo taken near Lyon, France (1 km)" / "... in France (no town within 30 km)"."""
    if place.startswith(("near ", "far ", "près de ", "loin de ")):
        return f"{prefix} {place}"
    return say(lang, "located_in", prefix=prefix, place=place)


def _where(info: PhotoInfo, name: str | None, folder: str | None) -> tuple[str, dict[str, str]]:
    """The finding key's file part and the extra data of a local file: keyed by its path
    relative to the scanned folder (`name`), so moving the folder keeps every fingerprint."""
    if name is None:
        return info.source, {}
    return name, ({"folder": folder} if folder else {})


def location_finding(info: PhotoInfo, published: bool, lang: str = "en",
                     name: str | None = None, folder: str | None = None) -> Finding:
    """A `photo_location` finding for a located file (title in `lang`; `data["place"]` is
    always the English place text). `name`/`folder`: see `file_outcome`."""
    fix = info.fix
    assert fix is not None
    place = place_name(fix.lat, fix.lon)
    taken = info.taken_at.isoformat() if info.taken_at else None
    prefix = say(lang, "published_photo_taken" if published else "photo_taken")
    ident, extra = _where(info, name, folder)
    here = place if lang == "en" else place_name(fix.lat, fix.lon, lang)
    return Finding(
        kind="photo_location",
        title=located_title(prefix, here, lang),
        severity=Severity.HIGH if published else Severity.MEDIUM,
        confidence=Confidence.LOW if fix.ref_missing else Confidence.HIGH,
        url=info.source,
        evidence=(Evidence(url=info.source, excerpt=f"{fix.origin} GPS {fix.lat:.5f}, "
                           f"{fix.lon:.5f}", signal=f"{info.fmt}/{fix.origin}"),),
        data={
            "source": info.source,
            "lat": round(fix.lat, 6),
            "lon": round(fix.lon, 6),
            "precision_m": fix.precision_m,
            "taken_at": taken,
            "place": place,
            "origin": fix.origin,
            "format": info.fmt,
            "published": published,
            **extra,
        },
        key=f"location:{ident}",
    )


def identity_finding(
    info: PhotoInfo, published: bool = False, lang: str = "en",
    name: str | None = None, folder: str | None = None,
) -> Finding | None:
    """A `photo_identity` finding when the file names a person or carries a serial number
    (one step more severe when the photo is published: it can tie a pseudonym to a name)."""
    fields = dict(info.identity)
    personal = [k for k in (*NAME_FIELDS, *PLACE_FIELDS, *SERIAL_FIELDS, *TEXT_FIELDS)
                if k in fields]
    if not personal:
        return None
    named = any(k in fields for k in NAME_FIELDS)
    placed = any(k in fields for k in PLACE_FIELDS)
    serial = any(k in fields for k in SERIAL_FIELDS)
    title = ("name_in_metadata" if named else "place_in_metadata" if placed
             else "serial_in_metadata" if serial else "text_in_metadata")
    ident, extra = _where(info, name, folder)
    data: dict[str, object] = {"source": info.source, "fields": fields, "published": published,
                               **extra}
    if info.taken_at is not None:
        data["taken_at"] = info.taken_at.isoformat()
    for key, value in fields.items():
        data[_snake(key)] = value
    return Finding(
        kind="photo_identity",
        title=say(lang, title, fields=", ".join(personal)),
        severity=Severity((2 if named or placed else 1) + (1 if published else 0)),
        confidence=Confidence.HIGH,
        url=info.source,
        evidence=(Evidence(url=info.source, excerpt="; ".join(
            f"{k}: {fields[k]}" for k in personal)),),
        data=data,
        key=f"identity:{ident}",
    )


def file_outcome(
    info: PhotoInfo, target: str, published: bool = False, lang: str = "en",
    folder: str | None = None,
) -> Outcome:
    """The answer for one file: found (location and/or identity), not found, or unknown.

    `folder`: the scanned folder of a local file (`target` is then its path relative to that
    folder): findings are keyed by `target`, not by the absolute path, and name the folder
    (`data["folder"]`) so the plan can suggest cleaning it."""
    name = target if folder is not None else None
    if info.state == "unreadable":
        return Outcome(Status.UNKNOWN, reason=Reason.UNEXPECTED_RESPONSE,
                       detail=say(lang, "unreadable", fmt=info.fmt, error=info.error),
                       target=target, url=info.source)
    if info.state == "not_media":
        return Outcome(Status.SKIPPED, reason=Reason.NOT_APPLICABLE,
                       detail=say(lang, "not_media"), target=target, url=info.source)
    findings = []
    if info.fix is not None:
        findings.append(location_finding(info, published, lang, name, folder))
    ident = identity_finding(info, published, lang, name, folder)
    if ident is not None:
        findings.append(ident)
    notes = "; ".join(info.notes)
    tail = f" ({notes})" if notes else ""
    if findings:
        detail = say(lang, "location_found" if info.fix else "has_no_location", fmt=info.fmt)
        return Outcome(Status.FOUND, tuple(findings), detail=detail + tail,
                       target=target, url=info.source)
    what = say(lang, "other_image") if info.fmt == "other_image" else info.fmt
    return Outcome(Status.NOT_FOUND, detail=say(lang, "has_no_location", fmt=what) + tail,
                   target=target, url=info.source)


def point_of(info: PhotoInfo, published: bool) -> Point | None:
    """The clustering point of a located file."""
    if info.fix is None:
        return None
    return Point(info.source, info.fix.lat, info.fix.lon, info.taken_at, published)


_SEVERITY = {
    ("home", False): Severity.HIGH, ("home", True): Severity.HIGH,
    ("work", False): Severity.MEDIUM, ("work", True): Severity.HIGH,
    ("other", False): Severity.LOW, ("other", True): Severity.MEDIUM,
}


def cluster_finding(c: Cluster, lang: str = "en", folders: tuple[str, ...] = ()) -> Finding:
    """A `place_cluster` finding naming the photos that reveal the place (title in `lang`);
    `data["folders"]`: the scanned folders holding its local photos."""
    place = place_name(c.lat, c.lon)
    published = bool(c.published)
    where = located_title(say(lang, f"cluster_{c.label}"), place_name(c.lat, c.lon, lang), lang)
    title = (say(lang, "cluster_title", where=where, photos=count(lang, len(c.photos), "photos"),
                 days=count(lang, c.days, "days"))
             + (say(lang, "cluster_published", n=len(c.published)) if published else ""))
    return Finding(
        kind="place_cluster",
        title=title,
        severity=_SEVERITY[(c.label, published)],
        confidence=Confidence.MEDIUM if c.label != "other" else Confidence.LOW,
        url=c.published[0] if published else "",
        evidence=tuple(Evidence(url=s, excerpt=f"{c.label} cluster member") for s in
                       (c.published or c.photos)[:5]),
        data={
            "label": c.label,
            "lat": c.lat,
            "lon": c.lon,
            "photos": list(c.photos),
            "days": c.days,
            "place": place,
            "night_share": c.night_share,
            "office_share": c.office_share,
            "published": list(c.published),
            "folders": [d for d in folders
                        if any(p.startswith(d.rstrip("/\\") + os.sep) for p in c.photos)],
        },
        key=f"cluster:{c.label}:{c.lat:.3f},{c.lon:.3f}:{'web' if published else 'local'}",
    )


def clusters_outcome(
    clusters: list[Cluster], target: str, located: int, summary: str = "", lang: str = "en",
    folders: tuple[str, ...] = (),
) -> Outcome:
    """The final outcome of a probe: its place clusters, or why there are none."""
    prefix = summary + say(lang, "sep") if summary else ""
    if not clusters:
        return Outcome(Status.NOT_FOUND, target=target,
                       detail=prefix + say(lang, "no_repeat", n=located))
    labels = ", ".join(
        say(lang, "cluster_label", label=say(lang, f"label_{c.label}"),
            photos=count(lang, len(c.photos), "photos"), days=count(lang, c.days, "days"))
        for c in clusters
    )
    return Outcome(Status.FOUND, tuple(cluster_finding(c, lang, folders) for c in clusters),
                   target=target, detail=prefix + labels)


def summary(outcomes: list[Outcome], noun: str = "files", lang: str = "en") -> str:
    """"14 files: 12 with a location, 1 without, 1 unreadable"."""
    located = sum(1 for o in outcomes if any(f.kind == "photo_location" for f in o.findings))
    unread = sum(1 for o in outcomes if o.status is Status.UNKNOWN)
    other = sum(1 for o in outcomes if o.status is Status.SKIPPED)
    rest = len(outcomes) - located - unread - other
    text = say(lang, "summary", total=count(lang, len(outcomes), noun), located=located,
               rest=rest)
    if unread:
        text += say(lang, "summary_unread", n=unread)
    if other:
        text += say(lang, "summary_other", n=other)
    return text
