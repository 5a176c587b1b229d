"""Build the identity graph from what the earlier stages found: the person's own sites, the
found profiles (re-read through the per-scan page cache), the link-in-bio pages they point to,
the person's own contact details found by `contacts`, and same-avatar / same-handle /
same-display-name comparisons. Discovery of new handles, public APIs and cluster findings live
in `discovery`, `lookups` and `findings`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from audit.check import CheckContext, CheckFailure
from audit.hosts import host_of
from audit.models import CheckResult, Subject
from audit.net.model import Origin
from checks._common.fetch import fetch_checked, is_textual
from checks._common.findings import findings_of
from checks._common.names import Names
from checks._common.page import Link, PageInfo, parse_page
from checks._common.text import fold
from checks.links.avatars import SAME_PICTURE_BITS, AvatarPrint, distance, fingerprint
from checks.links.graph import Graph, node_id
from checks.links.platforms import is_link_in_bio, mentions, node_for_url, profile_url
from checks.links.texts import say

MAX_LINK_IN_BIO = 5
MAX_AVATARS = 8
AVATAR_MAX_BYTES = 1_000_000
_URL_IN_JSON = re.compile(r"https?://[^\s\"'<>\\]+")


@dataclass
class Account:
    """An account node the graph knows: its profile URL and what it shows."""

    node: str
    url: str
    display_name: str = ""
    avatar_url: str = ""
    depth: int = 0
    origin: Origin = Origin.CATALOG


@dataclass
class Candidate:
    """A handle seen on a page, to check in turn (bounded discovery)."""

    node: str
    url: str
    depth: int
    seen_on: str


@dataclass
class Builder:
    """Collects nodes and edges for one scan."""

    subject: Subject
    options: Mapping[str, Any]
    ctx: CheckContext
    graph: Graph = field(default_factory=Graph)
    accounts: dict[str, Account] = field(default_factory=dict)
    own_sites: dict[str, str] = field(default_factory=dict)  # host -> url node
    candidates: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _lib_read: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.known = Names.of(self.subject)
        for name in self.known.names:
            self.graph.add_node(node_id("name", name), name)
        for url in self.subject.urls:
            nid = node_id("url", url)
            self.own_sites[host_of(url)] = nid
            self.graph.add_node(nid, url)

    # -- nodes -------------------------------------------------------------------------
    def name_node(self, shown: str = "") -> str:
        """The node of the person's name that `shown` matches (default: the current name)."""
        for name in self.known.names:
            if shown and fold(name) in fold(shown):
                return node_id("name", name)
        return node_id("name", self.known.names[0]) if self.known.names else ""

    def node_for(self, url: str) -> str | None:
        """Own-site node for the person's sites, account node for profile URLs."""
        host = host_of(url)
        if host in self.own_sites:
            return self.own_sites[host]
        return node_for_url(url)

    # -- reading -----------------------------------------------------------------------
    def note_unread(self, what: str, url: str, why: str) -> None:
        """Note, in the subject's language, that a page or image could not be read."""
        lang = self.subject.lang
        shown = say(lang, "what_" + what.replace("-", "_").replace(" ", "_"))
        self.notes.append(say(lang, "not_read", what=shown, url=url, why=why))

    def fetch_page(self, url: str, origin: Origin, what: str) -> tuple[PageInfo, str] | None:
        """Fetch and parse a page; failures become notes (the graph uses what it has)."""
        try:
            resp = fetch_checked(self.ctx, url, origin)
        except CheckFailure as exc:
            self.note_unread(what, url, exc.detail or type(exc).__name__)
            return None
        if resp.status >= 400 or not is_textual(resp):
            self.note_unread(what, url, f"HTTP {resp.status}")
            return None
        try:
            return parse_page(resp.url or url, resp.text), resp.text
        except CheckFailure as exc:  # too big, deep or slow to parse: this page only
            self.note_unread(what, url, exc.detail)
            return None

    def read_own_sites(self) -> None:
        """Own sites: rel="me" and profile links out, structured sameAs, the name shown."""
        for url in self.subject.urls:
            got = self.fetch_page(url, Origin.USER, "own site")
            if got is not None:
                self.read_page(self.own_sites[host_of(url)], got[0], 0, full_text=True)

    def read_accounts(self, previous: Sequence[CheckResult]) -> None:
        """Found profiles: display name, avatar, links out, bio mentions."""
        for f in findings_of(previous, "account"):
            url = str(f.data.get("profile_url") or f.url)
            nid = node_for_url(url) or node_id(
                str(f.data.get("platform_key") or f.data.get("site") or "site"),
                str(f.data.get("username") or ""),
            )
            acc = Account(nid, url, str(f.data.get("display_name") or ""),
                          str(f.data.get("avatar_url") or ""))
            self.add_account(acc)
            got = self.fetch_page(url, Origin.CATALOG, "profile")
            bio = " ".join(str(f.data.get(k) or "") for k in ("display_name", "bio"))
            if got is not None:
                self.read_page(nid, got[0], 0, bio=bio)
            else:
                links = [Link(str(u)) for u in (f.data.get("links") or ())]
                links += [Link(str(u), frozenset({"me"})) for u in (f.data.get("rel_me") or ())]
                self.read_page(nid, PageInfo(url, links=tuple(links)), 0, bio=bio)

    def add_account(self, acc: Account) -> None:
        """Register an account node; its display name may tie it to the person's name."""
        label = acc.url
        self.graph.add_node(acc.node, label)
        self.accounts.setdefault(acc.node, acc)
        if acc.display_name and self.known.is_name(acc.display_name):
            self.graph.add(acc.node, self.name_node(acc.display_name), "shows_name", acc.url,
                           f"display name: {acc.display_name}")

    def read_page(
        self, nid: str, page: PageInfo, depth: int, *, bio: str = "", full_text: bool = False
    ) -> None:
        """Edges out of one page (own site, profile, link-in-bio page)."""
        self._name_shown(nid, page, full_text)
        source_is_lib = nid.split(":", 1)[0] in ("linktree", "beacons", "lnkbio", "taplink",
                                                  "carrd")
        urls: list[tuple[Link, str]] = [(link, "") for link in page.links]
        for person in page.persons:
            urls += [(Link(u), "sameAs") for u in person.urls]
        for link, how in urls:
            target = self.node_for(link.url)
            if target is None or target == nid:
                continue
            if link.verified:
                signal = "verified_field"
            elif "me" in link.rel:
                signal = "rel_me"
            else:
                signal = "link_in_bio" if source_is_lib else "profile_link"
            shown = f'{how or "link"}{" rel=me" if "me" in link.rel else ""}: '
            shown += f"{link.text} -> {link.url}" if link.text else link.url
            self.graph.add(nid, target, signal, page.url, shown)
            self._maybe_follow(target, link.url, depth, page.url)
        text = "\n".join((bio, page.og.get("og:description", ""), page.bio))
        if full_text or source_is_lib:
            text += "\n" + page.text
        for target, matched in mentions(text):
            if target != nid:
                self.graph.add(nid, target, "bio_mention", page.url, matched)
                url = profile_url(target)
                if url:
                    self._maybe_follow(target, url, depth, page.url)

    def _name_shown(self, nid: str, page: PageInfo, full_text: bool) -> None:
        if not self.known.names or nid.startswith("name:"):
            return
        places = [("page title", page.title), ("og:title", page.og.get("og:title", ""))]
        places += [(f"{p.method} name", p.name) for p in page.persons]
        for where, value in places:
            if value and any(fold(n) in fold(value) for n in self.known.names):
                self.graph.add(nid, self.name_node(value), "shows_name", page.url,
                               f"{where}: {value}")
                return
        if full_text:
            for name in self.known.names:
                pos = fold(page.text).find(fold(name))
                if pos >= 0:
                    self.graph.add(nid, node_id("name", name), "shows_name", page.url,
                                   f"page text: …{page.text[max(0, pos - 40):pos + 60]}…")
                    return

    def _maybe_follow(self, target: str, url: str, depth: int, seen_on: str) -> None:
        if target.startswith("url:") or target in self.accounts:
            return
        if is_link_in_bio(url):
            self.read_link_in_bio(target, url, depth)
        elif not any(c.node == target for c in self.candidates):
            self.candidates.append(Candidate(target, url, depth + 1, seen_on))

    def read_link_in_bio(self, nid: str, url: str, depth: int) -> None:
        """A Linktree-style page: every account or own site it lists is a strong link."""
        if nid in self._lib_read or len(self._lib_read) >= MAX_LINK_IN_BIO:
            return
        self._lib_read.add(nid)
        got = self.fetch_page(url, Origin.PAGE, "link-in-bio page")
        if got is None:
            return
        page, raw = got
        self.accounts.setdefault(nid, Account(nid, url, depth=depth, origin=Origin.PAGE))
        self.graph.add_node(nid, url)
        embedded = [Link(u) for u in _URL_IN_JSON.findall(_next_data(raw))]
        page = replace(page, links=page.links + tuple(embedded))
        self.read_page(nid, page, depth)

    # -- other signals -----------------------------------------------------------------
    def read_contacts(self, previous: Sequence[CheckResult]) -> None:
        """The person's own details found on pages: edges page -> email/phone/address."""
        kinds = {"email": "same_email", "phone": "same_phone", "address": "shows_address"}
        for f in findings_of(previous, "contact"):
            if not f.data.get("own"):
                continue
            kind, value = str(f.data.get("type")), str(f.data.get("value"))
            source = str(f.data.get("source_url") or f.url)
            page_node = self.node_for(source) or node_id("url", source)
            target = node_id(kind, fold(value) if kind == "address" else value)
            self.graph.add_node(target, value)
            self.graph.add(page_node, target, kinds.get(kind, "same_email"), source,
                           str(f.data.get("excerpt") or ""))

    def compare_accounts(self) -> None:
        """Same handle, same display name and same avatar across account nodes."""
        accs = sorted(self.accounts.values(), key=lambda a: a.node)
        by_handle: dict[str, list[Account]] = {}
        by_name: dict[str, list[Account]] = {}
        for a in accs:
            by_handle.setdefault(a.node.split(":", 1)[1].lower(), []).append(a)
            if a.display_name and not self.known.is_name(a.display_name):
                by_name.setdefault(fold(a.display_name), []).append(a)
        for handle, group in by_handle.items():
            for other in group[1:]:
                self.graph.add(group[0].node, other.node, "same_handle", other.url,
                               f"the handle '{handle}' on both")
        for group in by_name.values():
            for other in group[1:]:
                self.graph.add(group[0].node, other.node, "same_display_name", other.url,
                               f"display name '{other.display_name}' on both")
        self._avatars(accs)

    def _avatars(self, accs: list[Account]) -> None:
        """Same avatar picture: a perceptual hash, so a copy the site re-encoded or resized
        still matches (see `avatars`); undecodable images are compared byte for byte."""
        prints: list[tuple[Account, str, AvatarPrint]] = []
        for a in [a for a in accs if a.avatar_url][:MAX_AVATARS]:
            try:
                resp = fetch_checked(self.ctx, a.avatar_url, Origin.PAGE, AVATAR_MAX_BYTES)
            except CheckFailure as exc:
                self.note_unread("avatar", a.avatar_url, exc.detail)
                continue
            if resp.status == 200 and resp.body and not resp.truncated:
                prints.append((a, a.avatar_url, fingerprint(resp.body)))
        matched: set[int] = set()
        for i, (first, first_url, first_print) in enumerate(prints):
            if i in matched:
                continue
            for j in range(i + 1, len(prints)):
                other, url, other_print = prints[j]
                d = distance(first_print, other_print)
                if j in matched or d is None or d > SAME_PICTURE_BITS:
                    continue
                matched.add(j)
                how = (f"sha256 {first_print.sha256[:12]}…" if d == 0
                       else f"perceptual hash {d}/64 bits apart")
                self.graph.add(first.node, other.node, "same_avatar", url,
                               f"same avatar image ({how}): {first_url} = {url}")


def _next_data(raw_html: str) -> str:
    """The JSON of a Next.js page (Linktree keeps its links there)."""
    m = re.search(r'<script[^>]+id="__NEXT_DATA__"[^>]*>(.*?)</script>', raw_html, re.S)
    return m.group(1) if m else ""
