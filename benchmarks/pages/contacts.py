"""Benchmark: contact details read from a folder of saved real pages, per field.

    python -m benchmarks.pages.contacts FOLDER --labels LABELS.json [--show]

LABELS.json maps a file name to the page's address (used for relative links and the page's
country) and the details a reader of the page finds on it:
`{"page.html": {"url": "https://...", "emails": [...], "phones": ["+44..."],
"addresses": ["2-4 Hoxton Square, N1 6NU London"]}}`. Every detail the extractor reads is
compared with the labels (emails lower case, phones in E.164, addresses by
`checks.contacts.normalize.addresses_match`); prints recall and precision per field.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from benchmarks.pages.savedpages import read_folder
from checks._common.page import parse_page
from checks.contacts.extract import Known, extract_details
from checks.contacts.normalize import addresses_match

FIELDS = {"emails": "email", "phones": "phone", "addresses": "address"}


def _same(kind: str, a: str, b: str) -> bool:
    return addresses_match(a, b) if kind == "address" else a.lower() == b.lower()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    labels = json.loads(args.labels.read_text("utf-8"))
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    pages = 0
    for page in read_folder(args.folder):
        label = labels.get(page.name)
        if label is None:
            continue
        pages += 1
        found = extract_details(parse_page(label.get("url", "https://unknown.invalid/"),
                                           page.html), Known())
        for field, kind in FIELDS.items():
            want = list(label.get(field, []))
            got = [d.value for d in found if d.type == kind]
            tp = sum(1 for w in want if any(_same(kind, w, g) for g in got))
            right = sum(1 for g in got if any(_same(kind, w, g) for w in want))
            row = stats[field]
            row["labels"] += len(want)
            row["found"] += len(got)
            row["tp"] += tp
            row["right"] += right
            if args.show and (tp < len(want) or right < len(got)):
                print(f"{page.name} {field}: want {want} got {got}")
    print(f"{pages} labelled pages")
    print("| field | labelled | read | recall | precision |")
    print("|---|---|---|---|---|")
    for field in FIELDS:
        r = stats[field]
        recall = f"{100 * r['tp'] / r['labels']:.0f} % ({r['tp']}/{r['labels']})" \
            if r["labels"] else "-"
        precision = f"{100 * r['right'] / r['found']:.0f} % ({r['right']}/{r['found']})" \
            if r["found"] else "-"
        print(f"| {field} | {r['labels']} | {r['found']} | {recall} | {precision} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
