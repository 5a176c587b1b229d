"""Click option groups shared by `scan`, `demo` and plugin commands (output, network, and the
person's answers the action plan depends on)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from audit.settings import DEFAULT_USER_AGENT, Settings

F = TypeVar("F", bound=Callable[..., Any])

LANGS = click.Choice(["en", "fr"])


def _compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(func: F) -> F:
        for deco in reversed(decorators):
            func = deco(func)
        return func

    return apply


def output_options(func: F) -> F:
    """--format (repeatable or comma-separated), -o/--output, --lang, --redact."""
    return _compose(
        click.option(
            "--format",
            "-f",
            "formats",
            multiple=True,
            metavar="FORMAT",
            help="Output format: table, json, markdown, html, csv, evidence-csv. Repeat it or "
            "separate with commas for several (needs -o DIR). Default: table, or all with -o DIR.",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=True, writable=True),
            help="Write to this file, or into this folder (one file per format).",
        ),
        click.option("--lang", type=LANGS, default=None, help="Report language (en or fr)."),
        click.option(
            "--redact",
            is_flag=True,
            help="Workshop mode: mask the person's details in every output.",
        ),
    )(func)


def public_role_option(func: F) -> F:
    """--public-role/--no-public-role: whether the person holds a public role. Unset by default:
    the delisting letters then make no claim either way."""
    return click.option(
        "--public-role/--no-public-role",
        "public_role",
        default=None,
        help="Say whether you hold a public role (elected office, public figure, job in the "
        "news). With --no-public-role the delisting letters and objections state that you have "
        "none, which weighs in your favour; by default they make no claim. Saved with the scan.",
    )(func)


def split_formats(values: tuple[str, ...]) -> list[str]:
    """Accept `-f html -f json` as well as `-f html,json`."""
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _ignored(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """--engine and --workers: accepted, said to be ignored, not used (one engine, one
    process since the aiohttp engine)."""
    if value is not None:
        click.echo(f"warning: --{param.name} is deprecated and ignored", err=True)


def network_options(func: F) -> F:
    """--proxy, --ca-bundle, --timeout, --concurrency, --user-agent."""
    return _compose(
        click.option(
            "--proxy",
            metavar="URL",
            help="Send everything through this proxy: http://, https://, socks5:// or "
            "socks5h:// (Tor: socks5h://127.0.0.1:9050).",
        ),
        click.option(
            "--ca-bundle",
            type=click.Path(exists=True, dir_okay=False),
            help="Trust this CA file (wins over REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=10.0,
            show_default=True,
            help="Seconds to wait for each request.",
        ),
        click.option(
            "--deadline",
            type=click.FloatRange(min=1),
            default=600.0,
            show_default=True,
            help="Seconds for the whole scan; what is still running then is reported unknown.",
        ),
        click.option(
            "--concurrency",
            type=click.IntRange(min=1, max=4096),
            default=256,
            show_default=True,
            help="Requests in flight at once (all sites together; within the open-files limit).",
        ),
        click.option(
            "--per-host",
            type=click.IntRange(min=1, max=64),
            default=4,
            show_default=True,
            help="Requests in flight at once to one host (politeness).",
        ),
        click.option("--user-agent", metavar="TEXT", help="User-Agent header to send."),
        click.option("--engine", hidden=True, callback=_ignored,
                     help="Deprecated and ignored: there is one HTTP engine."),
        click.option("--workers", hidden=True, callback=_ignored,
                     help="Deprecated and ignored: a scan runs in one process."),
    )(func)


def network_settings(kw: dict[str, Any], **extra: Any) -> Settings:
    """Settings from the `network_options` values (and extra Settings fields)."""
    return Settings(
        proxy=kw.get("proxy"),
        ca_bundle=kw.get("ca_bundle"),
        timeout=kw.get("timeout", 10.0),
        deadline=kw.get("deadline", 600.0),
        concurrency=kw.get("concurrency", 256),
        per_host=kw.get("per_host", 4),
        user_agent=kw.get("user_agent") or DEFAULT_USER_AGENT,
        **extra,
    )
