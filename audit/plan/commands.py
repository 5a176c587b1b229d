"""CLI groups of the action plan: `kb` (knowledge base), `evidence` (evidence log) and
`requests` (follow-up of removal and delisting requests).

Thin wrappers over `kb`, `evidence` and `tracker`. The database connection and the clock come
from `click` context object keys "conn" and "clock" when a caller (or a test) provides them,
otherwise from `audit.db.connect()` and the system clock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import click

from audit.plan import evidence as ev
from audit.plan import kb, tracker


def _obj(ctx: click.Context) -> dict[str, Any]:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, dict) else {}


def _conn(ctx: click.Context) -> sqlite3.Connection:
    conn = _obj(ctx).get("conn")
    if isinstance(conn, sqlite3.Connection):
        return conn
    from audit.db import connect

    return connect()


def _mask(ctx: click.Context, redact: bool) -> Callable[[str], str]:
    """Workshop mode: mask the details of the people of the saved scans."""
    from audit.masksaved import no_mask, saved_masker

    return saved_masker(_conn(ctx)) if redact else no_mask


REDACT = click.option(
    "--redact", is_flag=True, help="Workshop mode: mask the people's details (names, handles...)."
)


def _clock(ctx: click.Context) -> Callable[[], datetime]:
    clock = _obj(ctx).get("clock")
    if callable(clock):
        return clock  # type: ignore[no-any-return]
    return lambda: datetime.now().astimezone()


# ----- kb ---------------------------------------------------------------------------------


@click.group("kb")
def kb_group() -> None:
    """The action plan's knowledge base (settings, forms, helplines, sources)."""


@kb_group.command("stale")
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=365,
    show_default=True,
    help="List checked items whose source was last checked more than this many days ago.",
)
@click.pass_context
def kb_stale(ctx: click.Context, days: int) -> None:
    """List knowledge items to re-check: those not yet checked, then those checked too long
    ago (oldest first), each with its source."""
    today = _clock(ctx)().date()
    unchecked = kb.unchecked_items()
    for path, item in unchecked:
        home = "" if kb.cites_specific_page(item) else "  [cites a home page]"
        click.echo(f"not yet checked  {path}{home}\n            {item['source_url']}")
    items = kb.stale_items(today, days)
    for path, item in items:
        click.echo(f"checked {item['verified']}  {path}\n            {item['source_url']}")
    click.echo(
        f"{len(unchecked)} item(s) not yet checked; {len(items)} item(s) checked more than "
        f"{days} days before {today}."
    )


def _checked(item: dict[str, Any]) -> str:
    return f"checked {item['verified']}" if kb.is_checked(item) else "not yet checked"


@kb_group.command("show")
@click.argument("platform")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
def kb_show(platform: str, lang: str) -> None:
    """Show what the plan knows about one platform (settings, report route, deletion)."""
    key, entry = kb.platform(platform)
    if key == kb.GENERIC and platform.strip().lower() != kb.GENERIC:
        click.echo(f"(no entry for {platform!r}: showing the generic advice)")
    elif key != platform.strip().lower():
        click.echo(f"({platform!r} is listed as {entry.get('name') or key})")
    click.echo(f"{entry.get('name') or key} [{key}]")
    for s in entry.get("settings", ()):
        click.echo(
            f"- {kb.text(s['title'], lang)}\n    {kb.text(s['path'], lang)}\n"
            f"    -> {kb.text(s['value'], lang)}\n    source: {s['source_url']} "
            f"({_checked(s)})"
        )
    for part in ("report", "deletion"):
        item = entry.get(part)
        if item:
            how = kb.text(item.get("how") or item.get("note"), lang)
            click.echo(
                f"{part}: {item.get('url') or ''}\n    {how}\n    source: "
                f"{item['source_url']} ({_checked(item)})"
            )


# ----- evidence ---------------------------------------------------------------------------


@click.group("evidence")
def evidence_group() -> None:
    """Keep evidence (date and time, screenshot, URL, account ID, page hash) before acting."""


