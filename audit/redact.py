"""Workshop mode: `redact_report` masks the audited person's details everywhere in a report.

Names become "Person A", handles "handle-1", "handle-2"... (the same handle always gets the
same pseudonym), emails "c***@***", phones "phone-1", own sites "site-1.example", account IDs
"id-1", photo folders "[photos-1]", exact coordinates are rounded to 0.1 degree (the town).
The report keeps its structure, statuses, severities and fingerprints, so every renderer shows
a readable report that can be projected on a wall. Values are gathered from the subject and
from the findings (usernames, display names, account IDs, own contact details, link nodes,
photo identity fields), then replaced in every string: titles, URLs (percent-decoded first),
excerpts, data, extras (checklist, requests, letters, evidence, comparison) and the request log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

import phonenumbers

from audit.models import (
    CheckResult,
    Evidence,
    Finding,
    RequestRecord,
    ScanReport,
    Subject,
    thaw,
)
from audit.plan.types import map_text

NAME = "Person A"
ADDRESS = "[address]"
_COORD_KEYS = {"lat", "lon", "lng", "latitude", "longitude"}
_PRECISION_FLOOR_M = 5000
_URL_RE = re.compile(r"(?:https?|ftp|file)://[^\s<>\"'`|]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE_RE = re.compile(r"(?<!\d)\+?\(?\d[\d\s.\-()/+]{5,}\d(?!\d)")
_PAIR_RE = re.compile(r"(?<![\d.])(-?\d{1,3}\.\d{3,})(\s*[,;/ ]\s*)(-?\d{1,3}\.\d{3,})(?!\d)")
_SINGLE_RE = re.compile(r"(?<![\d.])-?\d{1,3}\.\d{4,}(?!\d)")
_CLOCK_BEFORE = re.compile(r"\d:\d\d:$")
_DMS_RE = re.compile(
    r"(\d{1,3})\s*°\s*(\d{1,2})\s*['′]\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|'')?\s*([NSEWO])?"
)
_HOME_RE = re.compile(r"(?:/home/|/Users/|[A-Za-z]:\\Users\\)[^/\\\s]+")
_SEP = r"(?:[\s._\-+']|%20)*"
_IDENTITY_SKIP = {"source", "field", "tag", "taken_at", "type", "make", "model", "software",
                  "camera", "lens_model", "kind"}
_SENTINEL_BASE = 0xF0000
# Finding kinds whose page is about the person (its URL, title and snippet identify them).
_PAGE_KINDS = frozenset({"search_result", "listing"})
# Company registry numbers: SIREN (9 digits, "981 234 567") and SIRET (14 digits).
_REGISTRY_NUMBER = r"\d{3}[ \u00a0.]?\d{3}[ \u00a0.]?\d{3}(?:[ \u00a0.]?\d{5})?"
_REGISTRY_RE = re.compile(
    r"(?P<label>\b(?:SIREN|SIRET|RCS(?:\s+[A-Z][a-zé]+)?|TVA|VAT|n°\s*d'entreprise|"
    r"Handelsregister|HRB|company\s+(?:number|no\.?))\b[^\d\n]{0,12})"
    rf"(?P<num>{_REGISTRY_NUMBER}|(?:FR)?\d{{2}}\s?{_REGISTRY_NUMBER})(?![\w])",
    re.IGNORECASE,
)
_URL_NUMBER_RE = re.compile(r"(?<![\d])(\d{9}|\d{14})(?![\d])")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _accent_classes() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = _fold(ch)
        if len(base) == 1 and base.isascii() and base.isalpha() and ch.lower() == ch:
            table[base] = table.get(base, "") + ch
    return table


_ACCENTS = _accent_classes()


def _letters(word: str) -> str:
    out = []
    for c in _fold(word):
        extra = _ACCENTS.get(c, "")
        out.append(f"[{re.escape(c)}{extra}]" if extra else re.escape(c))
    return "".join(out)


def _name_regex(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-_.'’]+", _fold(name)) if p]
    if not parts:
        return ""
    forward = _SEP.join(_letters(p) for p in parts)
    if len(parts) == 1:
        return forward
    return f"(?:{forward}|{_SEP.join(_letters(p) for p in reversed(parts))})"


def _alternation(patterns: Iterable[str]) -> str:
    unique = sorted({p for p in patterns if p}, key=len, reverse=True)
    return "|".join(unique)


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


_PSEUDONYM_RE = re.compile(
    r"(?:handle|id|phone|page)-\d+|\[[a-z ]+(?:-\d+| \d+)?\]|site-\d+\.example|"
    r"\w\*\*\*@\*\*\*"
)


def _is_pseudonym(value: str) -> bool:
    """True for a value this module produced (so redacting twice changes nothing more)."""
    return value.startswith(NAME) or bool(_PSEUDONYM_RE.fullmatch(value))


def _canon(key: str) -> str:
    return re.sub(r"(?:[\s,;.\-–+_]|%20)+", " ", key).strip()


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


def _hosts_regex(host: str) -> str:
    return f"(?:www\\.)?{re.escape(host)}"


_GAP = r"(?:[\s,;.\-–+_]|%20)+"


def _phrase(text: str) -> str:
    """Pattern for a phrase whatever separates its words (spaces, commas, '+', '%20'...)."""
    return _GAP.join(_letters(w) for w in re.split(r"[\s,;.\-–+_]+", text) if w)


def _address_regex(address: str) -> str:
    """The whole address, its street part, and the street name without the house number
    ("rue des Lilas" in an excerpt that cut the number off)."""
    street = address.split(",")[0]
    patterns = [_phrase(address)]
    if len(street.split()) >= 2 and street != address:
        patterns.append(_phrase(street))
    name = re.sub(r"^\s*\d+\s*(?:bis|ter|[a-d])?\b[\s,]*", "", street, flags=re.I)
    if name != street and len(name.split()) >= 2:
        patterns.append(_phrase(name))
    return "|".join(patterns)


def _page_key(url: str) -> str:
    """A page's identity for redaction: host and path, without scheme, `www.`, query
    tracking or trailing slash."""
    try:
        parts = urlsplit(unquote(url))
    except ValueError:
        return url
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _mask_email(match: re.Match[str], url: bool) -> str:
    return f"{match.group(0)[0].lower()}***@***"


def _round_single(match: re.Match[str], url: bool) -> str | None:
    if _CLOCK_BEFORE.search(match.string, 0, match.start()):
        return None  # the seconds of a time of day, not a coordinate
    return f"{float(match.group(0)):.1f}"


def _round_pair(match: re.Match[str], url: bool) -> str:
    return f"{float(match.group(1)):.1f}{match.group(2)}{float(match.group(3)):.1f}"


def _round_dms(match: re.Match[str], url: bool) -> str:
    deg, minutes, seconds = match.group(1), match.group(2), match.group(3).replace(",", ".")
    value = int(deg) + int(minutes) / 60 + float(seconds) / 3600
    return f"{value:.1f}°{match.group(4) or ''}"


def redact_report(report: ScanReport) -> ScanReport:
    """A copy of the report with the person's details masked everywhere (workshop mode)."""
    r = Redactor(report.subject, report)
    s = report.subject
    subject = Subject(
        name=NAME if s.name else None,
        former_names=tuple(f"{NAME} (former name)" for _ in s.former_names[:1]),
        handles=tuple(r.text(h) for h in s.handles),
        emails=tuple(r.text(e) for e in s.emails),
        phones=tuple(r.text(p) for p in s.phones),
        urls=tuple(r.text(u) for u in s.urls),
        photo_dirs=tuple(r.text(d) for d in s.photo_dirs),
        addresses=tuple(ADDRESS for _ in s.addresses),
        city=s.city,
        country=s.country,
        employer=r.text(s.employer) if s.employer else None,
        lang=s.lang,
    )
    return ScanReport(
        scan_id=report.scan_id,
        tool_version=report.tool_version,
        subject=subject,
        started_at=report.started_at,
        finished_at=report.finished_at,
        checks=report.checks,
        results=tuple(_result(r, res) for res in report.results),
        request_log=tuple(_request(r, q) for q in report.request_log),
        interrupted=report.interrupted,
        extras=r.value(thaw(report.extras)),
        plan=None if report.plan is None else map_text(report.plan, r.text),
    )


def _result(r: Redactor, res: CheckResult) -> CheckResult:
    return CheckResult(
        check=res.check,
        target=r.text(res.target),
        status=res.status,
        url=r.text(res.url),
        findings=tuple(_finding(r, f) for f in res.findings),
        reason=res.reason,
        detail=r.text(res.detail),
        duration_s=res.duration_s,
    )


def _finding(r: Redactor, f: Finding) -> Finding:
    return Finding(
        kind=f.kind,
        title=r.text(f.title),
        severity=f.severity,
        confidence=f.confidence,
        url=r.text(f.url),
        evidence=tuple(
            Evidence(url=r.text(e.url), excerpt=r.text(e.excerpt), observed_at=e.observed_at,
                     signal=r.text(e.signal))
            for e in f.evidence
        ),
        data=r.value(thaw(f.data)),
        key=r.text(f.key),
        fingerprint=f.fingerprint,
    )


def _request(r: Redactor, q: RequestRecord) -> RequestRecord:
    return RequestRecord(
        method=q.method, url=r.text(q.url), status=q.status, started_at=q.started_at,
        elapsed_s=q.elapsed_s, check=q.check, error=r.text(q.error), sends=q.sends,
    )
