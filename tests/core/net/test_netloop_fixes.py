"""Hostile and odd servers against the HTTP engine (kept from the review of the former
event-loop engine, now run against aiohttp).

Each test builds the reviewed situation on loopback (real servers, real sockets) and asserts
the behaviour: connection reuse, caller errors in `on_done`, slow name lookups, endless 1xx
answers, secrets in error texts, cancel, multi-member gzip, repeated headers, IDNA host
names and unparsable URLs.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from audit.check import ForbiddenAddress, NetworkError, TimedOut
from audit.net.model import HttpRequest, HttpResponse, Origin
from audit.net.urls import parse_url
from tests.core.net.test_netloop import Server, direct, ok, run_batch

Answer = HttpResponse | Exception

# ----- helpers ----------------------------------------------------------------------------


class Raw:
    """A raw-socket server on 127.0.0.1 listening on `ports` ports; `handler(conn, server)`
    does whatever it likes with each connection. Counts connections accepted and open."""

    def __init__(self, handler: Callable[[socket.socket, Raw], None], ports: int = 1) -> None:
        self.handler = handler
        self.stop = threading.Event()
        self.accepted = 0
        self.open_now = 0
        self.most_open = 0
        self.heads: list[bytes] = []
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self._socks: list[socket.socket] = []
        for _ in range(ports):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.listen(128)
            s.settimeout(0.1)
            self._socks.append(s)
            threading.Thread(target=self._accept, args=(s,), daemon=True).start()
        self.ports = [int(s.getsockname()[1]) for s in self._socks]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.ports[0]}"

    def _accept(self, sock: socket.socket) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                self.open_now += 1
                self.most_open = max(self.most_open, self.open_now)
                self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            self.handler(conn, self)
        except OSError:
            pass
        finally:
            with self._lock:
                self.open_now -= 1
            conn.close()

    def read_head(self, conn: socket.socket) -> bytes:
        """One request head (b"" when the client closed first); kept in `heads`."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return b""
            data += chunk
        with self._lock:
            self.heads.append(data)
        return data

    def close(self) -> None:
        self.stop.set()
        with self._lock:
            for s in [*self._socks, *self._conns]:
                try:
                    s.close()
                except OSError:
                    pass


@pytest.fixture
def raw() -> Iterator[Callable[..., Raw]]:
    made: list[Raw] = []

    def make(handler: Callable[[socket.socket, Raw], None], ports: int = 1) -> Raw:
        r = Raw(handler, ports)
        made.append(r)
        return r

    yield make
    for r in made:
        r.close()


@pytest.fixture
def servers() -> Iterator[Callable[..., Server]]:
    made: list[Server] = []

    def make(*args: object, **kw: object) -> Server:
        s = Server(*args, **kw)  # type: ignore[arg-type]
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def reply(body: bytes = b"ok", head: str = "") -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n{head}\r\n").encode() + body


def keep_alive(conn: socket.socket, srv: Raw) -> None:
    """Answers every request of the connection, after 20 ms, until the client closes it or
    asks for the connection to be closed (as HTTP/1.1 servers must)."""
    while head := srv.read_head(conn):
        time.sleep(0.02)
        conn.sendall(reply())
        if b"connection: close" in head.lower():
            return


