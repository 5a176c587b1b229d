"""A sandbox "internet" described as data: replies, routes and the world that indexes them.

`Reply` and `Route` are frozen dataclasses. `World` is a small mutable builder (demo parts call
`add_to(world)` on it) with an index so one lookup costs a couple of dict reads, whatever the
number of routes.

Matching rules (see `World.lookup`); the scheme plays no part, so a route answers both
``http://`` and ``https://`` requests for its host:

- Hosts are compared lowercase. A request for ``host:port`` matches routes for ``host:port``
  first, then routes for plain ``host``, then routes for ``*.parent`` (any subdomain of
  ``parent``: a site giving each account its own subdomain); routes for ``*`` match any host,
  last.
- A route path is either exact or a glob. An exact path with a query (``/search?q=x``) matches
  that target only; an exact path without one matches the path whatever the query, unless the
  route says ``match_query=True`` (then only a request without a query matches). A path with
  a ``*`` is a glob over the whole target, query included (``/api/*``, ``/search?q=*``,
  ``/u/*/posts``): ``*`` matches anything, every other character (``?`` too) is literal.
  Exact routes win over globs; among globs the longest pattern wins, then the newest.
- Method ``*`` matches any method; HEAD falls back to GET routes.
- ``match_body``: the route only matches when the request body contains that text. Routes with
  a body condition are tried (newest first) before the one without.
- Adding a route with the same (host, method, path, match_body, match_query) replaces the old
  one, so later parts of a world override earlier ones.
- Nothing matched: `World.default` (404), or `World.unknown_host` when it is set and no route at
  all exists for the host. By default unknown hosts get the 404 default, so a catalog site the
  world does not describe looks like "no such profile"; set ``unknown_host`` (for instance to
  `UNKNOWN_HOST_502`) to make them fail like an unreachable site instead.
"""

from __future__ import annotations

import itertools
import json as jsonlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from audit.sandbox.replies import (
    BEHAVIOURS,
    UNKNOWN_HOST_502,
    Behaviour,
    Reply,
    challenge_reply,
    rate_limit_reply,
    reason_phrase,
)

# Reply and friends are re-exported: `from audit.sandbox.world import Reply` keeps working.
__all__ = [
    "BEHAVIOURS",
    "UNKNOWN_HOST_502",
    "Behaviour",
    "Reply",
    "Route",
    "World",
    "reason_phrase",
    "split_url",
]


@dataclass(frozen=True, slots=True)
class Route:
    """One (host, method, path) and its reply. See the module docstring for matching."""

    host: str
    path: str
    reply: Reply
    method: str = "GET"
    match_body: str | None = None
    match_query: bool = False
    pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        host = self.host.strip().lower().rstrip(".")
        if not host:
            raise ValueError("route host is empty")
        path = self.path or "/"
        if not path.startswith("/") and not path.startswith("*"):
            path = "/" + path
        object.__setattr__(self, "host", host)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "method", self.method.upper())
        if "?" in path and "*" not in path:
            object.__setattr__(self, "match_query", True)
        pattern = None
        if "*" in path:
            pattern = re.compile(".*".join(re.escape(p) for p in path.split("*")), re.DOTALL)
        object.__setattr__(self, "pattern", pattern)

    @property
    def is_glob(self) -> bool:
        """True when the path is a pattern (it contains ``*``) rather than an exact target."""
        return self.pattern is not None

    def matches_target(self, target: str) -> bool:
        """Whether this route's path matches a request target (path and query)."""
        if self.pattern is not None:
            return self.pattern.fullmatch(target) is not None
        if self.match_query or "?" not in target:
            return target == self.path
        return target.partition("?")[0] == self.path


_Key = tuple[str, str, str]  # host, method, exact target
_SlotKey = tuple[str | None, bool]  # match_body, match_query


