"""The HTTP engine (`HttpClient.send_batch`, on aiohttp) against real loopback
servers: the sandbox proxy, a SOCKS5 relay and small socket servers started here."""

from __future__ import annotations

import gzip
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.check import ForbiddenAddress, NetworkError, TimedOut, UnexpectedResponse
from audit.models import Subject
from audit.net.client import HttpClient
from audit.net.model import HttpRequest, HttpResponse
from audit.plugins import Registry
from audit.sandbox import Sandbox, World
from audit.scan.runner import Scanner
from audit.settings import Settings
from tests.socks5 import Socks5Relay

# ----- helpers ----------------------------------------------------------------------------


def run_batch(
    c: HttpClient, requests: list[HttpRequest], check: str = "test", timeout: float = 15
) -> dict[int, HttpResponse | Exception]:
    """Send `requests` as one batch; the answers by index."""
    answers: dict[int, HttpResponse | Exception] = {}
    lock = threading.Lock()

    def on_done(i: int, answer: HttpResponse | Exception) -> None:
        with lock:
            assert i not in answers, "on_done called twice for one request"
            answers[i] = answer

    batch = c.send_batch(requests, check, on_done)
    assert batch.wait(timeout), "the batch did not end"
    return answers


def one(c: HttpClient, request: HttpRequest) -> HttpResponse | Exception:
    return run_batch(c, [request])[0]


def ok(answer: HttpResponse | Exception) -> HttpResponse:
    assert isinstance(answer, HttpResponse), f"expected a response, got {answer!r}"
    return answer


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return int(port)


Reply = tuple[int, dict[str, str], bytes]


class Server:
    """A small threaded HTTP/1.1 server on 127.0.0.1 with keep-alive, that counts accepted
    connections and requests in flight. `answer(path)` gives status, headers and body, or
    None to hang. `hold` keeps each request in flight that long before answering;
    `close_after_answer` closes the connection after each answer while still announcing
    keep-alive (a server dropping idle connections); `drop_next` answers the first request of
    each connection, then drops the connection when the next request arrives, without an
    answer: "fin" after reading it (a clean close), "rst" without reading it (the kernel then
    resets the connection); `raw` sends those bytes and closes."""

    def __init__(
        self,
        answer: Callable[[str], Reply | None] | None = None,
        *,
        hold: float = 0.0,
        close_after_answer: bool = False,
        drop_next: str | None = None,
        raw: bytes | None = None,
        flight: Flight | None = None,
    ) -> None:
        self.answer = answer or (lambda path: (200, {}, b"hello " + path.encode()))
        self.hold = hold
        self.close_after_answer = close_after_answer
        self.drop_next = drop_next
        self.raw = raw
        self.flight = flight or Flight()
        self.connections = 0
        self.paths: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.1)
        self.port = int(self._sock.getsockname()[1])
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        answered = 0
        try:
            while not self._stop.is_set():
                if answered and self.drop_next == "rst":
                    conn.recv(1, socket.MSG_PEEK)  # the next request is here: reset
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                    return
                while b"\r\n\r\n" not in buf:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, buf = buf.split(b"\r\n\r\n", 1)
                path = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
                with self._lock:
                    self.paths.append(path)
                if answered and self.drop_next == "fin":
                    return
                if self.raw is not None:
                    conn.sendall(self.raw)
                    return
                reply = self.answer(path)
                with self.flight:
                    if self.hold:
                        time.sleep(self.hold)
                if reply is None:
                    self._stop.wait(30)
                    return
                status, headers, body = reply
                lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}"]
                lines += [f"{k}: {v}" for k, v in headers.items()]
                conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
                answered += 1
                if self.close_after_answer:
                    return
        except OSError:
            return
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        with self._lock:
            for c in self._conns:
                try:
                    c.close()
                except OSError:
                    pass


