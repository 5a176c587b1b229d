"""The two checks: `photos` (stage 0, the person's photo folders) and `photos_web` (stage 1,
images linked from the person's own pages and found profiles).

`photos` plans one probe for all folders so that places repeating across folders are found;
`run` answers every file (one `Outcome` each, target = path relative to its folder) and ends
with a "clusters" outcome. `photos_web` fetches each page, downloads the images it links
(size-capped) and analyses the bytes the same way; its clusters combine the published photos
with the local ones, so a published photo taken at home is called out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from audit.check import Check, CheckContext, CheckFailure, PlannedRequest, Probe
from audit.models import CheckResult, Outcome, Reason, Severity, Status, Subject
from audit.net.model import Origin
from checks.photos.texts import say

if TYPE_CHECKING:
    from checks.photos.clusters import Point
    from checks.photos.model import Limits

# The container readers, EXIF parser, clustering and download helpers are imported on first
# use (in `run` and the helpers below): every command loads this module to register the checks.

DEFAULT_MAX_FILES = 100_000
DEFAULT_MAX_IMAGES = 40
DEFAULT_IMAGE_BYTES = 16 * 1024 * 1024
FIRST_BYTES = 512 * 1024


def limits_from(options: Mapping[str, Any]) -> Limits:
    """Per-file limits, overridable by check options (`max_read_mb`, `file_seconds`)."""
    from checks.photos.model import Limits

    base = Limits()
    return Limits(
        max_read=int(float(options.get("max_read_mb", base.max_read / 1048576)) * 1048576),
        max_seconds=float(options.get("file_seconds", base.max_seconds)),
    )


def walk_files(
    folder: Path, max_files: int, errors: list[OSError] | None = None
) -> Iterator[Path]:
    """Every entry under `folder` that is not a directory, sorted, symlinked dirs not followed.

    Folders that cannot be listed are appended to `errors`; stops after `max_files` entries
    (then `errors` gets an OSError naming the limit)."""
    count = 0
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=(
            errors.append if errors is not None else None)):
        dirs.sort()
        for name in sorted(files):
            count += 1
            if count > max_files:
                if errors is not None:
                    errors.append(OSError(0, f"file limit of {max_files} reached", root))
                return
            yield Path(root) / name


def _target(folder: Path, path: Path, many: bool) -> str:
    text, head = str(path), os.path.join(str(folder), "")
    # `walk_files` paths start with the folder's own text: cut it (pathlib's relative_to
    # costs more than reading a small file)
    if os.sep == "/" and text.startswith(head):
        rel = text[len(head) :]
    else:
        rel = path.relative_to(folder).as_posix()
    return f"{folder.name}/{rel}" if many else rel


class PhotosCheck(Check):
    """Location and identity metadata in the person's own photo folders."""

    name = "photos"
    title = "Photo metadata (local folders)"
    description = ("Reads location (GPS), capture time and owner/serial fields from photos, "
                   "videos and sidecars in your folders, offline; finds places that repeat.")
    stage = 0
    requires: ClassVar[frozenset[str]] = frozenset({"photo_dirs"})
    sends = "nothing (offline)"
    default_severity = Severity.MEDIUM

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        if not subject.photo_dirs:
            return []
        folders = list(subject.photo_dirs)
        target = folders[0] if len(folders) == 1 else f"{len(folders)} photo folders"
        return [Probe(self.name, target, url=folders[0], params={"folders": folders})]

    def run(self, probe: Probe, ctx: CheckContext) -> Sequence[Outcome]:
        from checks.photos.clusters import find_clusters
        from checks.photos.extract import analyse_path
        from checks.photos.findings import clusters_outcome, file_outcome, point_of, summary
        from checks.photos.geo import preload, settle
        from checks.photos.reader import read_files

        opts = ctx.options
        limits = limits_from(opts)
        workers = int(opts["workers"]) if opts.get("workers") is not None else None
        max_files = int(opts.get("max_files", DEFAULT_MAX_FILES))
        folders = [Path(f) for f in probe.params["folders"]]
        lang = ctx.subject.lang
        outcomes: list[Outcome] = []
        points: list[Point] = []
        for folder in folders:
            if folder.is_file():
                info = analyse_path(folder, str(folder), limits)
                outcomes.append(file_outcome(info, folder.name, lang=lang,
                                             folder=str(folder.parent)))
                point = point_of(info, published=False)
                if point is not None:
                    points.append(point)
                continue
            if not folder.is_dir():
                outcomes.append(Outcome(Status.UNKNOWN, reason=Reason.UNEXPECTED_RESPONSE,
                                        detail=say(lang, "folder_missing"),
                                        target=folder.name or str(folder), url=str(folder)))
                continue
            before = len(outcomes)
            errors: list[OSError] = []
            paths = list(walk_files(folder, max_files, errors))
            settle()  # no fork while the town table loads
            # the town table loads while the readers work (after they are forked)
            infos = read_files(paths, limits, workers, started=preload)
            for path, info in zip(paths, infos, strict=True):
                outcomes.append(file_outcome(info, _target(folder, path, len(folders) > 1),
                                             lang=lang, folder=str(folder)))
                point = point_of(info, published=False)
                if point is not None:
                    points.append(point)
            for err in errors:
                where = Path(err.filename or folder)
                target = _target(folder, where, len(folders) > 1) if where != folder else (
                    folder.name or str(folder))
                outcomes.append(Outcome(
                    Status.UNKNOWN, reason=Reason.UNEXPECTED_RESPONSE, target=target + "/",
                    url=str(where), detail=say(lang, "not_read", why=err.strerror or err)))
            if len(outcomes) == before:
                outcomes.append(Outcome(Status.NOT_FOUND, detail=say(lang, "empty_folder"),
                                        target=folder.name or str(folder), url=str(folder)))
        outcomes.append(clusters_outcome(find_clusters(points), "clusters", len(points),
                                         summary(outcomes, lang=lang), lang,
                                         tuple(str(f) for f in folders)))
        return outcomes


