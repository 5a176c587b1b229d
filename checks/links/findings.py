"""Findings of the `links` check.

Kind ``link`` (one per graph edge), ``data``: ``source``, ``target`` (node ids),
``signal`` (rel_me_mutual, verified_field, email_hash, rel_me, profile_link, link_in_bio,
same_email, same_phone, shows_address, shows_name, pgp_uid, bio_mention, same_avatar,
same_handle, same_display_name), ``strength`` (confirmed / strong / medium / weak),
``score`` (1.0 / 0.8 / 0.5 / 0.25), ``evidence_url``, ``excerpt``, ``bridge`` (true when the
edge is on the chain tying a pseudonym to the real name).

Kind ``identity_cluster`` (one per group of 2+ nodes joined by edges of at least medium
strength), ``data``: ``nodes``, ``tied_to_name``, ``pseudonyms`` (account nodes whose handle
and display name do not contain the person's names), ``paths`` (for each pseudonym tied to
the name: the chain of edges and a plain-language explanation), ``edges`` (count).

Severity: a cluster that ties a pseudonym to the real name is HIGH, and so is every edge on
that chain; otherwise a cluster with the name is MEDIUM; edges are MEDIUM when confirmed or
strong, LOW when medium, INFO when weak.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from audit.models import Confidence, Evidence, Finding, Severity
from checks._common.text import fold
from checks.links.graph import STRENGTH_SCORE, Edge, Graph, rank
from checks.links.texts import edge_sentence, say

_CONFIDENCE = {"confirmed": Confidence.HIGH, "strong": Confidence.HIGH,
               "medium": Confidence.MEDIUM, "weak": Confidence.LOW}


def show(node: str, labels: dict[str, str]) -> str:
    """A node as people read it: ``github:camdufresne``, the URL, the address, the name."""
    kind, _, value = node.partition(":")
    if kind == "name":
        return labels.get(node, value)
    if kind in ("url", "email", "phone", "address"):
        label = labels.get(node, value)
        return value if label == node else label
    return node


def sentence(e: Edge, labels: dict[str, str], lang: str = "en") -> str:
    """One plain sentence for an edge, in `lang`."""
    return edge_sentence(lang, e.signal, show(e.source, labels), show(e.target, labels))


def is_pseudonym(node: str, graph: Graph, names: tuple[str, ...], display: str = "") -> bool:
    """An account node whose handle and display name contain none of the person's names."""
    kind, _, handle = node.partition(":")
    if not handle or kind in ("name", "url", "email", "phone", "address", "pgp"):
        return False
    tokens = {t for n in names for t in fold(n).split() if len(t) >= 3}
    flat = fold(handle).replace(" ", "")
    if any(t in flat for t in tokens):
        return False
    shown = [e for e in graph.edges.values() if e.source == node and e.signal == "shows_name"]
    return not shown and not (display and any(t in fold(display) for t in tokens))


def path_cost(chain: list[Edge]) -> int:
    """Sum of edge costs (confirmed 1, strong 2, medium 4, weak 16); 999 for no path."""
    cost = {"confirmed": 1, "strong": 2, "medium": 4, "weak": 16}
    return sum(cost[e.strength] for e in chain) if chain else 999


def edge_finding(
    e: Edge, labels: dict[str, str], bridge: bool, now: datetime, lang: str = "en"
) -> Finding:
    """The `link` finding for one edge (title in `lang`)."""
    if bridge:
        severity = Severity.HIGH
    elif rank(e.strength) >= rank("strong"):
        severity = Severity.MEDIUM
    else:
        severity = Severity.LOW if e.strength == "medium" else Severity.INFO
    return Finding(
        kind="link",
        title=sentence(e, labels, lang),
        severity=severity,
        confidence=_CONFIDENCE[e.strength],
        url=e.evidence_url,
        evidence=(Evidence(e.evidence_url, e.excerpt, now, e.signal),),
        data={"source": e.source, "target": e.target, "signal": e.signal,
              "strength": e.strength, "score": STRENGTH_SCORE[e.strength],
              "evidence_url": e.evidence_url, "excerpt": e.excerpt, "bridge": bridge},
        key=f"{e.source}|{e.target}|{e.signal}",
    )


def cluster_findings(
    graph: Graph, names: tuple[str, ...], displays: dict[str, str], now: datetime,
    lang: str = "en",
) -> tuple[list[Finding], set[tuple[str, str, str]]]:
    """Cluster findings, and the keys of the edges that tie a pseudonym to the name.

    `displays` maps the account nodes known to exist (found, discovered or read) to their
    display names; only those can be reported as pseudonyms (a handle merely mentioned on a
    page is listed among the nodes, not as a pseudonym)."""
    name_nodes = {f"name:{fold(n)}" for n in names}
    out: list[Finding] = []
    bridges: set[tuple[str, str, str]] = set()
    for comp in graph.clusters():
        nodes = sorted(comp)
        tied = bool(comp & name_nodes)
        pseudos = [
            n for n in nodes if n in displays and is_pseudonym(n, graph, names, displays[n])
        ]
        chains = {p: graph.explain_path(p, comp & name_nodes) for p in pseudos} if tied else {}
        # Closest pseudonyms first: the shortest, strongest chain is what a harasser finds.
        pseudos.sort(key=lambda p: (path_cost(chains.get(p, [])), p))
        paths: list[dict[str, Any]] = []
        for p in pseudos if tied else []:
            chain = chains[p]
            bridges |= {(e.source, e.target, e.signal) for e in chain}
            paths.append({
                "pseudonym": p,
                "steps": [{"source": e.source, "target": e.target, "signal": e.signal,
                           "strength": e.strength, "evidence_url": e.evidence_url}
                          for e in chain],
                "explanation": say(lang, "then").join(
                    sentence(e, graph.labels, lang) for e in chain
                ),
            })
        inner = [e for e in graph.edges.values() if e.source in comp and e.target in comp]
        if tied and pseudos:
            severity = Severity.HIGH
            more = say(lang, "pseudonym_more", n=len(pseudos) - 1) if len(pseudos) > 1 else ""
            title = say(lang, "pseudonym", p=pseudos[0], more=more)
        elif tied:
            severity, title = Severity.MEDIUM, say(lang, "tied", n=len(nodes))
        else:
            severity, title = Severity.LOW, say(lang, "linked", n=len(nodes))
        first = [p for p in paths if p["steps"]]
        evidence_url = str(first[0]["steps"][0]["evidence_url"]) if first else ""
        out.append(Finding(
            kind="identity_cluster",
            title=title,
            severity=severity,
            confidence=Confidence.HIGH if tied else Confidence.MEDIUM,
            url=evidence_url,
            evidence=tuple(Evidence(str(p["steps"][0]["evidence_url"]), str(p["explanation"]),
                                    now, "path") for p in first)[:3],
            data={"nodes": nodes, "tied_to_name": tied, "pseudonyms": pseudos, "paths": paths,
                  "edges": len(inner)},
            key="cluster:" + "|".join(
                sorted(comp & name_nodes) + pseudos if tied else nodes[:8]
            ),
        ))
    return out, bridges
