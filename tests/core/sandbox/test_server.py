"""The sandbox server against real clients (requests, urllib3, raw sockets) on loopback."""

from __future__ import annotations

import os
import socket
import ssl
import threading
from collections.abc import Iterator

import pytest
import requests
import urllib3

from audit.sandbox import UNKNOWN_HOST_502, Sandbox, World

T = 0.5  # client timeout for behaviours that never answer


def make_world() -> World:
    w = World()
    w.page("https://github.com/camdufresne", "<h1>Camille Dufresne</h1>")
    w.page("http://plain.test/hello", "hello over http")
    w.page("https://slow.test/reset", behaviour="reset")
    w.page("https://slow.test/hang", behaviour="hang")
    w.page("https://slow.test/huge", behaviour="huge", huge_size=20 * 1024 * 1024)
    w.page("https://slow.test/loop", behaviour="redirect_loop")
    w.page("https://slow.test/drip", "drip " * 20, behaviour="slow_body", drip_s=0.001)
    w.page("https://slow.test/late", "late", delay_s=30)
    w.page("https://api.test/login", "welcome alice", method="POST", match_body="user=alice")
    w.page("https://api.test/login", "who are you", 401, method="POST")
    w.challenge("www.instagram.com")
    w.rate_limited("https://x.com/", retry_after=90)
    w.route("127.0.0.1", "/direct", body="straight to the sandbox")
    return w


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    with Sandbox(make_world()) as box:
        yield box


def get(sb: Sandbox, url: str, **kw: object) -> requests.Response:
    return requests.get(url, proxies=sb.proxies, verify=sb.ca_path, timeout=5, **kw)  # type: ignore[arg-type]


def test_http_proxy_absolute_form(sb: Sandbox) -> None:
    r = get(sb, "http://plain.test/hello")
    assert r.status_code == 200
    assert r.text == "hello over http"
    entry = sb.log[-1]
    assert (entry.method, entry.scheme) == ("GET", "http")
    assert (entry.host, entry.path) == ("plain.test", "/hello")
    assert entry.url == "http://plain.test/hello"
    assert entry.matched


def test_https_connect_with_verified_tls(sb: Sandbox) -> None:
    r = get(sb, "https://github.com/camdufresne")
    assert r.status_code == 200
    assert "Camille Dufresne" in r.text
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert sb.tunnels == 1
    assert sb.log[-1].scheme == "https"
    assert sb.log[-1].host == "github.com"


def test_https_fails_without_trusting_the_sandbox_ca(sb: Sandbox) -> None:
    with pytest.raises(requests.exceptions.SSLError):
        requests.get("https://github.com/camdufresne", proxies=sb.proxies, timeout=5)


def test_ca_pem_matches_ca_file(sb: Sandbox) -> None:
    with open(sb.ca_path, "rb") as fh:
        assert fh.read() == sb.ca_pem
    assert sb.ca_pem.startswith(b"-----BEGIN CERTIFICATE-----")


def test_urllib3_proxy_manager_http_and_https(sb: Sandbox) -> None:
    pm = urllib3.ProxyManager(sb.proxy_url, ca_certs=sb.ca_path, cert_reqs="CERT_REQUIRED")
    r = pm.request("GET", "https://github.com/camdufresne", timeout=5)
    assert r.status == 200
    assert b"Camille Dufresne" in r.data
    r = pm.request("GET", "http://plain.test/hello", timeout=5)
    assert r.data == b"hello over http"
    pm.clear()


def test_keep_alive_reuses_one_connection(sb: Sandbox) -> None:
    with requests.Session() as s:
        for _ in range(5):
            r = s.get("https://github.com/camdufresne", proxies=sb.proxies, verify=sb.ca_path)
            assert r.status_code == 200
        for _ in range(3):
            assert s.get("http://plain.test/hello", proxies=sb.proxies).status_code == 200
    assert len(sb.log) == 8
    assert sb.tunnels == 1
    assert sb.connections == 2  # one tunnel for https, one proxy connection for http


def test_post_body_matching_and_logging(sb: Sandbox) -> None:
    kw = {"proxies": sb.proxies, "verify": sb.ca_path, "timeout": 5}
    r = requests.post("https://api.test/login", data={"user": "alice"}, **kw)  # type: ignore[arg-type]
    assert (r.status_code, r.text) == (200, "welcome alice")
    r = requests.post("https://api.test/login", data={"user": "eve"}, **kw)  # type: ignore[arg-type]
    assert r.status_code == 401
    assert sb.log[0].body == b"user=alice"
    assert sb.log[0].method == "POST"
    assert sb.log[0].headers["content-type"] == "application/x-www-form-urlencoded"


def test_chunked_request_body_is_read(sb: Sandbox) -> None:
    def gen() -> Iterator[bytes]:
        yield b"user="
        yield b"alice"

    r = requests.post(
        "https://api.test/login", data=gen(), proxies=sb.proxies, verify=sb.ca_path, timeout=5
    )
    assert r.text == "welcome alice"
    assert sb.log[-1].headers.get("transfer-encoding") == "chunked"
    assert sb.log[-1].body == b"user=alice"


