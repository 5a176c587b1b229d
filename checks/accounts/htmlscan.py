"""One pass over a profile page's HTML with the standard library's `HTMLParser` (no tree, no bs4).

Owns the HTML reading used by `checks.accounts.extract`: `scan(markup)` collects, in document
order, the meta tags, JSON-LD script bodies, `rel="me"` links, links inside bio-like elements,
the text of the first `p-name`, `itemprop="name"` and `p-note` elements and the first avatar
`<img>` (its src and alt); `scan(fragment, whole_text=True)` also keeps the text of the whole
fragment (HTML inside JSON fields). Element text follows bs4's `get_text(" ", strip=True)`: a
text node ends at any tag or comment, each node is stripped, empty ones dropped, the rest joined
by one space; text inside script, style, template, rt and rp is left out. An element ends at
its matching end tag or when an ancestor closes (a stray end tag closes nothing); void elements
never hold text. HTML entities are decoded. Markup the stdlib parser rejects never raises: what
was read so far is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BIO_CLASSES = re.compile(r"(^|[-_ ])(bio|note|about|description|profile-field|account__header"
                         r"|user-profile-bio|p-note)([-_ ]|$)", re.I)
NOTE_CLASSES = re.compile(r"(^|[-_ ])(p-note|user-profile-bio)([-_ ]|$)")
AVATAR_CLASSES = re.compile(r"avatar|u-photo", re.I)

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                   "menuitem", "meta", "param", "source", "track", "wbr", "basefont", "bgsound",
                   "command", "frame", "image", "isindex", "nextid", "spacer"})
_HIDDEN = frozenset({"script", "style", "template", "rt", "rp"})  # their text is not page text
_SLOT_CHARS = 4096  # an element's text is kept up to this many (normalised) characters
_LD_JSON = "application/ld+json"


@dataclass
class PageScan:
    """What one pass over the markup found (hrefs and srcs as written, not yet resolved)."""

    metas: dict[str, str] = field(default_factory=dict)  # property/name/itemprop -> 1st content
    ld_json: list[str] = field(default_factory=list)
    anchors: list[tuple[str, bool]] = field(default_factory=list)  # <a href>, has rel=me
    rel_me: list[str] = field(default_factory=list)  # <a>/<link> href with rel=me
    bio_links: list[str] = field(default_factory=list)  # <a href> inside a bio-like element
    texts: dict[str, str] = field(default_factory=dict)  # "p-name" / "itemprop" / "p-note"
    avatar_src: str | None = None
    avatar_alt: str = ""  # the first avatar <img>'s alt text (often the account's name)
    avatar_found: bool = False
    text: list[str] = field(default_factory=list)  # every text node, with whole_text=True


@dataclass
class _Open:
    name: str
    bio: bool = False
    hidden: bool = False
    slots: tuple[str, ...] = ()


_Slot = tuple[str | None, list[str]]  # (hidden element whose text it reads or None, text nodes)


class _Collector(HTMLParser):
    def __init__(self, whole_text: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageScan()
        self._whole_text = whole_text
        self._stack: list[_Open] = []
        self._open: dict[str, int] = {}
        self._bio = 0
        self._hidden: list[str] = []  # open script/style/template/rt/rp elements
        self._pending: list[str] = []
        self._slots: dict[str, _Slot] = {}  # open slot -> what it reads, its text so far
        self._ld: list[str] | None = None  # body of the JSON-LD script being read

    # -- text ------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)
        self._pending.append(data)

    def _flush(self, cdata: bool = False) -> None:
        """End the current text node. Like bs4, an element's text is the text whose innermost
        hidden container is the same as the element's own (none for ordinary elements)."""
        if not self._pending:
            return
        inside = None if cdata or not self._hidden else self._hidden[-1]
        targets = [nodes for kind, nodes in self._slots.values()
                   if kind == inside and sum(map(len, nodes)) <= _SLOT_CHARS]
        keep = self._whole_text and inside is None
        if targets or keep:
            node = " ".join("".join(self._pending).split())
            if node:
                for nodes in targets:
                    nodes.append(node)
                if keep:
                    self.found.text.append(node)
        self._pending.clear()

    def handle_comment(self, data: str) -> None:
        self._flush()

    def handle_decl(self, decl: str) -> None:
        self._flush()

    def handle_pi(self, data: str) -> None:
        self._flush()

    def unknown_decl(self, data: str) -> None:
        self._flush()
        if data.upper().startswith("CDATA["):  # bs4 keeps CDATA sections as text
            self._pending.append(data[6:])
            self._flush(cdata=True)

    # -- elements --------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag in _VOID:
            self._end(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        self._end(tag)

    def handle_endtag(self, tag: str) -> None:
        self._end(tag)

    def _start(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        self._flush()
        attrs = {k: v or "" for k, v in attr_list}  # a repeated attribute: the last one wins
        classes = attrs.get("class", "").split()
        found = self.found
        if tag == "meta":
            content = attrs.get("content", "")
            if content.strip():
                for key in ("property", "name", "itemprop"):
                    found.metas.setdefault(attrs.get(key, ""), content)
        elif tag in ("a", "link") and "href" in attrs:
            href = attrs["href"]
            me = "me" in attrs.get("rel", "").lower().split()
            if me:
                found.rel_me.append(href)
            if tag == "a":
                found.anchors.append((href, me))
                if self._bio:
                    found.bio_links.append(href)
        elif tag == "img" and not found.avatar_found and any(
            AVATAR_CLASSES.search(c) for c in classes
        ):
            found.avatar_found, found.avatar_src = True, attrs.get("src")
            found.avatar_alt = " ".join(attrs.get("alt", "").split())
        slots: list[str] = []
        if "p-name" in classes:
            slots.append("p-name")
        if attrs.get("itemprop") == "name":
            slots.append("itemprop")
        if any(NOTE_CLASSES.search(c) for c in classes):
            slots.append("p-note")
        slots = [s for s in slots if s not in found.texts and s not in self._slots]
        for slot in slots:
            self._slots[slot] = (tag if tag in _HIDDEN else None, [])
        item = _Open(tag, any(BIO_CLASSES.search(c) for c in classes), tag in _HIDDEN,
                     tuple(slots))
        self._stack.append(item)
        self._open[tag] = self._open.get(tag, 0) + 1
        self._bio += item.bio
        if item.hidden:
            self._hidden.append(tag)
        if tag == "script" and attrs.get("type") == _LD_JSON:
            self._ld = []

    def _end(self, tag: str) -> None:
        self._flush()
        if not self._open.get(tag):
            return  # a stray end tag closes nothing
        while self._stack:
            item = self._stack.pop()
            self._close(item)
            if item.name == tag:
                break

    def _close(self, item: _Open) -> None:
        self._open[item.name] -= 1
        self._bio -= item.bio
        if item.hidden:
            self._hidden.pop()
        for slot in item.slots:
            self.found.texts[slot] = " ".join(self._slots.pop(slot)[1])
        if item.name == "script" and self._ld is not None:
            self.found.ld_json.append("".join(self._ld))
            self._ld = None

    def finish(self) -> PageScan:
        """Close what the markup left open (as at the end of a document)."""
        self._flush()
        while self._stack:
            self._close(self._stack.pop())
        return self.found


def scan(markup: str, whole_text: bool = False) -> PageScan:
    """Read `markup` in one pass; never raises on malformed or hostile markup."""
    collector = _Collector(whole_text)
    try:
        collector.feed(markup)
        collector.close()
    except AssertionError:  # html.parser's answer to a few malformed declarations
        pass
    return collector.finish()
