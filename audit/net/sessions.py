"""The aiohttp sessions of the HTTP engine: one per proxy and guard setting, made on first
use with the connector and resolver that proxy needs (docs/network.md).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from audit.net.guard import guarded_resolver

if TYPE_CHECKING:
    import aiohttp

Key = tuple[str | None, bool]
Chosen = tuple["aiohttp.ClientSession", str | None, dict[str, str] | None]


def fd_room(wanted: int) -> int:
    """How many sockets may be open at once: `wanted`, within the open-files limit."""
    try:
        import resource
    except ImportError:  # Windows
        return max(1, min(wanted, 500))
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return wanted if soft == resource.RLIM_INFINITY else max(1, min(wanted, soft - 64))


class Sessions:
    """The sessions by proxy; `open` is what `audit.net.loop` closes at the end."""

    def __init__(self) -> None:
        self.open: dict[Key, aiohttp.ClientSession] = {}
        self._chosen: dict[Key, tuple[Key, Chosen]] = {}

    @staticmethod
    @functools.lru_cache(maxsize=16)
    def timeout(seconds: float) -> aiohttp.ClientTimeout:
        """The connect and idle-read limits of one attempt."""
        import aiohttp

        return aiohttp.ClientTimeout(sock_connect=seconds, sock_read=seconds)

    def get(self, proxy: str | None, guarded: bool) -> Chosen:
        """The session for `proxy` (`guarded`: refusing non-public answers), the proxy URL and
        the credentials aiohttp takes."""
        seen = self._chosen.get((proxy, guarded))
        if seen is not None and self.open.get(seen[0]) is seen[1][0]:  # still open
            return seen[1]
        seen = self._chosen[(proxy, guarded)] = self._choose(proxy, guarded)
        return seen[1]

    def _choose(self, proxy: str | None, guarded: bool) -> tuple[Key, Chosen]:
        import aiohttp
        from yarl import URL

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
                connector=self._connector(parsed, key[1], local_dns),
                cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=True,
                skip_auto_headers=("User-Agent",))
        return key, (session, via, auth)

    def _connector(self, proxy: Any, refuse: bool, local_dns: bool) -> aiohttp.BaseConnector:
        import aiohttp

        kw: dict[str, Any] = {"limit": 0, "use_dns_cache": False}
        if proxy is None or not proxy.scheme.startswith("socks"):
            return aiohttp.TCPConnector(resolver=guarded_resolver(refuse), **kw)
        from aiohttp_socks import ProxyConnector, ProxyType

        kind = ProxyType.SOCKS4 if proxy.scheme.startswith("socks4") else ProxyType.SOCKS5
        connector = ProxyConnector(proxy_type=kind, host=proxy.raw_host or "",
                                   port=proxy.port or 1080, username=proxy.user,
                                   password=proxy.password, rdns=not local_dns, **kw)
        if local_dns:  # look the name up here, guarded, and give the proxy the address
            connector._resolver = guarded_resolver(refuse)
        return connector