@evidence_group.command("add")
@click.argument("urls", metavar="URL...", nargs=-1)
@click.option(
    "--from-file",
    "from_file",
    type=click.File("r", encoding="utf-8"),
    help="Also capture the URLs listed in this file (one per line, # for comments): the "
    "pages you marked during a raid.",
)
@click.option("--note", help="What this is and why it matters.")
@click.option(
    "--screenshot",
    type=click.Path(exists=True, dir_okay=False),
    help="A screenshot you took of the page: copied into the evidence store with its SHA-256.",
)
@click.option("--account-id", help="The account's numeric ID, when the page shows it.")
@click.option(
    "--fetch/--no-fetch",
    default=False,
    show_default=True,
    help="Opt in: download the page to record its SHA-256. This tells the site that someone "
    "looked, from your address (or your --proxy).",
)
@click.option(
    "--archive",
    is_flag=True,
    help="Also ask the Wayback Machine to save it (this tells the archive the URL).",
)
@click.option("--proxy", metavar="URL", help="Fetch through this proxy.")
@click.option(
    "--ca-bundle", type=click.Path(exists=True, dir_okay=False), help="Trust this CA file."
)
@click.pass_context
def evidence_add(
    ctx: click.Context,
    urls: tuple[str, ...],
    from_file: TextIO | None,
    note: str | None,
    screenshot: str | None,
    account_id: str | None,
    fetch: bool,
    archive: bool,
    proxy: str | None,
    ca_bundle: str | None,
) -> None:
    """Record each URL in the evidence log: date and time, your screenshot (copied, with its
    SHA-256), account ID and notes. Nothing is sent unless you add --fetch or --archive."""
    marked = list(urls)
    if from_file is not None:
        marked += [ln.strip() for ln in from_file if ln.strip() and not ln.lstrip().startswith("#")]
    if not marked:
        raise click.UsageError("give at least one URL, or --from-file FILE")
    bad = [u for u in marked if not u.startswith(("http://", "https://"))]
    if bad:
        raise click.BadParameter(
            f"give full http:// or https:// addresses, not {bad[0]!r}", param_hint="URL"
        )
    client = None
    if fetch or archive:
        from audit.net.oneoff import OneOffClient
        from audit.settings import Settings

        client = _obj(ctx).get("http_client") or OneOffClient(
            Settings(proxy=proxy, ca_bundle=ca_bundle, retries=1)
        )
    try:
        for url in marked:  # one failing page is reported, the others are still captured
            _capture_one(ctx, url, client, archive, note, screenshot, account_id)
    finally:
        if client is not None and "http_client" not in _obj(ctx):
            client.close()


def _store(ctx: click.Context) -> Path:
    store = _obj(ctx).get("evidence_store")
    if isinstance(store, Path):
        return store
    from audit.paths import data_dir, private_dir

    return private_dir(data_dir() / "evidence")


def _capture_one(
    ctx: click.Context,
    url: str,
    client: Any,
    archive: bool,
    note: str | None,
    screenshot: str | None,
    account_id: str | None,
) -> None:
    rec = ev.capture(
        _conn(ctx),
        url,
        now=_clock(ctx),
        fetch=client.send if client else None,
        archive=archive,
        note=note,
        screenshot=str(Path(screenshot).resolve()) if screenshot else None,
        account_id=account_id,
        store=_store(ctx),
    )
    click.echo(f"#{rec.id} {rec.captured_at} {rec.url}")
    if rec.sha256:
        click.echo(
            f"  SHA-256 {rec.sha256} (HTTP {rec.http_status}, {rec.size} bytes"
            f"{', truncated' if rec.truncated else ''})"
        )
    elif not rec.error:
        click.echo("  page not downloaded (add --fetch to record its SHA-256; it tells the site)")
    if rec.screenshot_sha256:
        click.echo(f"  screenshot {rec.screenshot} SHA-256 {rec.screenshot_sha256}")
    if rec.archive_url:
        click.echo(f"  archived: {rec.archive_url}")
    if rec.error:
        click.echo(f"  warning: {rec.error}", err=True)


