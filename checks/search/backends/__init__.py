"""Search backends and the chain the check uses, built from options and environment.

Default chain: the person's SearXNG (when `searxng_url` is set), Brave and Mojeek (when their
key is in the environment), then DuckDuckGo html. `backends` (list or comma-separated names)
picks and orders them explicitly. DuckDuckGo lite is never in the chain: it is only tried when
the html page cannot be parsed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

from checks.search.backends.base import Backend, Locale
from checks.search.backends.brave import KEY_ENV as BRAVE_KEY_ENV
from checks.search.backends.brave import BraveAPI
from checks.search.backends.ddg import DuckDuckGoHtml, DuckDuckGoLite
from checks.search.backends.mojeek import KEY_ENV as MOJEEK_KEY_ENV
from checks.search.backends.mojeek import MojeekAPI
from checks.search.backends.searxng import SearXNG

KNOWN: tuple[str, ...] = ("searxng", "brave", "mojeek", "ddg-html")

__all__ = [
    "BRAVE_KEY_ENV",
    "KNOWN",
    "MOJEEK_KEY_ENV",
    "Backend",
    "BraveAPI",
    "DuckDuckGoHtml",
    "DuckDuckGoLite",
    "Locale",
    "MojeekAPI",
    "SearXNG",
    "build_chain",
    "log_hides_mojeek_key",
    "requested_names",
]


def log_hides_mojeek_key() -> bool:
    """True when the core's request log redacts the `api_key` URL parameter (it must, since
    the Mojeek API only takes its key in the URL): `audit.net.urls.SECRET_PARAMS` names it."""
    try:
        net = importlib.import_module("audit.net.urls")
    except ImportError:
        return False
    return "api_key" in getattr(net, "SECRET_PARAMS", ())


def requested_names(options: Mapping[str, Any]) -> list[str] | None:
    """The `backends` (or `backend`) option as a list of names, or None for the default."""
    raw = options.get("backends") or options.get("backend")
    if not raw:
        return None
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    names = [str(i).strip().lower() for i in items if str(i).strip()]
    aliases = {"ddg": "ddg-html", "duckduckgo": "ddg-html", "brave-api": "brave",
               "mojeek-api": "mojeek"}
    return [aliases.get(n, n) for n in names]


def build_chain(
    options: Mapping[str, Any], locale: Locale, env: Mapping[str, str] | None = None
) -> tuple[list[Backend], list[str]]:
    """The backends to use, in order, and notes on requested ones that cannot be used."""
    env = os.environ if env is None else env
    notes: list[str] = []
    wanted = requested_names(options)
    order = wanted or list(KNOWN)
    chain: list[Backend] = []
    for name in order:
        if name == "searxng":
            url = str(options.get("searxng_url") or "").strip()
            if url:
                chain.append(SearXNG(locale, url))
            elif wanted:
                notes.append("searxng needs --searxng-url")
        elif name == "brave":
            key = env.get(BRAVE_KEY_ENV, "").strip()
            if key:
                chain.append(BraveAPI(locale, key))
            elif wanted:
                notes.append(f"brave needs a key in {BRAVE_KEY_ENV}")
        elif name == "mojeek":
            key = env.get(MOJEEK_KEY_ENV, "").strip()
            if key and not log_hides_mojeek_key():
                notes.append("mojeek is off: its key travels in the URL and this version's "
                             "request log cannot hide it")
            elif key:
                chain.append(MojeekAPI(locale, key))
            elif wanted:
                notes.append(f"mojeek needs a key in {MOJEEK_KEY_ENV}")
        elif name == "ddg-html":
            chain.append(DuckDuckGoHtml(locale))
        else:
            notes.append(f"unknown search backend {name!r} (known: {', '.join(KNOWN)})")
    return chain, notes
