"""BeautifulSoup, imported on first use.

bs4 (with soupsieve) takes about 0.12 s to import, a quarter of the tool's start-up, and most
runs of a command never parse HTML. Modules use `_soup.BeautifulSoup`, `_soup.Tag` and
`_soup.NavigableString`; bs4 is imported the first time one of them is looked up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import BeautifulSoup as BeautifulSoup
    from bs4 import Tag as Tag
    from bs4.element import NavigableString as NavigableString


def __getattr__(name: str) -> Any:
    if name in ("BeautifulSoup", "Tag"):
        import bs4

        return getattr(bs4, name)
    if name == "NavigableString":
        import bs4.element

        return bs4.element.NavigableString
    raise AttributeError(name)
