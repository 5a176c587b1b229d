"""Compare every catalog rule with the public facts of peer site lists, and list conflicts.

Run as ``exposure-audit sites crosscheck --wmn FILE [--sherlock FILE] [--maigret FILE]``.
The peers' files are read, never stored. Facts used (their meaning from each project's own
documentation, see `docs/crosscheck.md`):

- WhatsMyName (`wmn-data.json`, CC BY-SA 4.0): `uri_check`, `e_code`/`e_string` (exists),
  `m_code`/`m_string` (missing), `known` (existing accounts), `valid: false` (disabled).
- Sherlock (`sherlock_project/resources/data.json`, MIT): `url`/`urlProbe`, `errorType`
  (`status_code`: a non-2xx answer means missing; `message`: the status does not separate,
  `errorMsg` does; `response_url`: missing names are redirected), `username_claimed`.
- Maigret (`maigret/resources/data.json`, MIT): `url`/`urlProbe`, `checkType` (same three
  kinds), `presenseStrs`/`absenceStrs`, `usernameClaimed`, `disabled`.

A peer entry is compared with a catalog site when it asks the same URL (scheme, ``www.`` and
the placeholder aside); classes 4 and 5 also use entries showing the same profile URL.
Conflict classes: `status_only` (our rules are a bare status, with no body string either
way, where the peer says the status does not separate), `status_contradicted` (a status of
our presence or absence rule that the peer contradicts), `marker_mismatch` (our body marker
differs from the peer's and no peer asking the same URL uses ours), `disabled_by_peer`,
`username_rule` (a peer's known account that our username rule rejects). A site's
`crosscheck` field (in the catalog) may explain a conflict, by class:
`{"status_only": "relies on the control probe"}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.accounts.catalog import PLACEHOLDER, Site

CLASSES = ("status_only", "status_contradicted", "marker_mismatch", "disabled_by_peer",
           "username_rule")
STRICT = ("status_only", "status_contradicted")
"""The classes a test allows only with an explanation in the catalog."""


@dataclass(frozen=True, slots=True)
class PeerFact:
    """What one peer says about one site, in common terms."""

    peer: str
    name: str
    url: str
    profile: str = ""
    present_status: int | None = None
    absent_status: int | None = None
    absent_kind: str = "status"  # status (a non-2xx code), message, redirect
    present_markers: tuple[str, ...] = ()
    absent_markers: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    disabled: bool = False

    @property
    def separates_by_status(self) -> bool:
        """False when the peer needs the body to tell a profile from a missing one."""
        if self.absent_kind == "message":
            return False
        return not (self.present_status is not None and self.present_status == self.absent_status)


@dataclass(frozen=True, slots=True)
class Conflict:
    """One disagreement between a catalog site and a peer fact."""

    site: str
    kind: str
    peer: str
    peer_name: str
    detail: str
    explained: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """Every conflict, the peers that agree with each site, and what could not be matched."""

    conflicts: tuple[Conflict, ...]
    agrees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unmatched: tuple[str, ...] = ()

    def unexplained(self, kinds: Iterable[str] = STRICT) -> list[Conflict]:
        """The conflicts of these classes without an explanation in the catalog."""
        wanted = set(kinds)
        return [c for c in self.conflicts if c.kind in wanted and not c.explained]


def norm_url(url: str) -> str:
    """A URL template compared loosely: no scheme, no ``www.``, one placeholder, no final /."""
    u = url.strip()
    for token in ("{account}", "{username}", "{}"):
        u = u.replace(token, "{u}")
    u = re.sub(r"^[a-z]+://", "", u, flags=re.I)
    host, _, rest = u.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + "/" + rest).rstrip("/") if rest else host


def _strs(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if str(v))


def wmn_facts(doc: Mapping[str, Any]) -> list[PeerFact]:
    """Facts from a WhatsMyName document."""
    out = []
    for e in doc.get("sites", []):
        m_code = int(e.get("m_code") or 0) or None
        kind = "status"
        if m_code is not None and 300 <= m_code < 400:
            kind = "redirect"
        elif e.get("m_string") and m_code == int(e.get("e_code") or 0):
            kind = "message"
        out.append(PeerFact(
            peer="wmn", name=str(e.get("name", "")), url=str(e.get("uri_check", "")),
            profile=str(e.get("uri_pretty") or e.get("uri_check", "")),
            present_status=int(e.get("e_code") or 0) or None, absent_status=m_code,
            absent_kind=kind, present_markers=_strs(e.get("e_string")),
            absent_markers=_strs(e.get("m_string")), known=_strs(e.get("known")),
            disabled=e.get("valid") is False,
        ))
    return out


def _kind(check_type: Any) -> str:
    kinds = _strs(check_type)
    if "message" in kinds:
        return "message"
    if "response_url" in kinds:
        return "redirect"
    return "status"


def sherlock_facts(doc: Mapping[str, Any]) -> list[PeerFact]:
    """Facts from Sherlock's `data.json` (a status_code site: a non-2xx code means missing)."""
    out = []
    for name, e in doc.items():
        if not isinstance(e, Mapping) or "url" not in e:
            continue
        kind = _kind(e.get("errorType"))
        out.append(PeerFact(
            peer="sherlock", name=name, url=str(e.get("urlProbe") or e["url"]),
            profile=str(e["url"]), present_status=200 if kind != "message" else None,
            absent_kind=kind, absent_markers=_strs(e.get("errorMsg")),
            known=_strs(e.get("username_claimed")),
        ))
    return out


