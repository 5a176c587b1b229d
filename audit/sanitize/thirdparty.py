"""Other people's details never leave the tool in full: `mask_third_parties` masks, in every
string of a report, the email addresses, phone numbers and postal addresses that are not the
audited person's.

The checks mask what they recognise as someone else's (the contacts check reports another
person's email as ``j***@e***.fr``), but a page's text reaches the report in many other places:
result titles and snippets, excerpts around a detail, evidence, URLs, error details, the
request log. So this pass runs on every report before any renderer sees it: it gathers the
emails, phone-like numbers and street addresses written in the results and the request log,
keeps the person's own (their emails, their numbers in any format, their own contact
findings), and replaces every other one wherever it appears, the plan and letters included.
Street addresses are read only by the address readers plugins register (hook
`register_address_readers`, an `audit.check.AddressReader`; the contacts check registers
one): the core knows no check by name, and without any reader addresses are left to the
checks' own masks. Numbers are only taken from text where a phone could be: grouped digits
(``04 76 12 34 56``, ``+33 4 76…``) or a run of 9 to 15 digits that starts with ``0`` or
``+``; identifiers and hashes are left alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.frozen import ATOMS
from audit.models import (
    CheckResult,
    Evidence,
    Finding,
    RequestRecord,
    ScanReport,
    map_strings,
    thaw,
)

if TYPE_CHECKING:
    from audit.check import AddressReader

_log = logging.getLogger(__name__)
_EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_DIGIT, _SPACE = re.compile(r"\d"), re.compile(r"\s")
_PHONE_RE = re.compile(
    r"(?<![\w+*])(?:\+\d{1,3}[\s.\-]?(?:\(0\)[\s.\-]?)?|\(0\)\s?)?"
    r"\d{1,4}(?:[\s.\-/]{1,3}\d{1,5}){1,6}(?![\w*])"
    r"|(?<![\w+*])(?:\+|0)\d{8,14}(?![\w*])"
)
_SKIP_KEYS = frozenset({"fingerprint", "key", "account_id", "sha256", "id", "scan_id",
                        "lat", "lon", "latitude", "longitude", "precision_m"})
_HAS_DIGIT = re.compile(r"\d").search
# A number `_is_phone_like` keeps has 9 digits or more, each apart from the next by at most
# three of the characters `_PHONE_RE` allows between them (" (0)" is the longest): text with
# no such run holds no phone number (paths, dates, coordinates) and is not searched further.
_NINE_DIGITS = re.compile(r"\d(?:[\s.\-/()+]{0,3}\d){8}").search
_NOT_PHONE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{1,2}[:h]\d{2}|^\d+\.\d+\.\d+\.\d+$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _is_phone_like(raw: str) -> bool:
    digits = _digits(raw)
    if not 9 <= len(digits) <= 15 or _NOT_PHONE.match(raw.strip()):
        return False
    groups = re.split(r"[\s.\-/()]+", raw.strip().lstrip("+"))
    # "1 200 000" is a count, "2026 12 02" a date; a phone has groups of 2-5 digits or is
    # one run starting with 0 or +
    if len(groups) == 1:
        return raw.strip().startswith(("0", "+"))
    return all(1 <= len(g) <= 5 for g in groups if g) and not re.fullmatch(
        r"\d{1,3}(?: \d{3})+", raw.strip())


def mask_email(email: str) -> str:
    """``jeanne.martin@exemple.com`` -> ``j***@e***.com``."""
    local, _, domain = email.rpartition("@")
    labels = domain.split(".")
    head = (labels[0][:1] + "***") if labels and labels[0] else "***"
    return f"{local[:1]}***@{head}.{labels[-1]}" if len(labels) > 1 else f"{local[:1]}***@***"


def mask_phone(raw: str) -> str:
    """Every digit but the first and the last two hidden, the layout kept:
    ``04 76 12 34 56`` -> ``04 ** ** ** 56``."""
    positions = [i for i, c in enumerate(raw) if c.isdigit()]
    keep = set(positions[:2] + positions[-2:]) if raw.lstrip().startswith("+") or (
        raw.lstrip().startswith("0")) else set(positions[:1] + positions[-2:])
    return "".join("*" if c.isdigit() and i not in keep else c for i, c in enumerate(raw))


def _own_email(value: str) -> str:
    value = value.strip().lower()
    local, _, domain = value.rpartition("@")
    if domain in ("gmail.com", "googlemail.com"):
        return f"{local.split('+', 1)[0].replace('.', '')}@gmail.com"
    return value


class ThirdPartyMasker:
    """Masks the emails, numbers and (with `readers`) postal addresses of everyone but the
    audited person."""

    def __init__(self, report: ScanReport, readers: Sequence[AddressReader] = (),
                 gathered: Gathered | None = None,
                 text: Callable[[str], str] | None = None) -> None:
        """`gathered`: the other people's details of this report's results, gathered
        beforehand (`gather`). `text`: applied to every string read first (the cleaning a
        report shown gets, when the report given is the raw one)."""
        t = text or _same
        s = report.subject
        self.own_emails = {_own_email(t(e)) for e in s.emails}
        self.own_numbers = {_digits(t(p))[-9:] for p in s.phones if len(_digits(t(p))) >= 6}
        self.own_addresses = [t(a) for a in s.addresses]
        for f in report.findings():
            if f.kind != "contact":
                continue
            data = {t(k) if type(k) is str else k: t(v) if type(v) is str else v
                    for k, v in thaw(f.data).items()}
            if not data.get("own") or not isinstance(data.get("value"), str):
                continue
            if data.get("type") == "email":
                self.own_emails.add(_own_email(data["value"]))
            elif data.get("type") == "phone":
                self.own_numbers.add(_digits(data["value"])[-9:])
            elif data.get("type") == "address":
                self.own_addresses.append(data["value"])
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        self.addresses: dict[str, str] = {}  # raw text -> masked form
        self._readers = tuple(readers)
        if gathered is not None:
            self.emails, self.phones = set(gathered.emails), set(gathered.phones)
            self.addresses = dict(gathered.addresses)
        else:
            strings = _strings_of_results(report, t)
            for value in dict.fromkeys(map(t, strings) if text else strings):  # distinct, once
                if value:
                    self._gather(value)
        self._rules = self._build()
        self._done: dict[str, str] = {}

    def _own_phone(self, raw: str) -> bool:
        digits = _digits(raw)
        return any(n and n in digits for n in self.own_numbers)

    def _gather(self, text: str) -> None:
        if "@" in text:
            for m in _EMAIL_RE.finditer(text):
                if _own_email(m.group(0)) not in self.own_emails:
                    self.emails.add(m.group(0))
        if not _HAS_DIGIT(text):  # numbers and postal addresses all hold a digit
            return
        for segment in _outside_urls(text):
            for m in _PHONE_RE.finditer(segment) if _NINE_DIGITS(segment) else ():
                raw = m.group(0).strip()
                if _is_phone_like(raw) and not self._own_phone(raw):
                    self.phones.add(raw)
            # every address form read has words and a number apart: a path or a single
            # token (most strings of a photo report) is not run through the address finder
            if self._readers and _SPACE.search(segment):
                self._gather_addresses(segment)

    def _gather_addresses(self, segment: str) -> None:
        for reader in self._readers:
            try:
                for found in reader.find(segment):
                    if not any(reader.same(found.value, own) for own in self.own_addresses):
                        self.addresses[found.raw] = reader.mask(found.value)
            except Exception as exc:  # noqa: BLE001 - a broken plugin reader never loses the report
                _log.warning("address reader %s failed and is left out: %s", reader.name, exc)
                self._readers = tuple(r for r in self._readers if r is not reader)

    def _build(self) -> re.Pattern[str] | None:
        needles = sorted(self.emails | self.phones | set(self.addresses), key=len, reverse=True)
        if not needles:
            return None
        forms = set(needles) | {n.replace("@", "%40") for n in self.emails}
        ordered = sorted(forms, key=len, reverse=True)
        return re.compile("|".join(
            rf"(?<![\w@.]){re.escape(n)}(?![\w@])" for n in ordered), re.IGNORECASE)

    def text(self, value: str) -> str:
        """The string with every other person's email and number masked."""
        if not value or self._rules is None:
            return value
        done = self._done.get(value)
        if done is None:
            done = self._done[value] = self._rules.sub(self._repl, value)
        return done

    def _repl(self, m: re.Match[str]) -> str:
        found = m.group(0)
        for raw, masked in self.addresses.items():
            if raw.lower() == found.lower():
                return masked
        if "%40" in found:
            return mask_email(found.replace("%40", "@")).replace("@", "%40")
        return mask_email(found) if "@" in found else mask_phone(found)

    def value(self, value: Any, key: str = "") -> Any:
        """A JSON-like value with every string masked (identifiers and hashes kept)."""
        if key in _SKIP_KEYS:
            return value
        if isinstance(value, dict):
            return {k: self.value(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v, key) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value


def _outside_urls(text: str) -> Iterable[str]:
    """The text without its URLs (a number in a path is an identifier), `tel:` links kept."""
    return _URL_SPLIT(text) if "://" in text else (text,)


def _same(text: str) -> str:
    return text


def _strings(value: Any, key: str = "", t: Callable[[str], str] = _same) -> Iterable[str]:
    if key in _SKIP_KEYS:
        return
    if isinstance(value, Mapping):  # a finding's frozen data, read as it is
        for k, v in value.items():
            if type(v) is str:  # most values: no recursion
                if (k if t is _same or type(k) is not str else t(k)) not in _SKIP_KEYS:
                    yield v
            elif type(v) not in ATOMS:
                yield from _strings(v, t(str(k)), t)
    elif isinstance(value, list | tuple):
        for v in value:
            if type(v) is str:
                yield v
            elif type(v) not in ATOMS:
                yield from _strings(v, key, t)
    elif isinstance(value, str):
        yield value


_URL_SPLIT = re.compile(r"(?:https?|ftp)://\S+").split


def _strings_of_results(report: ScanReport, t: Callable[[str], str] = _same) -> Iterable[str]:
    for res in report.results:
        yield from (res.target, res.url, res.detail)
        for f in res.findings:
            yield from (f.title, f.url)
            for e in f.evidence:
                yield from (e.url, e.excerpt, e.signal)
            yield from _strings(f.data, "", t)
    for q in report.request_log:
        yield from (q.url, q.error)


@dataclass(frozen=True, slots=True)
class Gathered:
    """The other people's details written in a report's results and request log: what the
    masker replaces (emails, phone numbers, postal addresses with their masked form)."""

    emails: frozenset[str]
    phones: frozenset[str]
    addresses: tuple[tuple[str, str], ...]


def gather(report: ScanReport, readers: Sequence[AddressReader] = (),
           text: Callable[[str], str] | None = None) -> Gathered:
    """What `mask_third_parties` would mask in `report` (with `text` applied to every string
    first: `clean_text` gives, from the raw report, what the cleaned one holds). Made apart
    from the masking, it can be made while something else is done (`audit.api`)."""
    m = ThirdPartyMasker(report, readers, text=text)
    return Gathered(frozenset(m.emails), frozenset(m.phones), tuple(m.addresses.items()))


def mask_third_parties(report: ScanReport, readers: Sequence[AddressReader] = (),
                       gathered: Gathered | None = None) -> ScanReport:
    """A copy of the report with other people's emails, phone numbers and (found by one of
    `readers`, the plugins' address readers) postal addresses masked everywhere.
    `gathered`: what `gather` found in this report, when it was made beforehand."""
    m = ThirdPartyMasker(report, readers, gathered)
    if m._rules is None:
        return report
    return ScanReport(
        scan_id=report.scan_id,
        tool_version=report.tool_version,
        subject=report.subject,
        started_at=report.started_at,
        finished_at=report.finished_at,
        checks=report.checks,
        results=tuple(_result(m, r) for r in report.results),
        request_log=tuple(
            RequestRecord(method=q.method, url=m.text(q.url), status=q.status,
                          started_at=q.started_at, elapsed_s=q.elapsed_s, check=q.check,
                          error=m.text(q.error), sends=q.sends)
            for q in report.request_log),
        interrupted=report.interrupted,
        extras=m.value(thaw(report.extras)),
        plan=None if report.plan is None else map_strings(report.plan, m.text, _SKIP_KEYS),
    )


def _result(m: ThirdPartyMasker, res: CheckResult) -> CheckResult:
    return CheckResult(
        check=res.check, target=m.text(res.target), status=res.status, url=m.text(res.url),
        findings=tuple(_finding(m, f) for f in res.findings), reason=res.reason,
        detail=m.text(res.detail), duration_s=res.duration_s,
    )


def _finding(m: ThirdPartyMasker, f: Finding) -> Finding:
    return Finding(
        kind=f.kind, title=m.text(f.title), severity=f.severity, confidence=f.confidence,
        url=m.text(f.url),
        evidence=tuple(Evidence(url=m.text(e.url), excerpt=m.text(e.excerpt),
                                observed_at=e.observed_at, signal=m.text(e.signal))
                       for e in f.evidence),
        data=m.value(thaw(f.data)), key=m.text(f.key), fingerprint=f.fingerprint,
    )
