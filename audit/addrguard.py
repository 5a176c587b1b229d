"""The guard against page-sourced URLs that point inside the user's own network.

A URL found in page content must not make the tool reach loopback, private, link-local or
other non-public addresses (a hostile page could otherwise probe the user's router). Without a
proxy, names are resolved and every address checked; behind a proxy no DNS is done, so literal
non-public IPs and local names are refused.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain")


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


_NUMERIC_HOST = re.compile(r"[0-9a-fx.]+")


def _as_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names literally, including the shorthand IPv4 forms that
    resolvers accept (127.1, 0x7f.1, 0177.0.0.1, 2130706433)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host) and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def forbidden_reason(url: str, *, behind_proxy: bool) -> str | None:
    """Why a page-sourced URL must not be fetched, or None when it may be."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not fetched"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "URL has no host"
    single_label = "." not in host and ":" not in host
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or single_label:
        return f"{host} is a local name"
    ip = _as_ip(host)
    if ip is not None:
        return f"{host} is not a public address" if _non_public(ip) else None
    if behind_proxy:
        return None
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError:
        return None  # let the real request report the DNS failure
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if _non_public(addr):
            return f"{host} resolves to a non-public address ({addr})"
    return None
