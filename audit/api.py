"""The Python API behind the CLI: load plugins, run a scan (plan, history), write outputs.

Plugin commands (`photos scan`, `search import`...) use these functions too, so every way of
running the tool saves, compares and writes reports the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError, HistoryError
from audit.models import CheckResult, Finding, ScanReport, Subject, thaw
from audit.plan import build_plan, progress
from audit.plan.evidence import list_evidence
from audit.plan.tracker import prepare as prepare_requests
from audit.plan.tracker import save_requests
from audit.plugins import Registry, load_plugins
from audit.render import RenderOptions
from audit.sanitize.text import clean_report
from audit.settings import Settings
from audit.store.cache import Cache, MemoryCache
from audit.store.db import connect, database_file
from audit.store.history import HistoryDiff, HistoryStore, diff
from audit.store.paths import private_dir, write_private
from audit.store.savedtext import ReportText

if TYPE_CHECKING:
    from audit.check import AddressReader
    from audit.sanitize.thirdparty import Gathered
    from audit.scan.runner import Key, ScanObserver

_REGISTRY: Registry | None = None
FILE_WIDTH = 110


def registry() -> Registry:
    """The plugin registry, loaded once per process."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load_plugins(include_installed=True)
    return _REGISTRY


def run_scan(
    subject: Subject,
    settings: Settings,
    *,
    reg: Registry | None = None,
    observer: ScanObserver | None = None,
    save: bool = True,
    compare_last: bool = False,
    resume: Mapping[Key, CheckResult] | None = None,
    outputs: Mapping[str, Any] | None = None,
    write: Callable[[ScanReport], object] | None = None,
    tags: Mapping[str, Any] | None = None,
    plan_options: Mapping[str, Any] | None = None,
) -> ScanReport:
    """Run a scan, add the action plan (and the comparison), save it unless `save` is false.

    `tags` are added to the report's extras as they are (the demo marks its scans `demo`).
    `write` (e.g. writing the report files) runs before the scan is saved: a full or broken
    database then loses nothing, the reports are on disk and the error says which file failed.
    `outputs` (formats and -o) are kept in the report so `--resume` rewrites the same files.
    `plan_options` (the person's answers the plan depends on: `public_role` True, False or
    None for "not said") are saved with the report as `plan_options`, so `--resume` and
    `watch` rebuild the same plan.
    """
    from audit.scan.runner import Scanner  # the HTTP layer: only for commands that scan

    conn = connect() if (save or settings.use_cache or compare_last) else None
    cache = Cache(conn) if conn is not None and settings.use_cache else MemoryCache()
    scanner = Scanner(reg or registry(), settings, observer=observer, cache=cache)
    try:
        report = scanner.run(subject, done=resume)
    finally:
        scanner.http.close()
    # what the masker needs is gathered aside while the plan is built and the report cleaned
    _gather_ahead(report, tuple((reg or registry()).address_readers.values()))
    plan_opts = clean_plan_options(plan_options)
    plan = build_plan(
        report, settings.lang or subject.lang, no_public_role=plan_opts["public_role"] is False
    )
    extras: dict[str, Any] = {"plan_options": plan_opts}
    # the options the checks ran with (opt-ins, site list, backend...), so `watch` re-runs
    # the same audit and never sends more than the person chose
    extras["options"] = thaw(settings.check_options)
    extras["selected_checks"] = [c.name for c in report.checks]
    if outputs is not None:
        extras["outputs"] = thaw(outputs)
    extras.update(tags or {})
    if conn is not None:
        # the person's evidence log (`exposure-audit evidence add`) travels with the report
        extras["evidence"] = [dataclasses.asdict(r) for r in list_evidence(conn)]
    if conn is not None and (save or compare_last):
        store = HistoryStore(conn)
        if compare_last:
            previous = store.latest_for(report)
            if previous is not None:
                extras["comparison"] = {
                    "previous_scan": previous.scan_id,
                    "previous_started_at": previous.started_at.isoformat(),
                    **diff(previous, report).as_dict(),
                }
        report = dataclasses.replace(report, extras=extras, plan=plan)
        # the text the scan is saved as is made aside while the report files are written
        text = ReportText.aside(report) if save and write is not None else None
        try:
            if write is not None:
                write(report)
        except BaseException:
            if save:  # a report that cannot be written (symlink, full disk): the scan is kept
                with contextlib.suppress(HistoryError):
                    keep_scan(conn, report, text)
            raise
        if save:
            keep_scan(conn, report, text)
    else:
        report = dataclasses.replace(report, extras=extras, plan=plan)
        if write is not None:
            write(report)
    return report


def clean_plan_options(options: Mapping[str, Any] | None) -> dict[str, Any]:
    """The plan options as saved: `public_role` is True (the person has one), False (they said
    they have none: the letters may say so) or None (not said: no claim is made). Anything
    else, e.g. a hand-edited saved report, counts as "not said"."""
    role = (options or {}).get("public_role")
    return {"public_role": role if isinstance(role, bool) else None}