class Lookups:
    """Counts the fake name lookups running at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.done = 0

    def __enter__(self) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.now -= 1
            self.done += 1


def slow_names(monkeypatch: pytest.MonkeyPatch, delay: float) -> Lookups:
    """Names ending in .test resolve to 127.0.0.1 after `delay` seconds (wrapping the
    loopback-only guard's getaddrinfo)."""
    inner = socket.getaddrinfo
    lookups = Lookups()

    def lookup(host: object, port: object, *args: object, **kw: object) -> object:
        name = host.decode() if isinstance(host, bytes) else host
        if isinstance(name, str) and name.endswith(".test"):
            with lookups:
                time.sleep(delay)
            return inner("127.0.0.1", port, *args, **kw)  # type: ignore[arg-type]
        return inner(host, port, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return lookups


# ----- 1. idle keep-alive connections -------------------------------------------------------


def test_idle_connections_are_closed_once_their_host_is_done(raw):
    # 40 hosts (ports) that keep connections alive, one request each, 5 at a time: the
    # engine must not hold on to 40 idle sockets until the batch ends (a 10,000-site sweep
    # runs out of file descriptors that way): the last request to a host says
    # "Connection: close"
    srv = raw(keep_alive, ports=40)
    c = direct(concurrency=5, per_host=4, timeout=5)
    answers = run_batch(c, [HttpRequest(f"http://127.0.0.1:{p}/x") for p in srv.ports])
    assert len(answers) == 40
    assert all(ok(a).body == b"ok" for a in answers.values())
    assert srv.accepted == 40
    assert srv.most_open <= 10  # about `concurrency`; 40 when idle ones were kept


def test_two_requests_to_one_host_still_share_a_connection(raw, servers):
    others = raw(keep_alive, ports=12)
    twice = servers()
    c = direct(concurrency=4, per_host=1)
    reqs = [HttpRequest(f"http://127.0.0.1:{p}/x") for p in others.ports]
    reqs[3:3] = [HttpRequest(twice.base + "/1")]
    reqs += [HttpRequest(twice.base + "/2"), HttpRequest(twice.base + "/3")]
    answers = run_batch(c, reqs)
    assert len(answers) == 15
    assert all(ok(a).status == 200 for a in answers.values())
    assert sorted(twice.paths) == ["/1", "/2", "/3"]
    assert twice.connections == 1


# ----- 3. a caller error in on_done ---------------------------------------------------------


def test_an_error_in_on_done_does_not_stop_the_batch(servers):
    quick = servers()
    slow = servers(hold=0.3)
    c = direct(timeout=5)
    delivered: list[int] = []

    def on_done(i: int, answer: Answer) -> None:
        if i == 0:
            raise RuntimeError("bug in the caller")
        delivered.append(i)

    reqs = [HttpRequest(quick.base + "/q")] + [HttpRequest(slow.base + f"/{i}") for i in range(5)]
    batch = c.send_batch(reqs, "t", on_done)
    assert batch.wait(10)
    assert sorted(delivered) == [1, 2, 3, 4, 5]
    assert sorted(r.status for r in c.request_log) == [200] * 6


# ----- 4. name lookups ----------------------------------------------------------------------


def test_host_names_are_looked_up_in_a_batch(servers):
    srv = servers()
    answers: list[Answer] = []
    for _ in range(5):
        c = direct(timeout=5, retries=0)
        reqs = [HttpRequest(f"http://localhost:{srv.port}/{i}") for i in range(8)]
        answers += run_batch(c, reqs).values()
    assert [a for a in answers if not isinstance(a, HttpResponse)] == []
    assert len(srv.paths) == 40


def test_slow_name_lookups_do_not_time_out(servers, monkeypatch):
    # 40 names taking 1 s each to resolve, a 2.5 s time limit: with 8 lookup threads the
    # last ones waited their turn inside their time limit and failed as "connect timed out"
    srv = servers()
    lookups = slow_names(monkeypatch, 1.0)
    c = direct(timeout=2.5, retries=0, concurrency=64)
    answers = run_batch(c, [HttpRequest(f"http://site{i}.test:{srv.port}/{i}")
                            for i in range(40)], timeout=30)
    assert len(answers) == 40
    failed = [a for a in answers.values() if not isinstance(a, HttpResponse)]
    assert [a for a in failed if isinstance(a, TimedOut)] == []
    assert failed == []
    assert all(a.status == 200 for a in answers.values() if isinstance(a, HttpResponse))
    assert len(srv.paths) == 40 - len(failed) == lookups.done
    assert lookups.most == lookups.done  # all at once, not 8 at a time


def test_a_lookup_waiting_for_a_thread_has_its_whole_time_limit(servers, monkeypatch):
    # 80 names, 64 lookup threads: 16 lookups wait ~1.2 s for a thread, then take 1.2 s;
    # the 2 s limit counts from the start of each lookup, not from the request's start
    srv = servers()
    lookups = slow_names(monkeypatch, 1.2)
    c = direct(timeout=2.0, retries=0, concurrency=100)
    answers = run_batch(c, [HttpRequest(f"http://site{i}.test:{srv.port}/{i}")
                            for i in range(80)], timeout=30)
    assert [a for a in answers.values() if not isinstance(a, HttpResponse)] == []
    assert len(srv.paths) == 80 == lookups.done
    assert lookups.most == 64


# ----- 5. endless informational answers -----------------------------------------------------


def _trickle(code: int) -> Callable[[socket.socket, Raw], None]:
    def handler(conn: socket.socket, srv: Raw) -> None:
        srv.read_head(conn)
        while not srv.stop.is_set():
            conn.sendall(f"HTTP/1.1 {code} Info\r\n\r\n".encode())
            time.sleep(0.05)
    return handler


def _flood(conn: socket.socket, srv: Raw) -> None:
    srv.read_head(conn)
    blob = b"HTTP/1.1 103 Early Hints\r\nLink: </x.css>; rel=preload\r\n\r\n" * 2000
    while not srv.stop.is_set():
        conn.sendall(blob)


@pytest.mark.parametrize("code", [103, 100])
def test_endless_informational_answers_end_the_request(raw, servers, code):
    bad = raw(_trickle(code))
    good = servers(hold=0.2)
    c = direct(timeout=0.5, retries=0)
    answers: dict[int, Answer] = {}
    batch = c.send_batch([HttpRequest(bad.base + "/"), HttpRequest(good.base + "/a"),
                          HttpRequest(good.base + "/b")], "t", answers.__setitem__)
    try:
        assert batch.wait(5), "a server sending 1xx answers without end held the batch"
    finally:
        batch.cancel()
    assert isinstance(answers[0], NetworkError | TimedOut)
    assert ok(answers[1]).body == b"hello /a"
    assert ok(answers[2]).body == b"hello /b"


def test_a_flood_of_early_hints_does_not_hold_the_loop(raw, servers):
    bad = raw(_flood)
    good = servers(hold=0.1)
    c = direct(timeout=1, retries=0)
    reqs = [HttpRequest(bad.base + f"/{i}") for i in range(2)]
    reqs += [HttpRequest(good.base + f"/{i}") for i in range(12)]
    answers: dict[int, Answer] = {}
    batch = c.send_batch(reqs, "t", answers.__setitem__)
    try:
        assert batch.wait(10), "the flood held the event loop"
    finally:
        batch.cancel()
    assert all(isinstance(answers[i], NetworkError | TimedOut) for i in range(2))
    assert [ok(answers[i]).status for i in range(2, 14)] == [200] * 12


def test_early_hints_before_the_answer(raw):
    def handler(conn: socket.socket, srv: Raw) -> None:
        srv.read_head(conn)
        conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                     + reply(b"real", "Connection: close\r\n"))

    srv = raw(handler)
    resp = ok(run_batch(direct(retries=0), [HttpRequest(srv.base + "/")])[0])
    assert (resp.status, resp.body) == (200, b"real")


# ----- 6. secrets in error texts ------------------------------------------------------------


def test_read_timeout_text_does_not_carry_the_api_key(servers):
    srv = servers(lambda p: None)
    c = direct(timeout=0.5, retries=0)
    answer = run_batch(c, [HttpRequest(srv.base + "/search?q=alice&api_key=SECRET123")])[0]
    assert isinstance(answer, TimedOut)
    assert "timed out" in str(answer)
    assert "SECRET123" not in str(answer)
    assert "SECRET123" not in answer.detail
    assert "SECRET123" not in repr(answer.args)
    (record,) = c.request_log
    assert "SECRET123" not in record.url + record.error
    assert "timed out" in record.error
    assert srv.paths == ["/search?q=alice&api_key=SECRET123"]  # it was sent as asked


# ----- 7. cancel ----------------------------------------------------------------------------


def test_nothing_is_sent_after_cancel_returns(raw):
    arrivals: list[float] = []

    def handler(conn: socket.socket, srv: Raw) -> None:
        while srv.read_head(conn):
            arrivals.append(time.monotonic())
            time.sleep(0.01)  # a slow site
            conn.sendall(reply())

    srv = raw(handler)
    c = direct(concurrency=1, timeout=5)
    calls: list[float] = []

    def on_done(i: int, answer: Answer) -> None:
        calls.append(time.monotonic())
        time.sleep(0.05)  # a check's work, on the loop's thread

    batch = c.send_batch([HttpRequest(srv.base + f"/{i}") for i in range(100)], "t", on_done)
    time.sleep(0.4)
    batch.cancel()
    cancelled = time.monotonic()
    logged = len(c.request_log)
    assert batch.wait(5)
    time.sleep(0.3)
    assert 0 < len(arrivals) < 100
    assert [t for t in arrivals if t > cancelled] == []
    assert len(c.request_log) == logged
    assert [t for t in calls if t > cancelled] == []


# ----- 8. multi-member gzip -----------------------------------------------------------------


def _gzip_server(raw: Callable[..., Raw], body: bytes) -> Raw:
    def handler(conn: socket.socket, srv: Raw) -> None:
        srv.read_head(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode())
        for i in range(0, len(body), 7):  # in small pieces: members split across reads
            conn.sendall(body[i:i + 7])

    return raw(handler)


def test_gzip_body_of_several_members_is_decoded_whole(raw):
    srv = _gzip_server(raw, gzip.compress(b"hello ") + gzip.compress(b"wide ")
                       + gzip.compress(b"world"))
    resp = ok(run_batch(direct(), [HttpRequest(srv.base + "/")])[0])
    assert (resp.body, resp.truncated) == (b"hello wide world", False)


def test_gzip_members_still_meet_the_cap(raw):
    srv = _gzip_server(raw, gzip.compress(b"A" * 30_000) + gzip.compress(b"B" * 30_000))
    resp = ok(run_batch(direct(), [HttpRequest(srv.base + "/", max_bytes=40_000)])[0])
    assert resp.truncated
    assert resp.body == b"A" * 30_000 + b"B" * 10_000


def test_a_bomb_in_a_later_gzip_member_is_cut_at_the_cap(raw):
    bomb = gzip.compress(b"\0" * 10_000_000, compresslevel=9)
    srv = _gzip_server(raw, gzip.compress(b"x") + bomb)
    resp = ok(run_batch(direct(), [HttpRequest(srv.base + "/", max_bytes=50_000)])[0])
    assert resp.truncated
    assert resp.body == b"x" + b"\0" * 49_999


def test_padding_after_the_last_gzip_member_is_a_network_error_not_garbage(raw):
    # aiohttp refuses bytes after the last gzip member: the answer is unknown, never a
    # body with the padding in it
    srv = _gzip_server(raw, gzip.compress(b"hello") + b"\0" * 8)
    answer = run_batch(direct(retries=0), [HttpRequest(srv.base + "/")])[0]
    assert isinstance(answer, NetworkError), answer
    assert "gzip" in str(answer)


# ----- 9. a header sent twice ---------------------------------------------------------------


def test_a_header_sent_twice_keeps_both_values(raw):
    def handler(conn: socket.socket, srv: Raw) -> None:
        srv.read_head(conn)
        conn.sendall(reply(b"ok", "Set-Cookie: a=1\r\nX-Test: one\r\nSet-Cookie: b=2\r\n"
                           "x-test: two\r\nConnection: close\r\n"))

    srv = raw(handler)
    resp = ok(run_batch(direct(), [HttpRequest(srv.base + "/")])[0])
    assert resp.headers["set-cookie"] == "a=1, b=2"
    assert resp.headers["x-test"] == "one, two"
    assert resp.header("X-Test") == "one, two"


# ----- 10. IDNA host names ------------------------------------------------------------------


def test_non_ascii_hosts_are_sent_in_idna_2008_and_the_rest_kept():
    assert str(parse_url("http://faß.x/a")) == "http://xn--fa-hia.x/a"  # IDNA 2003: fass.x
    assert str(parse_url("http://FAß.x/a")) == "http://xn--fa-hia.x/a"
    assert (str(parse_url("https://faß.x:8443/a/é?q=ü#f"))
            == "https://xn--fa-hia.x:8443/a/%C3%A9?q=%C3%BC#f")
    assert str(parse_url("http://plain.example:81/a?b")) == "http://plain.example:81/a?b"
    with pytest.raises(NetworkError, match="Joiner"):
        parse_url("http://a\u200db.x/")  # a joiner alone between letters: invalid in IDNA 2008


def test_page_url_with_a_non_ascii_host_aimed_at_loopback_is_refused(servers, monkeypatch):
    # IDNA 2003 (Python's codec) turns faß.test into fass.test, IDNA 2008 (what urllib3 and
    # browsers connect to) into xn--fa-hia.test: the guard must check the latter
    srv = servers()
    inner = socket.getaddrinfo

    def lookup(host: object, port: object, *args: object, **kw: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if not name.isascii():
            name = name.encode("idna").decode()  # what the socket module would do
        if name == "fass.test":
            # a public address: never connected to, the loopback-only guard would refuse
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        if name == "xn--fa-hia.test":
            return inner("127.0.0.1", port, *args, **kw)  # type: ignore[arg-type]
        return inner(host, port, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    c = direct(retries=0)
    answer = run_batch(c, [HttpRequest(f"http://faß.test:{srv.port}/router",
                                       origin=Origin.PAGE)])[0]
    assert isinstance(answer, ForbiddenAddress), answer
    assert "xn--fa-hia.test" in str(answer)
    assert srv.connections == 0
    # refused inside the connection, after the one lookup: logged, with nothing answered
    assert [(r.status, r.error.startswith("not fetched")) for r in c.request_log] == [(None, True)]


# ----- 11. URLs the engine cannot parse ------------------------------------------------


def test_unparsable_urls_are_still_logged(servers):
    srv = servers(lambda p: (302, {"Location": "ftp://127.0.0.1/file"}, b""))
    bad_port = "http://127.0.0.1:99999/x"
    c = direct(retries=0, allow_private=True)
    answers = run_batch(c, [HttpRequest(bad_port), HttpRequest(srv.base + "/to-ftp")])
    assert isinstance(answers[0], NetworkError)
    assert isinstance(answers[1], NetworkError)
    log = {r.url: r for r in c.request_log}
    assert sorted(log) == sorted([bad_port, srv.base + "/to-ftp", "ftp://127.0.0.1/file"])
    assert (log[srv.base + "/to-ftp"].status, log[srv.base + "/to-ftp"].error) == (302, "")
    for url in (bad_port, "ftp://127.0.0.1/file"):
        assert log[url].status is None
        assert log[url].error
        assert log[url].error != "no answer before the scan ended"
    assert srv.paths == ["/to-ftp"]



def test_a_page_url_with_a_bad_port_is_a_network_error_not_a_crash():
    c = direct(retries=0)
    answers = run_batch(c, [HttpRequest("http://example.test:99999/x", origin=Origin.PAGE)])
    assert isinstance(answers[0], NetworkError)
    assert "bad URL" in str(answers[0])


def _encoded_server(raw: Callable[..., Raw], encoding: str, body: bytes) -> Raw:
    def handler(conn: socket.socket, srv: Raw) -> None:
        srv.read_head(conn)
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Encoding: {encoding}\r\nConnection: close\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode() + body)

    return raw(handler)


def test_a_deflate_bomb_is_cut_at_the_cap_of_the_decoded_size(raw):
    import zlib

    srv = _encoded_server(raw, "deflate", zlib.compress(b"\0" * 20_000_000, 9))
    resp = ok(run_batch(direct(), [HttpRequest(srv.base + "/", max_bytes=100_000)])[0])
    assert resp.truncated
    assert resp.body == b"\0" * 100_000


def test_a_brotli_answer_is_asked_for_and_capped_never_read_whole(raw):
    # br is asked for (Brotli is a dependency: aiohttp decodes it with a cap on the output)
    import brotli

    srv = _encoded_server(raw, "br", brotli.compress(b"\0" * 20_000_000))
    answer = run_batch(direct(retries=0), [HttpRequest(srv.base + "/", max_bytes=100_000)])[0]
    assert ok(answer).truncated
    assert len(ok(answer).body) == 100_000
    assert b"accept-encoding: gzip, deflate, br\r\n" in srv.heads[0].lower()
