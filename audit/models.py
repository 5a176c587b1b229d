"""Data passed between the core, the checks and the renderers: enums and frozen dataclasses.

Everything here is immutable. Checks build `Finding`s and `Outcome`s; the core turns them into
`CheckResult`s and a `ScanReport`, which renderers read and never change.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from audit.frozen import freeze
from audit.frozen import map_strings as map_strings  # re-exported: the models API
from audit.frozen import thaw as thaw

if TYPE_CHECKING:
    from audit.plan.types import ActionPlan

# The action plan's keys in a report's JSON form: they belong to `ScanReport.plan`, never to
# its `extras`.
PLAN_KEYS = ("checklist", "requests", "helplines", "evidence_advice", "minutes_total")
_HANDLE_RE = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")


class Status(StrEnum):
    """The outcome of one probe: the three answers, plus 'did not look'."""

    FOUND = "found"
    NOT_FOUND = "not_found"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"


class Reason(StrEnum):
    """Why a probe is `unknown` or `skipped`. Required for those two, forbidden otherwise."""

    BLOCKED = "blocked"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    NETWORK = "network"
    UNEXPECTED_RESPONSE = "unexpected_response"
    NEEDS_KEY = "needs_key"
    NOT_APPLICABLE = "not_applicable"
    CHECK_ERROR = "check_error"
    INTERRUPTED = "interrupted"
    OPT_IN = "opt_in"


class Severity(IntEnum):
    """How much a finding exposes the person; ordered."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        """Lowercase name used in JSON and the CLI."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity from its lowercase name."""
        return cls[value.upper()]


class Confidence(IntEnum):
    """How sure the check is that the finding is real and about this person; ordered."""

    LOW = 0
    MEDIUM = 1
    HIGH = 2

    @property
    def label(self) -> str:
        """Lowercase name used in JSON and the CLI."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Confidence:
        """Read a confidence from its lowercase name."""
        return cls[value.upper()]


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _clean_tuple(values: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values or ():
        s = unicodedata.normalize("NFC", str(v)).strip()
        if s:
            seen.setdefault(s, None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Subject:
    """The person being audited, as they described themselves."""

    name: str | None = None
    former_names: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    photo_dirs: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    """Postal addresses: only compared locally with what pages show, never sent."""
    city: str | None = None
    country: str | None = None
    employer: str | None = None
    lang: str = "en"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        name = unicodedata.normalize("NFC", self.name).strip() if self.name else None
        set_(self, "name", name or None)
        set_(self, "former_names", _clean_tuple(self.former_names))
        set_(self, "handles", _clean_tuple(h.strip().lstrip("@") for h in self.handles))
        set_(self, "emails", _clean_tuple(e.strip().lower() for e in self.emails))
        set_(self, "phones", _clean_tuple(self.phones))
        set_(self, "urls", _clean_tuple(self.urls))
        set_(self, "photo_dirs", _clean_tuple(self.photo_dirs))
        set_(self, "addresses", _clean_tuple(self.addresses))
        set_(self, "country", self.country.strip().upper() if self.country else None)
        set_(self, "city", self.city.strip() if self.city else None)
        set_(self, "employer", self.employer.strip() if self.employer else None)
        if self.lang not in ("en", "fr"):
            raise ValueError(f"language must be 'en' or 'fr', not {self.lang!r}")

    def provides(self, field_name: str) -> bool:
        """Tell whether the subject has a value for one of its fields."""
        return bool(getattr(self, field_name, None))

    def is_empty(self) -> bool:
        """True when nothing searchable was given."""
        return not any(
            (self.name, self.handles, self.emails, self.phones, self.urls, self.photo_dirs)
        )

    @staticmethod
    def handle_is_valid(handle: str) -> bool:
        """Letters, digits, dot, underscore and dash only, 1 to 64 characters."""
        return bool(_HANDLE_RE.match(handle.lstrip("@")))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What backs a finding: where it was seen, a short excerpt, and when."""

    url: str
    excerpt: str = ""
    observed_at: datetime = field(default_factory=utcnow)
    signal: str = ""

    def __post_init__(self) -> None:
        text = " ".join(self.excerpt.split())
        object.__setattr__(self, "excerpt", text[:280])


