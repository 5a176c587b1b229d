"""The sandbox's throw-away certificate authority: one leaf certificate and one server
`ssl.SSLContext` per host, issued on first use and cached.

The CA lives only in memory (and in the PEM file the sandbox writes for clients to trust); it
is created fresh for every sandbox, so nothing it signs is ever trusted outside a test run.
"""

from __future__ import annotations

import ssl
import threading

import trustme


class SandboxCA:
    """Issues and caches per-host server contexts signed by a fresh `trustme.CA`."""

    def __init__(self) -> None:
        self._ca = trustme.CA(organization_name="exposure-audit sandbox")
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._host_of: dict[int, str] = {}
        self._guard = threading.Lock()

    @property
    def pem(self) -> bytes:
        """The CA certificate, PEM-encoded (what clients must trust)."""
        return bytes(self._ca.cert_pem.bytes())

    def context_for(self, host: str) -> ssl.SSLContext:
        """The server context presenting a certificate for `host` (issued once, then cached).

        The context also switches to the right certificate when the client's SNI names another
        host than the one it asked the proxy for.
        """
        host = _bare(host)
        ctx = self._contexts.get(host)
        if ctx is not None:
            return ctx
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one issuance per host; different hosts are issued in parallel
            ctx = self._contexts.get(host)
            if ctx is None:
                ctx = self._issue(host)
                self._contexts[host] = ctx
        return ctx

    def _issue(self, host: str) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_alpn_protocols(["http/1.1"])
        ctx.num_tickets = 0  # no session tickets: fewer writes, nothing to resume anyway
        self._ca.issue_cert(host).configure_cert(ctx)
        ctx.sni_callback = self._on_sni
        self._host_of[id(ctx)] = host
        return ctx

    def _on_sni(
        self, sock: ssl.SSLObject | ssl.SSLSocket, server_name: str | None, ctx: ssl.SSLContext
    ) -> None:
        if server_name and _bare(server_name) != self._host_of.get(id(ctx)):
            try:
                sock.context = self.context_for(server_name)
            except ValueError:  # a name trustme cannot put in a certificate
                return

    def issued_hosts(self) -> frozenset[str]:
        """Hosts that have a certificate so far."""
        return frozenset(self._contexts)


def _bare(host: str) -> str:
    """Lowercase host without port and without IPv6 brackets."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host
