"""A local site farm for the `accounts` benchmark: N synthetic sites on loopback ports.

Each site listens on its own 127.0.0.1 port (distinct "hosts", so no cross-site connection
reuse), answers after a fixed latency, with HTTP/1.1 keep-alive (closing when the client
sends `Connection: close`, as servers must) and ~8 KiB pages. Styles:
``status`` (200/404), ``marker`` (200 both ways, told apart by a marker), ``redirect`` (302 to
/notfound when missing), ``api`` (JSON probe URL distinct from the profile URL) and ``post``
(POST JSON lookup). Hostile overlays: ``block`` (403 Cloudflare-style challenge with
``cf-mitigated``) and ``ratelimit`` (429 with Retry-After: 60).

Run: ``python benchmarks/accounts/farm.py --sites 500 --latency 0.1 --out DIR``. It writes
``DIR/sites.json`` (own catalog format), ``DIR/truth.json`` (ground truth), prints ``READY``
on stdout once every port listens, and serves until stdin closes or it is terminated.
Standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

USER = "alice_bench"
STYLES = (("status", 0.40), ("marker", 0.25), ("redirect", 0.15), ("api", 0.12), ("post", 0.08))
PAD = "<!-- " + "x" * 8000 + " -->"
CHALLENGE = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             "<div id='challenge-body-text'>checking your browser</div>"
             "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1'></script>"
             "</body></html>")


@dataclass(frozen=True)
class FarmSite:
    """One synthetic site and its ground truth."""

    index: int
    port: int
    style: str
    exists: bool
    hostile: str | None  # None, "block" or "ratelimit"

    @property
    def name(self) -> str:
        return f"Bench Site {self.index:04d}"


def plan(n: int, seed: int, exist_rate: float, block_rate: float,
         limit_rate: float) -> list[tuple[str, bool, str | None]]:
    """Style, existence and hostility of each site (reproducible)."""
    rng = random.Random(seed)
    names, weights = zip(*STYLES, strict=True)
    out = []
    for _ in range(n):
        style = rng.choices(names, weights)[0]
        exists = rng.random() < exist_rate
        roll = rng.random()
        hostile = "block" if roll < block_rate else (
            "ratelimit" if roll < block_rate + limit_rate else None)
        out.append((style, exists, hostile))
    return out


def catalog_entry(site: FarmSite) -> dict[str, object]:
    """The site in the tool's own catalog format."""
    base = f"http://127.0.0.1:{site.port}"
    entry: dict[str, object] = {
        "key": f"bench-{site.index:04d}", "name": site.name, "category": "misc",
        "countries": ["GLOBAL"], "username": {"min_len": 1, "max_len": 64},
        "known_handle": USER, "last_verified": None, "source": "benchmark farm",
        "platform_key": "generic",
    }
    if site.style == "status":
        url = f"{base}/u/{{username}}"
        entry.update(profile_url=url, probe={"url": url, "method": "GET"},
                     present={"status": [200], "marker": None},
                     absent={"status": [404], "marker": None})
    elif site.style == "marker":
        url = f"{base}/profile/{{username}}"
        entry.update(profile_url=url, probe={"url": url, "method": "GET"},
                     present={"status": [200], "marker": 'class="profile-card"'},
                     absent={"status": [200], "marker": "No user by that name"})
    elif site.style == "redirect":
        url = f"{base}/{{username}}"
        entry.update(profile_url=url, probe={"url": url, "method": "GET",
                                             "follow_redirects": False},
                     present={"status": [200], "marker": 'class="profile-card"'},
                     absent={"status": [302], "marker": None, "url_contains": "/notfound"})
    elif site.style == "api":
        entry.update(profile_url=f"{base}/@{{username}}",
                     probe={"url": f"{base}/api/users/{{username}}", "method": "GET",
                            "headers": {"Accept": "application/json"}},
                     present={"status": [200], "marker": '"username":'},
                     absent={"status": [404], "marker": '"error":'})
    else:
        entry.update(profile_url=f"{base}/@{{username}}",
                     probe={"url": f"{base}/api/lookup", "method": "POST",
                            "headers": {"Content-Type": "application/json"},
                            "body": '{"username": "{username}"}'},
                     present={"status": [200], "marker": '"taken":true'},
                     absent={"status": [200], "marker": '"taken":false'})
    return entry


