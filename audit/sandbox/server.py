"""The loopback sandbox server: an HTTP forward proxy (and plain origin server) on 127.0.0.1
that answers every request from a `World`, and never opens a connection of its own.

- Absolute-form requests (``GET http://host/path``) are answered for that host.
- ``CONNECT host:port`` is accepted, TLS is terminated with a certificate for the host signed
  by the sandbox's throw-away CA (see `audit.sandbox.tls`), and the requests inside the tunnel
  are answered for that host. A tunnel whose first byte is not a TLS handshake is served as
  plain HTTP.
- Origin-form requests (``GET /path`` with a ``Host`` header) are answered for the Host, so
  tests can use the sandbox as an ordinary web server.

HTTP/1.1 keep-alive, HEAD, request bodies (Content-Length or chunked) and ``Expect:
100-continue`` are supported. `Sandbox.stop` closes every connection, including hanging ones.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import socket
import socketserver
import ssl
import struct
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, overload
from urllib.parse import urlsplit

from audit.sandbox.tls import SandboxCA
from audit.sandbox.world import Reply, World, reason_phrase

MAX_BODY = 10 * 1024 * 1024
_CHUNK = b"x" * 65536
_HOP_HEADERS = {"content-length", "transfer-encoding", "connection", "keep-alive"}


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request the sandbox answered. `headers` keys are lowercase; `time` is epoch s."""

    method: str
    scheme: str
    host: str
    path: str
    headers: Mapping[str, str]
    body: bytes
    time: float
    status: int
    behaviour: str
    matched: bool

    @property
    def url(self) -> str:
        """The full URL that was requested."""
        return f"{self.scheme}://{self.host}{self.path}"


