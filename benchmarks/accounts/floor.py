"""What aiohttp alone needs for the benchmark's requests: the floor of any one-process tool.

Sends, with one aiohttp session on one event loop, exactly the requests the tool sends over
the farm's catalog (the probe of each site for the handle and, unless `--no-control`, a
second one for a made-up name on the same connection), `--concurrency` at a time, and reads
each body. It decides nothing, logs nothing, writes no report: start-up is only Python and
aiohttp. `bench.py --floor` runs it beside the tool and Sherlock.

    python benchmarks/accounts/floor.py SITES_JSON [--no-control] [--concurrency 256]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

USER = "alice_bench"
CONTROL = "qz7vk2mwx9"


async def sweep(sites: list[dict[str, object]], names: list[str], concurrency: int) -> int:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0, use_dns_cache=False)
    todo = iter(sites)
    answered = 0
    async with aiohttp.ClientSession(connector=connector,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:

        async def worker() -> None:
            nonlocal answered
            for site in todo:
                probe = site["probe"]
                assert isinstance(probe, dict)
                for n, name in enumerate(names):
                    body = probe.get("body")
                    extra = probe.get("headers") or {}
                    assert isinstance(extra, dict)
                    headers = {"Accept-Encoding": "gzip, deflate, br", **extra}
                    if n == len(names) - 1:
                        headers["Connection"] = "close"
                    try:
                        async with session.request(
                            str(probe.get("method", "GET")),
                            str(probe["url"]).replace("{username}", name),
                            data=str(body).replace("{username}", name).encode() if body else None,
                            headers=headers, allow_redirects=False,
                        ) as resp:
                            await resp.read()
                            answered += 1
                    except aiohttp.ClientError:
                        pass

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites_json")
    parser.add_argument("--no-control", action="store_true")
    parser.add_argument("--concurrency", type=int, default=256)
    args = parser.parse_args()
    sites = json.loads(Path(args.sites_json).read_text())["sites"]
    names = [USER] if args.no_control else [USER, CONTROL]
    answered = asyncio.run(sweep(sites, names, args.concurrency))
    print(json.dumps({"requests": len(sites) * len(names), "answered": answered}))


if __name__ == "__main__":
    main()
