"""The HTTP layer against real loopback servers: proxying, TLS trust, retries, caps, guard."""

from __future__ import annotations

import socket

import pytest
import trustme

from audit.check import ForbiddenAddress, NetworkError, TimedOut, UnexpectedResponse
from audit.net.client import HttpClient
from audit.net.model import HttpRequest, Origin
from audit.net.urls import parse_url
from audit.sandbox import Sandbox, World
from audit.settings import Settings
from tests.socks5 import Socks5Relay


def _world() -> World:
    w = World()
    w.page("https://site.test/ok", "<html>hello</html>")
    w.page("http://plain.test/ok", "<html>plain</html>")
    w.route("site.test", "/limited", status=429, body="slow down", headers={"Retry-After": "1"})
    w.route("site.test", "/limited-long", status=429, body="x", headers={"Retry-After": "3600"})
    w.route("site.test", "/busy", status=503, body="busy")
    w.route("site.test", "/huge", behaviour="huge", huge_size=5_000_000)
    w.route("site.test", "/hang", behaviour="hang")
    w.route("site.test", "/reset", behaviour="reset")
    w.route("site.test", "/loop", behaviour="redirect_loop")
    w.redirect("https://site.test/to-local", "http://127.0.0.1:9/admin")
    w.redirect("https://site.test/moved", "https://site.test/ok")
    return w


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(_world()) as sb:
        yield sb


def client(sb, sleeps=None, **kw) -> HttpClient:
    settings = Settings(
        proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False, **kw
    )
    return HttpClient(settings, sleep=(sleeps.append if sleeps is not None else lambda s: None))


def test_https_through_proxy_with_the_given_ca(sandbox):
    resp = client(sandbox).send(HttpRequest("https://site.test/ok"))
    assert resp.status == 200
    assert b"hello" in resp.body
    assert resp.header("content-type").startswith("text/html")


def test_user_agent_is_sent(sandbox):
    client(sandbox, user_agent="test-agent/1").send(HttpRequest("http://plain.test/ok"))
    last = [r for r in sandbox.log.snapshot() if r.host == "plain.test"][-1]
    assert last.headers["user-agent"] == "test-agent/1"


def test_retry_after_is_honoured_then_429_returned(sandbox):
    sleeps: list[float] = []
    c = client(sandbox, sleeps, retries=2)
    resp = c.send(HttpRequest("https://site.test/limited"))
    assert resp.status == 429
    assert sleeps == [1.0, 1.0]
    assert [r.status for r in c.request_log] == [429, 429, 429]


def test_retry_after_beyond_the_cap_is_not_waited_for(sandbox):
    sleeps: list[float] = []
    c = client(sandbox, sleeps=sleeps, retries=2, max_retry_wait=10)
    assert c.send(HttpRequest("https://site.test/limited-long")).status == 429
    assert sleeps == []
    assert len(c.request_log) == 1


def test_5xx_is_retried_with_backoff(sandbox):
    sleeps: list[float] = []
    c = client(sandbox, sleeps=sleeps, retries=2)
    assert c.send(HttpRequest("https://site.test/busy")).status == 503
    assert sleeps == [0.5, 1.0]


def test_body_is_capped(sandbox):
    resp = client(sandbox).send(HttpRequest("https://site.test/huge", max_bytes=100_000))
    assert resp.truncated
    assert len(resp.body) == 100_000


def test_hanging_server_times_out(sandbox):
    with pytest.raises(TimedOut):
        client(sandbox, timeout=0.3).send(HttpRequest("https://site.test/hang"))


def test_connection_reset_is_a_network_error(sandbox):
    with pytest.raises(NetworkError):
        client(sandbox, retries=0).send(HttpRequest("https://site.test/reset"))


