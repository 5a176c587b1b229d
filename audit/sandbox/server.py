"""The loopback sandbox server: `Sandbox` serves a `World` on 127.0.0.1 as an HTTP(S) forward
proxy and origin server, and never opens a connection of its own.

The protocol work is in `audit.sandbox.handler`, certificates in `audit.sandbox.tls`, the
request record in `audit.sandbox.log`. `Sandbox.stop` closes every connection, including
hanging ones, and removes the CA file.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import socketserver
import ssl
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from audit.sandbox.handler import Handler, hard_close
from audit.sandbox.log import RequestLog
from audit.sandbox.tls import SandboxCA
from audit.sandbox.world import World


class SandboxServer(socketserver.ThreadingTCPServer):
    """Threaded TCP server on a free loopback port, tracking open sockets for a quick stop."""

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
        super().__init__(("127.0.0.1", 0), Handler)

    def bump(self, counter: str) -> None:
        with self._active_lock:
            setattr(self, counter, getattr(self, counter) + 1)

    def track(self, sock: socket.socket) -> None:
        with self._active_lock:
            self._active.add(sock)
        if self.stopping.is_set():  # accepted during shutdown
            hard_close(sock)

    def untrack(self, sock: socket.socket) -> None:
        with self._active_lock:
            self._active.discard(sock)

    def close_all(self) -> None:
        with self._active_lock:
            active = list(self._active)
        for sock in active:
            hard_close(sock)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients leaving mid-answer and failed handshakes are normal here; anything else is a
        # sandbox bug, so let the default handler print it.
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError | ssl.SSLError) or self.stopping.is_set():
            return
        super().handle_error(request, client_address)


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
        self._server: SandboxServer | None = None
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
        self._server = SandboxServer(self.world, self._ca, self.log, self._idle)
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

    def env(self, command: str = "scan") -> dict[str, str]:
        """Environment variables pointing an ``exposure-audit COMMAND`` child process at this
        sandbox (click reads ``EXPOSURE_AUDIT_<COMMAND>_<OPTION>``)."""
        prefix = f"EXPOSURE_AUDIT_{command.upper().replace('-', '_')}_"
        return {prefix + "PROXY": self.proxy_url, prefix + "CA_BUNDLE": self.ca_path}

    def warm_tls(self, hosts: Iterable[str] | None = None) -> int:
        """Issue the certificates for `hosts` (default: every host of the world) now rather
        than on each host's first CONNECT, so benchmarks time the client, not the CA.
        Returns how many hosts now have a certificate."""
        server = self._require()
        names = self.world.hosts() if hosts is None else hosts
        for host in names:
            if host != "*":
                with contextlib.suppress(ValueError):  # names no certificate can hold
                    server.ca.context_for(host)
        return len(server.ca.issued_hosts())

    def _require(self) -> SandboxServer:
        if self._server is None:
            raise RuntimeError("the sandbox is not running: use start() or a with block")
        return self._server