@evidence_group.command("list")
@REDACT
@click.pass_context
def evidence_list(ctx: click.Context, redact: bool) -> None:
    """Show the evidence log."""
    mask = _mask(ctx, redact)
    records = ev.list_evidence(_conn(ctx))
    for r in records:
        click.echo(mask(
            f"#{r.id} {r.captured_at} {r.url}"
            + (f" id={r.account_id}" if r.account_id else "")
            + (f" sha256={r.sha256[:16]}…" if r.sha256 else "")
            + (f" — {r.note}" if r.note else "")
        ))
    if not records:
        click.echo("The evidence log is empty: exposure-audit evidence add URL")


@evidence_group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(ev.EXPORTERS)), default="csv", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@REDACT
@click.pass_context
def evidence_export(ctx: click.Context, fmt: str, output: str, lang: str, redact: bool) -> None:
    """Export the log as CSV, Markdown or a printable HTML table (file mode 0600)."""
    import dataclasses

    from audit.paths import write_private

    mask = _mask(ctx, redact)
    records = [
        dataclasses.replace(r, url=mask(r.url), note=mask(r.note) if r.note else r.note,
                            account_id=mask(r.account_id) if r.account_id else r.account_id,
                            screenshot=mask(r.screenshot) if r.screenshot else r.screenshot)
        for r in ev.list_evidence(_conn(ctx))
    ]
    write_private(Path(output), ev.EXPORTERS[fmt](records, lang))
    click.echo(f"{len(records)} row(s) written to {output}")


# ----- requests ---------------------------------------------------------------------------


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
        return tracker.get(_conn(ctx), ident)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="ID") from exc


@requests_group.command("list")
@click.option("--status", type=click.Choice(tracker.STATUSES))
@REDACT
@click.pass_context
def requests_list(ctx: click.Context, status: str | None, redact: bool) -> None:
    """List stored requests: one line per site or broker with where it stands (to send,
    filed, overdue, answered, page gone) and its next date."""
    from audit.plan import progress

    mask = _mask(ctx, redact)
    now = _clock(ctx)()
    gone = progress.gone_marks(_conn(ctx))
    rows = tracker.list_requests(_conn(ctx), status)
    for r in rows:
        state, when = progress.status_of(r, gone.get(r.id), now)
        note = "" if state == r.status else f"  [{'page gone' if state == 'gone' else state}"
        note += f" {when}]" if note and when else ("]" if note else "")
        click.echo(mask(_line(r)) + note)
    if not rows:
        click.echo("No requests stored yet: run a scan first.")


@requests_group.command("show")
@click.argument("ident")
@REDACT
@click.pass_context
def requests_show(ctx: click.Context, ident: str, redact: bool) -> None:
    """Show one request: where to send it and its letter."""
    mask = _mask(ctx, redact)
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
    r = tracker.mark_filed(_conn(ctx), r.id, _clock(ctx)(), reference)
    click.echo(_line(r))


@requests_group.command("extended")
@click.argument("ident")
@click.pass_context
def requests_extended(ctx: click.Context, ident: str) -> None:
    """Record that the recipient announced it needs more time (GDPR: two more months)."""
    r = _get(ctx, ident)
    try:
        r = tracker.mark_extended(_conn(ctx), r.id, _clock(ctx)())
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
    r = tracker.mark_answered(_conn(ctx), r.id, _clock(ctx)(), outcome)
    click.echo(_line(r))


@requests_group.command("overdue")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@REDACT
@click.pass_context
def requests_overdue(ctx: click.Context, lang: str, redact: bool) -> None:
    """Requests past their legal deadline without an answer, and what to do next."""
    mask = _mask(ctx, redact)
    now = _clock(ctx)()
    late = tracker.overdue(_conn(ctx), now)
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


GROUPS = (kb_group, evidence_group, requests_group)


def register(cli: click.Group) -> None:
    """Add the plan's command groups to the main CLI."""
    for group in GROUPS:
        cli.add_command(group)