def test_redirect_loop_is_unexpected_and_redirects_are_followed(sandbox):
    c = client(sandbox)
    with pytest.raises(UnexpectedResponse, match="redirect"):
        c.send(HttpRequest("https://site.test/loop"))
    resp = c.send(HttpRequest("https://site.test/moved"))
    assert resp.status == 200
    assert resp.redirects == ("https://site.test/moved",)
    raw = c.send(HttpRequest("https://site.test/moved", follow_redirects=False))
    assert raw.status == 302


def test_request_log_records_method_url_status_and_what_was_sent(sandbox):
    c = client(sandbox)
    c.send(HttpRequest("https://site.test/ok", sends=("handle",)), check="accounts")
    with pytest.raises(TimedOut):
        c.send(HttpRequest("https://site.test/hang", timeout=0.2), check="accounts")
    ok, hung = c.request_log
    assert (ok.method, ok.url, ok.status, ok.check, ok.sends) == (
        "GET",
        "https://site.test/ok",
        200,
        "accounts",
        ("handle",),
    )
    assert hung.status is None
    assert "timed out" in hung.error


def test_dead_proxy_is_a_network_error():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    c = HttpClient(Settings(proxy=f"http://127.0.0.1:{port}", trust_env=False, retries=0))
    with pytest.raises(NetworkError):
        c.send(HttpRequest("https://site.test/ok"))


def test_ca_bundle_option_wins_over_environment(sandbox, monkeypatch, tmp_path):
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(other))
    c = HttpClient(Settings(proxy=sandbox.proxy_url, ca_bundle=sandbox.ca_path))
    assert c.send(HttpRequest("https://site.test/ok")).status == 200
    # Without the option, the environment's (wrong) CA is used and TLS fails.
    c2 = HttpClient(Settings(proxy=sandbox.proxy_url, retries=0))
    with pytest.raises(NetworkError, match=r"(?i)tls|ssl|certificate"):
        c2.send(HttpRequest("https://site.test/ok"))


