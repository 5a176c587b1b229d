"""`scan` (audit a person, or resume a saved scan, or list its requests with --dry-run) and
`checks` (the checks and what each sends)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from audit import api
from audit.cli.checkopts import ScanCommand, declared, registered, values
from audit.cli.group import EXIT_FINDINGS, EXIT_INTERRUPTED
from audit.cli.options import (
    network_options,
    network_settings,
    output_options,
    public_role_option,
    split_formats,
)
from audit.cli.output import show_written, terminal_width
from audit.cli.subject import build_subject
from audit.errors import HistoryError
from audit.models import ScanReport, Severity, thaw
from audit.render import RenderOptions
from audit.scan.progress import make_observer

if TYPE_CHECKING:
    from audit.scan.runner import PlanEntry


@click.command(cls=ScanCommand)
@click.option("--name", help="Full name, as others would type it.")
@click.option("--former-name", "former_names", multiple=True, help="A former or other name.")
@click.option("--handle", "-u", "handles", multiple=True, help="A username / handle (repeat).")
@click.option("--email", "-e", "emails", multiple=True, help="An email address (repeat).")
@click.option("--phone", "phones", multiple=True, help="A phone number, e.g. +33 6 12 34 56 78.")
@click.option("--url", "urls", multiple=True, help="Your own site or page (repeat).")
@click.option(
    "--photos",
    "photo_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="A folder of your photos to check for location metadata (repeat).",
)
@click.option(
    "--address",
    "addresses",
    multiple=True,
    help="Your postal address (repeat): only compared with what pages show, never sent.",
)
@click.option("--city", help="Your city (improves the name search).")
@click.option("--country", help="Two-letter country code, e.g. FR (phone numbers, helplines).")
@click.option("--employer", help="Your employer (improves the name search).")
@public_role_option
@click.option("--only", multiple=True, help="Run only this check (repeat). See `checks`.")
@click.option("--skip", multiple=True, help="Do not run this check (repeat).")
@network_options
@output_options
@click.option(
    "--fail-on",
    type=click.Choice([s.label for s in Severity]),
    help="Exit 1 when a finding is at least this severe.",
)
@click.option(
    "--dry-run", is_flag=True, help="List every host and URL that would be contacted, send nothing."
)
@click.option("--no-history", is_flag=True, help="Do not save this scan in the local history.")
@click.option("--no-cache", is_flag=True, help="Do not use or fill the local search cache.")
@click.option(
    "--compare-last",
    is_flag=True,
    help="Show what is new or gone since the last scan of this person.",
)
@click.option(
    "--resume",
    metavar="SCAN_ID",
    help="Finish an interrupted scan with its saved person, checks and options: only the "
    "probes that did not finish (unknown results included) run again, what was found is kept, "
    "and the reports it wrote are rewritten (unless -f/-o are given).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--open", "open_report", is_flag=True, help="Open report.html when it is written.")
def scan(**kw: Any) -> None:
    """Audit a person: accounts, name search, contact details, links, photos.

    Accounts found are printed on stderr as they come. With -o the first-24-hours summary
    (helplines, what matters most, first steps) is printed, and where the reports are.
    """
    formats = api.check_formats(split_formats(kw["formats"]))  # before any request is sent
    resume = None
    check_options: dict[str, Any] = {"*": values(kw, declared(registered()))}
    only, skip = tuple(kw["only"]), tuple(kw["skip"])
    output = kw["output"]
    plan_options: dict[str, Any] = {"public_role": kw["public_role"]}
    if kw["resume"]:
        previous = _history_store().get(kw["resume"])
        subject = previous.subject
        check_options, only = _saved_options(previous)
        skip = ()
        resume = {(r.check, r.target): r for r in previous.results}
        if kw["public_role"] is None:  # the person's saved answer, unless they give a new one
            plan_options = api.saved_plan_options(previous)
        saved_out = previous.extras.get("outputs") or {}
        if not formats and output is None:  # rewrite the reports the scan first wrote
            formats = list(saved_out.get("formats") or ())
            output = saved_out.get("output")
    else:
        subject = build_subject(
            name=kw["name"],
            former_names=kw["former_names"],
            handles=kw["handles"],
            emails=kw["emails"],
            phones=kw["phones"],
            urls=kw["urls"],
            photo_dirs=kw["photo_dirs"],
            addresses=kw["addresses"],
            city=kw["city"],
            country=kw["country"],
            employer=kw["employer"],
            lang=kw["lang"] or "en",
        )
    settings = network_settings(
        kw,
        only=only,
        skip=skip,
        lang=kw["lang"] or subject.lang,
        use_cache=not kw["no_cache"],
        check_options=check_options,
    )
    if kw["dry_run"]:
        from audit.scan.runner import Scanner  # the network stack is imported on first use

        _print_plan(Scanner(api.registry(), settings).plan(subject), formats)
        return
    observer = make_observer(kw["quiet"])
    options = RenderOptions(
        lang=settings.lang, redact=kw["redact"], color=_colour(), width=terminal_width()
    )

    def write(done: ScanReport) -> None:
        """The reports, written before the scan is saved (a database error loses none)."""
        if observer is not None:
            observer.close()
        if not kw["no_history"]:
            done = api.with_progress(done)  # steps done, requests' status and dates
        written = api.emit(done, formats, output, options)
        show_written(done, written, options, kw["open_report"])

    report = api.run_scan(
        subject,
        settings,
        observer=observer,
        save=not kw["no_history"],
        compare_last=kw["compare_last"],
        resume=resume,
        outputs={"formats": formats, "output": _absolute(output)},
        write=write,
        plan_options=plan_options,
    )
    if not kw["no_history"]:
        click.echo(f"saved as scan {report.scan_id} (see `exposure-audit history show`)", err=True)
    if report.interrupted:
        hint = (
            f"resume with `exposure-audit scan --resume {report.scan_id}`"
            if not kw["no_history"]
            else "run it again to finish (with --no-history nothing was saved to resume from)"
        )
        click.echo(f"interrupted: {hint}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    top = report.max_severity()
    if kw["fail_on"] and top is not None and top >= Severity.parse(kw["fail_on"]):
        sys.exit(EXIT_FINDINGS)


def _saved_options(previous: ScanReport) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The check options and checks a saved scan ran with; refuse when they cannot be read."""
    options = previous.extras.get("options")
    if not isinstance(options, Mapping) or not isinstance(options.get("*", {}), Mapping):
        raise HistoryError(
            f"scan {previous.scan_id} cannot be resumed: its saved options cannot be read, "
            "and resuming without them could send more than was chosen; start a new scan"
        )
    only = tuple(c.name for c in previous.checks)
    if not only:
        raise HistoryError(f"scan {previous.scan_id} cannot be resumed: it lists no checks")
    return {k: dict(v) for k, v in thaw(options).items()}, only


