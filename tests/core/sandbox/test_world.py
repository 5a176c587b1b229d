"""World, Route and Reply: matching rules and helpers, without any server."""

from __future__ import annotations

import json

import pytest

from audit.sandbox import UNKNOWN_HOST_502, Reply, Route, World, split_url


def body_of(world: World, host: str, target: str, method: str = "GET", body: bytes = b"") -> str:
    reply = world.reply_for(host, method, target, body)
    return reply.raw.decode()


def test_reply_defaults_and_content_type() -> None:
    html = Reply(200, "<p>é</p>")
    assert html.raw == "<p>é</p>".encode()
    assert html.header("content-type") == "text/html; charset=utf-8"
    data = Reply(200, b"\x89PNG")
    assert data.header("Content-Type") == "application/octet-stream"
    own = Reply(200, "{}", {"content-type": "application/json"})
    assert own.header("Content-Type") == "application/json"
    assert len([k for k in own.headers if k.lower() == "content-type"]) == 1
    assert Reply().raw == b""
    assert Reply().header("content-type") == ""


def test_reply_rejects_unknown_behaviour_and_status() -> None:
    with pytest.raises(ValueError, match="behaviour"):
        Reply(behaviour="explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status"):
        Reply(99)


def test_exact_path_ignores_query_unless_route_names_one() -> None:
    w = World()
    w.route("site.test", "/a", body="plain")
    w.route("site.test", "/a?x=1", body="x1")
    assert body_of(w, "site.test", "/a") == "plain"
    assert body_of(w, "site.test", "/a?y=2") == "plain"
    assert body_of(w, "site.test", "/a?x=1") == "x1"


def test_match_query_route_only_answers_without_query() -> None:
    w = World()
    w.route("site.test", "/only", body="bare", match_query=True)
    assert body_of(w, "site.test", "/only") == "bare"
    assert w.reply_for("site.test", "GET", "/only?z=1").status == 404


def test_globs_longest_pattern_wins_then_newest() -> None:
    w = World()
    w.route("site.test", "/*", body="any")
    w.route("site.test", "/api/*", body="api")
    w.route("site.test", "/api/v1/*", body="v1")
    assert body_of(w, "site.test", "/home") == "any"
    assert body_of(w, "site.test", "/api/users?page=2") == "api"
    assert body_of(w, "site.test", "/api/v1/users") == "v1"
    w.route("site.test", "/api/*", body="api2")
    assert body_of(w, "site.test", "/api/x") == "api2"
    w.route("site.test", "/u/*/posts", body="middle")
    assert body_of(w, "site.test", "/u/alice/posts") == "middle"
    assert body_of(w, "site.test", "/u/alice/other") == "any"


def test_glob_question_mark_is_literal() -> None:
    w = World()
    w.route("s.test", "/search?q=*", body="results")
    assert body_of(w, "s.test", "/search?q=camille") == "results"
    assert w.reply_for("s.test", "GET", "/searchXq=camille").status == 404


def test_exact_beats_glob_and_later_route_overrides() -> None:
    w = World()
    w.route("site.test", "/*", body="glob")
    w.route("site.test", "/x", body="first")
    w.route("site.test", "/x", body="second")
    assert body_of(w, "site.test", "/x") == "second"
    assert len(w) == 2


def test_methods_head_falls_back_to_get_and_star_matches_any() -> None:
    w = World()
    w.route("site.test", "/g", body="get")
    w.route("site.test", "/any", body="star", method="*")
    assert body_of(w, "site.test", "/g", "HEAD") == "get"
    assert w.reply_for("site.test", "POST", "/g").status == 404
    assert body_of(w, "site.test", "/any", "DELETE") == "star"


def test_match_body_routes_are_tried_before_plain_one() -> None:
    w = World()
    w.route("api.test", "/login", method="POST", body="fallback")
    w.route("api.test", "/login", method="POST", match_body="user=alice", body="alice")
    w.route("api.test", "/login", method="POST", match_body="user=bob", body="bob")
    assert body_of(w, "api.test", "/login", "POST", b"user=alice&x=1") == "alice"
    assert body_of(w, "api.test", "/login", "POST", b"user=bob") == "bob"
    assert body_of(w, "api.test", "/login", "POST", b"user=eve") == "fallback"