class Flight:
    """Counts requests being served at once, and the most seen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.most = 0

    def __enter__(self) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.now -= 1


@pytest.fixture
def server_factory():
    made: list[Server] = []

    def make(*args, **kw) -> Server:
        s = Server(*args, **kw)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def direct(sleeps: list[float] | None = None, **kw) -> HttpClient:
    settings = Settings(trust_env=False, **kw)
    return HttpClient(settings, sleep=(sleeps.append if sleeps is not None else lambda s: None))


def _world() -> World:
    w = World()
    w.page("https://site.test/ok", "<html>hello</html>", headers={"X-Thing": "Yes"})
    w.page("https://other.test/ok", "<html>other</html>")
    w.page("http://plain.test/ok", "<html>plain</html>")
    w.route("site.test", "/limited", status=429, body="slow down", headers={"Retry-After": "1"})
    w.route("site.test", "/limited-long", status=429, body="x", headers={"Retry-After": "3600"})
    w.route("site.test", "/busy", status=503, body="busy")
    w.route("site.test", "/huge", behaviour="huge", huge_size=5_000_000)
    w.route("site.test", "/hang", behaviour="hang")
    w.route("site.test", "/reset", behaviour="reset")
    w.route("site.test", "/drip", behaviour="slow_body", body="x" * 5000, drip_bytes=1,
            drip_s=0.1)
    w.route("site.test", "/loop", behaviour="redirect_loop")
    w.redirect("https://site.test/moved", "https://site.test/ok")
    return w


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(_world()) as sb:
        yield sb


def via(sb, sleeps: list[float] | None = None, **kw) -> HttpClient:
    settings = Settings(
        proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False, **kw
    )
    return HttpClient(settings, sleep=(sleeps.append if sleeps is not None else lambda s: None))


# ----- 1. through the sandbox proxy -------------------------------------------------------


def test_https_through_the_proxy_and_plain_http_in_absolute_form(sandbox):
    c = via(sandbox)
    answers = run_batch(c, [HttpRequest("https://site.test/ok"),
                            HttpRequest("http://plain.test/ok")])
    tls, plain = ok(answers[0]), ok(answers[1])
    assert (tls.status, tls.body) == (200, b"<html>hello</html>")
    assert tls.headers["x-thing"] == "Yes"
    assert all(k == k.lower() for k in tls.headers)
    assert tls.header("content-type").startswith("text/html")
    assert (plain.status, plain.body) == (200, b"<html>plain</html>")
    seen = {(r.host, r.scheme) for r in sandbox.log.snapshot()}
    assert ("site.test", "https") in seen
    assert ("plain.test", "http") in seen


# ----- 2. direct connections ----------------------------------------------------------------


def test_direct_connection(server_factory):
    srv = server_factory()
    resp = ok(one(direct(), HttpRequest(srv.base + "/a?b=1")))
    assert (resp.status, resp.body) == (200, b"hello /a?b=1")


def test_keep_alive_reuses_one_connection(server_factory):
    srv = server_factory()
    c = direct(per_host=1)
    answers = run_batch(c, [HttpRequest(srv.base + "/1"), HttpRequest(srv.base + "/2")])
    assert {ok(a).body for a in answers.values()} == {b"hello /1", b"hello /2"}
    assert srv.connections == 1


def test_server_closing_each_connection_after_answering(server_factory):
    # the close races with the next request: it may be seen before reuse (FIN processed),
    # or only when the request is written (reset); both must end in an answer
    srv = server_factory(close_after_answer=True)
    c = direct(per_host=1, retries=0)
    answers = run_batch(c, [HttpRequest(srv.base + f"/{i}") for i in range(3)])
    assert sorted(ok(a).body for a in answers.values()) == [b"hello /0", b"hello /1",
                                                            b"hello /2"]
    assert srv.connections == 3


def test_kept_alive_connection_closed_cleanly_is_retried_on_a_new_one(server_factory):
    srv = server_factory(drop_next="fin")
    c = direct(per_host=1, retries=0)
    answers = run_batch(c, [HttpRequest(srv.base + "/0"), HttpRequest(srv.base + "/1")])
    assert sorted(ok(a).body for a in answers.values()) == [b"hello /0", b"hello /1"]
    assert srv.connections == 2


def test_kept_alive_connection_reset_is_retried_on_a_new_one(server_factory):
    srv = server_factory(drop_next="rst")
    c = direct(per_host=1, retries=0)
    answers = run_batch(c, [HttpRequest(srv.base + "/0"), HttpRequest(srv.base + "/1")])
    assert sorted(ok(a).body for a in answers.values()) == [b"hello /0", b"hello /1"]
    assert srv.connections == 2


# ----- 3. socks5h ---------------------------------------------------------------------------


def test_socks5h_sends_the_host_name(sandbox):
    relay = Socks5Relay(sandbox.port)
    try:
        c = HttpClient(Settings(proxy=relay.url, ca_bundle=sandbox.ca_path, trust_env=False))
        answers = run_batch(c, [HttpRequest("http://plain.test/ok"),
                                HttpRequest("http://site.test/none")])
    finally:
        relay.close()
    # (the relay leads to the sandbox's plain-HTTP side: no TLS behind it)
    assert ok(answers[0]).body == b"<html>plain</html>"
    assert ok(answers[1]).status == 404
    assert sorted(a[:2] for a in relay.asked) == [(3, "plain.test"), (3, "site.test")]


def test_socks5_user_and_password(sandbox):
    relay = Socks5Relay(sandbox.port, login=("alice", "s3cret"))
    port = relay.server_address[1]
    try:
        good = HttpClient(Settings(proxy=f"socks5h://alice:s3cret@127.0.0.1:{port}",
                                   trust_env=False, retries=0))
        bad = HttpClient(Settings(proxy=f"socks5h://alice:wrong@127.0.0.1:{port}",
                                  trust_env=False, retries=0))
        answer = one(good, HttpRequest("http://plain.test/ok"))
        refused = one(bad, HttpRequest("http://plain.test/ok"))
    finally:
        relay.close()
    assert ok(answer).body == b"<html>plain</html>"
    assert isinstance(refused, NetworkError)
    assert "proxy" in str(refused).lower()
    assert relay.logins == [("alice", "s3cret"), ("alice", "wrong")]
    assert len(relay.asked) == 1  # the refused client never got to ask for a host


# ----- 4. retries ---------------------------------------------------------------------------


def test_429_with_retry_after_is_retried(sandbox):
    sleeps: list[float] = []
    c = via(sandbox, sleeps, retries=2)
    resp = ok(one(c, HttpRequest("https://site.test/limited")))
    assert resp.status == 429
    assert sleeps == [1.0, 1.0]
    assert [r.status for r in c.request_log] == [429, 429, 429]


def test_429_beyond_the_cap_is_returned_without_waiting(sandbox):
    sleeps: list[float] = []
    c = via(sandbox, sleeps, retries=2, max_retry_wait=10)
    assert ok(one(c, HttpRequest("https://site.test/limited-long"))).status == 429
    assert sleeps == []
    assert len(c.request_log) == 1


def test_503_is_retried_with_backoff(sandbox):
    sleeps: list[float] = []
    c = via(sandbox, sleeps=sleeps, retries=2)
    assert ok(one(c, HttpRequest("https://site.test/busy"))).status == 503
    assert sleeps == [0.5, 1.0]
    assert len(c.request_log) == 3


def test_retry_then_success(server_factory):
    calls: list[str] = []

    def answer(path: str) -> Reply:
        calls.append(path)
        return (503, {}, b"busy") if len(calls) == 1 else (200, {}, b"fine")

    srv = server_factory(answer)
    sleeps: list[float] = []
    resp = ok(one(direct(sleeps=sleeps, retries=2), HttpRequest(srv.base + "/x")))
    assert (resp.status, resp.body, sleeps) == (200, b"fine", [0.5])


# ----- 5. body cap and gzip -----------------------------------------------------------------


def test_body_is_capped(sandbox):
    resp = ok(one(via(sandbox), HttpRequest("https://site.test/huge", max_bytes=100_000)))
    assert resp.truncated
    assert len(resp.body) == 100_000


def test_gzip_body_is_decoded(server_factory):
    srv = server_factory(lambda p: (200, {"Content-Encoding": "gzip"}, gzip.compress(b"zipped!")))
    resp = ok(one(direct(), HttpRequest(srv.base + "/z")))
    assert (resp.body, resp.truncated) == (b"zipped!", False)


def test_gzip_bomb_is_cut_at_the_cap_of_the_decoded_size(server_factory):
    bomb = gzip.compress(b"\0" * 10_000_000, compresslevel=9)
    assert len(bomb) < 20_000
    srv = server_factory(lambda p: (200, {"Content-Encoding": "gzip"}, bomb))
    resp = ok(one(direct(), HttpRequest(srv.base + "/bomb", max_bytes=50_000)))
    assert resp.truncated
    assert len(resp.body) == 50_000
    assert set(resp.body) == {0}


# ----- 6. time limits and transport failures ------------------------------------------------


def test_hanging_server_times_out(sandbox):
    assert isinstance(one(via(sandbox, timeout=0.3), HttpRequest("https://site.test/hang")),
                      TimedOut)


def test_hanging_direct_server_times_out(server_factory):
    srv = server_factory(lambda p: None)
    answer = one(direct(timeout=0.3, retries=0), HttpRequest(srv.base + "/h"))
    assert isinstance(answer, TimedOut)


def test_trickling_body_times_out(sandbox):
    answer = one(via(sandbox, timeout=0.3, retries=0), HttpRequest("https://site.test/drip"))
    assert isinstance(answer, TimedOut)
    assert "still arriving" in str(answer)


def test_connection_reset_is_a_network_error(sandbox):
    answer = one(via(sandbox, retries=0), HttpRequest("https://site.test/reset"))
    assert isinstance(answer, NetworkError)


@pytest.mark.parametrize("proxy", ["http://127.0.0.1:{port}", "socks5h://127.0.0.1:{port}"])
def test_dead_proxy_is_a_network_error(proxy):
    c = HttpClient(Settings(proxy=proxy.format(port=closed_port()), trust_env=False, retries=0))
    answers = run_batch(c, [HttpRequest("https://site.test/ok"), HttpRequest("http://x.test/")])
    for answer in answers.values():
        assert isinstance(answer, NetworkError)
        assert "proxy" in str(answer).lower()


def test_connection_refused_is_a_network_error():
    answer = one(direct(retries=0), HttpRequest(f"http://127.0.0.1:{closed_port()}/"))
    assert isinstance(answer, NetworkError)


# ----- 7. redirects -------------------------------------------------------------------------


def test_redirects(sandbox):
    c = via(sandbox)
    answers = run_batch(c, [
        HttpRequest("https://site.test/moved"),
        HttpRequest("https://site.test/moved", follow_redirects=False),
        HttpRequest("https://site.test/loop"),
    ])
    followed, kept, looped = ok(answers[0]), ok(answers[1]), answers[2]
    assert (followed.status, followed.body) == (200, b"<html>hello</html>")
    assert followed.redirects == ("https://site.test/moved",)
    assert followed.url == "https://site.test/ok"
    assert kept.status == 302
    assert kept.header("location") == "https://site.test/ok"
    assert kept.redirects == ()
    assert isinstance(looped, UnexpectedResponse)
    assert "redirect" in str(looped)


def test_redirect_to_a_local_address_is_refused_and_not_sent(server_factory):
    target = server_factory()
    w = World()
    w.redirect("https://site.test/to-local", f"http://127.0.0.1:{target.port}/admin")
    w.redirect("https://site.test/to-nine", "http://127.0.0.1:9/admin")
    with Sandbox(w) as sb:
        c = via(sb)
        answers = run_batch(c, [HttpRequest("https://site.test/to-local"),
                                HttpRequest("https://site.test/to-nine")])
        hosts = sb.log.hosts()
    assert isinstance(answers[0], ForbiddenAddress)
    assert isinstance(answers[1], ForbiddenAddress)
    assert target.connections == 0
    assert "127.0.0.1" not in hosts
    assert sorted(r.url for r in c.request_log) == ["https://site.test/to-local",
                                                     "https://site.test/to-nine"]


# ----- 8. request log and broken sites ------------------------------------------------------


def test_request_log(sandbox):
    c = via(sandbox, timeout=0.3, retries=0)
    run_batch(c, [HttpRequest("https://site.test/ok?api_key=SECRET&q=1", sends=("handle",)),
                  HttpRequest("https://site.test/hang", sends=("email",))], check="accounts")
    log = sorted(c.request_log, key=lambda r: r.url)
    assert len(log) == 2
    hung, okay = log
    assert okay.method == "GET"
    assert "SECRET" not in okay.url
    assert okay.url == "https://site.test/ok?api_key=REDACTED&q=1"
    assert (okay.status, okay.check, okay.sends, okay.error) == (200, "accounts", ("handle",), "")
    assert hung.url == "https://site.test/hang"
    assert (hung.status, hung.check, hung.sends) == (None, "accounts", ("email",))
    assert "timed out" in hung.error


def test_garbage_answer_is_a_network_error_and_the_batch_goes_on(server_factory):
    bad = server_factory(raw=b"\x00\x01garbage that is not HTTP\r\n\r\n")
    good = server_factory()
    c = direct(retries=0)
    answers = run_batch(c, [HttpRequest(bad.base + "/x"), HttpRequest(good.base + "/y"),
                            HttpRequest(f"http://127.0.0.1:{closed_port()}/z")])
    assert isinstance(answers[0], NetworkError)
    assert ok(answers[1]).body == b"hello /y"
    assert isinstance(answers[2], NetworkError)
    assert len(c.request_log) == 3


# ----- 9. limits on requests in flight ------------------------------------------------------


def test_per_host_cap_is_measured_at_the_server(server_factory):
    srv = server_factory(hold=0.05)
    c = direct(per_host=2, concurrency=50)
    answers = run_batch(c, [HttpRequest(srv.base + f"/{i}") for i in range(10)])
    assert all(ok(a).status == 200 for a in answers.values())
    assert len(answers) == 10
    assert srv.flight.most == 2


def test_overall_concurrency_over_many_hosts(server_factory):
    flight = Flight()
    servers = [server_factory(hold=0.05, flight=flight) for _ in range(6)]
    c = direct(per_host=4, concurrency=3)
    answers = run_batch(c, [HttpRequest(s.base + f"/{i}") for s in servers for i in range(2)])
    assert len(answers) == 12
    assert all(ok(a).status == 200 for a in answers.values())
    assert flight.most == 3


# ----- 10. cancel ---------------------------------------------------------------------------


def test_cancel_stops_the_batch_and_sends_nothing_more(server_factory):
    srv = server_factory(lambda p: None)
    c = direct(concurrency=2, per_host=10, timeout=30, retries=0)
    done: list[int] = []
    batch = c.send_batch([HttpRequest(srv.base + f"/{i}") for i in range(6)], "t",
                         lambda i, a: done.append(i))
    deadline = time.monotonic() + 5
    while len(srv.paths) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(srv.paths) == 2
    assert not batch.wait(0.2)  # still waiting for the hanging server
    batch.cancel()
    assert batch.wait(5)
    time.sleep(0.2)
    assert len(srv.paths) == 2
    assert len(c.request_log) == 2
    assert done == []


def test_empty_batch_ends(sandbox):
    assert run_batch(via(sandbox), []) == {}


# ----- end to end through the runner --------------------------------------------------------


def _accounts_world() -> World:
    w = World()
    w.page("http://127.0.0.1/github.com/alice",
           '<span class="p-nickname vcard-username">alice</span>'
           '<span class="p-name">Alice</span><a rel="me" href="https://alice.example/">x</a>')
    w.json("http://127.0.0.1/mastodon.social/api/v1/accounts/lookup?acct=alice",
           {"id": "1", "acct": "alice", "display_name": "Alice M"})
    w.route("127.0.0.1", "/mastodon.social/api/v1/accounts/lookup*", status=404,
            body='{"error": "Record not found"}', headers={"Content-Type": "application/json"})
    return w


def _sites_file(tmp_path: Path, port_host: str) -> Path:
    from checks.accounts.catalog import document, load_catalog

    catalog = {s.key: s for s in load_catalog()}
    doc = document([catalog["github"], catalog["mastodon.social"]])
    for entry in doc["sites"]:
        entry["profile_url"] = entry["profile_url"].replace("https://", f"http://{port_host}/")
        entry["probe"]["url"] = entry["probe"]["url"].replace("https://", f"http://{port_host}/")
    path = tmp_path / "sites.json"
    path.write_text(json.dumps(doc))
    return path


def test_scanner_results_through_the_engine(tmp_path):
    from checks.accounts import AccountsCheck

    with Sandbox(_accounts_world()) as sb:
        path = _sites_file(tmp_path, f"127.0.0.1:{sb.port}")
        registry = Registry()
        registry.add_check(AccountsCheck)
        settings = Settings(trust_env=False, check_options={"accounts": {"sites_file": str(path)}})
        report = Scanner(registry, settings).run(Subject(handles=("alice", "bob")))
    statuses = {r.target: r.status.value for r in report.results}
    assert statuses["GitHub (alice)"] == "found"
    assert statuses["GitHub (bob)"] == "not_found"
    assert len([r for r in report.request_log if r.sends]) == 4
    assert len(report.request_log) == 6  # and one control request per site (no personal data)