def _absolute(output: str | None) -> str | None:
    if output is None:
        return None
    import os

    path = os.path.abspath(output)
    return path + os.sep if output.endswith(("/", "\\")) else path


def _colour() -> bool:
    import os

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _print_plan(entries: list[PlanEntry], formats: list[str]) -> None:
    from tabulate import tabulate

    rows = [
        (e.check, e.target, p.method, p.url, ", ".join(p.sends) or "-", p.note)
        for e in entries
        for p in e.planned
    ]
    if formats == ["json"]:
        keys = ("check", "target", "method", "url", "sends", "note")
        click.echo(json.dumps([dict(zip(keys, r, strict=True)) for r in rows], indent=2))
        return
    from urllib.parse import urlsplit

    hosts = sorted({urlsplit(r[3]).netloc for r in rows if "://" in r[3]})
    click.echo(tabulate(rows, headers=["check", "target", "method", "url", "sends", "note"]))
    click.echo(f"\nDry run: {len(rows)} requests planned to {len(hosts)} hosts; nothing was sent.")
    sent = sorted({s for r in rows for s in r[4].split(", ") if s != "-"})
    if sent:
        click.echo(f"Personal data these requests carry: {', '.join(sent)}.")


@click.command("checks")
def list_checks() -> None:
    """List the checks: what each needs and sends, and the `scan` options of each."""
    from tabulate import tabulate

    checks = api.registry().checks
    rows = []
    for name, cls in checks.items():
        rows.append(
            (
                name,
                cls.title,
                " or ".join(sorted(cls.requires)) or "earlier results",
                cls.sends or "-",
                "yes" if cls.default_enabled else "opt-in",
            )
        )
    click.echo(tabulate(rows, headers=["check", "what", "needs", "sends", "default"]))
    options = declared(checks)
    if options:
        click.echo("\nOptions of `scan` that belong to a check:")
        click.echo(tabulate(
            [(check, o.flag, o.help) for check, o in options],
            headers=["check", "option", "what"], maxcolwidths=[None, None, 60],
        ))


def _history_store() -> Any:
    from audit.store.db import connect
    from audit.store.history import HistoryStore

    return HistoryStore(connect())

