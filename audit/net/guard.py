"""The guard against page-found URLs aimed inside the user's own network: which addresses are
not public, the refusal of a URL by its host alone, and `GuardedResolver`, which judges names
inside the connection (one lookup, no second one; docs/network.md).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket

from aiohttp.abc import ResolveResult
from aiohttp.resolver import ThreadedResolver

from audit.check import ForbiddenAddress, NetworkError
from audit.net.urls import parse_url

IP = ipaddress.IPv4Address | ipaddress.IPv6Address
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain")
_NUMERIC_HOST = re.compile(r"[0-9a-fx.]+")
# IPv6 ranges whose last 32 bits are an IPv4 address
_EMBEDS_V4 = tuple(map(ipaddress.IPv6Network, ("::/96", "64:ff9b::/96", "64:ff9b:1::/48")))


def non_public(ip: IP) -> bool:
    """True for loopback, private, link-local, multicast, reserved (IPv4 in IPv6 included)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and any(ip in net for net in _EMBEDS_V4):
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and non_public(inner):
            return True
    return not ip.is_global or ip.is_multicast or ip.is_reserved


def as_ip(host: str) -> IP | None:
    """The address a host names literally, including the shorthand IPv4 forms."""
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host) and any(c.isdigit() for c in host):
        with contextlib.suppress(OSError):
            return ipaddress.IPv4Address(socket.inet_aton(host))
    return None


def refuse_local(url: str) -> None:
    """ForbiddenAddress for a page-found URL aimed inside the user's network, by its host
    alone (nothing is sent, nothing logged); an unparsable URL fails later, logged."""
    scheme = url.partition(":")[0].lower()
    if scheme not in ("http", "https"):
        raise ForbiddenAddress(f"not fetched: scheme {scheme!r} is not fetched")
    try:
        host = (parse_url(url).raw_host or "").rstrip(".").lower()
    except NetworkError:
        return
    if not host:
        raise ForbiddenAddress("not fetched: URL has no host")
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or ("." not in host
                                                                 and ":" not in host):
        raise ForbiddenAddress(f"not fetched: {host} is a local name")
    ip = as_ip(host)
    if ip is not None and non_public(ip):
        raise ForbiddenAddress(f"not fetched: {host} is not a public address")


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
