"""The aiohttp side of the engine, loaded on the first request: one session per proxy and guard
setting, its connector, and the resolver that judges the addresses it connects to (one lookup
per connection, no second one; docs/network.md).
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import aiohttp
from aiohttp.abc import ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

from audit.check import ForbiddenAddress
from audit.net.guard import non_public

Key = tuple[str | None, bool]
Chosen = tuple[aiohttp.ClientSession, str | None, dict[str, str] | None]


class GuardedResolver(ThreadedResolver):
    """aiohttp's resolver; with `refuse`, any non-public answer refuses the connection."""

    def __init__(self, refuse: bool) -> None:
        super().__init__()
        self.refuse = refuse

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        out = await super().resolve(host, port, family)
        for found in out if self.refuse else ():
            if non_public(ipaddress.ip_address(found["host"].split("%")[0])):
                raise ForbiddenAddress(
                    f"not fetched: {host} resolves to a non-public address ({found['host']})")
        if not out:
            raise OSError(f"no address for {host}")
        return out


class Sessions:
    """The sessions by proxy; `open` is what `audit.net.loop` closes at the end."""

    def __init__(self, open_sessions: dict[Key, aiohttp.ClientSession]) -> None:
        self.open = open_sessions
        self._chosen: dict[Key, Chosen] = {}

    def get(self, proxy: str | None, guarded: bool) -> Chosen:
        """The session for `proxy` (`guarded`: refusing non-public answers), the proxy URL and
        the credentials aiohttp takes."""
        chosen = self._chosen.get((proxy, guarded))
        if chosen is None or chosen[0].closed:  # new, or closed by the end of a scan
            chosen = self._chosen[(proxy, guarded)] = self._choose(proxy, guarded)
        return chosen

    def _choose(self, proxy: str | None, guarded: bool) -> Chosen:
        parsed = URL(proxy) if proxy else None
        scheme = parsed.scheme if parsed is not None else ""
        local_dns = scheme in ("", "socks5", "socks4")
        key = (proxy, guarded and local_dns)
        via, auth = None, None
        if parsed is not None and scheme in ("http", "https"):
            via = str(parsed.with_user(None))
            if parsed.user is not None:
                auth = {"Proxy-Authorization": aiohttp.encode_basic_auth(
                    parsed.user, parsed.password or "")}
        session = self.open.get(key)
        if session is None:
            session = self.open[key] = aiohttp.ClientSession(
                connector=_connector(parsed, key[1], local_dns),
                cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=True,
                skip_auto_headers=("User-Agent",))
        return session, via, auth


def _connector(proxy: URL | None, refuse: bool, local_dns: bool) -> aiohttp.BaseConnector:
    kw: dict[str, Any] = {"limit": 0, "use_dns_cache": False}
    if proxy is None or not proxy.scheme.startswith("socks"):
        return aiohttp.TCPConnector(resolver=GuardedResolver(refuse), **kw)
    from aiohttp_socks import ProxyConnector, ProxyType

    kind = ProxyType.SOCKS4 if proxy.scheme.startswith("socks4") else ProxyType.SOCKS5
    connector = ProxyConnector(proxy_type=kind, host=proxy.raw_host or "",
                               port=proxy.port or 1080, username=proxy.user,
                               password=proxy.password, rdns=not local_dns, **kw)
    if local_dns:  # look the name up here, guarded, and give the proxy the address
        connector._resolver = GuardedResolver(refuse)
    return connector