def answer(site: FarmSite, method: str, path: str, body: bytes) -> tuple[int, dict[str, str], str]:
    """Status, headers and body for one request to `site`."""
    if site.hostile == "block":
        return 403, {"Content-Type": "text/html", "cf-mitigated": "challenge",
                     "Server": "cloudflare"}, CHALLENGE
    if site.hostile == "ratelimit":
        return 429, {"Content-Type": "text/html", "Retry-After": "60"}, "<h1>429</h1>"
    name = path.rsplit("/", 1)[-1]
    html = {"Content-Type": "text/html; charset=utf-8"}
    mine = site.exists and name == USER
    if site.style == "status":
        if mine:
            return 200, html, f"<html><body><h1>{name}</h1>{PAD}</body></html>"
        return 404, html, f"<html><body>not found{PAD}</body></html>"
    if site.style in ("marker", "redirect"):
        if mine:
            card = f'<div class="profile-card">{name}</div>'
            return 200, html, f"<html><body>{card}{PAD}</body></html>"
        if site.style == "redirect":
            return 302, {"Location": "/notfound"}, ""
        return 200, html, f"<html><body><p>No user by that name</p>{PAD}</body></html>"
    js = {"Content-Type": "application/json"}
    if site.style == "api":
        if mine:
            return 200, js, json.dumps({"id": site.index, "username": name})
        return 404, js, '{"error": "not found"}'
    try:
        asked = json.loads(body or b"{}").get("username")
    except ValueError:
        asked = None
    taken = site.exists and asked == USER
    return 200, js, '{"taken":true}' if taken else '{"taken":false}'


class Farm:
    """All sites of the farm, served by one asyncio loop."""

    def __init__(self, specs: list[tuple[str, bool, str | None]], latency: float) -> None:
        self.specs, self.latency = specs, latency
        self.sites: list[FarmSite] = []
        self.served = 0
        self.in_flight = 0
        self.peak = 0

    async def start(self) -> None:
        for i, (style, exists, hostile) in enumerate(self.specs):
            holder: dict[str, FarmSite] = {}

            async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                             holder: dict[str, FarmSite] = holder) -> None:
                await self.serve(holder["site"], reader, writer)

            server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=256)
            port = server.sockets[0].getsockname()[1]
            holder["site"] = FarmSite(i, port, style, exists, hostile)
            self.sites.append(holder["site"])

    async def serve(self, site: FarmSite, reader: asyncio.StreamReader,
                    writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                length = 0
                for line in lines[1:]:
                    if line.lower().startswith("content-length:"):
                        length = int(line.split(":", 1)[1])
                body = await reader.readexactly(length) if length else b""
                self.in_flight += 1
                self.peak = max(self.peak, self.in_flight)
                await asyncio.sleep(self.latency)
                status, headers, text = answer(site, method, target.split("?")[0], body)
                payload = text.encode()
                close = "connection: close" in head.decode("latin-1").lower()
                out = [f"HTTP/1.1 {status} X", f"Content-Length: {len(payload)}",
                       "Connection: " + ("close" if close else "keep-alive")]
                out += [f"{k}: {v}" for k, v in headers.items()]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + payload)
                await writer.drain()
                self.in_flight -= 1
                self.served += 1
                if close:  # as HTTP/1.1 servers must when the client asks
                    break
        except (asyncio.IncompleteReadError, asyncio.CancelledError, ConnectionError, ValueError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()


async def main_async(args: argparse.Namespace) -> None:
    specs = plan(args.sites, args.seed, args.exists, args.block, args.ratelimit)
    farm = Farm(specs, args.latency)
    await farm.start()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    catalog = {"format": "exposure-audit/sites", "version": 1,
               "sites": [catalog_entry(s) for s in farm.sites]}
    (out / "sites.json").write_text(json.dumps(catalog))
    truth = [{"name": s.name, "style": s.style, "exists": s.exists, "hostile": s.hostile}
             for s in farm.sites]
    (out / "truth.json").write_text(json.dumps(truth))
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    with contextlib.suppress(OSError, ValueError):  # stdin may not be pollable (a file)
        loop.add_reader(sys.stdin.fileno(),
                        lambda: stop.set() if not sys.stdin.read(1) else None)
    await stop.wait()
    (out / "farm-stats.json").write_text(json.dumps({"served": farm.served, "peak": farm.peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exists", type=float, default=0.10)
    parser.add_argument("--block", type=float, default=0.05)
    parser.add_argument("--ratelimit", type=float, default=0.05)
    parser.add_argument("--out", required=True)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
