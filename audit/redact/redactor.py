"""`Redactor`: gathers one person's details (from the subject and the findings) and masks them
in any string or JSON-like value with stable pseudonyms ("handle-1", "site-1.example"...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

import phonenumbers

from audit.models import Finding, ScanReport, Subject, thaw
from audit.redact.patterns import (
    _COORD_KEYS,
    _DMS_RE,
    _EMAIL_RE,
    _HOME_RE,
    _IDENTITY_SKIP,
    _PAGE_KINDS,
    _PAIR_RE,
    _PHONE_RE,
    _PRECISION_FLOOR_M,
    _REGISTRY_RE,
    _SENTINEL_BASE,
    _SINGLE_RE,
    _URL_NUMBER_RE,
    _URL_RE,
    ADDRESS,
    NAME,
    _address_regex,
    _alternation,
    _canon,
    _fold,
    _hosts_regex,
    _is_pseudonym,
    _letters,
    _mask_email,
    _name_regex,
    _page_key,
    _phrase,
    _round_dms,
    _round_pair,
    _round_single,
)


class _Pseudonyms:
    """Stable pseudonyms for one category: the same value always maps to the same name."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.names: dict[str, str] = {}
        self.canonical: dict[str, str] = {}

    def add(self, value: str) -> None:
        key = _fold(value.strip())
        if key and key not in self.names and not _is_pseudonym(value.strip()):
            pseudonym = self.canonical.get(_canon(key)) or self.template.format(
                n=len(set(self.names.values())) + 1)
            self.names[key] = pseudonym
            self.canonical.setdefault(_canon(key), pseudonym)

    def get(self, value: str) -> str:
        key = _fold(value.strip())
        return self.names.get(key) or self.canonical.get(_canon(key)) or self.template.format(
            n="?")


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], bool], str | None]]