class RequestLog(Sequence[LoggedRequest]):
    """Thread-safe, append-only record of served requests (`total` counts even when the
    sandbox keeps no entries)."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.total = 0
        self._items: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def record(self, entry_factory: Any) -> None:
        """Count one request; build and keep its entry when keeping entries."""
        with self._lock:
            self.total += 1
        if self.keep:
            entry = entry_factory()
            with self._lock:
                self._items.append(entry)

    @overload
    def __getitem__(self, index: int) -> LoggedRequest: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[LoggedRequest]: ...
    def __getitem__(self, index: int | slice) -> LoggedRequest | Sequence[LoggedRequest]:
        with self._lock:
            return self._items[index]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __iter__(self) -> Iterator[LoggedRequest]:
        with self._lock:
            return iter(list(self._items))

    def snapshot(self) -> list[LoggedRequest]:
        """A copy of the entries so far."""
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        """Forget the entries and reset the count."""
        with self._lock:
            self._items.clear()
            self.total = 0

    def urls(self) -> list[str]:
        """The URL of every kept entry, in order."""
        return [e.url for e in self.snapshot()]

    def hosts(self) -> set[str]:
        """Every host that received a request."""
        return {e.host for e in self.snapshot()}


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 1024

    def __init__(self, world: World, ca: SandboxCA, log: RequestLog, idle: float) -> None:
        self.world = world
        self.ca = ca
        self.log = log
        self.idle = idle
        self.stopping = threading.Event()
        self.tunnels = 0
        self.connections = 0
        self._active: set[socket.socket] = set()
        self._active_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def bump(self, counter: str) -> None:
        with self._active_lock:
            setattr(self, counter, getattr(self, counter) + 1)

    def track(self, sock: socket.socket) -> None:
        with self._active_lock:
            self._active.add(sock)
        if self.stopping.is_set():  # accepted during shutdown
            _hard_close(sock)

    def untrack(self, sock: socket.socket) -> None:
        with self._active_lock:
            self._active.discard(sock)

    def close_all(self) -> None:
        with self._active_lock:
            active = list(self._active)
        for sock in active:
            _hard_close(sock)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients leaving mid-answer and failed handshakes are normal here; anything else is a
        # sandbox bug, so let the default handler print it.
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, OSError | ssl.SSLError) or self.stopping.is_set():
            return
        super().handle_error(request, client_address)


def _hard_close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "exposure-audit-sandbox"
    sys_version = ""
    server: _Server

    def __init__(
        self,
        request: Any,
        client_address: Any,
        server: _Server,
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
        except (TimeoutError, OSError, ssl.SSLError):
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
            _Handler(conn, self.client_address, self.server, tunnel_host=shown)
            return
        try:
            tls = self.server.ca.context_for(name).wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError, ValueError):
            return
        try:
            _Handler(tls, self.client_address, self.server, scheme="https", tunnel_host=shown)
        finally:
            _hard_close(tls)
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
        self.close_connection = True
        sock = self.connection
        stopping = self.server.stopping
        while not stopping.is_set():
            try:
                readable, _, _ = select.select([sock], [], [], 0.1)
                if readable and not sock.recv(4096):
                    return
            except (OSError, ValueError, ssl.SSLError):
                return

    def _stream_huge(self, size: int) -> None:
        self.close_connection = True
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


class Sandbox:
    """Serve a `World` on 127.0.0.1 as a forward proxy and origin server.

    ``with Sandbox(world) as sb:`` then point a client at `proxy_url` and trust `ca_path`.
    `log` records every answered request (turn entries off with ``keep_log=False`` for
    benchmarks; `log.total` still counts). Unknown hosts and paths get the world's default
    reply (404) unless the world sets `World.unknown_host`.
    """

    def __init__(self, world: World, *, keep_log: bool = True, idle_timeout: float = 30.0):
        self.world = world
        self.log = RequestLog(keep_log)
        self._idle = idle_timeout
        self._ca: SandboxCA | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._dir: Path | None = None

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> Sandbox:
        """Create the CA, bind a free loopback port and serve in a background thread."""
        if self._server is not None:
            return self
        self._ca = SandboxCA()
        self._dir = Path(tempfile.mkdtemp(prefix="audit-sandbox-"))
        (self._dir / "ca.pem").write_bytes(self._ca.pem)
        self._server = _Server(self.world, self._ca, self.log, self._idle)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, drop every open connection (hanging ones too), remove the CA file."""
        server, self._server = self._server, None
        if server is None:
            return
        server.stopping.set()
        server.shutdown()
        server.server_close()
        server.close_all()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what clients need --------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True between start and stop."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The loopback port the sandbox listens on."""
        return int(self._require().server_address[1])

    @property
    def proxy_url(self) -> str:
        """``http://127.0.0.1:PORT``: use it as the HTTP and HTTPS proxy."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin_url(self) -> str:
        """The same address, for requests sent straight to the sandbox (origin form)."""
        return self.proxy_url

    @property
    def proxies(self) -> dict[str, str]:
        """A `requests`-style proxies mapping."""
        return {"http": self.proxy_url, "https": self.proxy_url}

    @property
    def ca_pem(self) -> bytes:
        """The throw-away CA certificate, PEM."""
        self._require()
        assert self._ca is not None
        return self._ca.pem

    @property
    def ca_path(self) -> str:
        """Path of a PEM file holding the CA certificate (removed on stop)."""
        self._require()
        assert self._dir is not None
        return str(self._dir / "ca.pem")

    @property
    def tunnels(self) -> int:
        """How many CONNECT tunnels were opened so far."""
        return self._require().tunnels

    @property
    def connections(self) -> int:
        """How many TCP connections clients opened to the sandbox so far."""
        return self._require().connections

    def cli_args(self) -> list[str]:
        """``--proxy URL --ca-bundle PATH`` for the exposure-audit command line."""
        return ["--proxy", self.proxy_url, "--ca-bundle", self.ca_path]

    def env(self) -> dict[str, str]:
        """Environment variables for a child process using this sandbox."""
        return {
            "EXPOSURE_AUDIT_PROXY": self.proxy_url,
            "EXPOSURE_AUDIT_CA_BUNDLE": self.ca_path,
        }

    def _require(self) -> _Server:
        if self._server is None:
            raise RuntimeError("the sandbox is not running: use start() or a with block")
        return self._server
