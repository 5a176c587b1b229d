"""The contract for renderers: `Renderer` turns a `ScanReport` into text, nothing else.

Renderers never open files, read the clock or touch the network; the CLI writes what they
return. Shared helpers for labels and ordering live here so every format agrees.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import ClassVar

from audit.models import CheckResult, Reason, ScanReport, Status

STATUS_LABELS: dict[str, dict[Status, str]] = {
    "en": {
        Status.FOUND: "found",
        Status.NOT_FOUND: "not found",
        Status.UNKNOWN: "unknown",
        Status.SKIPPED: "skipped",
    },
    "fr": {
        Status.FOUND: "trouvé",
        Status.NOT_FOUND: "absent",
        Status.UNKNOWN: "indéterminé",
        Status.SKIPPED: "ignoré",
    },
}

REASON_LABELS: dict[str, dict[Reason, str]] = {
    "en": {
        Reason.BLOCKED: "blocked by the site (challenge page, login wall or 403)",
        Reason.RATE_LIMITED: "rate-limited: the site asked to slow down",
        Reason.TIMEOUT: "no answer in time",
        Reason.NETWORK: "network error (connection, DNS, TLS or proxy)",
        Reason.UNEXPECTED_RESPONSE: "unexpected page: could not tell",
        Reason.NEEDS_KEY: "needs an API key",
        Reason.NOT_APPLICABLE: "not applicable to what was given",
        Reason.CHECK_ERROR: "internal error in the check",
        Reason.INTERRUPTED: "scan interrupted before this ran",
        Reason.OPT_IN: "off unless you opt in",
    },
    "fr": {
        Reason.BLOCKED: "bloqué par le site (page de vérification, connexion requise ou 403)",
        Reason.RATE_LIMITED: "trop de requêtes : le site demande de ralentir",
        Reason.TIMEOUT: "pas de réponse à temps",
        Reason.NETWORK: "erreur réseau (connexion, DNS, TLS ou proxy)",
        Reason.UNEXPECTED_RESPONSE: "page inattendue : impossible de conclure",
        Reason.NEEDS_KEY: "nécessite une clé d'API",
        Reason.NOT_APPLICABLE: "sans objet pour les informations fournies",
        Reason.CHECK_ERROR: "erreur interne du module",
        Reason.INTERRUPTED: "analyse interrompue avant ce test",
        Reason.OPT_IN: "désactivé sauf si vous l'activez",
    },
}


def status_label(status: Status, lang: str = "en") -> str:
    """Human label for a status in the given language."""
    return STATUS_LABELS.get(lang, STATUS_LABELS["en"])[status]


def reason_label(reason: Reason | None, lang: str = "en") -> str:
    """Human label for a reason in the given language ('' for none)."""
    if reason is None:
        return ""
    return REASON_LABELS.get(lang, REASON_LABELS["en"])[reason]


_STATUS_ORDER = {Status.FOUND: 0, Status.UNKNOWN: 1, Status.SKIPPED: 2, Status.NOT_FOUND: 3}


def ordered_results(report: ScanReport) -> list[CheckResult]:
    """Results in reading order: found, unknown, skipped, not found; then check and target."""
    return sorted(
        report.results, key=lambda r: (_STATUS_ORDER[r.status], r.check, r.target.lower())
    )


def truncate(text: str, width: int) -> str:
    """Shorten text to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: language, redaction (workshop mode), and what to include."""

    lang: str = "en"
    redact: bool = False
    show_not_found: bool = False
    color: bool = False
    width: int = 80


class Renderer(abc.ABC):
    """Turns a report into one output format."""

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str] = "text/plain"
    description: ClassVar[str] = ""
    # written by `-o DIR/` without `-f` (a short view such as `summary` is not)
    in_folder: ClassVar[bool] = True

    @abc.abstractmethod
    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Return the whole document as text."""