def test_proxy_option_wins_over_environment(sandbox, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    c = HttpClient(Settings(proxy=sandbox.proxy_url, ca_bundle=sandbox.ca_path))
    assert c.proxies.for_target(parse_url("https://example.org/")) == sandbox.proxy_url
    assert c.send(HttpRequest("https://site.test/ok")).status == 200


def test_environment_proxy_is_used_when_no_option(sandbox, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", sandbox.proxy_url)
    c = HttpClient(Settings(ca_bundle=sandbox.ca_path))
    assert c.proxies.for_target(parse_url("https://example.org/")) == sandbox.proxy_url


def test_socks5h_proxy_sends_the_host_name(sandbox):
    relay = Socks5Relay(sandbox.port)
    try:
        c = HttpClient(Settings(proxy=relay.url, trust_env=False))
        resp = c.send(HttpRequest("http://plain.test/ok"))
    finally:
        relay.close()
    assert resp.status == 200
    assert b"plain" in resp.body
    assert relay.asked[0][:2] == (3, "plain.test")  # a name: DNS left to the proxy


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/x",
        "http://10.0.0.1/",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://localhost/",
        "http://printer.local/",
        "http://intranet/",
        "file:///etc/passwd",
        "http://127.1:8080/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",
        "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_page_sourced_urls_to_local_addresses_are_refused(sandbox, url):
    c = client(sandbox)
    with pytest.raises(ForbiddenAddress):
        c.send(HttpRequest(url, origin=Origin.PAGE))
    assert c.request_log == ()  # nothing was sent


def test_redirect_to_a_local_address_is_refused(sandbox):
    with pytest.raises(ForbiddenAddress):
        client(sandbox).send(HttpRequest("https://site.test/to-local"))


def test_page_sourced_public_names_are_fetched_and_sandbox_switch_allows_local(sandbox):
    assert (
        client(sandbox).send(HttpRequest("https://site.test/ok", origin=Origin.PAGE)).status == 200
    )
    c = client(sandbox, allow_private=True, retries=0)
    c.send(HttpRequest("http://127.0.0.1:9/x", origin=Origin.PAGE))  # the guard let it through
    assert [r.url for r in c.request_log] == ["http://127.0.0.1:9/x"]


def test_without_proxy_a_name_resolving_to_a_private_address_is_refused(monkeypatch):
    from tests.core.net.test_net_regressions import fake_dns

    fake_dns(monkeypatch, lambda name, n: ["10.1.2.3"])
    c = HttpClient(Settings(trust_env=False, retries=0))
    with pytest.raises(ForbiddenAddress, match=r"10\.1\.2\.3"):
        c.send(HttpRequest("http://evil.example/", origin=Origin.PAGE))
    # behind an http proxy no DNS is done here: names go to the proxy, private IPs do not
    c = HttpClient(Settings(proxy="http://127.0.0.1:9", trust_env=False, retries=0))
    with pytest.raises(NetworkError, match="proxy"):
        c.send(HttpRequest("http://evil.example/", origin=Origin.PAGE))
    with pytest.raises(ForbiddenAddress):
        c.send(HttpRequest("http://10.1.2.3/", origin=Origin.PAGE))


def test_a_trickling_body_meets_the_time_limit():
    world = World()
    world.route("slow.test", "/drip", behaviour="slow_body", body="x" * 5000, drip_bytes=1,
                drip_s=0.1)
    with Sandbox(world) as sb:
        c = client(sb, timeout=0.3, retries=0)
        with pytest.raises(TimedOut, match="still arriving"):
            c.send(HttpRequest("https://slow.test/drip"))


def test_one_off_calls_go_through_requests_with_the_same_rules(sandbox):
    from audit.net.oneoff import OneOffClient

    c = OneOffClient(Settings(proxy=sandbox.proxy_url, ca_bundle=sandbox.ca_path,
                              trust_env=False, retries=0))
    resp = c.send(HttpRequest("https://site.test/moved", sends=("url",)), check="evidence")
    assert (resp.status, resp.body, resp.redirects) == (200, b"<html>hello</html>",
                                                        ("https://site.test/moved",))
    assert [(r.url, r.status, r.check) for r in c.request_log] == [
        ("https://site.test/moved", 302, "evidence"), ("https://site.test/ok", 200, "evidence")]
    huge = c.send(HttpRequest("https://site.test/huge", max_bytes=1000))
    assert (len(huge.body), huge.truncated) == (1000, True)
    with pytest.raises(ForbiddenAddress):
        c.send(HttpRequest("https://site.test/to-local"))


@pytest.mark.parametrize(
    ("host", "port", "entries", "direct"),
    [
        ("127.0.0.1", 80, "127.0.0.1,localhost", True),
        ("localhost", 80, "127.0.0.1,localhost", True),
        ("api.example.com", 443, ".example.com", True),
        ("example.com", 443, ".example.com", True),
        ("badexample.com", 443, "example.com", False),
        ("sub.example.com", 443, "example.com", True),
        ("10.1.2.3", 80, "10.0.0.0/8", True),
        ("11.1.2.3", 80, "10.0.0.0/8", False),
        ("[::1]", 80, "::1", True),
        ("any.example", 80, "*", True),
        ("site.example", 8080, "site.example:8080", True),
        ("site.example", 8081, "site.example:8080", False),
    ],
)
def test_no_proxy_entries(host, port, entries, direct, monkeypatch):
    from audit.net.policy import ProxyChoice

    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", entries)
    choice = ProxyChoice(None, trust_env=True)
    url = f"http://{host}:{port}/"
    assert (choice.for_target(parse_url(url)) is None) is direct
    # --proxy wins over the environment, NO_PROXY included
    tor = "socks5h://127.0.0.1:9050"
    assert ProxyChoice(tor, True).for_target(parse_url(url)) == tor


@pytest.mark.parametrize("entries", ["site.example:8080", "other.example"])
def test_the_remembered_proxy_choice_keeps_ports_apart_when_no_proxy_names_one(
        entries, monkeypatch):
    from audit.net.policy import ProxyChoice
    from audit.net.urls import parse_url

    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", entries)
    choice = ProxyChoice(None, trust_env=True)
    direct_8080 = entries == "site.example:8080"
    for _round in range(2):  # the second round answers from what was remembered
        for url, direct in (("http://site.example/", False),
                            ("http://site.example:8080/", direct_8080),
                            ("http://site.example:8081/", False)):
            assert (choice.for_target(parse_url(url)) is None) is direct, url


def test_all_proxy_is_the_fallback_and_https_proxy_is_for_https(monkeypatch):
    from audit.net.policy import ProxyChoice

    monkeypatch.setenv("ALL_PROXY", "socks5h://127.0.0.1:9050")
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    choice = ProxyChoice(None, trust_env=True)
    assert choice.for_target(parse_url("https://a.example/")) == "http://127.0.0.1:3128"
    assert choice.for_target(parse_url("http://a.example/")) == "socks5h://127.0.0.1:9050"
    assert ProxyChoice(None, False).for_target(parse_url("http://a.example/")) is None


def test_socks5_password_never_appears_in_the_log_or_errors(sandbox):
    relay = Socks5Relay(sandbox.port, login=("ann", "s3cret"))
    port = relay.server_address[1]
    try:
        c = HttpClient(Settings(proxy=f"socks5://ann:s3cret@127.0.0.1:{port}",
                                trust_env=False, retries=0))
        assert c.send(HttpRequest("http://127.0.0.1/x", origin=Origin.USER)).status
        bad = HttpClient(Settings(proxy=f"socks5h://ann:wrong@127.0.0.1:{port}",
                                  trust_env=False, retries=0))
        with pytest.raises(NetworkError) as info:
            bad.send(HttpRequest("http://plain.test/ok"))
    finally:
        relay.close()
    assert relay.logins[0] == ("ann", "s3cret")
    assert relay.asked[0][:2] == (1, "127.0.0.1")  # socks5: the address, looked up here
    assert "wrong" not in str(info.value)
    assert "s3cret" not in repr(c.request_log) + repr(bad.request_log)


def test_the_test_network_guard_catches_aiohttp_connections_and_lookups():
    import asyncio

    import aiohttp

    from tests.netguard import NonLoopbackConnection

    async def get(url: str) -> None:
        async with aiohttp.ClientSession() as session, session.get(url) as resp:
            await resp.read()

    for url in ("http://93.184.215.14/", "http://example.org/"):
        with pytest.raises(NonLoopbackConnection):
            asyncio.run(get(url))


def test_engine_and_workers_options_are_accepted_ignored_and_hidden(monkeypatch):
    from click.testing import CliRunner

    from audit import api
    from audit.cli import cli
    from tests.fakes import FoundCheck, registry_with

    monkeypatch.setattr(api, "_REGISTRY", registry_with(FoundCheck))
    res = CliRunner().invoke(cli, ["scan", "--handle", "alice", "--dry-run", "--engine",
                                   "urllib3", "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert "--engine is deprecated and ignored" in res.output
    assert "--workers is deprecated and ignored" in res.output
    help_text = CliRunner().invoke(cli, ["scan", "--help"]).output
    assert "--engine" not in help_text
    assert "--workers" not in help_text


def test_one_off_redirect_to_a_name_resolving_to_a_private_address_is_refused(monkeypatch):
    from audit.net.oneoff import OneOffClient
    from tests.core.net.test_net_regressions import Counting, fake_dns

    srv = Counting(lambda head: b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n"
                                b"Location: http://inside.example/admin\r\n\r\n")
    try:
        fake_dns(monkeypatch, lambda name, n: ["192.168.1.1"])
        c = OneOffClient(Settings(trust_env=False, retries=0))
        with pytest.raises(ForbiddenAddress, match=r"inside\.example"):
            c.send(HttpRequest(f"http://127.0.0.1:{srv.port}/go", origin=Origin.USER))
    finally:
        srv.close()
