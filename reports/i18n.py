"""The fixed strings of the human-readable reports (HTML, Markdown, handout), in French and
English, through the one translation mechanism (`audit.i18n.Messages`). The text lives in
`reports/strings.json`; both languages carry the same keys (a test checks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from audit.i18n import Messages
from audit.models import Confidence, Severity

if TYPE_CHECKING:
    from reports.figures import MapPoint


@cache
def messages() -> Messages:
    """The reports' fixed strings (loaded once from `reports/strings.json`)."""
    return Messages.from_resource("reports", "strings.json")


def strings(lang: str) -> Mapping[str, str]:
    """All fixed strings of one language (English for an unknown language)."""
    return messages().table(lang)


def t(lang: str, key: str, **values: Any) -> str:
    """One fixed string, with `{name}` fields filled from `values` (the key when unknown)."""
    table = messages()
    return table(lang, key, **values) if key in table else key


def severity_label(severity: Severity, lang: str) -> str:
    """Translated severity name."""
    return t(lang, f"sev_{severity.label}")


def confidence_label(confidence: Confidence, lang: str) -> str:
    """Translated confidence name."""
    return t(lang, f"conf_{confidence.label}")


def kind_label(kind: str, lang: str) -> str:
    """Translated heading for a finding kind (a generic one for kinds added later)."""
    key = f"kind_{kind}"
    return t(lang, key) if key in strings(lang) else f"{t(lang, 'kind_other')} ({kind})"


def field_label(key: str, lang: str) -> str:
    """A readable, translated name for a finding's data field (the key itself when unknown)."""
    name = f"field_{key}"
    return t(lang, name) if name in strings(lang) else key


def value_label(key: str, value: str | list[str], lang: str) -> str | list[str]:
    """A data value the checks store as an English word (a link's strength), translated."""
    if key == "strength" and value in ("strong", "medium", "weak"):
        return t(lang, f"strength_{value}")
    return value


def request_kind_label(kind: str, lang: str) -> str:
    """Translated name of a request kind (the raw kind when unknown)."""
    key = f"req_{kind}"
    return t(lang, key) if key in strings(lang) else kind


def duration(minutes: int) -> str:
    """'45 min' or '9 h 40 min' (the same in French and English)."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def cluster_name(cluster: str, lang: str) -> str:
    """'home' / 'work' translated; any other cluster label as given (or 'place')."""
    if cluster in ("home", "work"):
        return t(lang, f"cluster_{cluster}")
    return cluster or t(lang, "cluster_other")


def cluster_label(point: MapPoint, lang: str) -> str:
    """'home: 12 photos, 5 days' (translated) for a cluster point."""
    return t(lang, "cluster_label", label=cluster_name(point.cluster, lang), photos=point.photos,
             days=point.days)
