"""Benchmark: what the profile reader reads from saved real profile pages, per field.

    python -m benchmarks.pages.profiles FOLDER --labels LABELS.json [--show]

FOLDER holds saved answers of profile addresses: `.html`/`.htm`/`.json` bodies, or `.http`
files holding a whole HTTP response (status line, headers, blank line, body), as some test
collections keep them. LABELS.json maps a file name to what a reader of the page sees on it:
`{"page.html": {"url": "https://...", "profile": "https://...", "display_name": "...",
"bio": "first words of the bio", "links": [...], "avatar_url": "...", "account_id": "..."}}`.
`url` is the address that answered, `profile` the profile page the tool names (default: `url`);
a field set to null (or an empty list) says the page does not show it; `avatar_url` may list
several sizes of the same picture.

Each page goes through `checks.accounts.extract.profile_details`, as a found account's answer
does. Compared per field: display name and account id exactly (spaces normalised), the bio by
its beginning (the label holds the bio's first words; the reader keeps 500 characters),
avatars by scheme, host and path (signed query strings change between copies of a page), links
as sets (host lower case, no trailing slash, http and https alike). Prints recall (labelled
values read right) and precision (values read that are right) per field.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from audit.net.model import HttpResponse
from checks.accounts.extract import profile_details

FIELDS = ("display_name", "bio", "links", "avatar_url", "account_id")
_TYPES = {".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
          ".json": "application/json"}


def read_response(path: Path, url: str) -> HttpResponse:
    """A saved answer as an `HttpResponse`: a raw `.http` response, or a bare body."""
    data = path.read_bytes()
    headers = {"content-type": _TYPES.get(path.suffix.lower(), "text/html; charset=utf-8")}
    status = 200
    if data.startswith(b"HTTP/"):
        sep = b"\r\n\r\n" if b"\r\n\r\n" in data else b"\n\n"
        head, _, data = data.partition(sep)
        lines = head.decode("latin-1").splitlines()
        status = int(lines[0].split()[1])
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return HttpResponse(url=url, status=status, headers=headers, body=data)


def _text(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def _link(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').lower()}{parts.path.rstrip('/')}" + (
        f"?{parts.query}" if parts.query else "")


def _avatar(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').lower()}{parts.path}"


def compare(name: str, want: Any, got: Any) -> tuple[int, int, int, int]:
    """(labelled, read, labelled values read right, read values that are right)."""
    if name == "links":
        wanted = {_link(u) for u in want or []}
        links = {_link(u) for u in got or []}
        right = len(wanted & links)
        return len(wanted), len(links), right, right
    labelled, read = int(want not in (None, "")), int(got not in (None, ""))
    if not (labelled and read):
        return labelled, read, 0, 0
    if name == "bio":
        ok = _text(got).startswith(_text(want))
    elif name == "avatar_url":  # a list: sizes of the same picture, each one right
        ok = _avatar(str(got)) in {_avatar(str(w)) for w in (want if isinstance(want, list)
                                                              else [want])}
    else:
        ok = _text(got) == _text(want)
    return 1, 1, int(ok), int(ok)


def pages(folder: Path, labels: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any],
                                                                  dict[str, Any]]]:
    """(file name, label, what the reader read) for every labelled file of the folder."""
    for path in sorted(folder.iterdir()):
        label = labels.get(path.name)
        if label is None:
            continue
        url = str(label["url"])
        found = profile_details(read_response(path, url), str(label.get("profile", url)))
        yield path.name, label, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--show", action="store_true", help="print every page's misses")
    args = ap.parse_args(argv)
    labels = json.loads(args.labels.read_text("utf-8"))
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    count = 0
    for name, label, found in pages(args.folder, labels):
        count += 1
        for field in FIELDS:
            want, got = label.get(field), found.get(field)
            labelled, read, tp, right = compare(field, want, got)
            row = stats[field]
            row["labels"] += labelled
            row["found"] += read
            row["tp"] += tp
            row["right"] += right
            if args.show and (tp < labelled or right < read):
                print(f"{name} {field}: want {want!r} got {got!r}")
    print(f"{count} labelled pages")
    print("| field | labelled | read | recall | precision |")
    print("|---|---|---|---|---|")
    for field in FIELDS:
        r = stats[field]
        recall = f"{r['tp']}/{r['labels']}" if r["labels"] else "-"
        precision = f"{r['right']}/{r['found']}" if r["found"] else "-"
        print(f"| {field} | {r['labels']} | {r['found']} | {recall} | {precision} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