def saved_plan_options(report: ScanReport) -> dict[str, Any]:
    """The plan options a saved scan was built with (for `--resume` and `watch`)."""
    saved = report.extras.get("plan_options")
    return clean_plan_options(thaw(saved) if isinstance(saved, Mapping) else None)


def keep_scan(conn: sqlite3.Connection, report: ScanReport, text: ReportText | None = None
              ) -> None:
    """Save the scan (history, requests, pages gone) in one transaction; a database error
    names the file and says the reports were written. `text`: the report's text, made
    aside (`ReportText.aside`) while the files were written."""
    try:
        HistoryStore(conn)  # migrations first, each in its own transaction
        prepare_requests(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            save_scan(conn, report, text)
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise HistoryError(
            f"scan {report.scan_id} could not be saved in the local database "
            f"{database_file(conn)} ({exc}); the reports were written"
        ) from exc
    finally:
        if text is not None:
            text.cancel()  # a helper whose text was not used (the save failed first)


def save_scan(conn: Any, report: ScanReport, text: ReportText | None = None) -> None:
    """Keep a scan: the history, its requests to track, and the requests whose pages this scan
    saw gone since the person's previous scan ("page gone")."""
    store = HistoryStore(conn)
    # only what the comparison needs of the previous scan (not a second report in memory)
    previous = store.brief_before(report)
    store.save(report, text)
    # the requests to file are tracked locally (filed / answered / overdue)
    save_requests(conn, report.scan_id, report.plan.requests if report.plan else ())
    if previous is not None:
        progress.record_gone(conn, previous.requests, previous.gone(report), report.scan_id,
                             _now())


def _now() -> Any:
    from datetime import datetime

    return datetime.now().astimezone()


def with_progress(report: ScanReport, conn: Any = None) -> ScanReport:
    """The report with the person's kept progress: steps done, requests' status and dates."""
    from audit.store.history import subject_key

    return progress.apply(report, conn or connect(), subject_key(report), _now())


def render(
    report: ScanReport, fmt: str, options: RenderOptions, reg: Registry | None = None
) -> str:
    """Render a report in one format (made safe to show, and redacted in workshop mode)."""
    return _render_shown(shown(report, options, reg), fmt, options, reg)


# the last one made, kept: (report, redacted, the address readers used, the report shown)
_SHOWN: list[tuple[ScanReport, bool, tuple[AddressReader, ...], ScanReport]] = []


def shown(report: ScanReport, options: RenderOptions, reg: Registry | None = None) -> ScanReport:
    """The report as every output shows it: no control characters from web pages, other
    people's emails, numbers and postal addresses masked (addresses found by the readers the
    plugins of `reg` registered), and the person's details too in workshop mode.
    Made once per report (the file, then the summary printed after it, use the same)."""
    readers = tuple((reg or registry()).address_readers.values())
    for original, redacted, used, made in _SHOWN:
        if original is report and redacted == options.redact and used == readers:
            return made
    made = _shown(report, options, readers)
    _SHOWN[:] = [(report, options.redact, readers, made)]
    return made


def _shown(
    report: ScanReport, options: RenderOptions, readers: tuple[AddressReader, ...]
) -> ScanReport:
    from audit.sanitize.thirdparty import mask_third_parties

    raw = report
    report = clean_report(report)  # no terminal escapes or bidi overrides from web pages
    # Other people's details are masked in every output, redacted or not (what to mask is
    # gathered aside for a long report, while it was being cleaned: see `_gather_ahead`).
    report = mask_third_parties(report, readers, _gathered_ahead(raw, readers))
    if options.redact:
        from audit.redact import redact_report

        report = redact_report(report)
    return report


AHEAD_RESULTS = 500  # results from which the masker's details are gathered by a helper


class _Ahead:
    """Other people's details of one scan's results, gathered by a helper process (forked:
    it has the report as it is) while this one builds the plan and cleans the report."""

    def __init__(self, report: ScanReport, readers: tuple[AddressReader, ...]) -> None:
        from audit.sanitize.text import clean_text
        from audit.sanitize.thirdparty import gather
        from audit.store.aside import aside

        self.report, self.readers = report, readers
        self._bytes: list[bytes] = []
        self._answer: Gathered | None = None
        self.helper = aside(lambda: [pickle.dumps(gather(report, readers, clean_text))],
                            self._bytes.append)

    def fits(self, report: ScanReport, readers: tuple[AddressReader, ...]) -> bool:
        """Made from these very results (a report with its plan or progress added keeps
        them), for the same address readers."""
        mine = self.report
        return (mine.results is report.results and mine.request_log is report.request_log
                and mine.subject == report.subject and self.readers == readers)

    def answer(self) -> Gathered | None:
        """The helper's details; None when it did not finish cleanly (gathered here then)."""
        if self._answer is None and self.helper is not None and self.helper.wait():
            try:
                self._answer = pickle.loads(b"".join(self._bytes))  # noqa: S301 - our own helper
            except Exception:  # noqa: BLE001 - gathered here instead
                self._answer = None
            self._bytes.clear()
        return self._answer


_AHEAD: list[_Ahead] = []


def _gather_ahead(report: ScanReport, readers: tuple[AddressReader, ...]) -> None:
    for old in _AHEAD:
        if old.helper is not None:
            old.helper.cancel()
    _AHEAD.clear()
    if len(report.results) >= AHEAD_RESULTS:
        _AHEAD.append(_Ahead(report, readers))


def _gathered_ahead(report: ScanReport, readers: tuple[AddressReader, ...]) -> Gathered | None:
    for ahead in _AHEAD:
        if ahead.fits(report, readers):
            return ahead.answer()
    return None


def _render_shown(
    report: ScanReport, fmt: str, options: RenderOptions, reg: Registry | None = None
) -> str:
    renderers = (reg or registry()).renderers
    if fmt not in renderers:
        raise ConfigError(f"unknown format {fmt!r}; formats: {', '.join(sorted(renderers))}")
    return renderers[fmt]().render(report, options)


FORMAT_ALIASES = {"md": "markdown", "txt": "table", "text": "table", "htm": "html"}


def check_formats(formats: Sequence[str], reg: Registry | None = None) -> list[str]:
    """The formats with aliases resolved (`md` is `markdown`); a one-line error for an unknown
    one. Called before a scan starts, so a typo never costs a whole scan."""
    reg = reg or registry()
    out = [FORMAT_ALIASES.get(f.lower(), f.lower()) for f in formats]
    unknown = [f for f in out if f not in reg.renderers]
    if unknown:
        raise ConfigError(
            f"unknown format {unknown[0]!r}; formats: {', '.join(sorted(reg.renderers))}"
        )
    return out


def is_folder(output: str) -> bool:
    """`-o` names a folder: it ends with a slash, exists as one, or has no extension."""
    path = Path(output)
    return output.endswith(("/", "\\")) or path.is_dir() or (not path.exists() and not path.suffix)


def emit(
    report: ScanReport,
    formats: Sequence[str],
    output: str | None,
    options: RenderOptions,
    reg: Registry | None = None,
) -> list[Path]:
    """Write the report: to stdout (one format, no -o), a file, or a folder (one file each).

    `-o` is a folder when it ends with a slash, is an existing folder, or is a new path without
    an extension (`-o my-audit`). With a folder and no format, every format is written (the
    short `summary` apart). Files are created mode 0600.
    Formats are all checked before anything is written.
    """
    reg = reg or registry()
    to_dir = output is not None and is_folder(output)
    default = sorted(n for n, r in reg.renderers.items() if r.in_folder)
    fmts = check_formats(formats, reg) or (default if to_dir else ["table"])
    if len(fmts) > 1 and not to_dir:
        raise ConfigError("several formats need -o DIR/ (a folder to write them into)")
    if output is None:
        sys.stdout.write(render(report, fmts[0], options, reg))
        return []
    # files are read in an editor or printed: wider than a terminal
    options = dataclasses.replace(options, width=max(options.width, FILE_WIDTH))
    safe = shown(report, options, reg)  # once for every format written
    if not to_dir:
        return [write_private(Path(output), _chunks_shown(safe, fmts[0], options, reg))]
    folder = private_dir(Path(output))
    names = _file_names(fmts, reg)
    return [
        write_private(folder / names[fmt], _chunks_shown(safe, fmt, options, reg)) for fmt in fmts
    ]


def _chunks_shown(
    report: ScanReport, fmt: str, options: RenderOptions, reg: Registry
) -> Iterable[str]:
    """A file's text in the renderer's pieces: a long JSON report is written a result at a
    time, never joined into one string."""
    return reg.renderers[fmt]().chunks(report, options)


def _file_names(fmts: Sequence[str], reg: Registry) -> dict[str, str]:
    """report.<extension> for each format; report-<format>.<ext> where extensions collide."""
    exts = {f: reg.renderers[f].extension for f in fmts}
    clash = {e for e in exts.values() if list(exts.values()).count(e) > 1}
    return {f: f"report-{f}.{e}" if e in clash else f"report.{e}" for f, e in exts.items()}


def shown_diff(old: ScanReport, new: ScanReport, reg: Registry | None = None) -> HistoryDiff:
    """The comparison of two scans with each finding as the reports show it: no control
    characters from web pages, other people's details masked (`shown`). Compared by
    fingerprint, which showing leaves as it is."""
    d = diff(old, new)
    plain = RenderOptions()
    before = {f.fingerprint: f for f in shown(old, plain, reg).findings()}
    after = {f.fingerprint: f for f in shown(new, plain, reg).findings()}

    def pick(found: tuple[Finding, ...], seen: dict[str, Finding]) -> tuple[Finding, ...]:
        return tuple(seen.get(f.fingerprint, f) for f in found)

    return HistoryDiff(new=pick(d.new, after), gone=pick(d.gone, before),
                       unchanged=pick(d.unchanged, after), unchecked=pick(d.unchecked, before))
