"""`history list|show|diff` and `watch`: saved scans and what changed between them.

A change is new, gone, unchanged or "could not check now": a finding whose question got no
answer this time (blocked, offline...) is never printed as gone. `watch` re-runs a saved
audit against the real internet, so it refuses the offline demo's fictional person, and exits
4 when nothing at all could be checked (that run is not saved, so the next one compares with
a real answer).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from audit import api
from audit.cli.options import network_options, network_settings, output_options, split_formats
from audit.errors import ConfigError
from audit.models import Finding, ScanReport, thaw
from audit.render import RenderOptions
from audit.store.db import connect
from audit.store.history import HistoryDiff, HistoryStore, nothing_answered

EXIT_UNCHECKED = 4
DEMO_NAME = "Camille Dufresne"
MAX_UNCHECKED_ROWS = 10


def _store() -> HistoryStore:
    return HistoryStore(connect())


@click.group()
def history() -> None:
    """Saved scans: list them, show one again, compare two."""


@history.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--redact", is_flag=True, help="Workshop mode: mask the people's names.")
def history_list(limit: int, redact: bool) -> None:
    """List saved scans, newest first."""
    from tabulate import tabulate

    from audit.store.masksaved import no_mask, saved_masker

    store = _store()
    mask = saved_masker(store.conn) if redact else no_mask
    rows = [
        (
            s.scan_id,
            s.started_at[:19].replace("T", " "),
            mask(s.label),
            s.findings,
            "interrupted" if s.interrupted else "",
        )
        for s in store.list(limit)
    ]
    if not rows:
        click.echo("No saved scans yet.")
        return
    click.echo(tabulate(rows, headers=["id", "started (UTC)", "who", "findings", ""]))


@history.command("show")
@click.argument("scan_id")
@output_options
def history_show(
    scan_id: str, formats: tuple[str, ...], output: str | None, lang: str | None, redact: bool
) -> None:
    """Show a saved scan again, in any format."""
    from audit.cli.output import show_written, terminal_width

    store = _store()
    report = api.with_progress(store.get(scan_id), store.conn)
    options = RenderOptions(lang=lang or report.subject.lang, redact=redact,
                            width=terminal_width())
    show_written(report, api.emit(report, split_formats(formats), output, options), options)


def is_demo(report: ScanReport) -> bool:
    """A scan of the offline demo's fictional person (tagged, or saved before tags existed)."""
    if report.extras.get("demo") is True:
        return True
    return report.subject.name == DEMO_NAME and any(
        "persona" in d for d in report.subject.photo_dirs
    )


def _masker(reports: list[ScanReport]) -> Any:
    """A function masking the details of the people of `reports` (workshop mode)."""
    from audit.store.masksaved import masker

    return masker(reports)


def print_diff(d: HistoryDiff, as_json: bool, mask: Any = None) -> None:
    """Print a comparison as a table or JSON (masked in workshop mode)."""
    from tabulate import tabulate

    show = mask or (lambda text: text)
    if as_json:
        data = d.as_dict()
        out = {k: [dict(x, title=show(x["title"])) for x in v] for k, v in data.items()}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return

    def rows(label: str, fs: tuple[Finding, ...]) -> list[tuple[str, str, str, str]]:
        return [(label, f.severity.label, f.kind, show(f.title)) for f in fs]

    table = rows("new", d.new) + rows("gone", d.gone)
    table += rows("could not check now", d.unchecked[:MAX_UNCHECKED_ROWS])
    click.echo(
        tabulate(table, headers=["change", "severity", "kind", "what"]) if table else "No change."
    )
    if len(d.unchecked) > MAX_UNCHECKED_ROWS:
        more = len(d.unchecked) - MAX_UNCHECKED_ROWS
        click.echo(f"(+{more} more that could not be checked now: --json lists them all)")
    click.echo(
        f"\n{len(d.new)} new, {len(d.gone)} gone, {len(d.unchanged)} unchanged, "
        f"{len(d.unchecked)} could not check now."
    )
    if d.unchecked:
        click.echo(
            "Could not check now means the site did not answer this time (blocked, offline, "
            "timeout): it is not gone. Run it again later."
        )


@history.command("diff")
@click.argument("old_id")
@click.argument("new_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--redact", is_flag=True, help="Workshop mode: mask the person's details.")
def history_diff(old_id: str, new_id: str, as_json: bool, redact: bool) -> None:
    """What is new, gone, unchanged and could not be checked between two saved scans."""
    store = _store()
    old, new = store.get(old_id), store.get(new_id)
    print_diff(api.shown_diff(old, new), as_json, _masker([old, new]) if redact else None)


def _watched(store: HistoryStore, scan_id: str | None) -> ScanReport:
    """The scan to re-run: the one named, or the latest that is not the demo."""
    if scan_id is not None:
        previous = store.get(scan_id)
        if is_demo(previous):
            raise ConfigError(
                f"scan {previous.scan_id} is the offline demo's fictional person: watch re-runs "
                "an audit against the real internet, so it does not re-run the demo "
                "(run `exposure-audit demo` again instead)"
            )
        return previous
    for summary in store.list(50):
        previous = store.get(summary.scan_id)
        if not is_demo(previous):
            return previous
    raise ConfigError("no saved audit to watch: run `exposure-audit scan` first")


@click.command()
@click.argument("scan_id", required=False)
@network_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--redact", is_flag=True, help="Workshop mode: mask the person's details.")
def watch(scan_id: str | None, as_json: bool, redact: bool, **kw: Any) -> None:
    """Re-run a saved audit (the latest by default) and print only what changed.

    Suitable for a weekly cron job: it prints the changes (new, gone, unchanged, could not
    check now) and saves the new scan. Exits 4, saving nothing, when nothing could be checked
    (e.g. offline). The demo's fictional person is never re-run.
    """
    store = _store()
    previous = _watched(store, scan_id)
    only = tuple(c.name for c in previous.checks)
    options = thaw(previous.extras.get("options")) or {}
    settings = network_settings(kw, only=only, lang=previous.subject.lang, check_options=options)
    # the person's answers (public role) are kept, so the new plan says what the old one said
    report = api.run_scan(
        previous.subject, settings, save=False, plan_options=api.saved_plan_options(previous)
    )
    if nothing_answered(report):
        click.echo(
            f"error: nothing could be checked now ({len(report.results)} questions, no answer: "
            "offline, blocked or a proxy problem?); nothing is counted as gone and this run "
            "was not saved",
            err=True,
        )
        sys.exit(EXIT_UNCHECKED)
    api.keep_scan(store.conn, report)  # in one transaction, as a scan's own saving
    print_diff(api.shown_diff(previous, report), as_json,
               _masker([previous]) if redact else None)
