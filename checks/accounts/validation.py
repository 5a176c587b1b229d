"""Validation of site catalog documents: the JSON Schema, and a fast structural check.

`validate_document` applies `sites.schema.json` (jsonschema, imported on first use) plus the
rules a schema cannot say (unique keys, `{username}` in templates, compilable regexes...).
`quick_problems` is the cheap check scans run on every load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

FORMAT = "exposure-audit/sites"
VERSION = 1
PLACEHOLDER = "{username}"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the catalog format."""
    text = resources.files("checks.accounts").joinpath("sites.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def validate_document(doc: Any) -> list[str]:
    """Schema errors plus the rules a schema cannot say; empty when the document is valid."""
    import jsonschema  # imported here: slow to import, and scans use `quick_problems`

    validator = jsonschema.Draft202012Validator(schema())
    errors = [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    ]
    if errors or not isinstance(doc, Mapping):
        return errors
    seen: set[str] = set()
    for i, entry in enumerate(doc.get("sites", ())):
        where = f"sites/{i} ({entry.get('key')})"
        if entry["key"] in seen:
            errors.append(f"{where}: duplicate key")
        seen.add(entry["key"])
        probe = entry["probe"]
        if PLACEHOLDER not in entry["profile_url"]:
            errors.append(f"{where}: profile_url has no {PLACEHOLDER}")
        if PLACEHOLDER not in probe["url"] and PLACEHOLDER not in (probe.get("body") or ""):
            errors.append(f"{where}: the probe sends no {PLACEHOLDER}")
        if probe.get("body") and probe.get("method", "GET") != "POST":
            errors.append(f"{where}: a body needs method POST")
        regex = entry.get("username", {}).get("regex")
        if regex:
            try:
                re.compile(regex)
            except re.error as exc:
                errors.append(f"{where}: bad username regex: {exc}")
        if entry["present"] == entry["absent"]:
            errors.append(f"{where}: presence and absence rules are the same")
    return errors


_BLOCK_STATUSES = frozenset({429})
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def quick_problems(doc: Any) -> list[str]:
    """A fast structural check (microseconds per entry) of the rules scans rely on.

    Scans use it instead of the full JSON Schema (about 0.4 ms per entry with jsonschema);
    when it finds anything, `validate_document` gives the detailed errors. The shipped catalog
    is validated against the full schema by the tests, imports by `sites import`.
    """
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        return ["not an exposure-audit/sites version 1 document"]
    entries = doc.get("sites")
    if not isinstance(entries, list):
        return ["sites is not a list"]
    problems: list[str] = []
    seen: set[str] = set()
    for i, e in enumerate(entries):
        try:
            key, probe = e["key"], e["probe"]
            ok = (
                isinstance(key, str) and bool(_KEY_RE.match(key)) and key not in seen
                and isinstance(e["name"], str) and isinstance(e["category"], str)
                and isinstance(e["countries"], list) and e["countries"]
                and _template_ok(e["profile_url"]) and isinstance(probe, Mapping)
                and probe.get("method", "GET") in ("GET", "POST")
                and isinstance(probe["url"], str) and probe["url"].startswith(("http://", "https://"))
                and (PLACEHOLDER in probe["url"] or PLACEHOLDER in (probe.get("body") or ""))
                and _signal_ok(e["present"]) and _signal_ok(e["absent"])
                and e["present"] != e["absent"]
                and isinstance(e.get("username", {}), Mapping)
            )
        except (KeyError, TypeError):
            ok = False
        if not ok:
            problems.append(f"sites/{i}: invalid entry")
        else:
            seen.add(key)
    return problems


def _template_ok(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) \
        and PLACEHOLDER in value


def _signal_ok(raw: Any) -> bool:
    if not isinstance(raw, Mapping):
        return False
    status = raw.get("status")
    marker = raw.get("marker")
    return (
        isinstance(status, list) and bool(status)
        and all(isinstance(s, int) and 100 <= s <= 599 and s not in _BLOCK_STATUSES
                for s in status)
        and (marker is None or (isinstance(marker, str) and bool(marker)))
    )
