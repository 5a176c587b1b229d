"""The contract for renderers: `Renderer` turns a `ScanReport` into text, nothing else.

Renderers never open files, read the clock or touch the network; the CLI writes what they
return. Shared helpers for labels and ordering live here so every format agrees.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from audit.i18n import Messages
from audit.models import CheckResult, Reason, ScanReport, Status

# Labels of the core's statuses and reasons, by "status_<value>" and "reason_<value>".
LABELS = Messages(
    {
        "status_found": "found",
        "status_not_found": "not found",
        "status_unknown": "unknown",
        "status_skipped": "skipped",
        "reason_blocked": "blocked by the site (challenge page, login wall or 403)",
        "reason_rate_limited": "rate-limited: the site asked to slow down",
        "reason_timeout": "no answer in time",
        "reason_network": "network error (connection, DNS, TLS or proxy)",
        "reason_unexpected_response": "unexpected page: could not tell",
        "reason_needs_key": "needs an API key",
        "reason_not_applicable": "not applicable to what was given",
        "reason_check_error": "internal error in the check",
        "reason_interrupted": "scan interrupted before this ran",
        "reason_opt_in": "off unless you opt in",
    },
    {
        "status_found": "trouvé",
        "status_not_found": "absent",
        "status_unknown": "indéterminé",
        "status_skipped": "ignoré",
        "reason_blocked": "bloqué par le site (page de vérification, connexion requise ou 403)",
        "reason_rate_limited": "trop de requêtes : le site demande de ralentir",
        "reason_timeout": "pas de réponse à temps",
        "reason_network": "erreur réseau (connexion, DNS, TLS ou proxy)",
        "reason_unexpected_response": "page inattendue : impossible de conclure",
        "reason_needs_key": "nécessite une clé d'API",
        "reason_not_applicable": "sans objet pour les informations fournies",
        "reason_check_error": "erreur interne du module",
        "reason_interrupted": "analyse interrompue avant ce test",
        "reason_opt_in": "désactivé sauf si vous l'activez",
    },
)


def status_label(status: Status, lang: str = "en") -> str:
    """Human label for a status in the given language."""
    return LABELS(lang, f"status_{status.value}")


def reason_label(reason: Reason | None, lang: str = "en") -> str:
    """Human label for a reason in the given language ('' for none)."""
    if reason is None:
        return ""
    return LABELS(lang, f"reason_{reason.value}")


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

    def chunks(self, report: ScanReport, options: RenderOptions) -> Iterable[str]:
        """The document as consecutive pieces of text, for writing a file without holding it
        whole (a long JSON report); by default the whole text as one piece."""
        return (self.render(report, options),)
