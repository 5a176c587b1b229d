"""`requests list|show|filed|extended|answered|overdue`: follow-up of the removal and
delisting requests the plan drafted."""

from __future__ import annotations

import click

from audit.cli import context
from audit.plan import tracker


@click.group("requests")
def requests_group() -> None:
    """Follow the removal, delisting and opt-out requests of your last plans."""


def _line(r: tracker.TrackedRequest) -> str:
    due = r.due()
    extra = f" due {due.date()}" if due else ""
    ref = f" ref {r.reference}" if r.reference else ""
    return f"{r.id}  {r.status:<8} {r.kind:<15} {r.title}{ref}{extra}"


def _get(ctx: click.Context, ident: str) -> tracker.TrackedRequest:
    try:
        return tracker.get(context.conn(ctx), ident)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="ID") from exc


@requests_group.command("list")
@click.option("--status", type=click.Choice(tracker.STATUSES))
@context.REDACT
@click.pass_context
def requests_list(ctx: click.Context, status: str | None, redact: bool) -> None:
    """List stored requests: one line per site or broker with where it stands (to send,
    filed, overdue, answered, page gone) and its next date."""
    from audit.plan import progress

    mask = context.mask(ctx, redact)
    now = context.clock(ctx)()
    gone = progress.gone_marks(context.conn(ctx))
    rows = tracker.list_requests(context.conn(ctx), status)
    for r in rows:
        state, when = progress.status_of(r, gone.get(r.id), now)
        note = "" if state == r.status else f"  [{'page gone' if state == 'gone' else state}"
        note += f" {when}]" if note and when else ("]" if note else "")
        click.echo(mask(_line(r)) + note)
    if not rows:
        click.echo("No requests stored yet: run a scan first.")


@requests_group.command("show")
@click.argument("ident")
@context.REDACT
@click.pass_context
def requests_show(ctx: click.Context, ident: str, redact: bool) -> None:
    """Show one request: where to send it and its letter."""
    mask = context.mask(ctx, redact)
    r = _get(ctx, ident)
    click.echo(mask(_line(r)))
    if r.data.get("form_url"):
        click.echo(f"Form: {r.data['form_url']}")
    for url in r.data.get("target_urls") or ():
        click.echo(mask(f"  - {url}"))
    if r.data.get("letter"):
        click.echo("\n" + mask(str(r.data["letter"])))


@requests_group.command("filed")
@click.argument("ident")
@click.option("--reference", help="The reference or ticket number the recipient gave.")
@click.pass_context
def requests_filed(ctx: click.Context, ident: str, reference: str | None) -> None:
    """Record that you sent the request (today)."""
    r = _get(ctx, ident)
    r = tracker.mark_filed(context.conn(ctx), r.id, context.clock(ctx)(), reference)
    click.echo(_line(r))


@requests_group.command("extended")
@click.argument("ident")
@click.pass_context
def requests_extended(ctx: click.Context, ident: str) -> None:
    """Record that the recipient announced it needs more time (GDPR: two more months)."""
    r = _get(ctx, ident)
    try:
        r = tracker.mark_extended(context.conn(ctx), r.id, context.clock(ctx)())
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(_line(r))


@requests_group.command("answered")
@click.argument("ident")
@click.option("--outcome", default="", help="What the answer said (removed, refused...).")
@click.pass_context
def requests_answered(ctx: click.Context, ident: str, outcome: str) -> None:
    """Record the answer."""
    r = _get(ctx, ident)
    r = tracker.mark_answered(context.conn(ctx), r.id, context.clock(ctx)(), outcome)
    click.echo(_line(r))


@requests_group.command("overdue")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@context.REDACT
@click.pass_context
def requests_overdue(ctx: click.Context, lang: str, redact: bool) -> None:
    """Requests past their legal deadline without an answer, and what to do next."""
    mask = context.mask(ctx, redact)
    now = context.clock(ctx)()
    late = tracker.overdue(context.conn(ctx), now)
    for r in late:
        step = tracker.follow_up(r, now, lang)
        click.echo(mask(_line(r)) + f"  ({step['days_late']} days late)")
        click.echo(f"  next: {step['next_step']}")
        if step["next_step_url"]:
            click.echo(f"  link: {step['next_step_url']}")
        if step["letter"]:
            click.echo("\n" + mask(step["letter"]))
    if not late:
        click.echo("Nothing overdue.")
