"""Opening connections for the event-loop engine: TCP, TLS, http CONNECT and SOCKS5.

`Connector.open` gives `audit.netloop` a connected `Pipe` for a URL's host: directly, through
an http:// proxy (absolute-form requests for http URLs, a CONNECT tunnel for https) or a
SOCKS5 proxy (socks5h sends the host name, as Tor needs; socks5 resolves it here), with the
client's TLS context. Name lookups run on the loop's helper threads; every step has the
request's time limit. `split_url` and `parse_proxy` turn URLs into what these steps need.
"""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import os
import socket
import ssl
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from audit.check import NetworkError, TimedOut
from audit.netpipe import Pipe, Timeouts, set_done
from audit.urls import redact_url

_MAX_HEAD = 64 * 1024  # largest answer to CONNECT accepted
_SAFE_TARGET = "!#$%&'()*+,/:;=?@[]~"


@dataclass(frozen=True, slots=True)
class Target:
    """Where one URL is sent: scheme, host, port, request target and Host header."""

    scheme: str
    host: str
    port: int
    path: str
    host_header: str
    authority: str  # host:port, always with the port (CONNECT)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


def split_url(url: str) -> Target:
    """The parts of an http(s) URL the engine needs; NetworkError for anything else."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise NetworkError(f"unsupported URL scheme: {redact_url(url)[:100]!r}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise NetworkError(f"bad URL {redact_url(url)[:100]!r}: {exc}") from exc
    host = parts.hostname or ""
    if not host:
        raise NetworkError(f"bad URL {redact_url(url)[:100]!r}: no host")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise NetworkError(f"bad host name in {redact_url(url)[:100]!r}: {exc}") from exc
    shown = f"[{host}]" if ":" in host else host
    default = (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    path = quote(parts.path or "/", safe=_SAFE_TARGET)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_TARGET)
    authority = f"{shown}:{port}"
    return Target(scheme, host, port, path, shown if default else authority, authority)


@dataclass(frozen=True, slots=True)
class Proxy:
    """A proxy as the loop engine speaks to it."""

    kind: str  # "http", "socks5" or "socks5h"
    host: str
    port: int
    username: str | None
    password: str | None


def parse_proxy(url: str | None) -> Proxy | None:
    """The proxy as the loop engine sees it (validated earlier by `audit.net`)."""
    if not url:
        return None
    parts = urlsplit(url)
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return Proxy(parts.scheme.lower(), parts.hostname or "", parts.port or 0, user, password)


class Connector:
    """Opens connections for one batch and keeps track of them, to close them all at the end."""

    def __init__(
        self, tls: Callable[[], ssl.SSLContext], proxy: Proxy | None, timeouts: Timeouts
    ) -> None:
        self._tls = tls  # the client's TLS context, asked for only for https
        self._proxy = proxy
        self._timeouts = timeouts
        self.open_pipes: set[Pipe] = set()

    def close_all(self) -> None:
        """Close every connection still open."""
        for pipe in list(self.open_pipes):
            pipe.close()
        self.open_pipes.clear()

    async def open(self, target: Target, timeout: float) -> tuple[Pipe, bool]:
        """A connection ready for HTTP to `target`, and whether requests on it must use the
        absolute form (plain http through an http proxy). TimedOut / NetworkError on failure."""
        proxy = self._proxy
        tls = self._tls() if target.scheme == "https" else None
        where = f"{proxy.host}:{proxy.port}" if proxy else f"{target.host}:{target.port}"
        pipe: Pipe | None = None
        try:
            if proxy is None:
                sock = await self._tcp(target.host, target.port, timeout)
                pipe = await self._wrap(sock, tls, target.host, timeout)
                return pipe, False
            sock = await self._tcp(proxy.host, proxy.port, timeout)
            pipe = await self._wrap(sock, None, proxy.host, timeout)
            if proxy.kind == "http":
                if tls is None:
                    return pipe, True
                await self._tunnel(pipe, target, timeout)
            else:
                await self._socks5(pipe, proxy, target, timeout)
            if tls is not None:
                assert pipe.transport is not None
                wrapped = await self._loop().start_tls(
                    pipe.transport, pipe, tls, server_hostname=target.host,
                    ssl_handshake_timeout=timeout,
                )
                if wrapped is None:
                    raise NetworkError(f"TLS error: no TLS session with {target.host}")
                pipe.transport = wrapped  # type: ignore[assignment]
            return pipe, False
        except TimeoutError:
            self.discard(pipe)
            raise TimedOut(f"connect timed out after {timeout:g} s: {where}") from None
        except ssl.SSLError as exc:
            self.discard(pipe)
            raise NetworkError(f"TLS error with {target.host}: {exc}") from exc
        except socket.gaierror as exc:
            self.discard(pipe)
            what = "proxy error: " if proxy else ""
            raise NetworkError(f"{what}DNS lookup failed for {where}: {exc.strerror or exc}") \
                from exc
        except OSError as exc:
            self.discard(pipe)
            if "handshake is taking longer" in str(exc):
                raise TimedOut(f"TLS handshake timed out after {timeout:g} s: {where}") from None
            what = "proxy error" if proxy else "connection failed"
            raise NetworkError(f"{what}: {where}: {exc.strerror or exc}") from exc
        except BaseException:
            self.discard(pipe)
            raise

    @staticmethod
    def _loop() -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    async def _tcp(self, host: str, port: int, timeout: float) -> socket.socket:
        """A connected non-blocking TCP socket to host:port (each address in turn)."""
        loop = self._loop()
        try:
            ip = ipaddress.ip_address(host)
            infos: list[tuple[int, tuple[Any, ...]]] = [
                (socket.AF_INET if ip.version == 4 else socket.AF_INET6, (host, port))
            ]
        except ValueError:
            def look_up() -> list[Any]:
                # the time limit starts when the lookup does, not while it waits its turn
                # (`lookup` is read on the loop's thread, once it has been assigned)
                loop.call_soon_threadsafe(lambda: self._limit_if_pending(lookup, timeout))
                return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)

            lookup = loop.run_in_executor(None, look_up)
            found = await lookup
            infos = [(family, addr) for family, _t, _p, _c, addr in found]
        error: OSError = OSError(f"no address for {host}")
        for family, addr in infos:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.setblocking(False)
                await self._sock_connect(loop, sock, addr, timeout)
                return sock
            except OSError as exc:  # the next address, if any
                sock.close()
                error = exc
            except BaseException:
                sock.close()
                raise
        raise error

    def _limit_if_pending(self, lookup: asyncio.Future[Any], timeout: float) -> None:
        if not lookup.done():
            self._timeouts.limit(lookup, timeout)

    async def _sock_connect(
        self, loop: asyncio.AbstractEventLoop, sock: socket.socket, addr: tuple[Any, ...],
        timeout: float,
    ) -> None:
        try:
            sock.connect(addr)
            return
        except (BlockingIOError, InterruptedError):
            pass
        done: asyncio.Future[None] = loop.create_future()
        fd = sock.fileno()
        loop.add_writer(fd, set_done, done)
        self._timeouts.limit(done, timeout)
        try:
            await done
        finally:
            loop.remove_writer(fd)
        err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            raise OSError(err, os.strerror(err))

    async def _wrap(
        self, sock: socket.socket, tls: ssl.SSLContext | None, host: str, timeout: float
    ) -> Pipe:
        """The connected socket as a transport with a `Pipe` (TLS handshake done if asked)."""
        loop = self._loop()
        try:
            _, pipe = await loop.create_connection(
                lambda: Pipe(loop, self._timeouts), sock=sock, ssl=tls,
                server_hostname=host if tls else None,
                ssl_handshake_timeout=timeout if tls else None,
            )
        except BaseException:
            sock.close()
            raise
        self.open_pipes.add(pipe)
        return pipe

    def discard(self, pipe: Pipe | None) -> None:
        """Close a connection and forget it."""
        if pipe is not None:
            pipe.close()
            self.open_pipes.discard(pipe)

    async def _tunnel(self, pipe: Pipe, target: Target, timeout: float) -> None:
        """HTTP CONNECT through the proxy to host:port."""
        assert self._proxy is not None
        authority = target.authority
        lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
        if self._proxy.username:
            lines.append(f"Proxy-Authorization: {basic_auth(self._proxy)}")
        pipe.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = await pipe.read(timeout)
            if not chunk:
                raise NetworkError("proxy error: the proxy closed the connection")
            head += chunk
            if len(head) > _MAX_HEAD:
                raise NetworkError("proxy error: oversized answer to CONNECT")
        first = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = first.split(" ", 2)
        if len(parts) < 2 or not parts[1].isdigit():
            raise NetworkError(f"proxy error: odd answer to CONNECT: {first[:100]!r}")
        if not 200 <= int(parts[1]) < 300:
            raise NetworkError(f"proxy error: CONNECT {authority} refused: {first[:100]}")

    async def _socks5(self, pipe: Pipe, proxy: Proxy, target: Target, timeout: float) -> None:
        """The SOCKS5 handshake (RFC 1928, user/password per RFC 1929): socks5h sends the
        name (DNS at the proxy, as Tor needs), socks5 resolves it here first."""
        methods = b"\x00\x02" if proxy.username else b"\x00"
        pipe.write(b"\x05" + bytes([len(methods)]) + methods)
        ver, method = await pipe.read_exactly(2, timeout)
        if ver != 5 or method == 0xFF:
            raise NetworkError("proxy error: the SOCKS5 proxy accepts none of our methods")
        if method == 2:
            user = (proxy.username or "").encode()[:255]
            word = (proxy.password or "").encode()[:255]
            pipe.write(b"\x01" + bytes([len(user)]) + user + bytes([len(word)]) + word)
            _v, ok = await pipe.read_exactly(2, timeout)
            if ok != 0:
                raise NetworkError("proxy error: the SOCKS5 proxy refused the user name "
                                   "or password")
        address = await self._socks_address(proxy, target)
        pipe.write(b"\x05\x01\x00" + address + struct.pack("!H", target.port))
        ver, reply, _rsv, atyp = await pipe.read_exactly(4, timeout)
        if ver != 5 or reply != 0:
            raise NetworkError(f"proxy error: SOCKS5 CONNECT to {target.host} failed "
                               f"(code {reply})")
        rest = {1: 4, 4: 16}.get(atyp)
        if rest is None:
            rest = (await pipe.read_exactly(1, timeout))[0]
        await pipe.read_exactly(rest + 2, timeout)

    async def _socks_address(self, proxy: Proxy, target: Target) -> bytes:
        try:
            ip = ipaddress.ip_address(target.host)
        except ValueError:
            ip = None
        if ip is None and proxy.kind == "socks5h":
            name = target.host.encode("ascii")
            return b"\x03" + bytes([len(name)]) + name
        if ip is None:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(target.host, target.port, type=1)
            ip = ipaddress.ip_address(infos[0][4][0])
        return (b"\x01" if ip.version == 4 else b"\x04") + ip.packed


def basic_auth(proxy: Proxy) -> str:
    """The Proxy-Authorization value for a proxy URL with a user name."""
    token = f"{proxy.username or ''}:{proxy.password or ''}".encode()
    return "Basic " + base64.b64encode(token).decode("ascii")
