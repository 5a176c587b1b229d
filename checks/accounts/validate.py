"""Online validation of catalog entries (`exposure-audit sites validate --yes-online`).

For each site: its known handle must be found and a random handle must not be. The requests
run through the core's `Scanner` (same HTTP layer, limits and logging as a scan) with a private
check that reuses the `accounts` logic. The result is a list of rows and a Markdown + JSON
report telling a maintainer what to fix. `record_verified` writes today's date as
`last_verified` for the confirmed sites (verdict ``ok``): into the `--sites-file` given, or
for the built-in catalog into `catalog_verified.json` (read by `build_catalog`), rebuilding
`sites.json`.
"""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from audit.check import Check, CheckContext, Probe
from audit.models import CheckResult, Outcome, Status, Subject
from audit.plugins import Registry
from audit.settings import Settings
from audit.store.paths import write_private
from checks.accounts.catalog import Site
from checks.accounts.check import AccountsCheck, make_probe

_ADVICE = {
    "ok": "Rules confirmed: set last_verified to today.",
    "false_positive": "A random handle was reported found: the presence rule is too loose "
    "(add a structural marker) or the site answers 200 to everything.",
    "stale": "The known handle was not found: the account may be gone (pick another known "
    "handle) or the URL pattern/absence rule changed.",
    "unknown": "The site did not answer clearly (block, rate limit, unexpected page): retry "
    "from another connection, or check the rules by hand.",
    "skipped": "The handle does not fit the site's username rules: fix the rule or the handle.",
    "no_known_handle": "Random handle behaves; add a known handle to finish the check.",
}


def random_handle(site: Site) -> str:
    """A handle almost surely unused on `site` that fits its username rules."""
    alphabet = string.ascii_lowercase
    size = max(site.username.min_len, min(14, site.username.max_len))
    for _ in range(20):
        candidate = "".join(secrets.choice(alphabet) for _ in range(size))
        if site.username.problem(candidate) is None:
            return candidate
    return "".join(secrets.choice(alphabet) for _ in range(size))


def _make_check(pairs: Sequence[tuple[Site, str, str]]) -> type[Check]:
    class _Validate(Check):
        name: ClassVar[str] = "sites-validate"
        title: ClassVar[str] = "Catalog validation"
        description: ClassVar[str] = "Known handle found, random handle not found."
        requires: ClassVar[frozenset[str]] = frozenset()

        def probes(
            self, subject: Subject, options: Mapping[str, Any],
            previous: Sequence[CheckResult] = (),
        ) -> Iterable[Probe]:
            for site, handle, role in pairs:
                base = make_probe(site, handle)
                yield Probe(check=self.name, target=f"{site.key}\x1f{role}", url=base.url,
                            planned=base.planned, params=base.params, host=base.host)

        def run(self, probe: Probe, ctx: CheckContext) -> Outcome | Sequence[Outcome]:
            return AccountsCheck().run(probe, ctx)

    return _Validate


def validate_sites(sites: Sequence[Site], settings: Settings) -> list[dict[str, Any]]:
    """Probe each site twice and return one row per site with a verdict and advice."""
    pairs: list[tuple[Site, str, str]] = []
    randoms: dict[str, str] = {}
    for site in sites:
        randoms[site.key] = random_handle(site)
        pairs.append((site, randoms[site.key], "random"))
        if site.known_handle:
            pairs.append((site, site.known_handle, "known"))
    registry = Registry()
    registry.add_check(_make_check(pairs))
    from audit.scan.runner import Scanner  # the HTTP layer: only when validating

    scanner = Scanner(registry, settings)
    try:
        report = scanner.run(Subject(handles=("validation",)))
    finally:
        scanner.http.close()
    by_target = {r.target: r for r in report.results}
    rows = []
    for site in sites:
        rnd = by_target.get(f"{site.key}\x1frandom")
        known = by_target.get(f"{site.key}\x1fknown")
        rows.append(_row(site, randoms[site.key], rnd, known))
    return rows


def _state(result: CheckResult | None) -> str:
    if result is None:
        return "-"
    if result.reason is not None:
        return f"{result.status}:{result.reason}"
    return str(result.status)


def _row(site: Site, rnd_handle: str, rnd: CheckResult | None,
         known: CheckResult | None) -> dict[str, Any]:
    statuses = [r.status for r in (rnd, known) if r is not None]
    if Status.SKIPPED in statuses:
        verdict = "skipped"
    elif rnd is not None and rnd.status is Status.FOUND:
        verdict = "false_positive"
    elif Status.UNKNOWN in statuses:
        verdict = "unknown"
    elif known is None:
        verdict = "no_known_handle"
    elif known.status is Status.NOT_FOUND:
        verdict = "stale"
    else:
        verdict = "ok"
    details = " / ".join(r.detail for r in (known, rnd) if r is not None and r.detail)
    return {
        "key": site.key, "name": site.name, "probe": site.probe.url,
        "known_handle": site.known_handle, "known": _state(known),
        "random_handle": rnd_handle, "random": _state(rnd),
        "verdict": verdict, "advice": _ADVICE[verdict], "detail": details[:300],
    }


def write_report(rows: Sequence[Mapping[str, Any]], path: Path) -> tuple[Path, Path]:
    """Write the Markdown report at `path` (.md) and the JSON next to it; both mode 0600."""
    md_path = path if path.suffix == ".md" else path.with_suffix(".md")
    json_path = md_path.with_suffix(".json")
    today = datetime.now(UTC).date().isoformat()
    payload = {"validated_at": today, "sites": list(rows)}
    write_private(json_path, json.dumps(payload, indent=2, ensure_ascii=False))
    lines = [f"# Site catalog validation ({today})", "",
             "| site | key | known handle | known | random | verdict | what to do |",
             "|---|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (r["verdict"] == "ok", r["key"])):
        cells = [r["name"], r["key"], r["known_handle"] or "-", r["known"], r["random"],
                 r["verdict"], r["advice"]]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    write_private(md_path, "\n".join(lines) + "\n")
    return md_path, json_path


VERIFIED = Path(__file__).with_name("catalog_verified.json")


def read_verified(path: Path = VERIFIED) -> dict[str, str]:
    """The built-in sites' last_verified dates recorded by `sites validate` (key -> date)."""
    if not path.exists():
        return {}
    return {str(k): str(v) for k, v in json.loads(path.read_text("utf-8")).items()}


def record_verified(rows: Sequence[Mapping[str, Any]], sites_file: str | Path | None = None,
                    today: str | None = None) -> list[str]:
    """Write `today` as last_verified for the sites confirmed online; return their keys."""
    day = today or datetime.now(UTC).date().isoformat()
    keys = sorted(str(r["key"]) for r in rows if r["verdict"] == "ok")
    if not keys:
        return []
    if sites_file is not None:
        path = Path(sites_file)
        doc = json.loads(path.read_text("utf-8"))
        if not isinstance(doc, dict) or not isinstance(doc.get("sites"), list) \
                or doc.get("format") != "exposure-audit/sites":
            return []  # a WhatsMyName file has no such field: leave it as it is
        for entry in doc["sites"]:
            if entry.get("key") in keys:
                entry["last_verified"] = day
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")
        return keys
    dates = {**read_verified(), **dict.fromkeys(keys, day)}
    VERIFIED.write_text(json.dumps(dates, indent=1, sort_keys=True) + "\n", "utf-8")
    from checks.accounts import build_catalog

    build_catalog.OUT.write_text(build_catalog.render(), encoding="utf-8")
    return keys