class Redactor:
    """Masks one person's details in any string or JSON-like value."""

    def __init__(self, subject: Subject, report: ScanReport | None = None) -> None:
        self.handles = _Pseudonyms("handle-{n}")
        self.phones: list[str] = []
        self.hosts = _Pseudonyms("site-{n}.example")
        self.ids = _Pseudonyms("id-{n}")
        self.dirs = _Pseudonyms("[photos-{n}]")
        self.others = _Pseudonyms("[identity-{n}]")
        self.pages = _Pseudonyms("page-{n}")
        self.titles = _Pseudonyms("[page title {n}]")
        self.snippets = _Pseudonyms("[excerpt {n}]")
        # values that are already pseudonyms (a report redacted twice) are left as they are
        self.names = [n for n in (subject.name,) if n and not n.startswith(NAME)]
        self.former = [n for n in subject.former_names if not n.startswith(NAME)]
        self.emails = list(subject.emails)
        self.addresses: list[str] = [a for a in subject.addresses if a != ADDRESS]
        for h in subject.handles:
            self.handles.add(h)
        for p in subject.phones:
            self._add_phone(p, subject.country)
        for u in subject.urls:
            host = (urlsplit(u if "://" in u else f"http://{u}").hostname or "").lower()
            if host:
                self.hosts.add(host.removeprefix("www."))
        for d in subject.photo_dirs:
            self.dirs.add(d.rstrip("/\\"))
        self.employer_words: list[str] = []
        if subject.employer and not _is_pseudonym(subject.employer):
            self.others.add(subject.employer)
            self.employer_words = [w for w in re.split(r"\W+", subject.employer) if len(w) >= 4]
        if report is not None:
            self._collect(report)
        self.rules = self._build_rules()

    def _add_phone(self, phone: str, country: str | None) -> None:
        digits = re.sub(r"\D", "", phone)
        try:
            national = str(phonenumbers.parse(phone, country or "FR").national_number)
        except phonenumbers.NumberParseException:
            national = digits[-9:]
        if len(national) >= 6 and national not in self.phones:
            self.phones.append(national)

    def _collect(self, report: ScanReport) -> None:
        country = report.subject.country
        for f in report.findings():
            data = thaw(f.data)
            if f.kind == "account":
                for key in ("username",):
                    if isinstance(data.get(key), str):
                        self.handles.add(data[key])
                if isinstance(data.get("display_name"), str) and len(data["display_name"]) > 2:
                    self.others.add(data["display_name"])
                if data.get("account_id") not in (None, ""):
                    self.ids.add(str(data["account_id"]))
            elif f.kind == "contact" and data.get("own") and isinstance(data.get("value"), str):
                kind, value = data.get("type"), data["value"]
                if kind == "email":
                    self.emails.append(value)
                elif kind == "phone":
                    self._add_phone(value, country)
                elif kind == "address":
                    self.addresses.append(value)
            elif f.kind == "link":
                for node in (data.get("source"), data.get("target")):
                    self._collect_node(node, country)
            elif f.kind == "photo_identity":
                for key, value in data.items():
                    if key not in _IDENTITY_SKIP and isinstance(value, str) and len(value) > 2:
                        self.others.add(value)
            if f.kind in _PAGE_KINDS:
                self._add_page(f, data)
        for item in thaw(report.extras.get("evidence") or []):
            if isinstance(item, dict) and item.get("account_id") not in (None, ""):
                self.ids.add(str(item["account_id"]))

    def _add_page(self, f: Finding, data: dict[str, Any]) -> None:
        """A page about the person: its address, title and snippet identify them (a news
        article's headline, "lycée Ampère, promotion 2009"), so they become pseudonyms."""
        about = data.get("about_subject")
        if isinstance(about, dict) and about.get("is_about") is False:
            return
        for url in (f.url, data.get("url")):
            if isinstance(url, str) and "://" in url:
                self.pages.add(_page_key(url))
                # a registry number in a listing's address (…/dirigeants/981234567)
                for number in _URL_NUMBER_RE.findall(urlsplit(url).path):
                    self.ids.add(number)
        own_title = f.title if f.kind == "search_result" else None  # listings: our words
        for text, store in ((data.get("title"), self.titles), (own_title, self.titles),
                            (data.get("snippet"), self.snippets)):
            if isinstance(text, str) and len(text.split()) >= 3 and not _is_pseudonym(text):
                store.add(text)
        for e in f.evidence:
            if e.excerpt and len(e.excerpt.split()) >= 3 and f.kind == "search_result":
                self.snippets.add(e.excerpt)

    def _page(self, url: str) -> str | None:
        """`scheme://host/[page-n]` for a page about the person, None for any other URL."""
        key = _page_key(url)
        if key not in self.pages.names:
            return None
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return f"{parts.scheme}://{host}/[{self.pages.get(key)}]"

    def _collect_node(self, node: Any, country: str | None) -> None:
        if not isinstance(node, str) or ":" not in node:
            return
        prefix, value = node.split(":", 1)
        prefix = prefix.lower()
        if prefix == "email":
            self.emails.append(value)
        elif prefix == "address":
            self.addresses.append(value)
        elif prefix == "phone":
            self._add_phone(value, country)
        elif prefix in ("name", "display_name", "former_name"):
            if len(value) > 2:
                self.others.add(value)
        elif prefix not in ("url", "site", "http", "https", "domain") and value:
            self.handles.add(value.lstrip("@").split("@")[0])

    def _build_rules(self) -> list[Rule]:
        rules: list[Rule] = []

        def add(pattern: str, fn: Callable[[re.Match[str], bool], str | None]) -> None:
            if pattern:
                rules.append((re.compile(pattern, re.IGNORECASE), fn))

        # Whole titles and snippets of pages about the person first: the later rules would
        # otherwise cut them into pieces that no longer match.
        add(_alternation(_phrase(v) for v in self.snippets.names),
            lambda m, url: None if url else self.snippets.get(m.group(0)))
        add(_alternation(_phrase(v) for v in self.titles.names),
            lambda m, url: None if url else self.titles.get(m.group(0)))
        add(_REGISTRY_RE.pattern,
            lambda m, url: None if url else f"{m.group('label')}[registry number]")
        add(_alternation(re.escape(e) for e in self.emails), _mask_email)
        add(_EMAIL_RE.pattern, _mask_email)
        add(_PAIR_RE.pattern, _round_pair)
        add(_SINGLE_RE.pattern, _round_single)
        add(_DMS_RE.pattern, _round_dms)
        add(_PHONE_RE.pattern, self._phone)
        add(_alternation(_hosts_regex(h) for h in self.hosts.names),
            lambda m, url: self.hosts.get(m.group(0).lower().removeprefix("www.")))
        add(_alternation(re.escape(d) for d in self.dirs.names),
            lambda m, url: self.dirs.get(m.group(0)))
        add(_HOME_RE.pattern, lambda m, url: "~")
        add(_alternation(_address_regex(a) for a in self.addresses),
            lambda m, url: "address" if url else "[address]")
        add(_alternation(_name_regex(n) for n in self.names),
            lambda m, url: "person-a" if url else NAME)
        add(_alternation(_name_regex(n) for n in self.former),
            lambda m, url: "person-a" if url else f"{NAME} (former name)")
        add(_alternation(re.escape(e.split("@")[0]) for e in self.emails if "@" in e
                         and len(e.split("@")[0]) > 3),
            lambda m, url: m.group(0)[0] + "***")
        handle_alt = _alternation(re.escape(h) for h in self.handles.names)
        if handle_alt:
            add(f"(?<![A-Za-z0-9])(?:{handle_alt})(?![A-Za-z0-9])",
                lambda m, url: self.handles.get(m.group(0)))
        add(_alternation(_phrase(v) for v in self.others.names),
            lambda m, url: self.others.get(m.group(0)))
        ids = _alternation(re.escape(v) for v in self.ids.names)
        if ids:
            add(f"(?<![A-Za-z0-9])(?:{ids})(?![A-Za-z0-9])",
                lambda m, url: self.ids.get(m.group(0)))
        parts = {p for n in self.names + self.former for p in re.split(r"[\s\-_.'’]+", n)
                 if len(p) >= 3}
        long_parts = _alternation(_letters(p) for p in parts if len(p) >= 5)
        add(long_parts, lambda m, url: "name" if url else "[name]")
        short = _alternation(_letters(p) for p in parts if len(p) < 5)
        if short:
            add(f"(?<![^\\W\\d_])(?:{short})(?![^\\W\\d_])",
                lambda m, url: "name" if url else "[name]")
        words = _alternation(_letters(w) for w in self.employer_words)
        if words:
            add(f"(?<![^\\W\\d_])(?:{words})(?![^\\W\\d_])",
                lambda m, url: "employer" if url else "[employer]")
        return rules

    def _phone(self, match: re.Match[str], url: bool) -> str | None:
        digits = re.sub(r"\D", "", match.group(0))
        for i, national in enumerate(self.phones, start=1):
            if national in digits:
                return f"phone-{i}"
        return None

    def _segment(self, text: str, url: bool) -> str:
        saved: list[str] = []

        def apply(rule: Rule, s: str) -> str:
            pattern, fn = rule

            def repl(m: re.Match[str]) -> str:
                new = fn(m, url)
                if new is None:
                    return m.group(0)
                saved.append(new)
                return chr(_SENTINEL_BASE + len(saved) - 1)

            return pattern.sub(repl, s)

        for rule in self.rules:
            text = apply(rule, text)
        return "".join(
            saved[ord(c) - _SENTINEL_BASE] if _SENTINEL_BASE <= ord(c) < _SENTINEL_BASE
            + len(saved) else c for c in text
        )

    def text(self, value: str) -> str:
        """The string with every personal detail masked (URLs are shown percent-decoded)."""
        if not value:
            return value
        out: list[str] = []
        last = 0
        for m in _URL_RE.finditer(value):
            out.append(self._segment(value[last:m.start()], url=False))
            raw = m.group(0)
            page = self._page(raw.rstrip(".,;:)]>")) if self.pages.names else None
            if page is not None:
                out.append(page + raw[len(raw.rstrip(".,;:)]>")):])
                last = m.end()
                continue
            decoded = unquote(raw)
            masked = self._segment(decoded, url=True)
            out.append(masked if masked != decoded else self._segment(raw, url=True))
            last = m.end()
        out.append(self._segment(value[last:], url=False))
        return "".join(out)

    def value(self, value: Any, key: str = "") -> Any:
        """A JSON-like value with every string masked and coordinates rounded."""
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v, key) for v in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int | float):
            if key.lower() in _COORD_KEYS:
                return round(float(value), 1)
            if key == "precision_m":
                return max(value, _PRECISION_FLOOR_M)
            if key == "account_id":
                return self.text(str(value))
            return value
        if isinstance(value, str):
            return self.text(value)
        return self.text(str(value))