def maigret_facts(doc: Mapping[str, Any]) -> list[PeerFact]:
    """Facts from Maigret's `data.json` (`sites`; `disabled` entries are marked)."""
    out = []
    for name, e in dict(doc.get("sites", {})).items():
        if not isinstance(e, Mapping) or "url" not in e:
            continue
        kind = _kind(e.get("checkType"))
        url = str(e["url"]).replace("{urlMain}", str(e.get("urlMain", "")).rstrip("/"))
        url = url.replace("{urlSubpath}", str(e.get("urlSubpath", "")))
        probe = str(e.get("urlProbe") or url).replace("{urlMain}",
                                                       str(e.get("urlMain", "")).rstrip("/"))
        out.append(PeerFact(
            peer="maigret", name=name, url=probe, profile=url,
            present_status=200 if kind != "message" else None, absent_kind=kind,
            present_markers=_strs(e.get("presenseStrs")),
            absent_markers=_strs(e.get("absenceStrs")),
            known=_strs(e.get("usernameClaimed")), disabled=bool(e.get("disabled")),
        ))
    return out


def load_facts(wmn: str | Path | None = None, sherlock: str | Path | None = None,
               maigret: str | Path | None = None) -> list[PeerFact]:
    """Read the peers' files that are given."""
    facts: list[PeerFact] = []
    for path, reader in ((wmn, wmn_facts), (sherlock, sherlock_facts),
                         (maigret, maigret_facts)):
        if path is not None:
            facts.extend(reader(json.loads(Path(path).read_text("utf-8"))))
    return facts


def _index(facts: Iterable[PeerFact]) -> tuple[dict[str, list[PeerFact]],
                                                dict[str, list[PeerFact]]]:
    by_probe: dict[str, list[PeerFact]] = {}
    by_profile: dict[str, list[PeerFact]] = {}
    for f in facts:
        by_probe.setdefault(norm_url(f.url), []).append(f)
        by_profile.setdefault(norm_url(f.profile), []).append(f)
    return by_probe, by_profile


def _status_only(site: Site) -> bool:
    """No body string and no redirect target in either rule: the status alone decides."""
    return site.present.marker is None and site.present.url_contains is None \
        and site.absent.marker is None


def _same_url_conflicts(site: Site, f: PeerFact) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if _status_only(site) and not f.separates_by_status:
        out.append(("status_only", "our presence rule is a bare HTTP status; the peer tells "
                    f"profiles apart by the body ({', '.join(f.absent_markers) or 'markers'})"))
    ours_absent = set(site.absent.status)
    if f.absent_kind == "redirect" and ours_absent and not any(300 <= s < 400
                                                               for s in ours_absent):
        if not site.probe.follow_redirects:
            out.append(("status_contradicted", "the peer says a missing name is redirected; "
                        f"our absence rule expects HTTP {sorted(ours_absent)}"))
    elif f.absent_kind == "status" and ours_absent:
        if f.absent_status is not None and f.absent_status not in ours_absent:
            out.append(("status_contradicted", f"the peer says a missing name gets HTTP "
                        f"{f.absent_status}; our absence rule expects {sorted(ours_absent)}"))
        elif f.absent_status is None and any(200 <= s < 300 for s in ours_absent) \
                and not site.absent.marker:
            out.append(("status_contradicted", "the peer says a missing name gets a non-2xx "
                        f"answer; our absence rule expects HTTP {sorted(ours_absent)}"))
    ours_present = set(site.present.status)
    followed = site.probe.follow_redirects and 300 <= (f.present_status or 0) < 400
    if f.present_status is not None and ours_present and f.present_status not in ours_present \
            and f.peer == "wmn" and not followed:
        out.append(("status_contradicted", f"the peer says an existing name gets HTTP "
                    f"{f.present_status}; our presence rule expects {sorted(ours_present)}"))
    return out