def test_hosts_are_lowercase_and_port_falls_back() -> None:
    w = World()
    w.route("Example.TEST", "/", body="root")
    w.route("example.test:8080", "/", body="8080")
    w.route("*", "/robots.txt", body="robots")
    assert body_of(w, "EXAMPLE.test", "/") == "root"
    assert body_of(w, "example.test:9999", "/") == "root"
    assert body_of(w, "example.test:8080", "/") == "8080"
    assert body_of(w, "other.test", "/robots.txt") == "robots"


def test_default_and_unknown_host_replies() -> None:
    w = World()
    w.route("known.test", "/", body="k")
    assert w.reply_for("nowhere.test", "GET", "/").status == 404
    assert w.reply_for("known.test", "GET", "/missing").status == 404
    w502 = World(unknown_host=UNKNOWN_HOST_502)
    w502.route("known.test", "/", body="k")
    assert w502.reply_for("nowhere.test", "GET", "/").status == 502
    assert w502.reply_for("known.test", "GET", "/missing").status == 404
    assert World(default=Reply(410)).reply_for("a.test", "GET", "/").status == 410


def test_page_json_redirect_helpers_take_full_urls() -> None:
    w = World()
    w.page("https://GitHub.com/camdufresne", "<h1>Camille</h1>")
    w.page("http://site.test:8080/p?q=1", "port", 201)
    w.json("https://api.test/v1/user", {"name": "Camille"})
    w.redirect("https://old.test/", "https://new.test/")
    assert body_of(w, "github.com", "/camdufresne") == "<h1>Camille</h1>"
    assert w.reply_for("site.test:8080", "GET", "/p?q=1").status == 201
    api = w.reply_for("api.test", "GET", "/v1/user")
    assert json.loads(api.raw) == {"name": "Camille"}
    assert api.header("content-type").startswith("application/json")
    assert w.reply_for("old.test", "GET", "/").header("location") == "https://new.test/"


def test_challenge_covers_whole_host_or_one_url() -> None:
    w = World()
    w.challenge("www.instagram.com")
    w.challenge("https://blocked.test/only")
    reply = w.reply_for("www.instagram.com", "GET", "/camdufresne/")
    assert reply.status == 403
    assert reply.header("cf-mitigated") == "challenge"
    assert reply.header("server") == "cloudflare"
    assert b"Just a moment..." in reply.raw
    assert w.reply_for("www.instagram.com", "POST", "/api").status == 403
    assert w.reply_for("blocked.test", "GET", "/only").status == 403
    assert w.reply_for("blocked.test", "GET", "/other").status == 404


def test_rate_limited_sets_retry_after() -> None:
    w = World()
    w.rate_limited("https://x.com/", retry_after=120)
    reply = w.reply_for("x.com", "GET", "/camdufresne")
    assert reply.status == 429
    assert reply.header("retry-after") == "120"


def test_merge_lets_other_world_override() -> None:
    a = World([Route("s.test", "/", Reply(200, "a")), Route("s.test", "/a", Reply(200, "only a"))])
    b = World([Route("s.test", "/", Reply(200, "b"))])
    a.merge(b)
    assert body_of(a, "s.test", "/") == "b"
    assert body_of(a, "s.test", "/a") == "only a"
    assert a.hosts() == frozenset({"s.test"})
    assert {r.path for r in a.routes()} == {"/", "/a"}


def test_split_url() -> None:
    assert split_url("https://Host.test:443/a?b=1") == ("host.test", "/a?b=1")
    assert split_url("http://host.test:8080") == ("host.test:8080", "/")
    with pytest.raises(ValueError, match="absolute"):
        split_url("/relative")


def test_lookup_stays_fast_with_many_routes() -> None:
    w = World()
    for i in range(2000):
        w.page(f"https://site{i}.test/user/camdufresne", f"site {i}")
        w.route(f"site{i}.test", "/static/*", body="static")
    assert body_of(w, "site1999.test", "/user/camdufresne") == "site 1999"
    assert body_of(w, "site17.test", "/static/app.js") == "static"
    assert len(w) == 4000
