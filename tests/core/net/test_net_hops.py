"""Redirect methods, secret query parameters in the log and compressed bombs, against a real
loopback server (issue 13 follow-ups).

- 303 turns every method but HEAD into a GET without a body (RFC 9110 §15.4.4); 307 and 308
  keep the method and the body (§15.4.8, §15.4.9); 301/302 turn a POST into a GET.
- Secret query parameters are redacted in the request log whatever their case.
- A brotli bomb is cut at the body cap after decompression, like gzip and deflate.
- A client stopped at the deadline or by Ctrl-C with requests in flight, then closed and
  dropped, prints no asyncio noise (never-awaited coroutines, pending tasks, open loop).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from audit.net.client import HttpClient
from audit.net.model import HttpRequest
from audit.settings import Settings


class Recorder(http.server.BaseHTTPRequestHandler):
    """`/go/<status>` redirects to `/end`; `/end` answers 200; every request is recorded as
    (method, path, body, content-type)."""

    seen: list[tuple[str, str, bytes, str]]

    def _any(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size) if size else b""
        self.seen.append((self.command, self.path, body, self.headers.get("Content-Type", "")))
        if self.path.startswith("/go/"):
            self.send_response(int(self.path[4:]))
            self.send_header("Location", "/end")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(b"ok")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _any

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[tuple[str, str, bytes, str]]]]:
    seen: list[tuple[str, str, bytes, str]] = []
    handler = type("H", (Recorder,), {"seen": seen})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", seen
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def client() -> Iterator[HttpClient]:
    c = HttpClient(Settings(trust_env=False, retries=0, allow_private=True))
    yield c
    c.close()


BODY = b'{"u": "x"}'
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_303_turns_any_method_into_a_get_without_body(recorder, client, method):
    base, seen = recorder
    resp = client.send(HttpRequest(f"{base}/go/303", method=method, body=BODY, headers=JSON))
    assert resp.status == 200
    assert resp.redirects == (f"{base}/go/303",)
    assert seen[0][:3] == (method, "/go/303", BODY)
    assert seen[1] == ("GET", "/end", b"", "")  # no body, nor its Content-Type


def test_303_keeps_head(recorder, client):
    base, seen = recorder
    client.send(HttpRequest(f"{base}/go/303", method="HEAD"))
    assert [m for m, *_ in seen] == ["HEAD", "HEAD"]


@pytest.mark.parametrize("status", [307, 308])
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_307_and_308_keep_the_method_and_the_body(recorder, client, status, method):
    base, seen = recorder
    client.send(HttpRequest(f"{base}/go/{status}", method=method, body=BODY, headers=JSON))
    assert seen[1] == (method, "/end", BODY, "application/json")


@pytest.mark.parametrize("status", [301, 302])
def test_301_and_302_turn_a_post_into_a_get_and_keep_a_put(recorder, client, status):
    base, seen = recorder
    client.send(HttpRequest(f"{base}/go/{status}", method="POST", body=BODY))
    client.send(HttpRequest(f"{base}/go/{status}", method="PUT", body=BODY))
    assert seen[1][:3] == ("GET", "/end", b"")
    assert seen[3][:3] == ("PUT", "/end", BODY)


@pytest.mark.parametrize("query", ["API_KEY=s3cr3t", "Token=s3cr3t", "ApiKey=s3cr3t",
                                   "a=1&ACCESS_TOKEN=s3cr3t"])
def test_upper_case_secret_parameters_are_redacted_in_the_request_log(recorder, client, query):
    base, seen = recorder
    client.send(HttpRequest(f"{base}/end?{query}"))
    assert seen[0][1].endswith("s3cr3t")  # it was sent
    (record,) = client.request_log
    assert "s3cr3t" not in record.url
    assert "REDACTED" in record.url


def test_a_brotli_bomb_is_cut_at_the_cap_after_decompression():
    import brotli

    bomb = brotli.compress(b"\0" * 50_000_000, quality=11)
    assert len(bomb) < 100_000
    heads: list[str] = []

    class Bomb(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            heads.append(self.headers.get("Accept-Encoding", ""))
            self.send_response(200)
            self.send_header("Content-Encoding", "br")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            self.wfile.write(bomb)

        def log_message(self, format: str, *args: object) -> None:
            return None

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bomb)
    threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
    c = HttpClient(Settings(trust_env=False, retries=0, allow_private=True))
    try:
        resp = c.send(HttpRequest(f"http://127.0.0.1:{srv.server_address[1]}/",
                                  max_bytes=200_000))
    finally:
        c.close()
        srv.shutdown()
        srv.server_close()
    assert "br" in [e.strip() for e in heads[0].split(",")]
    assert resp.truncated
    assert resp.body == b"\0" * 200_000


_QUIET_END = """
import gc, os, signal, socket, sys, threading, time
from audit.net.client import HttpClient
from audit.net.model import HttpRequest
from audit.settings import Settings

srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(64)
held = []
threading.Thread(target=lambda: [held.append(srv.accept()) for _ in iter(int, 1)],
                 daemon=True).start()  # accepts, never answers
url = f"http://127.0.0.1:{srv.getsockname()[1]}/"
c = HttpClient(Settings(trust_env=False, retries=3, timeout=30, allow_private=True))
batch = c.send_batch([HttpRequest(url + str(i)) for i in range(20)], "t", lambda i, a: None)
if sys.argv[1] == "deadline":
    c.open_until(time.monotonic() + 0.5)
    batch.wait(1.0)
    batch.cancel()
    c.stop()
    print(len(c.request_log))
else:  # Ctrl-C while a check waits on a request
    threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    try:
        c.send(HttpRequest(url + "x"))
    except KeyboardInterrupt:
        print("interrupted")
c.close()  # as the scanner does, then the client is dropped: its finalizer runs too
del c, batch
gc.collect()
time.sleep(0.3)
gc.collect()
"""


@pytest.mark.parametrize("how", ["deadline", "ctrl-c"])
def test_no_asyncio_noise_when_a_scan_ends_with_requests_in_flight(how, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "end.py"
    script.write_text(_QUIET_END)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-X", "dev", str(script), how], cwd=root,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in ("20", "interrupted")
    for noise in ("never awaited", "Task was destroyed", "Exception ignored", "Traceback",
                  "unclosed event loop"):
        assert noise not in done.stderr, done.stderr
