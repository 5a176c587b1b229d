"""`plan list|done|undo`, `summary` and `forget`: progress kept per person, the one-page
summary of a saved scan, and deleting a person's data (workshops leave nothing behind).

The person is the one of the latest saved scan unless `--scan ID` names another scan.
"""

from __future__ import annotations

from datetime import datetime

import click

from audit import api
from audit.cli.options import LANGS
from audit.errors import UnknownIdError
from audit.models import ScanReport
from audit.plan import progress
from audit.plan.types import ActionPlan, ChecklistItem
from audit.render import RenderOptions
from audit.store.db import connect
from audit.store.history import HistoryStore, subject_key


def _latest(store: HistoryStore, scan_id: str | None) -> ScanReport:
    if scan_id:
        return store.get(scan_id)
    latest = store.list(1)
    if not latest:
        raise UnknownIdError("no saved scan yet: run `exposure-audit scan` (or `demo --save`)")
    return store.get(latest[0].scan_id)


def _now() -> datetime:
    return datetime.now().astimezone()


SCAN_OPTION = click.option(
    "--scan", "scan_id", metavar="ID", help="The saved scan (default: the latest)."
)


@click.group("plan")
def plan_group() -> None:
    """The action plan of a saved scan: list its steps, mark them done (kept per person)."""


@plan_group.command("list")
@SCAN_OPTION
@click.option("--todo", is_flag=True, help="Only the steps not done yet.")
@click.option("--redact", is_flag=True, help="Workshop mode: mask the person's details.")
def plan_list(scan_id: str | None, todo: bool, redact: bool) -> None:
    """List the plan's steps in order, with their ID and whether they are done."""
    conn = connect()
    report = api.with_progress(_latest(HistoryStore(conn), scan_id), conn)
    # as the reports show it: other people's details masked, the person's too with --redact
    report = api.shown(report, RenderOptions(redact=redact))
    plan = report.plan or ActionPlan()
    done, total = plan.steps_done()
    for item in plan.checklist:
        if todo and item.done:
            continue
        mark = "[x]" if item.done else "[ ]"
        minutes = f" ({item.minutes} min)" if item.minutes else ""
        click.echo(f"{mark} {item.id}  {item.title}{minutes}")
    click.echo(f"{done} of {total} steps done (scan {report.scan_id}).")


def _step(report: ScanReport, step_id: str) -> ChecklistItem:
    items = report.plan.checklist if report.plan is not None else ()
    match = [i for i in items if i.id.startswith(step_id)]
    exact = [i for i in match if i.id == step_id]
    if exact or len(match) == 1:
        return (exact or match)[0]
    raise UnknownIdError(
        f"no single plan step matches {step_id!r} ({len(match)} found): see `plan list`"
    )


@plan_group.command("done")
@click.argument("step_id", metavar="ID")
@SCAN_OPTION
def plan_done(step_id: str, scan_id: str | None) -> None:
    """Mark a step done: every report of this person shows it ticked."""
    conn = connect()
    report = _latest(HistoryStore(conn), scan_id)
    item = _step(report, step_id)
    progress.mark_done(conn, subject_key(report), item.id, _now())
    click.echo(f"[x] {item.id}  {item.title}")


@plan_group.command("undo")
@click.argument("step_id", metavar="ID")
@SCAN_OPTION
def plan_undo(step_id: str, scan_id: str | None) -> None:
    """Mark a step as not done."""
    conn = connect()
    report = _latest(HistoryStore(conn), scan_id)
    item = _step(report, step_id)
    progress.undo(conn, subject_key(report), item.id)
    click.echo(f"[ ] {item.id}  {item.title}")


@click.command("summary")
@click.argument("scan_id", required=False)
@click.option("--lang", type=LANGS, default=None, help="Language (default: the scan's).")
@click.option("--redact", is_flag=True, help="Workshop mode: mask the person's details.")
def summary(scan_id: str | None, lang: str | None, redact: bool) -> None:
    """The first 24 hours of a saved scan (the latest by default): helplines, what matters
    most, the first steps not done yet."""
    from audit.cli.output import terminal_width

    conn = connect()
    report = api.with_progress(_latest(HistoryStore(conn), scan_id), conn)
    options = RenderOptions(lang=lang or report.subject.lang, redact=redact,
                            width=terminal_width())
    click.echo(api.render(report, "summary", options), nl=False)


@click.command("forget")
@click.argument("person", required=False)
@click.option("--all", "everything", is_flag=True, help="Forget everyone: the whole database.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def forget(person: str | None, everything: bool, yes: bool) -> None:
    """Delete a person's saved scans, requests, progress and cached answers (PERSON: a name,
    a handle or a scan id), or everything with --all. Run it at the end of a workshop."""
    if bool(person) == everything:
        raise click.UsageError("give a PERSON (name, handle or scan id), or --all")
    what = "everyone's data (scans, requests, evidence, cache)" if everything else repr(person)
    if not yes:
        click.confirm(f"Delete {what} from this computer? This cannot be undone", abort=True)
    from audit.plan import forget as gone

    conn = connect()
    counts = gone.forget_all(conn) if everything else gone.forget_person(conn, str(person))
    click.echo("Deleted: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".")
    kept = gone.evidence_kept(conn) if not everything else 0
    if kept:
        click.echo(f"The evidence log ({kept} entries) is not tied to a person and was kept: "
                   "`exposure-audit forget --all` deletes it.")
