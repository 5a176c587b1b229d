"""The user's imported site catalog, stored under the app data directory, and catalog choice.

`sites import FILE` and `sites update` write `<data dir>/sites/imported.json` (own format,
mode 0600) and `imported.meta.json` (source URL or path, date, SHA-256, licence attribution).
`active_sites()` is what a scan uses: the `sites_file` option alone when given, otherwise the
built-in catalog plus the imported one (curated entries always win).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from audit.errors import ConfigError
from audit.store.paths import data_dir, private_dir, write_private
from checks.accounts import wmn
from checks.accounts.catalog import (
    Site,
    document,
    is_wmn,
    load_catalog,
    load_file,
    parse_document,
)

IMPORTED = "imported.json"
META = "imported.meta.json"


def sites_dir() -> Path:
    """`<data dir>/sites` (mode 0700)."""
    return private_dir(data_dir() / "sites")


@dataclass
class ImportSummary:
    """What an import did, for the CLI to print."""

    path: Path
    usable: int
    added: int
    rejected: list[wmn.Rejected]
    kept_curated: list[tuple[str, str]]
    sha256: str


def _imported_path() -> Path | None:
    path = data_dir() / "sites" / IMPORTED
    return path if path.is_file() else None


def imported_sites() -> tuple[Site, ...]:
    """The stored imported catalog (empty when none)."""
    path = _imported_path()
    if path is None:
        return ()
    return tuple(replace(s, origin="imported") for s in load_file(path))


def active_sites(sites_file: str | Path | None = None) -> tuple[Site, ...]:
    """The catalog a scan uses (see the module docstring)."""
    if sites_file:
        return load_file(sites_file)
    imported = imported_sites()
    if not imported:
        return load_catalog()
    return tuple(wmn.merge(load_catalog(), imported).sites)


def import_bytes(
    raw: bytes, source: str, extra_meta: dict[str, Any] | None = None
) -> ImportSummary:
    """Convert a WhatsMyName or own-format document and store it as the imported catalog."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{source} is not a JSON site list: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{source} is not a usable site list: nested too deep") from exc
    rejected: list[wmn.Rejected] = []
    attribution = ""
    if is_wmn(doc):
        conv = wmn.convert(doc)
        sites, rejected, attribution = conv.sites, conv.rejected, wmn.ATTRIBUTION
    else:
        sites = parse_document(doc, origin="file", full=True)
        attribution = str(doc.get("attribution", "")) if isinstance(doc, dict) else ""
    if not sites:
        raise ConfigError(f"no usable site in {source}")
    merged = wmn.merge(load_catalog(), sites)
    curated_keys = {s.key for s in load_catalog()}
    added = [s for s in merged.sites if s.key not in curated_keys]
    digest = hashlib.sha256(raw).hexdigest()
    folder = sites_dir()
    meta = {
        "source": source,
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sha256": digest,
        "attribution": attribution,
        "licence": "CC BY-SA 4.0" if attribution == wmn.ATTRIBUTION else "",
        "usable": len(sites),
        "added": len(added),
        "rejected": [{"name": r.name, "reason": r.reason} for r in rejected],
        "kept_curated": [{"imported": a, "curated": b} for a, b in merged.kept_curated],
        **(extra_meta or {}),
    }
    doc_out = document(sites, generated_by=f"exposure-audit sites import ({source})",
                       attribution=attribution or "see imported.meta.json")
    path = write_private(folder / IMPORTED, json.dumps(doc_out, ensure_ascii=False, indent=1))
    write_private(folder / META, json.dumps(meta, ensure_ascii=False, indent=2))
    return ImportSummary(path, len(sites), len(added), rejected, merged.kept_curated, digest)


def import_file(path: str | Path) -> ImportSummary:
    """Import a local file (see `import_bytes`)."""
    src = Path(path).expanduser()
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {src}: {exc.strerror}") from exc
    return import_bytes(raw, str(src.resolve()))


def imported_meta() -> dict[str, Any] | None:
    """The record written next to the imported catalog, if any."""
    path = data_dir() / "sites" / META
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data
