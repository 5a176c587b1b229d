"""The contract between the core and check plugins: `Check`, `Probe`, `CheckContext`, errors,
and `AddressReader` (a plugin lends the core's masker its postal-address reader).

A check lists its probes without any I/O (`probes`), then the core runs each probe through a
`CheckContext` (`run`). Checks never start threads, never print and never catch a bare
`Exception`: they raise one of the errors below and the core maps it to `unknown`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Protocol

from audit.models import CheckResult, Outcome, Reason, Severity, Subject
from audit.net.model import HttpRequest, HttpResponse


class CheckFailure(Exception):
    """Base of the errors a check raises instead of guessing; each maps to a `Reason`."""

    reason: ClassVar[Reason] = Reason.UNEXPECTED_RESPONSE

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class Blocked(CheckFailure):
    """A challenge page, login wall, 403 or similar: the site refused to answer."""

    reason = Reason.BLOCKED


class RateLimited(CheckFailure):
    """The site asked us to slow down (429, quota message)."""

    reason = Reason.RATE_LIMITED

    def __init__(self, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class TimedOut(CheckFailure):
    """No answer in time."""

    reason = Reason.TIMEOUT


class NetworkError(CheckFailure):
    """Connection refused or reset, DNS failure, TLS failure, dead proxy."""

    reason = Reason.NETWORK


class UnexpectedResponse(CheckFailure):
    """The answer matched neither the presence nor the absence signals."""

    reason = Reason.UNEXPECTED_RESPONSE


class NeedsKey(CheckFailure):
    """The check needs an API key the user has not configured."""

    reason = Reason.NEEDS_KEY


class ContractError(CheckFailure):
    """A check broke its contract with the core (e.g. a `request_only` probe fetched more)."""

    reason = Reason.CHECK_ERROR


class ForbiddenAddress(NetworkError):
    """A page-sourced URL points at a loopback, private or link-local address."""


@dataclass(frozen=True, slots=True)
class CheckOption:
    """A `scan` option that belongs to one check, declared in `Check.options`.

    The core adds it to `exposure-audit scan` (and lists it under `exposure-audit checks`)
    and passes the value to the checks as `ctx.options[key]` (and to `probes`); nothing is
    passed when the user did not give it, so the check's own default applies. Kinds:
    ``text``, ``int`` (with `minimum` / `maximum`), ``file`` (an existing file), ``flag``
    (given: `key` is `set_to`) and ``switch`` (``--x/--no-x``, always passed, default
    `default`). `multiple` options pass a list. `dest` keeps the name click gives the value
    (and so its environment variable, EXPOSURE_AUDIT_SCAN_<DEST>) when it is not the flag's.
    """

    flag: str
    key: str
    help: str
    kind: str = "text"
    multiple: bool = False
    set_to: Any = True
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    metavar: str = ""
    dest: str = ""


class FoundAddress(Protocol):
    """One postal address an `AddressReader` found in a text."""

    @property
    def value(self) -> str:
        """The address as one tidy line (compared with the person's own, then masked)."""

    @property
    def raw(self) -> str:
        """The address exactly as the text wrote it (what the masker replaces)."""


@dataclass(frozen=True, slots=True)
class AddressReader:
    """A postal-address reader a plugin lends the core (hook `register_address_readers`).

    Every output masks other people's details (`audit.sanitize.thirdparty`); emails and
    numbers the core reads itself, street addresses only through the readers plugins
    register. `find(text)` yields each address written in `text`; `same(a, b)` says whether
    two addresses are one (the person's own are kept); `mask(value)` is the masked form shown
    instead. Without any reader, addresses are left to the checks' own masks. The functions
    are called on every string of a report: keep them pure and quick on text without one.
    """

    name: str
    find: Callable[[str], Iterable[FoundAddress]]
    same: Callable[[str, str], bool]
    mask: Callable[[str], str]


@dataclass(frozen=True, slots=True)
class PlannedRequest:
    """A request a probe will (or may) send, for `--dry-run`."""

    method: str
    url: str
    sends: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Probe:
    """One unit of work of a check: a target (site, query, folder...) and what it will send.

    The contract: the core calls `Check.run` exactly once per probe; nothing re-runs it. In
    `run` a probe may call `ctx.fetch` as many times as it needs (each request logged,
    limited and guarded by the core).

    `params` is private to the check. `host` is used by the core for per-host limits.
    `request`, when the check knows it without any I/O, is the first request `run` will
    fetch: the core sends the requests of many probes at once (one event loop, see
    `HttpClient.send_batch`), starts `run` when that answer is in, and `ctx.fetch(request)`
    returns it without waiting. `request_only` says `run` fetches nothing but `request`: the
    core then runs it on the thread that received the answer (no thread switch, the fast
    path of a sweep over thousands of sites); any other fetch from such a probe raises
    `ContractError` (the probe's result is `unknown`, check error) instead of waiting there.
    Without it, the probe runs on a pool thread and may fetch more.
    `settle_with` groups probes whose results `Check.settle` combines (a site and its control).
    """

    check: str
    target: str
    url: str = ""
    planned: tuple[PlannedRequest, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    host: str = ""
    request: HttpRequest | None = None
    settle_with: str = ""
    request_only: bool = False


class CheckContext(Protocol):
    """What the core gives a check while it runs one probe."""

    @property
    def subject(self) -> Subject:
        """The person being audited."""

    @property
    def options(self) -> Mapping[str, Any]:
        """The check's options from the CLI or config (`sites_file`, `variants`...)."""

    def fetch(self, request: HttpRequest) -> HttpResponse:
        """Send a request through the core's HTTP layer (logged, limited, guarded)."""

    def now(self) -> datetime:
        """The current time (injectable for tests)."""

    def cache_get(self, key: str) -> Any:
        """Return a cached JSON value for this check, or None."""

    def cache_put(self, key: str, value: Any, ttl_s: float) -> None:
        """Store a JSON value for this check for `ttl_s` seconds."""

    def cancelled(self) -> bool:
        """True once the scan's deadline has passed or it was interrupted: stop early."""

    @property
    def deadline_s(self) -> float:
        """The whole scan's deadline, in seconds from its start (for a check's time budget)."""


class Check(abc.ABC):
    """A pluggable detector. Subclasses set the class attributes and implement two methods.

    `stage` orders checks: stage 0 checks use only the subject; later stages also receive the
    results of earlier stages in `probes(subject, previous)` (e.g. pages found by `accounts`).
    `requires` lists Subject fields; the check applies when any of them is provided (an empty
    set means it can always plan, e.g. from earlier results).
    """

    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    version: ClassVar[int] = 1
    stage: ClassVar[int] = 0
    requires: ClassVar[frozenset[str]] = frozenset()
    sends: ClassVar[str] = ""
    default_severity: ClassVar[Severity] = Severity.LOW
    default_enabled: ClassVar[bool] = True
    options: ClassVar[tuple[CheckOption, ...]] = ()
    """The check's own `scan` options (see `CheckOption`): the core's `scan` knows none by name."""
    shardable: ClassVar[bool] = False
    """Ignored since scans run in one process (kept so existing plugins still load): it said
    the probes were independent HTTP probes that could run in a worker process."""

    def prepare(self) -> None:
        """Load what `run` will need (heavy imports) before the stage's requests go out, so
        the first answers do not wait for an import."""
        return None

    def applies_to(self, subject: Subject) -> bool:
        """True when the subject provides at least one required field."""
        return not self.requires or any(subject.provides(f) for f in self.requires)

    @abc.abstractmethod
    def probes(
        self, subject: Subject, options: Mapping[str, Any], previous: Sequence[CheckResult] = ()
    ) -> Iterable[Probe]:
        """List the probes for this subject. Pure: no network, no threads."""

    @abc.abstractmethod
    def run(self, probe: Probe, ctx: CheckContext) -> Outcome | Sequence[Outcome]:
        """Run one probe. Return outcomes; raise a `CheckFailure` when it cannot tell."""

    def settle(
        self, answered: Sequence[tuple[Probe, Sequence[CheckResult]]]
    ) -> list[CheckResult]:
        """Combine the results of one `Probe.settle_with` group into the results to keep.

        The core calls it on the scan's own thread, once every probe of the group is answered
        (or has been given up at the deadline or on Ctrl-C: then some may be missing), and
        only what it returns is reported, saved and shown. Default: keep every result.
        """
        return [r for _, results in answered for r in results]