def test_head_has_length_but_no_body(sb: Sandbox) -> None:
    with requests.Session() as s:
        r = s.head("https://github.com/camdufresne", proxies=sb.proxies, verify=sb.ca_path)
        assert r.status_code == 200
        assert r.content == b""
        assert int(r.headers["content-length"]) == len("<h1>Camille Dufresne</h1>")
        # the connection is still usable after a HEAD
        r = s.get("https://github.com/camdufresne", proxies=sb.proxies, verify=sb.ca_path)
        assert "Camille" in r.text


@pytest.mark.parametrize("url", ["https://slow.test/reset", "http://slow.test/reset"])
def test_reset_is_a_connection_error(sb: Sandbox, url: str) -> None:
    with pytest.raises(requests.exceptions.ConnectionError):
        get(sb, url)
    assert sb.log[-1].behaviour == "reset"


@pytest.mark.parametrize("url", ["https://slow.test/hang", "http://slow.test/hang"])
def test_hang_makes_the_client_time_out(sb: Sandbox, url: str) -> None:
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(url, proxies=sb.proxies, verify=sb.ca_path, timeout=T)
    # the sandbox still answers others while the hung connection is parked
    assert get(sb, "http://plain.test/hello").status_code == 200


def test_delay_longer_than_client_timeout(sb: Sandbox) -> None:
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get("https://slow.test/late", proxies=sb.proxies, verify=sb.ca_path, timeout=T)


def test_huge_body_can_be_abandoned(sb: Sandbox) -> None:
    r = get(sb, "https://slow.test/huge", stream=True)
    assert int(r.headers["content-length"]) == 20 * 1024 * 1024
    got = 0
    for chunk in r.iter_content(65536):
        got += len(chunk)
        if got >= 1024 * 1024:
            break
    r.close()
    assert got >= 1024 * 1024
    assert get(sb, "https://github.com/camdufresne").status_code == 200


