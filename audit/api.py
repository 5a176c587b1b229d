"""The Python API behind the CLI: load plugins, run a scan (plan, history), write outputs.

Plugin commands (`photos scan`, `search import`...) use these functions too, so every way of
running the tool saves, compares and writes reports the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import sqlite3
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.cache import Cache, MemoryCache
from audit.db import connect, database_file
from audit.errors import ConfigError, HistoryError
from audit.history import HistoryStore, diff
from audit.models import CheckResult, ScanReport, Subject, thaw
from audit.paths import private_dir, write_private
from audit.plan import build_plan
from audit.plan.evidence import list_evidence
from audit.plan.tracker import prepare as prepare_requests
from audit.plan.tracker import save_requests
from audit.plugins import Registry, load_plugins
from audit.render import RenderOptions
from audit.settings import Settings
from audit.textsafe import clean_report

if TYPE_CHECKING:
    from audit.runner import Key, ScanObserver

_REGISTRY: Registry | None = None


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
) -> ScanReport:
    """Run a scan, add the action plan (and the comparison), save it unless `save` is false.

    `write` (e.g. writing the report files) runs before the scan is saved: a full or broken
    database then loses nothing, the reports are on disk and the error says which file failed.
    `outputs` (formats and -o) are kept in the report so `--resume` rewrites the same files.
    """
    from audit.runner import Scanner  # the HTTP layer: only for commands that scan

    conn = connect() if (save or settings.use_cache or compare_last) else None
    cache = Cache(conn) if conn is not None and settings.use_cache else MemoryCache()
    scanner = Scanner(reg or registry(), settings, observer=observer, cache=cache)
    try:
        report = scanner.run(subject, done=resume)
    finally:
        scanner.client.close()
    extras: dict[str, Any] = dict(build_plan(report, settings.lang or subject.lang))
    # the options the checks ran with (opt-ins, site list, backend...), so `watch` re-runs
    # the same audit and never sends more than the person chose
    extras["options"] = thaw(settings.check_options)
    extras["selected_checks"] = [c.name for c in report.checks]
    if outputs is not None:
        extras["outputs"] = thaw(outputs)
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
        report = dataclasses.replace(report, extras=extras)
        try:
            if write is not None:
                write(report)
        except BaseException:
            if save:  # a report that cannot be written (symlink, full disk): the scan is kept
                with contextlib.suppress(HistoryError):
                    _save(conn, store, report)
            raise
        if save:
            _save(conn, store, report)
    else:
        report = dataclasses.replace(report, extras=extras)
        if write is not None:
            write(report)
    return report


def _save(conn: sqlite3.Connection, store: HistoryStore, report: ScanReport) -> None:
    """Save the scan and its requests in one transaction; a database error names the file."""
    try:
        prepare_requests(conn)  # migrations first: they run in their own transactions
        conn.execute("BEGIN IMMEDIATE")
        try:
            store.save(report)
            # the requests to file are tracked locally (filed / answered / overdue)
            save_requests(conn, report.scan_id, report.extras.get("requests", ()))
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise HistoryError(
            f"scan {report.scan_id} could not be saved in the local database "
            f"{database_file(conn)} ({exc}); the reports were written"
        ) from exc


def render(
    report: ScanReport, fmt: str, options: RenderOptions, reg: Registry | None = None
) -> str:
    """Render a report in one format (redacted first in workshop mode)."""
    renderers = (reg or registry()).renderers
    if fmt not in renderers:
        raise ConfigError(f"unknown format {fmt!r}; formats: {', '.join(sorted(renderers))}")
    report = clean_report(report)  # no terminal escapes or bidi overrides from web pages
    if options.redact:
        redact = importlib.import_module("audit.redact")
        report = redact.redact_report(report)
    return renderers[fmt]().render(report, options)


def emit(
    report: ScanReport,
    formats: Sequence[str],
    output: str | None,
    options: RenderOptions,
    reg: Registry | None = None,
) -> list[Path]:
    """Write the report: to stdout (one format, no -o), a file, or a folder (one file each).

    With `-o DIR` and no format, every format is written. Files are created mode 0600.
    Formats are all checked before anything is written.
    """
    reg = reg or registry()
    to_dir, fmts = _formats(formats, output, reg)
    if output is None:
        sys.stdout.write(render(report, fmts[0], options, reg))
        return []
    if not to_dir:
        return [write_private(Path(output), render(report, fmts[0], options, reg))]
    folder = private_dir(Path(output))
    names = _file_names(fmts, reg)
    return [write_private(folder / names[fmt], render(report, fmt, options, reg)) for fmt in fmts]


def check_formats(
    formats: Sequence[str], output: str | None, reg: Registry | None = None
) -> None:
    """Raise `ConfigError` for what `emit` would refuse (checked before a scan starts)."""
    _formats(formats, output, reg or registry())


def _formats(
    formats: Sequence[str], output: str | None, reg: Registry
) -> tuple[bool, list[str]]:
    to_dir = output is not None and (output.endswith(("/", "\\")) or Path(output).is_dir())
    fmts = list(formats) or (sorted(reg.renderers) if to_dir else ["table"])
    unknown = [f for f in fmts if f not in reg.renderers]
    if unknown:
        raise ConfigError(
            f"unknown format {unknown[0]!r}; formats: {', '.join(sorted(reg.renderers))}"
        )
    if len(fmts) > 1 and not to_dir:
        raise ConfigError("several formats need -o DIR/ (a folder to write them into)")
    return to_dir, fmts


def _file_names(fmts: Sequence[str], reg: Registry) -> dict[str, str]:
    """report.<extension> for each format; report-<format>.<ext> where extensions collide."""
    exts = {f: reg.renderers[f].extension for f in fmts}
    clash = {e for e in exts.values() if list(exts.values()).count(e) > 1}
    return {f: f"report-{f}.{e}" if e in clash else f"report.{e}" for f, e in exts.items()}
