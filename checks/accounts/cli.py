"""The `exposure-audit sites` commands: list, import, update (explicit download), validate,
crosscheck (compare the rules with peer site lists' public facts, offline).

`update` is the only command that downloads anything, and only when the user runs it.
`validate` sends requests to every selected site and needs `--yes-online`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from audit.cli.options import network_options, network_settings
from audit.errors import ConfigError
from audit.net.model import HttpRequest, Origin
from audit.store.paths import write_private

if TYPE_CHECKING:
    from checks.accounts.store import ImportSummary

# The catalog, the user's store and the validator are imported by the commands that use
# them: every command registers this group at start-up.

WMN_URL = "https://raw.githubusercontent.com/WebBreacher/WhatsMyName/main/wmn-data.json"


@click.group()
def sites() -> None:
    """The site catalog of the `accounts` check: list, import, update, validate, crosscheck."""


@sites.command("list")
@click.option("--category", "categories", multiple=True, help="Only this category (repeat).")
@click.option("--country", "countries", multiple=True, help="Only sites tagged FR, US... (repeat).")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False),
              help="List this catalog file instead of the built-in (+ imported) one.")
def list_sites(categories: tuple[str, ...], countries: tuple[str, ...],
               sites_file: str | None) -> None:
    """Show the sites a scan would ask."""
    from checks.accounts import store
    from checks.accounts.catalog import select

    chosen = select(store.active_sites(sites_file), categories, countries)
    rows = [
        (s.key, s.name, s.category, " ".join(s.countries), s.platform_key,
         s.last_verified or "never", s.origin)
        for s in chosen
    ]
    from tabulate import tabulate

    click.echo(tabulate(rows, headers=["key", "site", "category", "countries", "platform",
                                       "verified", "origin"]))
    click.echo(f"{len(rows)} sites", err=True)


def _print_summary(summary: ImportSummary, show_rejected: bool) -> None:
    click.echo(f"stored {summary.usable} usable sites in {summary.path} "
               f"({summary.added} new, sha256 {summary.sha256[:16]}...)")
    if summary.kept_curated:
        click.echo(f"{len(summary.kept_curated)} imported entries duplicate built-in sites: "
                   "the built-in (curated) entries are kept.")
        if show_rejected:
            for imported, curated in summary.kept_curated:
                click.echo(f"  kept curated {curated!r} over imported {imported!r}")
    if summary.rejected:
        click.echo(f"{len(summary.rejected)} entries rejected"
                   + (":" if show_rejected else " (see --show-rejected)."))
        if show_rejected:
            for r in summary.rejected:
                click.echo(f"  {r.name}: {r.reason}")


@sites.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--show-rejected", is_flag=True, help="List rejected and duplicate entries.")
def import_sites(file: str, show_rejected: bool) -> None:
    """Add a site list (WhatsMyName or own format) to the catalog scans use."""
    from checks.accounts import store

    _print_summary(store.import_file(file), show_rejected)


@sites.command("update")
@click.option("--url", default=WMN_URL, show_default=True, help="Where to download from.")
@click.option("--sha256", "expected", metavar="HEX", help="Refuse the file unless it has this "
              "SHA-256.")
@click.option("--show-rejected", is_flag=True, help="List rejected and duplicate entries.")
@network_options
def update_sites(url: str, expected: str | None, show_rejected: bool, **kw: Any) -> None:
    """Download the current WhatsMyName list (only now, only from --url) and import it."""
    from audit.net.oneoff import OneOffClient  # a fixed service, asked for by name

    client = OneOffClient(network_settings(kw, retries=1))
    try:
        resp = client.send(HttpRequest(url, origin=Origin.USER, max_bytes=20_000_000,
                                       timeout=kw.get("timeout", 10.0) * 3))
    finally:
        client.close()
    if resp.status != 200:
        raise ConfigError(f"download failed: HTTP {resp.status} from {url}")
    if resp.truncated:
        raise ConfigError(f"download too large from {url}")
    digest = hashlib.sha256(resp.body).hexdigest()
    if expected and digest != expected.lower():
        raise ConfigError(f"SHA-256 mismatch: expected {expected}, got {digest}; nothing stored")
    from checks.accounts import store

    summary = store.import_bytes(
        resp.body, url,
        {"source_url": url, "downloaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
         "sha256_checked": bool(expected)},
    )
    write_private(summary.path.with_name("imported.LICENSE.txt"),
                  "Imported site data: see imported.meta.json for source and attribution.\n"
                  "WhatsMyName data is licensed CC BY-SA 4.0: "
                  "https://creativecommons.org/licenses/by-sa/4.0/\n")
    _print_summary(summary, show_rejected)


@sites.command("validate")
@click.option("--yes-online", is_flag=True, help="Required: this sends requests to every site.")
@click.option("--site", "keys", multiple=True, help="Only this site key (repeat).")
@click.option("--category", "categories", multiple=True, help="Only this category (repeat).")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False),
              help="Validate this catalog file instead of the built-in one.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              default="sites-validation.md", show_default=True,
              help="Where to write the report (.md or .json; both are written).")
@click.option("--record/--no-record", default=True, show_default=True,
              help="Write today's date as last_verified for the confirmed sites (into "
              "--sites-file, or the built-in catalog).")
@network_options
def validate(yes_online: bool, keys: tuple[str, ...], categories: tuple[str, ...],
             sites_file: str | None, report_path: str, record: bool, **kw: Any) -> None:
    """Check the catalog online: each known handle must be found, a random one must not."""
    if not yes_online:
        raise click.UsageError("validate sends requests to every selected site: add --yes-online")
    from checks.accounts import store
    from checks.accounts.catalog import select
    from checks.accounts.validate import record_verified, validate_sites, write_report

    chosen = select(store.active_sites(sites_file), categories)
    if keys:
        chosen = [s for s in chosen if s.key in set(keys)]
    if not chosen:
        raise ConfigError("no site selected")
    rows = validate_sites(chosen, network_settings(kw))
    md_path, json_path = write_report(rows, Path(report_path))
    if record:
        confirmed = record_verified(rows, sites_file)
        where = sites_file or "the built-in catalog"
        click.echo(f"last_verified set to today for {len(confirmed)} confirmed sites in {where}")
    bad = [r for r in rows if r["verdict"] != "ok"]
    click.echo(f"{len(rows) - len(bad)} ok, {len(bad)} need attention; "
               f"report: {md_path} and {json_path}")
    click.echo(json.dumps({v: sum(1 for r in rows if r["verdict"] == v)
                           for v in sorted({r["verdict"] for r in rows})}))


@sites.command("crosscheck")
@click.option("--wmn", "wmn", required=True, type=click.Path(exists=True, dir_okay=False),
              help="WhatsMyName wmn-data.json (read, never stored).")
@click.option("--sherlock", type=click.Path(exists=True, dir_okay=False),
              help="Sherlock's sherlock_project/resources/data.json (optional).")
@click.option("--maigret", type=click.Path(exists=True, dir_okay=False),
              help="Maigret's maigret/resources/data.json (optional).")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False),
              help="Check this catalog file instead of the built-in one.")
@click.option("--record", is_flag=True, help="Write which peers agree with each built-in site "
              "(checks/accounts/catalog_agree.json, read by the catalog build).")
def crosscheck_sites(wmn: str, sherlock: str | None, maigret: str | None,
                     sites_file: str | None, record: bool) -> None:
    """Compare every catalog rule with the peers' public facts; print conflicts by class.

    Offline: only the given files are read. Exit status 1 when a conflict of the classes
    status_only or status_contradicted has no explanation in the catalog."""
    import sys

    from checks.accounts.catalog import load_catalog, load_file
    from checks.accounts.crosscheck import crosscheck, load_facts, render, write_agreement

    catalog = load_file(sites_file) if sites_file else load_catalog()
    report = crosscheck(catalog, load_facts(wmn, sherlock, maigret),
                        {s.key: s.crosscheck for s in catalog})
    click.echo(render(report))
    if record and not sites_file:
        click.echo(f"recorded agreement in {write_agreement(report)}", err=True)
    if report.unexplained():
        sys.exit(1)
