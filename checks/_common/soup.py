"""BeautifulSoup, imported on first use, and `parse`: the one bounded way to parse a page.

bs4 (with soupsieve) takes about 0.12 s to import, a quarter of the tool's start-up, and most
runs of a command never parse HTML. Modules use `_soup.BeautifulSoup`, `_soup.Tag` and
`_soup.NavigableString`; bs4 is imported the first time one of them is looked up.

Pages are hostile input: a megabyte of unclosed nested tags once took 13 s and 610 MB to
parse. `parse(html)` cuts the text at `MAX_CHARS` before parsing and stops the parser past
`MAX_TAGS` elements, `MAX_DEPTH` levels of nesting or `MAX_SECONDS` of work, raising
`PageTooComplex` (a `CheckFailure`: the page is reported unknown, the scan goes on). Markup
the standard library's parser gives up on partway (a few malformed ``<![...[`` declarations)
keeps what was read before it, closed as at the end of a document.

`text_of(node)` is the one way checks turn HTML into text: bs4's text nodes (the text of
script, style, template and ruby annotations left out), joined by spaces, whitespace collapsed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from audit.check import CheckFailure

if TYPE_CHECKING:
    from bs4 import BeautifulSoup as BeautifulSoup
    from bs4 import Tag as Tag
    from bs4.element import NavigableString as NavigableString

MAX_CHARS = 2_000_000  # the HTTP layer's page cap
MAX_TAGS = 100_000
MAX_DEPTH = 10_000
MAX_SECONDS = 5.0


class PageTooComplex(CheckFailure):
    """The page is too big, too deep or too slow to parse: it is reported unknown."""


def text_of(node: Tag | None) -> str:
    """A node's (or a whole parsed page's) text, spaces collapsed; "" for None."""
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def parse(
    html: str,
    *,
    max_chars: int = MAX_CHARS,
    max_tags: int = MAX_TAGS,
    max_depth: int = MAX_DEPTH,
    max_seconds: float = MAX_SECONDS,
) -> BeautifulSoup:
    """Parse `html` with html.parser within the limits; raise `PageTooComplex` past them."""
    cls = _bounded_class()
    soup: BeautifulSoup = cls(
        html[:max_chars], max_tags=max_tags, max_depth=max_depth, max_seconds=max_seconds
    )
    return soup


_BOUNDED: Any = None


def _bounded_class() -> Any:
    global _BOUNDED
    if _BOUNDED is not None:
        return _BOUNDED
    import bs4

    class Bounded(bs4.BeautifulSoup):  # type: ignore[misc]
        """A BeautifulSoup that counts what it builds and stops past the limits."""

        def __init__(self, html: str, *, max_tags: int, max_depth: int,
                     max_seconds: float) -> None:
            self._limits = (max_tags, max_depth, time.monotonic() + max_seconds)
            self._tags = 0
            super().__init__(html, "html.parser")

        def handle_starttag(self, name: str, *args: Any, **kwargs: Any) -> Any:
            self._tags += 1
            max_tags, max_depth, t_end = self._limits
            if self._tags > max_tags:
                raise PageTooComplex(f"page not read: more than {max_tags} elements")
            if len(self.tagStack) > max_depth:
                raise PageTooComplex(f"page not read: nested more than {max_depth} deep")
            if self._tags % 256 == 0 and time.monotonic() > t_end:
                raise PageTooComplex("page not read: it took too long to parse")
            return super().handle_starttag(name, *args, **kwargs)

        def _feed(self) -> None:
            try:
                super()._feed()
            except bs4.ParserRejectedMarkup:  # keep what was read, close what is open
                self.endData()
                while self.currentTag is not None and self.currentTag.name != self.ROOT_TAG_NAME:
                    self.popTag()

    _BOUNDED = Bounded
    return Bounded


def __getattr__(name: str) -> Any:
    if name in ("BeautifulSoup", "Tag"):
        import bs4

        return getattr(bs4, name)
    if name == "NavigableString":
        import bs4.element

        return bs4.element.NavigableString
    raise AttributeError(name)