_KIND = re.compile(r"[a-z][a-z_]*")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a stranger could learn about the person.

    `kind` is a lowercase word (`account`, `contact`, `photo_location`, ...); `data` holds the
    kind's documented fields. `key` names what the finding is about (defaults to `url`); the
    `fingerprint` is derived from kind and key so the same exposure keeps its fingerprint
    across scans.
    """

    kind: str
    title: str
    severity: Severity = Severity.LOW
    confidence: Confidence = Confidence.MEDIUM
    url: str = ""
    evidence: tuple[Evidence, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=True)
    key: str = ""
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if not _KIND.fullmatch(self.kind):
            raise ValueError(f"finding kind must be a lowercase word, not {self.kind!r}")
        object.__setattr__(self, "data", freeze(dict(self.data)))
        object.__setattr__(self, "evidence", tuple(self.evidence))
        key = self.key or self.url or self.title
        object.__setattr__(self, "key", key)
        if not self.fingerprint:
            digest = hashlib.sha256(f"{self.kind}\x00{key}".encode()).hexdigest()[:20]
            object.__setattr__(self, "fingerprint", digest)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a check returns for a probe (or for one item of a probe, when `target` is set)."""

    status: Status
    findings: tuple[Finding, ...] = ()
    reason: Reason | None = None
    detail: str = ""
    target: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(self.findings))
        _check_status_invariants(self.status, self.reason, self.findings)


def _check_status_invariants(
    status: Status, reason: Reason | None, findings: tuple[Finding, ...]
) -> None:
    if status in (Status.UNKNOWN, Status.SKIPPED):
        if reason is None:
            raise ValueError(f"status {status} needs a reason")
    elif reason is not None:
        raise ValueError(f"status {status} takes no reason")
    if (status is Status.FOUND) != bool(findings):
        raise ValueError("status 'found' goes with findings, and only it")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The answer for one (check, target) pair, e.g. (`accounts`, `GitHub`)."""

    check: str
    target: str
    status: Status
    url: str = ""
    findings: tuple[Finding, ...] = ()
    reason: Reason | None = None
    detail: str = ""
    duration_s: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(self.findings))
        _check_status_invariants(self.status, self.reason, self.findings)


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One outgoing request, as sent (or as planned, in a dry run)."""

    method: str
    url: str
    status: int | None = None
    started_at: datetime = field(default_factory=utcnow)
    elapsed_s: float = 0.0
    check: str = ""
    error: str = ""
    sends: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """Name and version of a check that took part in a scan."""

    name: str
    version: int
    title: str = ""


# The results of the last reports made, known to be in order (a tuple of frozen results never
# changes): a report replaced with its plan or progress does not order 30,000 results again.
_IN_ORDER: list[tuple[CheckResult, ...]] = []


@dataclass(frozen=True, slots=True)
class ScanReport:
    """Everything one audit produced. Renderers read it; nothing changes it.

    `plan` is the action plan built after the scan (None before, or when none was made).
    `extras` carries the outputs of other post-scan stages (the options the checks ran with,
    the evidence log, a history `comparison`), each a JSON-ready structure.
    """

    scan_id: str
    tool_version: str
    subject: Subject
    started_at: datetime
    finished_at: datetime
    checks: tuple[CheckInfo, ...] = ()
    results: tuple[CheckResult, ...] = ()
    request_log: tuple[RequestRecord, ...] = ()
    interrupted: bool = False
    extras: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=True)
    plan: ActionPlan | None = None
    # `findings()` once made (a report is read-only): the plan, the masker, the summary, the
    # JSON and the history each ask for it, and at 30,000 photos one ranking costs 40 ms
    _ranked: tuple[Finding, ...] | None = field(
        default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extras", freeze(dict(self.extras)))
        misplaced = sorted(set(self.extras) & set(PLAN_KEYS))
        if misplaced:
            raise ValueError(f"the action plan goes in `plan`, not in extras: {misplaced}")
        results = self.results if type(self.results) is tuple else tuple(self.results)
        if not any(results is known for known in _IN_ORDER):
            keys = [(r.check, r.target.lower(), r.url) for r in results]
            if any(a > b for a, b in itertools.pairwise(keys)):
                order = sorted(range(len(keys)), key=keys.__getitem__)
                results = tuple(results[i] for i in order)
            _IN_ORDER[:] = [results, *_IN_ORDER[:3]]
        # in order already: the very tuple given (a replaced report keeps its results)
        object.__setattr__(self, "results", results)

    def findings(self) -> list[Finding]:
        """Each distinct finding once (by fingerprint: the same page seen by several probes
        counts once, at its highest severity), most severe first."""
        if self._ranked is None:
            object.__setattr__(self, "_ranked", tuple(self._rank()))
        return list(self._ranked or ())

    def _rank(self) -> list[Finding]:
        ranked = sorted(
            (f for r in self.results for f in r.findings),
            key=lambda f: (-f.severity, -f.confidence, f.kind, f.title),
        )
        seen: set[str] = set()
        out = []
        for f in ranked:
            if f.fingerprint not in seen:
                seen.add(f.fingerprint)
                out.append(f)
        return out

    def counts_by_status(self) -> dict[Status, int]:
        """How many results have each status."""
        counts = dict.fromkeys(Status, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    def max_severity(self) -> Severity | None:
        """The highest severity among the findings, if any (the first of `findings()`'s,
        without sorting them all: asked several times of a long report)."""
        return max((f.severity for r in self.results for f in r.findings), default=None)
