"""Regression tests for the bugs a review reproduced in the former engines (issues 13, 19).

Each builds the reviewed situation on loopback (real servers, real sockets, name lookups
answered by a stand-in for a hostile DNS server) and asserts what must happen instead:
the address guard judges the address actually connected to (one lookup) and the host the
connection actually uses (one parse), secret headers stay with their host, the deadline
stops sending, environment proxies honour NO_PROXY, time limits cover the header phase,
proxy passwords are sent, and a cut page says so.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from audit.check import ForbiddenAddress, NetworkError, TimedOut
from audit.models import Reason, Status, Subject
from audit.net.client import HttpClient
from audit.net.model import HttpRequest, HttpResponse, Origin
from audit.sandbox import Sandbox, World
from audit.scan.runner import Scanner
from audit.settings import Settings
from tests.fakes import FetchCheck, registry_with
from tests.socks5 import Socks5Relay

PUBLIC = "93.184.215.14"  # a public address: the loopback guard refuses any connection to it


class Counting:
    """An HTTP server on 127.0.0.1 that answers `reply(head)` and keeps every request head."""

    def __init__(self, reply: Callable[[bytes], bytes] | None = None) -> None:
        self.reply = reply or (lambda head: b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        self.heads: list[bytes] = []
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            buf = b""
            try:
                while True:
                    while b"\r\n\r\n" not in buf:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        buf += chunk
                    head, buf = buf.split(b"\r\n\r\n", 1)
                    self.heads.append(head)
                    conn.sendall(self.reply(head))
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._sock.close()


@pytest.fixture
def server() -> Iterator[Callable[..., Counting]]:
    made: list[Counting] = []

    def make(reply: Callable[[bytes], bytes] | None = None) -> Counting:
        made.append(Counting(reply))
        return made[-1]

    yield make
    for s in made:
        s.close()


def fake_dns(
    monkeypatch: pytest.MonkeyPatch, answers: Callable[[str, int], list[str]]
) -> list[str]:
    """Names ending in .example are answered by `answers(name, call_number)` (addresses);
    the other lookups go to the loopback-only guard. Returns the names looked up."""
    inner = socket.getaddrinfo
    asked: list[str] = []

    def lookup(host, port, *args, **kw):
        name = host.decode() if isinstance(host, bytes) else host
        if isinstance(name, str) and name.endswith(".example"):
            asked.append(name)
            n = asked.count(name)
            out = []
            for addr in answers(name, n):
                fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
                p = int(port or 0)
                sa = (addr, p, 0, 0) if fam == socket.AF_INET6 else (addr, p)
                out.append((fam, socket.SOCK_STREAM, 6, "", sa))
            return out
        return inner(host, port, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return asked


def direct(**kw) -> HttpClient:
    kw.setdefault("retries", 0)
    return HttpClient(Settings(trust_env=False, **kw))


def answer_of(c: HttpClient, request: HttpRequest) -> HttpResponse | Exception:
    answers: dict[int, HttpResponse | Exception] = {}
    batch = c.send_batch([request], "test", lambda i, a: answers.__setitem__(i, a))
    assert batch.wait(20)
    return answers[0]


# ----- issue 13 ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["send", "batch"])
def test_a_dns_answer_that_changes_after_the_check_never_reaches_loopback(
    server, monkeypatch, how
):
    srv = server()
    fake_dns(monkeypatch, lambda name, n: [PUBLIC] if n == 1 else ["127.0.0.1"])
    c = direct()
    req = HttpRequest(f"http://rebind.example:{srv.port}/", origin=Origin.PAGE)
    if how == "send":
        with pytest.raises(Exception) as info:
            c.send(req)
        answer: object = info.value
    else:
        answer = answer_of(c, req)
    assert not isinstance(answer, HttpResponse)
    assert srv.heads == []  # 127.0.0.1 was never reached


def test_a_public_then_a_loopback_answer_is_refused_before_any_connection(server, monkeypatch):
    srv = server()
    fake_dns(monkeypatch, lambda name, n: [PUBLIC, "127.0.0.1"])
    c = direct()
    with pytest.raises(ForbiddenAddress, match=r"127\.0\.0\.1"):
        c.send(HttpRequest(f"http://mixed.example:{srv.port}/", origin=Origin.PAGE))
    assert srv.heads == []


def test_socks5_with_local_dns_never_hands_the_proxy_a_private_address(monkeypatch):
    world = World()
    world.page("http://fine.example/ok", "fine")
    with Sandbox(world) as sb:
        relay = Socks5Relay(sb.port)
        try:
            fake_dns(monkeypatch, lambda name, n: ["10.1.2.3"])
            c = HttpClient(Settings(proxy=relay.url.replace("socks5h", "socks5"),
                                    trust_env=False, retries=0))
            with pytest.raises(ForbiddenAddress, match=r"10\.1\.2\.3"):
                c.send(HttpRequest("http://evil.example/", origin=Origin.PAGE))
            assert relay.asked == []  # nothing reached the proxy
        finally:
            relay.close()


def test_secret_headers_do_not_follow_a_redirect_to_another_host(server):
    target = server()
    hops = server(lambda head: (
        b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: "
        + (b"/same" if b"GET /start" in head else f"http://localhost:{target.port}/x".encode())
        + b"\r\n\r\n"
    ))
    c = direct(allow_private=True)
    c.send(HttpRequest(f"http://127.0.0.1:{hops.port}/start",
                       headers={"X-Subscription-Token": "brave-secret", "Authorization": "B s",
                                "Cookie": "sid=1", "Accept": "application/json"}))
    same = hops.heads[1].lower()  # same host: the key goes along
    assert b"x-subscription-token: brave-secret" in same
    other = target.heads[0].lower()
    assert b"brave-secret" not in other
    assert b"authorization" not in other
    assert b"cookie" not in other
    assert b"accept: application/json" in other


def test_after_the_deadline_nothing_is_sent_and_every_request_sent_is_logged(server):
    srv = server(lambda head: b"HTTP/1.1 503 Busy\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n")
    settings = Settings(trust_env=False, deadline=1.5, retries=8, max_retry_wait=5,
                        allow_private=True,
                        check_options={"fetch": {"url": f"http://127.0.0.1:{srv.port}/busy"}})
    report = Scanner(registry_with(FetchCheck), settings).run(Subject(handles=("alice",)))
    sent_before = len(srv.heads)
    time.sleep(2.5)  # a retry still pending would go out now
    assert len(srv.heads) == sent_before
    assert len(report.request_log) == len(srv.heads)
    assert report.results[0].detail == "503"  # the answer: a retry would pass the deadline


def test_environment_proxies_honour_no_proxy(server, monkeypatch):
    srv = server()
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    c = HttpClient(Settings(retries=0))
    for url in (f"http://127.0.0.1:{srv.port}/a", f"http://localhost:{srv.port}/b"):
        assert c.send(HttpRequest(url)).status == 200
    assert len(srv.heads) == 2


def test_the_https_proxy_is_not_used_for_http_urls(server, monkeypatch):
    srv = server()
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    c = HttpClient(Settings(retries=0))
    assert c.send(HttpRequest(f"http://127.0.0.1:{srv.port}/a")).status == 200


# ----- issue 19 (network items) -------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "http://127.0.0.1:{port}\\@public.example/",
        "http://%31%32%37.0.0.1:{port}/",
        "http://[::127.0.0.1]:{port}/",
        "http://[64:ff9b::7f00:1]:{port}/",
        "http://user@127.0.0.1:{port}@public.example/",
    ],
)
def test_a_page_link_that_parsers_read_differently_never_reaches_loopback(
    server, monkeypatch, link
):
    srv = server()
    fake_dns(monkeypatch, lambda name, n: [PUBLIC])
    url = link.format(port=srv.port)
    c = direct()
    with pytest.raises(NetworkError):  # ForbiddenAddress is one
        c.send(HttpRequest(url, origin=Origin.PAGE))
    assert isinstance(answer_of(c, HttpRequest(url, origin=Origin.PAGE)), NetworkError)
    redirect = server(lambda head: (b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: "
                                    + url.encode() + b"\r\n\r\n"))
    with pytest.raises(NetworkError):
        direct().send(HttpRequest(f"http://127.0.0.1:{redirect.port}/go"))
    assert srv.heads == []


def test_headers_sent_one_byte_at_a_time_meet_the_time_limit(server):
    done = threading.Event()

    def trickle(conn: socket.socket, head: bytes = b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 200):
        try:
            for byte in head:
                conn.sendall(bytes([byte]))
                time.sleep(0.05)
            conn.sendall(b"\r\nContent-Length: 2\r\n\r\nok")
        except OSError:
            pass
        done.set()

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    port = sock.getsockname()[1]

    def accept() -> None:
        conn, _ = sock.accept()
        conn.recv(65536)
        trickle(conn)
        conn.close()

    threading.Thread(target=accept, daemon=True).start()
    try:
        with pytest.raises(TimedOut):
            direct(timeout=0.3).send(HttpRequest(f"http://127.0.0.1:{port}/"))
        assert not done.is_set()  # it ended while the server was still sending headers
    finally:
        sock.close()


class _AuthProxy:
    """An http proxy on loopback that wants `Proxy-Authorization` on every request (else
    407) and then relays to the sandbox proxy."""

    def __init__(self, upstream: int, token: bytes) -> None:
        self.token, self.upstream = token, upstream
        self.refused = 0
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = int(self._sock.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        from tests.socks5 import _pipe

        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(65536)
            if not chunk:
                return
            head += chunk
        if b"proxy-authorization: basic " + self.token not in head.lower().replace(
            b"basic " + self.token.lower(), b"basic " + self.token
        ):
            self.refused += 1
            conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                         b"Proxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n")
            conn.close()
            return
        up = socket.create_connection(("127.0.0.1", self.upstream))
        up.sendall(head)
        threading.Thread(target=_pipe, args=(up, conn), daemon=True).start()
        _pipe(conn, up)

    def close(self) -> None:
        self._sock.close()


def test_proxy_credentials_from_the_url_are_sent_for_http_and_https():
    import base64

    world = World()
    world.page("https://site.test/ok", "secure")
    world.page("http://plain.test/ok", "plain")
    with Sandbox(world) as sb:
        proxy = _AuthProxy(sb.port, base64.b64encode(b"ann:s3cret"))
        try:
            c = HttpClient(Settings(proxy=f"http://ann:s3cret@127.0.0.1:{proxy.port}",
                                    ca_bundle=sb.ca_path, trust_env=False, retries=0))
            assert c.send(HttpRequest("https://site.test/ok")).body == b"secure"
            assert c.send(HttpRequest("http://plain.test/ok")).body == b"plain"
            assert proxy.refused == 0
            assert "s3cret" not in repr(c.request_log)
        finally:
            proxy.close()


def test_a_dead_proxy_error_never_shows_its_password():
    c = HttpClient(Settings(proxy="http://ann:s3cret@127.0.0.1:9", trust_env=False, retries=0))
    with pytest.raises(NetworkError) as info:
        c.send(HttpRequest("http://plain.test/ok"))
    assert "s3cret" not in str(info.value)
    assert all("s3cret" not in (r.error + r.url) for r in c.request_log)


def test_a_page_over_the_cap_is_unknown_for_the_accounts_check(tmp_path):
    import json

    from audit.plugins import Registry
    from checks.accounts import AccountsCheck
    from checks.accounts.catalog import document, load_catalog
    from checks.accounts.check import MAX_BYTES

    world = World()
    world.route("127.0.0.1", "/github.com/alice", behaviour="huge", huge_size=MAX_BYTES * 2)
    with Sandbox(world) as sb:
        doc = document([next(s for s in load_catalog() if s.key == "github")])
        entry = doc["sites"][0]
        base = f"http://127.0.0.1:{sb.port}/"
        entry["profile_url"] = entry["profile_url"].replace("https://", base)
        entry["probe"]["url"] = entry["probe"]["url"].replace("https://", base)
        entry["absent"] = {"status": [200], "marker": None}  # "not found" unless the marker
        path = tmp_path / "sites.json"
        path.write_text(json.dumps(doc))
        registry = Registry()
        registry.add_check(AccountsCheck)
        settings = Settings(trust_env=False, retries=0,
                            check_options={"accounts": {"sites_file": str(path)}})
        report = Scanner(registry, settings).run(Subject(handles=("alice",)))
    (res,) = report.results
    assert res.status is Status.UNKNOWN, res
    assert res.reason is Reason.UNEXPECTED_RESPONSE
    assert "larger than the limit" in res.detail
