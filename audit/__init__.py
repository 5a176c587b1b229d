"""exposure-audit core: what a harasser could find about a person, and what to do about it.

This package owns the data model, the plugin contract, the HTTP layer, the runner, the local
history and the CLI. Check plugins live in `checks`, renderers in `reports`.
"""

from __future__ import annotations

from audit.check import (
    AddressReader,
    Blocked,
    Check,
    CheckContext,
    CheckFailure,
    CheckOption,
    ContractError,
    NeedsKey,
    NetworkError,
    PlannedRequest,
    Probe,
    RateLimited,
    TimedOut,
    UnexpectedResponse,
)
from audit.hookspecs import hookimpl
from audit.models import (
    CheckResult,
    Confidence,
    Evidence,
    Finding,
    Outcome,
    Reason,
    ScanReport,
    Severity,
    Status,
    Subject,
)
from audit.net.model import HttpRequest, HttpResponse, Origin
from audit.render import Renderer, RenderOptions

__version__ = "0.1.0"

__all__ = [
    "AddressReader",
    "Blocked",
    "Check",
    "CheckContext",
    "CheckFailure",
    "CheckOption",
    "CheckResult",
    "Confidence",
    "ContractError",
    "Evidence",
    "Finding",
    "HttpRequest",
    "HttpResponse",
    "NeedsKey",
    "NetworkError",
    "Origin",
    "Outcome",
    "PlannedRequest",
    "Probe",
    "RateLimited",
    "Reason",
    "RenderOptions",
    "Renderer",
    "ScanReport",
    "Severity",
    "Status",
    "Subject",
    "TimedOut",
    "UnexpectedResponse",
    "__version__",
    "hookimpl",
]