def _local_points(previous: Sequence[CheckResult]) -> list[dict[str, Any]]:
    out = []
    for r in previous:
        if r.check != PhotosCheck.name:
            continue
        for f in r.findings:
            if f.kind == "photo_location":
                d = f.data
                out.append({"source": d.get("source"), "lat": d.get("lat"), "lon": d.get("lon"),
                            "taken_at": d.get("taken_at")})
    return out


def _pages(subject: Subject, previous: Sequence[CheckResult]) -> tuple[list[list[str]], list[str]]:
    pages: list[list[str]] = [[u, Origin.USER.value] for u in subject.urls]
    images: list[str] = []
    seen = set(subject.urls)
    for r in previous:
        for f in r.findings:
            if f.kind != "account":
                continue
            profile, avatar = f.data.get("profile_url"), f.data.get("avatar_url")
            if isinstance(profile, str) and profile.startswith("http") and profile not in seen:
                seen.add(profile)
                pages.append([profile, Origin.PAGE.value])
            if isinstance(avatar, str) and avatar.startswith("http") and avatar not in images:
                images.append(avatar)
    return pages, images


class PhotosWebCheck(Check):
    """Location metadata in images published on the person's pages and profiles."""

    name = "photos_web"
    title = "Photo metadata (published images)"
    description = ("Downloads the images linked from your own site and found profiles (size-"
                   "capped) and reads their location and identity metadata.")
    stage = 1
    requires: ClassVar[frozenset[str]] = frozenset()
    sends = "nothing personal: plain downloads of pages and images already found"
    default_severity = Severity.HIGH

    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        pages, images = _pages(subject, previous)
        if not pages and not images:
            return []
        planned = tuple(
            [PlannedRequest("GET", url, (), "page: images it links are downloaded too")
             for url, _ in pages]
            + [PlannedRequest("GET", url, (), "profile image") for url in images]
        )
        return [Probe(self.name, "published images", url=(pages or [[images[0]]])[0][0],
                      planned=planned,
                      params={"pages": pages, "images": images,
                              "local": _local_points(previous)})]

    def run(self, probe: Probe, ctx: CheckContext) -> Sequence[Outcome]:
        from checks.photos.clusters import find_clusters
        from checks.photos.extract import analyse_bytes
        from checks.photos.findings import clusters_outcome, file_outcome, point_of, summary
        from checks.photos.web import collect_images, fetch_image

        opts = ctx.options
        limits = limits_from(opts)
        cap = int(opts.get("max_image_bytes", DEFAULT_IMAGE_BYTES))
        max_images = int(opts.get("max_images", DEFAULT_MAX_IMAGES))
        lang = ctx.subject.lang
        outcomes, urls = collect_images(ctx, probe.params["pages"], max_images)
        for url in probe.params["images"]:
            if url not in urls and len(urls) < max_images:
                urls.append(url)
        points: list[Point] = []
        for url in urls:
            try:
                # Metadata sits at the head of most images: fetch the first part, and the
                # rest (up to the cap) only when that part did not settle the answer.
                body, truncated = fetch_image(ctx, url, min(cap, FIRST_BYTES))
                info = analyse_bytes(body, url, limits)
                if truncated and info.state != "located" and cap > FIRST_BYTES:
                    body, truncated = fetch_image(ctx, url, cap)
                    info = analyse_bytes(body, url, limits)
            except CheckFailure as exc:
                outcomes.append(Outcome(Status.UNKNOWN, reason=exc.reason,
                                        detail=exc.detail or type(exc).__name__,
                                        target=url, url=url))
                continue
            outcome = file_outcome(info, url, published=True, lang=lang)
            if truncated and outcome.status is not Status.FOUND:
                outcome = Outcome(Status.UNKNOWN, reason=Reason.UNEXPECTED_RESPONSE,
                                  detail=say(lang, "over_cap", size=_size(cap)), target=url,
                                  url=url)
            outcomes.append(outcome)
            point = point_of(info, published=True)
            if point is not None:
                points.append(point)
        if points:
            local = [_point(d) for d in probe.params["local"]]
            clusters = [c for c in find_clusters(points + [p for p in local if p])
                        if c.published]
            outcomes.append(clusters_outcome(clusters, "clusters (published photos)",
                                             len(points), summary(outcomes, "answers", lang),
                                             lang))
        return outcomes


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{n // 1024} KiB"


def _point(d: Mapping[str, Any]) -> Point | None:
    from checks.photos.clusters import Point

    try:
        taken = datetime.fromisoformat(d["taken_at"]) if d.get("taken_at") else None
        return Point(str(d["source"]), float(d["lat"]), float(d["lon"]), taken, False)
    except (KeyError, TypeError, ValueError):
        return None
