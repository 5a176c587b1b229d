"""`exposure-audit search links|import`: the manual mode of the name search (sends nothing).

`links` prints the numbered searches as links to open in the person's own browser (the mode
for workshops behind one shared connection, where engines block quickly); `import` reads the
saved result pages back and writes the same report formats as `scan`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from audit.cli.options import output_options, split_formats
from audit.cli.subject import build_subject
from audit.models import Subject, utcnow
from audit.render import RenderOptions
from checks.search.manual import (
    ENGINES,
    directory_links,
    import_pages,
    imported_report,
    search_links,
)
from checks.search.texts import say

F = TypeVar("F", bound=Callable[..., Any])


def subject_options(func: F) -> F:
    """The subject fields that shape the searches and the scoring."""
    options = [
        click.option("--name", help="Full name, as others would type it."),
        click.option("--former-name", "former_names", multiple=True, help="A former name."),
        click.option("--handle", "-u", "handles", multiple=True, help="A handle (repeat)."),
        click.option("--email", "-e", "emails", multiple=True, help="An email (repeat)."),
        click.option("--phone", "phones", multiple=True, help="A phone number (repeat)."),
        click.option("--url", "urls", multiple=True, help="Your own site (repeat)."),
        click.option("--city", help="Your city."),
        click.option("--country", help="Two-letter country code, e.g. FR."),
        click.option("--employer", help="Your employer."),
        click.option("--max-queries", type=click.IntRange(min=0), help="Number of searches."),
        click.option("--no-email-queries", is_flag=True, help="No searches for your email."),
        click.option("--no-phone-queries", is_flag=True, help="No searches for your phone."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _subject(kw: dict[str, Any], lang: str) -> Subject:
    return build_subject(
        name=kw["name"], former_names=kw["former_names"], handles=kw["handles"],
        emails=kw["emails"], phones=kw["phones"], urls=kw["urls"], city=kw["city"],
        country=kw["country"], employer=kw["employer"], lang=lang,
    )


def _options(kw: dict[str, Any]) -> dict[str, Any]:
    opts: dict[str, Any] = {}
    if kw.get("max_queries") is not None:
        opts["max_queries"] = kw["max_queries"]
    # manual mode only prints links the person opens themselves: email and phone searches
    # are listed unless they ask otherwise
    opts["email_queries"] = not kw.get("no_email_queries")
    opts["phone_queries"] = not kw.get("no_phone_queries")
    return opts


@click.group("search")
def search_group() -> None:
    """Name search by hand: print the searches, then read the saved result pages."""


@search_group.command("links")
@subject_options
@click.option("--engine", "engines", multiple=True, type=click.Choice(sorted(ENGINES)),
              help="Engine(s) to make links for (repeat). Default: duckduckgo.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
def links_command(engines: tuple[str, ...], lang: str, **kw: Any) -> None:
    """Print the numbered searches as links to open in your own browser."""
    subject = _subject(kw, lang)
    chosen = list(engines) or ["duckduckgo"]
    items = search_links(subject, _options(kw), chosen)
    click.echo(say(lang, "links_heading"))
    for item in items:
        sends = ", ".join(item.sends)
        click.echo(f"\n{item.number:2d}. {item.query}")
        click.echo(f"    {item.purpose} ({say(lang, 'links_sends')}: {sends})")
        for engine, url in item.urls.items():
            click.echo(f"    {engine}: {url}")
    directories = directory_links(subject)
    if directories:
        click.echo("\n" + say(lang, "links_directories"))
        for site_name, url in directories:
            click.echo(f"  - {site_name}: {url}")
    click.echo("\n" + say(lang, "links_then"))


@search_group.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@subject_options
@output_options
def import_command(files: tuple[Path, ...], formats: tuple[str, ...], output: str | None,
                   lang: str | None, redact: bool, **kw: Any) -> None:
    """Read saved result pages (DuckDuckGo, Google, Bing, Qwant, Startpage; desktop,
    mobile and older layouts) and report. A page it cannot read is reported as an
    unexpected page, never as "no results"."""
    from audit import api
    from audit.plan import build_plan

    started = utcnow()
    subject = _subject(kw, lang or "en")
    results = import_pages(subject, list(files), started)
    report = imported_report(subject, results, started, utcnow())
    report = dataclasses.replace(report, plan=build_plan(report, lang or subject.lang))
    options = RenderOptions(lang=lang or subject.lang, redact=redact)
    for path in api.emit(report, split_formats(formats), output, options):
        click.echo(f"wrote {path}", err=True)