class World:
    """A set of routes plus a default reply, indexed for fast lookup."""

    def __init__(
        self,
        routes: Iterable[Route] = (),
        default: Reply | None = None,
        unknown_host: Reply | None = None,
    ) -> None:
        self.default = default or Reply(404, "<html><body>Not Found</body></html>")
        self.unknown_host = unknown_host
        # exact[(host, method, target)] -> {(match_body, match_query): Route}, oldest first.
        self._exact: dict[_Key, dict[_SlotKey, Route]] = {}
        # globs[host] -> [(-len(pattern), -sequence, Route)], sorted: longest, then newest.
        self._globs: dict[str, list[tuple[int, int, Route]]] = {}
        self._hosts: set[str] = set()
        self._seq = itertools.count()
        for route in routes:
            self.add(route)

    # -- building -------------------------------------------------------------------------
    def add(self, route: Route) -> World:
        """Add a route, replacing any earlier one with the same key. Returns the world."""
        self._hosts.add(route.host)
        if route.is_glob:
            key = (route.method, route.path, route.match_body, route.match_query)
            globs = [
                g for g in self._globs.get(route.host, ())
                if (g[2].method, g[2].path, g[2].match_body, g[2].match_query) != key
            ]
            globs.append((-len(route.path), -next(self._seq), route))
            globs.sort(key=lambda g: (g[0], g[1]))
            self._globs[route.host] = globs
        else:
            slot = self._exact.setdefault((route.host, route.method, route.path), {})
            slot.pop((route.match_body, route.match_query), None)
            slot[(route.match_body, route.match_query)] = route
        return self

    def route(
        self,
        host: str,
        path: str,
        reply: Reply | None = None,
        *,
        method: str = "GET",
        match_body: str | None = None,
        match_query: bool = False,
        **reply_fields: Any,
    ) -> World:
        """Add a route from its parts; `reply_fields` build a `Reply` when none is given."""
        return self.add(
            Route(host, path, reply or Reply(**reply_fields), method, match_body, match_query)
        )

    def merge(self, other: World) -> World:
        """Add every route of `other` (they override ours on the same key). Returns self."""
        for route in other.routes():
            self.add(route)
        return self

    def page(
        self,
        url: str,
        body: bytes | str = "",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        *,
        method: str = "GET",
        match_body: str | None = None,
        match_query: bool = False,
        **reply_fields: Any,
    ) -> World:
        """Serve `body` at a full URL (``https://github.com/alice``)."""
        host, target = split_url(url)
        reply = Reply(status, body, headers or {}, **reply_fields)
        return self.add(Route(host, target, reply, method, match_body, match_query))

    def json(self, url: str, data: Any, status: int = 200, **kwargs: Any) -> World:
        """Serve `data` as JSON at a full URL."""
        body = jsonlib.dumps(data, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        headers.update(kwargs.pop("headers", None) or {})
        return self.page(url, body, status, headers, **kwargs)

    def redirect(self, url: str, location: str, status: int = 302) -> World:
        """Answer `url` with a redirect to `location`."""
        return self.page(url, "", status, {"Location": location})

    def challenge(self, host_or_url: str, *, status: int = 403) -> World:
        """Put a Cloudflare-style "Just a moment..." challenge in front of a whole host
        (given a host or a URL without path) or of one URL (given a URL with a path)."""
        if "://" in host_or_url:
            host, target = split_url(host_or_url)
            if target == "/" and not urlsplit(host_or_url).path.strip("/"):
                target = "/*"
        else:
            host, target = host_or_url.lower(), "/*"
        reply = challenge_reply(host.split(":")[0], status)
        return self.add(Route(host, target, reply, "*"))

    def rate_limited(self, url: str, retry_after: int | str = 60) -> World:
        """Answer 429 Too Many Requests with a Retry-After at a URL (or a whole host when
        the URL has no path, or is a bare host)."""
        if "://" in url:
            host, target = split_url(url)
            if not urlsplit(url).path.strip("/") and not urlsplit(url).query:
                target = "/*"
        else:
            host, target = url.lower(), "/*"
        reply = rate_limit_reply(retry_after)
        return self.add(Route(host, target, reply, "*"))

    # -- reading --------------------------------------------------------------------------
    def routes(self) -> Iterator[Route]:
        """Every route (exact ones first, then globs)."""
        for slot in self._exact.values():
            yield from slot.values()
        for globs in self._globs.values():
            yield from (g[2] for g in globs)

    def hosts(self) -> frozenset[str]:
        """Every host that has at least one route."""
        return frozenset(self._hosts)

    def __len__(self) -> int:
        return sum(len(s) for s in self._exact.values()) + sum(
            len(g) for g in self._globs.values()
        )

    def lookup(self, host: str, method: str, target: str, body: bytes = b"") -> Route | None:
        """The route answering one request, or None (then `reply_for` uses the default)."""
        host = host.lower().rstrip(".")
        method = method.upper()
        hosts = [host]
        if ":" in host and not host.endswith("]"):
            hosts.append(host.rsplit(":", 1)[0])
        labels = hosts[-1].split(".")  # then "*.example.com" for a.example.com, and so on
        hosts.extend("*." + ".".join(labels[i:]) for i in range(1, len(labels) - 1))
        hosts.append("*")
        methods = (method, "GET", "*") if method == "HEAD" else (method, "*")
        path, _, query = target.partition("?")
        for h in hosts:
            if h not in self._hosts:
                continue
            for m in methods:
                if query:
                    slot = self._exact.get((h, m, target))
                    found = _pick(slot, body, with_query_routes=True) if slot else None
                    if found is None:
                        slot = self._exact.get((h, m, path))
                        found = _pick(slot, body, with_query_routes=False) if slot else None
                else:
                    slot = self._exact.get((h, m, path))
                    found = _pick(slot, body, with_query_routes=True) if slot else None
                if found is not None:
                    return found
            for _, _, r in self._globs.get(h, ()):
                if (
                    r.method in methods
                    and r.matches_target(target)
                    and (r.match_body is None or _body_has(body, r.match_body))
                ):
                    return r
        return None

    def reply_for(self, host: str, method: str, target: str, body: bytes = b"") -> Reply:
        """The reply for one request, falling back to the default or unknown-host reply."""
        route = self.lookup(host, method, target, body)
        return route.reply if route is not None else self.fallback(host)

    def fallback(self, host: str) -> Reply:
        """What an unmatched request gets: `unknown_host` for hosts without any route (when
        set), else `default`."""
        if self.unknown_host is not None and not self.knows_host(host):
            return self.unknown_host
        return self.default

    def knows_host(self, host: str) -> bool:
        """Whether any route exists for this host (with or without its port)."""
        host = host.lower().rstrip(".")
        return host in self._hosts or host.rsplit(":", 1)[0] in self._hosts


def _body_has(body: bytes, needle: str) -> bool:
    return needle.encode("utf-8") in body


def _pick(slot: Mapping[_SlotKey, Route], body: bytes, with_query_routes: bool) -> Route | None:
    """Pick from one exact slot: routes whose body condition holds (newest first), then the
    unconditioned one. Without `with_query_routes`, routes with ``match_query`` are skipped
    (the request carries a query they do not name)."""
    routes = [r for r in reversed(list(slot.values())) if with_query_routes or not r.match_query]
    for r in routes:
        if r.match_body is not None and _body_has(body, r.match_body):
            return r
    for r in routes:
        if r.match_body is None:
            return r
    return None


def split_url(url: str) -> tuple[str, str]:
    """``https://Host:443/a?b`` -> (``host``, ``/a?b``); default ports are dropped."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError(f"not an absolute URL: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port and not (
        (parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)
    ):
        host = f"{host}:{port}"
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return host, target
