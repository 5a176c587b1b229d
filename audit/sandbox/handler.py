"""The sandbox's per-connection HTTP handler: parses requests (proxy, tunnel and origin
forms), looks each one up in the `World` and plays the reply's behaviour on the socket.

- Absolute-form requests (``GET http://host/path``) are answered for that host.
- ``CONNECT host:port`` is accepted, TLS is terminated with a certificate for the host signed
  by the sandbox's throw-away CA (see `audit.sandbox.tls`), and the requests inside the tunnel
  are answered for that host. A tunnel whose first byte is not a TLS handshake is served as
  plain HTTP.
- Origin-form requests (``GET /path`` with a ``Host`` header) are answered for the Host.

HTTP/1.1 keep-alive, HEAD, request bodies (Content-Length or chunked) and ``Expect:
100-continue`` are supported. The handler never opens a connection of its own.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import ssl
import struct
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from audit.sandbox.log import LoggedRequest
from audit.sandbox.replies import Reply, reason_phrase

if TYPE_CHECKING:
    from audit.sandbox.server import SandboxServer

MAX_BODY = 10 * 1024 * 1024
_CHUNK = b"x" * 65536
_HOP_HEADERS = {"content-length", "transfer-encoding", "connection", "keep-alive"}


def ack_now(sock: socket.socket) -> None:
    """Acknowledge the client's last handshake message at once (Linux TCP_QUICKACK).

    Otherwise a client that leaves Nagle on holds its first request until our delayed ACK,
    about 40 ms per new tunnel.
    """
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)


def hard_close(sock: socket.socket) -> None:
    """Shut a (possibly TLS) socket down for both directions so blocked readers wake up."""
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Handler(BaseHTTPRequestHandler):
    """One client connection (or one tunnel inside it): keep-alive loop over its requests."""

    protocol_version = "HTTP/1.1"
    server_version = "exposure-audit-sandbox"
    sys_version = ""
    server: SandboxServer

    def __init__(
        self,
        request: Any,
        client_address: Any,
        server: SandboxServer,
        *,
        scheme: str = "http",
        tunnel_host: str | None = None,
    ) -> None:
        self.scheme = scheme
        self.tunnel_host = tunnel_host
        super().__init__(request, client_address, server)

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle)
        with contextlib.suppress(OSError):  # small writes must not wait for delayed ACKs
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.tunnel_host is None:
            self.server.bump("connections")
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            with contextlib.suppress(OSError, ssl.SSLError):
                super().finish()
        finally:
            self.server.untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        return

    def handle_one_request(self) -> None:
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.send_error(414)
                return
            if not self.raw_requestline or self.server.stopping.is_set():
                self.close_connection = True
                return
            if not self.parse_request():
                return
            if self.command == "CONNECT":
                self._connect()
            else:
                self._serve()
        except (TimeoutError, OSError, ssl.SSLError, ValueError):  # ValueError: bad framing
            self.close_connection = True

    # -- CONNECT ------------------------------------------------------------------------
    def _connect(self) -> None:
        self.close_connection = True
        host, _, port = self.path.rpartition(":")
        if not host or not port.isdigit():
            self.send_error(400, "CONNECT needs host:port")
            return
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.server.bump("tunnels")
        conn = self.connection
        first = conn.recv(1, socket.MSG_PEEK)
        if not first:
            return
        name = host.lower().strip("[]") if host.startswith("[") else host.lower()
        shown = host.lower() if port == "443" else f"{host.lower()}:{port}"
        if first != b"\x16":  # not a TLS handshake: plain HTTP through the tunnel
            Handler(conn, self.client_address, self.server, tunnel_host=shown)
            return
        try:
            tls = self.server.ca.context_for(name).wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError, ValueError):
            return
        ack_now(tls)
        try:
            Handler(tls, self.client_address, self.server, scheme="https", tunnel_host=shown)
        finally:
            hard_close(tls)
            tls.close()

    # -- requests -----------------------------------------------------------------------
    def _serve(self) -> None:
        target = self.path
        scheme = self.scheme
        if target.startswith(("http://", "https://")):
            parts = urlsplit(target)
            scheme = parts.scheme
            host = parts.netloc.rpartition("@")[2]
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        else:
            host = self.tunnel_host or self.headers.get("Host") or "127.0.0.1"
            if not target.startswith("/"):
                target = "/" + target
        host = _strip_default_port(host.lower(), scheme)
        body = self._read_body()
        world = self.server.world
        route = world.lookup(host, self.command, target, body)
        reply = route.reply if route is not None else world.fallback(host)
        headers = self.headers
        self.server.log.record(
            lambda: LoggedRequest(
                self.command, scheme, host, target,
                MappingProxyType({k.lower(): v for k, v in headers.items()}),
                body, time.time(), reply.status, reply.behaviour, route is not None,
            )
        )
        self._answer(reply, scheme, host, target)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        n = int(length)
        if n < 0 or n > MAX_BODY:
            raise OSError("request body too large")
        return self.rfile.read(n)

    def _read_chunked(self) -> bytes:
        out = bytearray()
        while True:
            size = int(self.rfile.readline(1024).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return bytes(out)
            out += self.rfile.read(size)
            self.rfile.readline(16)
            if len(out) > MAX_BODY:
                raise OSError("request body too large")

    def _answer(self, reply: Reply, scheme: str, host: str, target: str) -> None:
        stopping = self.server.stopping
        if reply.delay_s > 0 and stopping.wait(reply.delay_s):
            self.close_connection = True
            return
        kind = reply.behaviour
        if kind == "reset":
            self._reset()
        elif kind == "hang":
            self._hang()
        elif kind == "redirect_loop":
            loc = f"{scheme}://{host}{target}"
            self._send(302, {**reply.headers, "Location": loc}, b"", 0)
        elif kind == "huge":
            self.close_connection = True  # the client is expected to hang up mid-body
            if self._send(reply.status, reply.headers, b"", reply.huge_size):
                self._stream_huge(reply.huge_size)
        elif kind == "slow_body":
            if self._send(reply.status, reply.headers, b"", len(reply.raw)):
                self._drip(reply)
        else:
            self._send(reply.status, reply.headers, reply.raw, len(reply.raw))

    def _send(self, status: int, headers: Mapping[str, str], body: bytes, length: int) -> bool:
        """Write the status line, headers and `body`; True when a body is due at all."""
        lines = [f"HTTP/1.1 {status} {reason_phrase(status)}"]
        lines.extend(f"{k}: {v}" for k, v in headers.items() if k.lower() not in _HOP_HEADERS)
        no_body = self.command == "HEAD" or status in (204, 304) or 100 <= status < 200
        if status not in (204, 304):
            lines.append(f"Content-Length: {length}")
        lines.append("Connection: close" if self.close_connection else "Connection: keep-alive")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
        self.wfile.write(head if no_body or not body else head + body)
        return not no_body

    def _reset(self) -> None:
        """Drop the connection with a TCP reset (SO_LINGER 0), without a TLS close_notify."""
        self.close_connection = True
        sock = self.connection
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.server.untrack(sock)
            os.close(sock.detach())

    def _hang(self) -> None:
        """Answer nothing until the client leaves or the sandbox stops."""
        self.close_connection = True
        sock = self.connection
        stopping = self.server.stopping
        while not stopping.is_set():
            try:
                readable, _, _ = select.select([sock], [], [], 0.1)
                if readable and not sock.recv(4096):
                    return  # the client gave up
            except ssl.SSLWantReadError:  # half a TLS record so far
                continue
            except (OSError, ValueError, ssl.SSLError):
                return

    def _stream_huge(self, size: int) -> None:
        stopping = self.server.stopping
        sent = 0
        while sent < size and not stopping.is_set():
            piece = _CHUNK[: min(len(_CHUNK), size - sent)]
            self.wfile.write(piece)
            sent += len(piece)

    def _drip(self, reply: Reply) -> None:
        raw = reply.raw
        step = max(1, reply.drip_bytes)
        stopping = self.server.stopping
        for start in range(0, len(raw), step):
            self.wfile.write(raw[start : start + step])
            if stopping.wait(reply.drip_s):
                self.close_connection = True
                return


def _strip_default_port(host: str, scheme: str) -> str:
    if scheme == "http" and host.endswith(":80"):
        return host[:-3]
    if scheme == "https" and host.endswith(":443"):
        return host[:-4]
    return host
