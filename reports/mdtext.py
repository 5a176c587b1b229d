"""Markdown building blocks that escape everything they are given: inline text, table cells,
links (only http/https become links), tables and quoted blocks. Shared by the Markdown report
and the handout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from reports.view import as_text, safe_url

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_LINE_START = re.compile(r"^(\s*)(\d{1,9}(?=[.)]))?([#+\-=.)])(?=\s|$)")
_URL_UNSAFE = {"<": "%3C", ">": "%3E", "|": "%7C", "`": "%60", "\\": "%5C", '"': "%22",
               "'": "%27", " ": "%20", "(": "%28", ")": "%29"}


def inline(value: Any) -> str:
    """Text safe inside a Markdown paragraph, heading, list item or table cell.

    Newlines become spaces; `\\ ` * _ [ ] | ~` are backslash-escaped; `<` and `>` become
    entities (so no HTML is ever interpreted), and `&` only where it would start an entity (a
    URL keeps its plain `&`); block markers at the start are escaped.
    """
    text = _body(" ".join(as_text(value).split()))
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}\\{m.group(3)}", text)


def _body(text: str) -> str:
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def prose(value: Any) -> str:
    """Like `inline`, for the tool's own texts: their `command` spans stay code spans."""
    text = " ".join(as_text(value).split())
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        part = text[last:m.start()]
        out.append(inline(part) + (" " if part.endswith(" ") else "") if not last else _body(part))
        out.append(f"`{m.group(1)}`")
        last = m.end()
    out.append(_body(text[last:]))
    return "".join(out) if last else inline(text)


def cell(value: Any) -> str:
    """A table cell (inline text; an empty cell stays empty)."""
    return inline(value)


def link(url: Any, text: Any = None) -> str:
    """A Markdown link for http(s) URLs; escaped plain text for any other value."""
    target = safe_url(url)
    label = as_text(text) if text not in (None, "") else as_text(url)
    if target is None:
        return inline(label)
    encoded = "".join(_URL_UNSAFE.get(c, c) for c in target)
    if label == target:
        return f"<{encoded}>"
    return f"[{inline(label)}](<{encoded}>)"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    """A GitHub-flavoured Markdown table; cells already formatted are passed as `Raw`."""
    out = ["| " + " | ".join(inline(h) for h in headers) + " |",
           "| " + " | ".join("---" for _ in headers) + " |"]
    for row in rows:
        cells = [c.text if isinstance(c, Raw) else cell(c) for c in row]
        out.append("| " + " | ".join(c or " " for c in cells) + " |")
    out.append("")
    return out


class Raw:
    """A cell that is already Markdown (e.g. from `link`), not to be escaped again."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def quote(text: Any) -> list[str]:
    """A block quote keeping the text's lines (each escaped, hard line breaks)."""
    lines = as_text(text).splitlines() or [""]
    return [f"> {inline(line)}  " if line.strip() else ">" for line in lines] + [""]
