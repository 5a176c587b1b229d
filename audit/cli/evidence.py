"""`evidence add|list|export`: the evidence log (date and time, URL, screenshot, account ID,
hashes), kept for a complaint."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

import click

from audit.cli import context
from audit.plan import evidence as ev


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

        client = context.obj(ctx).get("http_client") or OneOffClient(
            Settings(proxy=proxy, ca_bundle=ca_bundle, retries=1)
        )
    try:
        for url in marked:  # one failing page is reported, the others are still captured
            _capture_one(ctx, url, client, archive, note, screenshot, account_id)
    finally:
        if client is not None and "http_client" not in context.obj(ctx):
            client.close()


def _store(ctx: click.Context) -> Path:
    store = context.obj(ctx).get("evidence_store")
    if isinstance(store, Path):
        return store
    from audit.store.paths import data_dir, private_dir

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
        context.conn(ctx),
        url,
        now=context.clock(ctx),
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
@context.REDACT
@click.pass_context
def evidence_list(ctx: click.Context, redact: bool) -> None:
    """Show the evidence log."""
    mask = context.mask(ctx, redact)
    records = ev.list_evidence(context.conn(ctx))
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
@context.REDACT
@click.pass_context
def evidence_export(ctx: click.Context, fmt: str, output: str, lang: str, redact: bool) -> None:
    """Export the log as CSV, Markdown or a printable HTML table (file mode 0600)."""
    import dataclasses

    from audit.store.paths import write_private

    mask = context.mask(ctx, redact)
    records = [
        dataclasses.replace(r, url=mask(r.url), note=mask(r.note) if r.note else r.note,
                            account_id=mask(r.account_id) if r.account_id else r.account_id,
                            screenshot=mask(r.screenshot) if r.screenshot else r.screenshot)
        for r in ev.list_evidence(context.conn(ctx))
    ]
    write_private(Path(output), ev.EXPORTERS[fmt](records, lang))
    click.echo(f"{len(records)} row(s) written to {output}")


