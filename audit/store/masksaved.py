"""Workshop mode for commands that show stored data (`requests`, `evidence`, `history diff`,
`watch`, `plan list`): a function masking the details of every person in the saved scans,
built from `audit.redact.Redactor` (one per person, from their latest scan).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from audit.models import ScanReport

Mask = Callable[[str], str]


def masker(reports: Iterable[ScanReport]) -> Mask:
    """Mask the details of the people of `reports` in any text."""
    from audit.redact import Redactor

    redactors = [Redactor(r.subject, r) for r in reports]

    def mask(text: str) -> str:
        for r in redactors:
            text = r.text(text)
        return text

    return mask


def saved_masker(conn: sqlite3.Connection, limit: int = 200) -> Mask:
    """Mask everyone of the saved scans (their latest scan each)."""
    from audit.store.history import HistoryStore, subject_key

    store = HistoryStore(conn)
    latest: dict[str, ScanReport] = {}
    for summary in store.list(limit):
        report = store.get(summary.scan_id)
        latest.setdefault(subject_key(report), report)
    return masker(latest.values())


def no_mask(text: str) -> str:
    """The text as it is (workshop mode off)."""
    return text
