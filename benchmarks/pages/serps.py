"""Benchmark: the result-page readers on a folder of saved real result pages.

    python -m benchmarks.pages.serps FOLDER [FOLDER ...] [--show-misses]

Each page's engine is detected as `search import` does; its results are compared with the
page's labels (see `benchmarks.pages.savedpages`), URLs compared in their normal form
(`checks.search.urls.normalise_url`). Labelled advertisements and links to the engine's own
pages (its other searches, video tab, maps) are left out of the labels: the readers skip them
on purpose. Prints per engine: pages, pages read as results / as "no results" / as
"unexpected page", and recall and precision over the labelled results.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.pages.savedpages import read_folder
from checks.search.blocks import find_block_marker
from checks.search.serp import RESULT_MARKUP_ALL, parse_saved
from checks.search.urls import normalise_url, unwrap

ENGINE_DOMAINS = ("google.", "bing.com", "qwant.com", "duckduckgo.com", "startpage.com",
                  "msn.com", "googleadservices.com", "doubleclick.net")


def _kept_label(url: str) -> bool:
    host = (urlsplit(unwrap(url)).hostname or "").lower()
    return bool(host) and not any(d in host for d in ENGINE_DOMAINS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for folder in args.folders:
        for page in read_folder(folder):
            parsed = parse_saved(page.html)
            engine = parsed.engine if parsed else "unknown"
            row = stats[engine]
            row["pages"] += 1
            if parsed is None or (not parsed.hits and find_block_marker(
                    page.html, RESULT_MARKUP_ALL)) or parsed.looks_broken:
                row["unexpected"] += 1
            elif parsed.said_no_results:
                row["no_results"] += 1
            else:
                row["read"] += 1
            if page.labels is None:
                continue
            want = {normalise_url(u) for u in page.labels if _kept_label(u)}
            got = {normalise_url(h.url) for h in parsed.hits} if parsed else set()
            row["labelled_pages"] += 1
            row["labels"] += len(want)
            row["hits"] += len(got)
            row["tp"] += len(want & got)
            if want and not got:
                row["zero_with_labels"] += 1
            if args.show_misses and want != got:
                print(f"{page.name} [{engine}] missed {sorted(want - got)[:3]} "
                      f"extra {sorted(got - want)[:3]}", file=sys.stderr)
    print("| engine | pages | read | no results | unexpected page | labelled results | "
          "recall | precision | 0 read with labels |")
    print("|---|---|---|---|---|---|---|---|---|")
    for engine in sorted(stats):
        r = stats[engine]
        recall = f"{100 * r['tp'] / r['labels']:.1f} %" if r["labels"] else "-"
        precision = f"{100 * r['tp'] / r['hits']:.1f} %" if r["hits"] else "-"
        print(f"| {engine} | {r['pages']} | {r['read']} | {r['no_results']} | "
              f"{r['unexpected']} | {r['labels']} | {recall} | {precision} | "
              f"{r['zero_with_labels']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
