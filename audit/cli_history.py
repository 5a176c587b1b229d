"""`history list|show|diff` and `watch`: saved scans and what changed between them."""

from __future__ import annotations

import json
from typing import Any

import click

from audit import api
from audit.cliopts import network_options, network_settings, output_options, split_formats
from audit.db import connect
from audit.history import HistoryDiff, HistoryStore, diff
from audit.models import thaw
from audit.render import RenderOptions
from audit.textsafe import clean_report


def _store() -> HistoryStore:
    return HistoryStore(connect())


@click.group()
def history() -> None:
    """Saved scans: list them, show one again, compare two."""


@history.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
def history_list(limit: int) -> None:
    """List saved scans, newest first."""
    from tabulate import tabulate

    rows = [
        (
            s.scan_id,
            s.started_at[:19].replace("T", " "),
            s.label,
            s.findings,
            "interrupted" if s.interrupted else "",
        )
        for s in _store().list(limit)
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
    report = _store().get(scan_id)
    options = RenderOptions(lang=lang or report.subject.lang, redact=redact)
    for path in api.emit(report, split_formats(formats), output, options):
        click.echo(f"wrote {path}", err=True)


def print_diff(d: HistoryDiff, as_json: bool) -> None:
    """Print a comparison as a table or JSON."""
    from tabulate import tabulate

    d = clean_report(d)  # finding titles come from web pages: no terminal escapes
    if as_json:
        click.echo(json.dumps(d.as_dict(), indent=2, ensure_ascii=False))
        return
    rows = [("new", f.severity.label, f.kind, f.title) for f in d.new]
    rows += [("gone", f.severity.label, f.kind, f.title) for f in d.gone]
    click.echo(
        tabulate(rows, headers=["change", "severity", "kind", "what"]) if rows else "No change."
    )
    click.echo(f"\n{len(d.new)} new, {len(d.gone)} gone, {len(d.unchanged)} unchanged.")


@history.command("diff")
@click.argument("old_id")
@click.argument("new_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def history_diff(old_id: str, new_id: str, as_json: bool) -> None:
    """What is new, gone and unchanged between two saved scans."""
    store = _store()
    print_diff(diff(store.get(old_id), store.get(new_id)), as_json)


@click.command()
@click.argument("scan_id", required=False)
@network_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def watch(scan_id: str | None, as_json: bool, **kw: Any) -> None:
    """Re-run a saved audit (the latest by default) and print only what changed.

    Suitable for a weekly cron job: it prints nothing but the changes and saves the new scan.
    """
    store = _store()
    if scan_id is None:
        latest = store.list(1)
        if not latest:
            raise click.UsageError("no saved scan to watch: run `exposure-audit scan` first")
        scan_id = latest[0].scan_id
    previous = store.get(scan_id)
    only = tuple(c.name for c in previous.checks)
    options = thaw(previous.extras.get("options")) or {}
    settings = network_settings(kw, only=only, lang=previous.subject.lang, check_options=options)
    report = api.run_scan(previous.subject, settings, save=True)
    print_diff(diff(previous, report), as_json)
