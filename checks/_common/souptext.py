"""Bounded text extraction from a BeautifulSoup tag (safe on hostile, deeply nested pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checks._common import soup as _soup

if TYPE_CHECKING:
    from bs4 import Tag






def short_text(tag: Tag, limit: int = 200, max_nodes: int = 200) -> str:
    """The first `limit` characters of a tag's text, visiting at most `max_nodes` nodes (a
    tag's full text is quadratic to collect on hostile, deeply nested pages)."""
    parts: list[str] = []
    size = count = 0
    stack = list(reversed(tag.contents))  # bs4's .descendants walks the whole subtree first
    while stack and count < max_nodes and size < limit:
        node = stack.pop()
        count += 1
        if isinstance(node, _soup.Tag):
            stack.extend(reversed(node.contents))
        elif type(node) is _soup.NavigableString:
            parts.append(str(node))
            size += len(parts[-1])
    return " ".join(" ".join(parts).split())[:limit]