def _shares(ours: str, theirs: Iterable[str]) -> bool:
    return any(ours in t or t in ours for t in theirs)


def _marker_conflicts(site: Site, f: PeerFact,
                      same_url: Sequence[PeerFact]) -> list[tuple[str, str]]:
    """Our marker is a mismatch when this peer gives another one and no peer asking the
    same URL confirms ours (two peers may pick different strings of the same page)."""
    out: list[tuple[str, str]] = []
    for ours, role, what in ((site.present.marker, "present_markers", "presence"),
                             (site.absent.marker, "absent_markers", "absence")):
        theirs: tuple[str, ...] = getattr(f, role)
        if not ours or not theirs or _shares(ours, theirs):
            continue
        if any(_shares(ours, getattr(g, role)) for g in same_url if not g.disabled):
            continue
        out.append(("marker_mismatch", f"our {what} marker {ours!r}; the peer's "
                    f"{', '.join(repr(t) for t in theirs[:3])}"))
    return out


def crosscheck(sites: Sequence[Site], facts: Sequence[PeerFact],
               notes: Mapping[str, Mapping[str, str]] | None = None) -> Report:
    """Every conflict between `sites` and `facts` (`notes`: explanations per site key)."""
    by_probe, by_profile = _index(facts)
    conflicts: list[Conflict] = []
    agrees: dict[str, tuple[str, ...]] = {}
    unmatched: list[str] = []
    for site in sites:
        explain = dict((notes or {}).get(site.key, {}))
        same_url = by_probe.get(norm_url(site.probe.url.replace(PLACEHOLDER, "{u}")), [])
        same_profile = by_profile.get(norm_url(site.profile_url.replace(PLACEHOLDER, "{u}")),
                                      [])
        if not same_url and not same_profile:
            unmatched.append(site.key)
            continue
        found: list[tuple[str, PeerFact, str]] = []
        agreeing = set()
        for f in same_url:
            problems = _same_url_conflicts(site, f) + _marker_conflicts(site, f, same_url)
            found.extend((k, f, d) for k, d in problems)
            if not problems and not f.disabled:
                agreeing.add(f.peer)
        for f in {id(x): x for x in [*same_url, *same_profile]}.values():
            if f.disabled:
                found.append(("disabled_by_peer", f, "the peer has disabled this site"))
            for handle in f.known:
                why = site.username.problem(handle)
                if why:
                    found.append(("username_rule", f, f"known account {handle!r}: {why}"))
        agrees[site.key] = tuple(sorted(agreeing))
        conflicts.extend(Conflict(site.key, k, f.peer, f.name, d, explain.get(k, ""))
                         for k, f, d in found)
    return Report(tuple(conflicts), agrees, tuple(unmatched))


AGREEMENT = Path(__file__).with_name("catalog_agree.json")
"""Which peers agree with each built-in site's rules, as last recorded (read by the build)."""


def write_agreement(report: Report, path: Path = AGREEMENT) -> Path:
    """Record `agrees_with` per site (what the comparison found; no peer data is copied)."""
    data = {k: list(v) for k, v in sorted(report.agrees.items()) if v}
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_agreement(path: Path = AGREEMENT) -> dict[str, tuple[str, ...]]:
    """The recorded agreement (empty when never recorded)."""
    if not path.exists():
        return {}
    return {k: tuple(v) for k, v in json.loads(path.read_text("utf-8")).items()}


def render(report: Report) -> str:
    """The conflicts by class, for the terminal."""
    lines: list[str] = []
    for kind in CLASSES:
        group = [c for c in report.conflicts if c.kind == kind]
        if not group:
            continue
        open_ = sum(1 for c in group if not c.explained)
        lines.append(f"== {kind}: {len(group)} ({open_} unexplained)")
        for c in group:
            why = f"  [explained: {c.explained}]" if c.explained else ""
            lines.append(f"  {c.site} vs {c.peer}:{c.peer_name}: {c.detail}{why}")
    matched = len(report.agrees)
    lines.append(f"{matched} sites matched a peer entry, {len(report.unmatched)} did not; "
                 f"{len(report.unexplained())} unexplained conflicts of classes "
                 f"{', '.join(STRICT)}")
    return "\n".join(lines)