def test_redirect_loop_is_too_many_redirects(sb: Sandbox) -> None:
    with pytest.raises(requests.exceptions.TooManyRedirects):
        get(sb, "https://slow.test/loop")
    r = get(sb, "https://slow.test/loop", allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["location"] == "https://slow.test/loop"


def test_slow_body_arrives_whole(sb: Sandbox) -> None:
    r = get(sb, "https://slow.test/drip")
    assert r.text == "drip " * 20


def test_rate_limited_and_challenge(sb: Sandbox) -> None:
    r = get(sb, "https://x.com/camdufresne")
    assert r.status_code == 429
    assert r.headers["retry-after"] == "90"
    r = get(sb, "https://www.instagram.com/camdufresne/")
    assert r.status_code == 403
    assert r.headers["cf-mitigated"] == "challenge"
    assert r.headers["server"] == "cloudflare"
    assert "<title>Just a moment...</title>" in r.text


def test_unknown_host_gets_default_reply(sb: Sandbox) -> None:
    r = get(sb, "https://nowhere.example/")
    assert r.status_code == 404
    assert sb.log[-1].matched is False
    assert sb.log[-1].host == "nowhere.example"


def test_unknown_host_502_when_world_says_so() -> None:
    w = World(unknown_host=UNKNOWN_HOST_502)
    with Sandbox(w) as box:
        r = requests.get("http://nowhere.example/", proxies=box.proxies, timeout=5)
        assert r.status_code == 502
        assert r.headers["x-sandbox"] == "unknown-host"


def test_origin_mode_uses_host_header(sb: Sandbox) -> None:
    r = requests.get(sb.origin_url + "/direct", timeout=5)
    assert r.text == "straight to the sandbox"
    r = requests.get(sb.origin_url + "/camdufresne", headers={"Host": "github.com"}, timeout=5)
    assert "Camille Dufresne" in r.text  # routes match on host and path, not on scheme
    r = requests.get(sb.origin_url + "/hello", headers={"Host": "plain.test"}, timeout=5)
    assert r.text == "hello over http"


def test_plain_http_inside_a_connect_tunnel(sb: Sandbox) -> None:
    with socket.create_connection(("127.0.0.1", sb.port), timeout=5) as s:
        s.sendall(b"CONNECT plain.test:80 HTTP/1.1\r\nHost: plain.test:80\r\n\r\n")
        assert s.recv(1024).startswith(b"HTTP/1.1 200")
        s.sendall(b"GET /hello HTTP/1.1\r\nHost: plain.test\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(4096):
            data += chunk
    assert data.startswith(b"HTTP/1.1 200")
    assert data.endswith(b"hello over http")


def test_sni_picks_the_certificate_when_it_differs_from_connect(sb: Sandbox) -> None:
    ctx = ssl.create_default_context(cafile=sb.ca_path)
    with socket.create_connection(("127.0.0.1", sb.port), timeout=5) as raw:
        raw.sendall(b"CONNECT 127.0.0.1:443 HTTP/1.1\r\n\r\n")
        assert raw.recv(1024).startswith(b"HTTP/1.1 200")
        with ctx.wrap_socket(raw, server_hostname="github.com") as tls:
            assert tls.getpeercert() is not None


def test_log_records_headers_and_keep_log_false_only_counts(sb: Sandbox) -> None:
    get(sb, "https://github.com/camdufresne", headers={"User-Agent": "exposure-audit/0.1"})
    assert sb.log[-1].headers["user-agent"] == "exposure-audit/0.1"
    assert sb.log.urls() == ["https://github.com/camdufresne"]
    assert sb.log.hosts() == {"github.com"}
    with Sandbox(make_world(), keep_log=False) as quiet:
        requests.get("http://plain.test/hello", proxies=quiet.proxies, timeout=5)
        assert len(quiet.log) == 0
        assert quiet.log.total == 1


def test_nothing_sent_means_empty_log(sb: Sandbox) -> None:
    assert len(sb.log) == 0
    assert sb.log.total == 0


def test_many_concurrent_clients(sb: Sandbox) -> None:
    w = sb.world
    for i in range(20):
        w.page(f"https://site{i}.test/u/camdufresne", f"site {i}")
    errors: list[BaseException] = []
    results: list[str] = []

    def worker(n: int) -> None:
        try:
            with requests.Session() as s:
                for i in range(n, n + 5):
                    url = f"https://site{i % 20}.test/u/camdufresne"
                    r = s.get(url, proxies=sb.proxies, verify=sb.ca_path, timeout=10)
                    results.append(r.text)
        except BaseException as e:  # collected and re-raised below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 200
    assert set(results) == {f"site {i}" for i in range(20)}


def test_stop_is_clean_with_a_hanging_client() -> None:
    box = Sandbox(make_world()).start()
    ca_path = box.ca_path
    outcome: list[BaseException | None] = []

    def client() -> None:
        try:
            requests.get(
                "https://slow.test/hang", proxies=box.proxies, verify=ca_path, timeout=60
            )
            outcome.append(None)
        except requests.RequestException as e:
            outcome.append(e)

    t = threading.Thread(target=client, daemon=True)
    t.start()
    for _ in range(500):
        if len(box.log):
            break
        threading.Event().wait(0.01)
    assert box.log[-1].behaviour == "hang"
    box.stop()
    t.join(timeout=10)
    assert not t.is_alive()
    assert isinstance(outcome[0], requests.exceptions.ConnectionError)
    assert not box.running
    assert not os.path.exists(ca_path)
    with pytest.raises(RuntimeError, match="not running"):
        _ = box.proxy_url


def test_http_1_0_client_gets_a_closed_connection(sb: Sandbox) -> None:
    with socket.create_connection(("127.0.0.1", sb.port), timeout=5) as s:
        s.sendall(b"GET http://plain.test/hello HTTP/1.0\r\n\r\n")
        data = b""
        while chunk := s.recv(4096):  # ends because the sandbox closes the connection
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"Connection: close" in head
    assert body == b"hello over http"


def test_warm_tls_issues_certificates_for_world_hosts(sb: Sandbox) -> None:
    issued = sb.warm_tls()
    assert issued == len(sb.world.hosts())  # "127.0.0.1" included, "*" never a host here
    assert sb.warm_tls(["foo_bar.test"]) == issued  # no certificate possible: skipped
    assert get(sb, "https://github.com/camdufresne").status_code == 200


def test_helpers_for_the_command_line(sb: Sandbox) -> None:
    assert sb.cli_args() == ["--proxy", sb.proxy_url, "--ca-bundle", sb.ca_path]
    assert sb.env() == {
        "EXPOSURE_AUDIT_SCAN_PROXY": sb.proxy_url,
        "EXPOSURE_AUDIT_SCAN_CA_BUNDLE": sb.ca_path,
    }
    assert sb.proxy_url == f"http://127.0.0.1:{sb.port}"


def test_bad_content_length_closes_the_connection_only(sb: Sandbox) -> None:
    with socket.create_connection(("127.0.0.1", sb.port), timeout=5) as s:
        s.sendall(b"POST http://plain.test/hello HTTP/1.1\r\nContent-Length: nope\r\n\r\n")
        assert s.recv(4096) == b""
    assert get(sb, "http://plain.test/hello").text == "hello over http"


def test_sandbox_never_resolves_the_hosts_it_serves(
    sb: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[object] = []
    real = socket.getaddrinfo

    def spy(host: object, *args: object, **kwargs: object) -> object:
        looked_up.append(host)
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", spy)
    assert get(sb, "https://nowhere.example/").status_code == 404
    assert get(sb, "http://github.com/camdufresne").status_code == 200
    assert looked_up  # the spy saw the client connect to the proxy...
    assert set(looked_up) == {"127.0.0.1"}  # ...and nothing else was ever resolved
