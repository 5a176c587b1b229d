"""The identity graph: nodes are identifiers (accounts, emails, phones, addresses, names, own
sites), edges are signals that tie two of them, with a strength and evidence.

Node ids: ``<site>:<handle>`` for accounts (``github:camdufresne``,
``mastodon.social:velvetfox42``), ``email:<address>``, ``phone:<E.164>``,
``address:<folded>``, ``name:<folded name>``, ``url:<URL>``, ``pgp:<fingerprint>``.

Strength is a word, strongest first: ``confirmed`` (the owner controls both ends and says so:
mutual rel="me", a platform-verified field), ``strong`` (self-declared one way: a profile
linking to another or to the own site, a link-in-bio page, the same email or phone shown, the
name shown), ``medium`` (a bio mention of a handle, the same avatar image) and ``weak`` (the
same handle, the same display name). `STRENGTH_SCORE` gives a 0-1 number for each.

Clusters are connected components over edges of at least medium strength (weak edges never
merge clusters). A cluster is *tied to the name* when it holds a ``name:`` node of the person;
for each pseudonymous account in such a cluster, `explain_path` gives the strongest chain of
edges to the name.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from checks._common.text import fold

STRENGTHS = ("weak", "medium", "strong", "confirmed")
STRENGTH_SCORE = {"weak": 0.25, "medium": 0.5, "strong": 0.8, "confirmed": 1.0}
SIGNAL_STRENGTH = {
    "rel_me_mutual": "confirmed",
    "verified_field": "confirmed",
    "email_hash": "confirmed",
    "rel_me": "strong",
    "profile_link": "strong",
    "link_in_bio": "strong",
    "same_email": "strong",
    "same_phone": "strong",
    "shows_address": "strong",
    "shows_name": "strong",
    "pgp_uid": "strong",
    "bio_mention": "medium",
    "same_avatar": "medium",
    "same_handle": "weak",
    "same_display_name": "weak",
}
CLUSTER_MIN = "medium"


def rank(strength: str) -> int:
    """Order of a strength word (weak 0 ... confirmed 3)."""
    return STRENGTHS.index(strength)


def node_id(kind: str, value: str) -> str:
    """Canonical node id: lowercase kind, value lowercased (names folded)."""
    kind = kind.lower()
    if kind == "name":
        return f"name:{fold(value)}"
    if kind in ("url", "phone"):
        return f"{kind}:{value}"
    return f"{kind}:{value.strip().lower()}"


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` -> ``target`` because of ``signal``, seen at ``evidence_url``."""

    source: str
    target: str
    signal: str
    strength: str
    evidence_url: str = ""
    excerpt: str = ""
    group: str = "graph"  # which outcome reports it (graph, or a public source)


@dataclass
class Graph:
    """Nodes (id -> label) and edges, with merging rules."""

    labels: dict[str, str] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)

    def add_node(self, nid: str, label: str = "") -> None:
        """Add a node (keeps the first non-empty label)."""
        if not self.labels.get(nid):
            self.labels[nid] = label or nid

    def add(
        self, source: str, target: str, signal: str, evidence_url: str = "",
        excerpt: str = "", group: str = "graph", strength: str | None = None,
    ) -> Edge | None:
        """Add an edge (self-loops ignored; an existing edge keeps its first evidence)."""
        if source == target:
            return None
        self.add_node(source)
        self.add_node(target)
        strength = strength or SIGNAL_STRENGTH[signal]
        key = (source, target, signal)
        if key not in self.edges:
            self.edges[key] = Edge(source, target, signal, strength, evidence_url,
                                   " ".join(excerpt.split())[:240], group)
        return self.edges[key]

    def finalize(self) -> list[Edge]:
        """Merge opposite one-way ``rel_me`` (or verified) links into ``rel_me_mutual``
        edges, and return all edges sorted by strength then ids."""
        one_way = {"rel_me", "verified_field"}
        pairs: dict[frozenset[str], list[Edge]] = {}
        for e in self.edges.values():
            if e.signal in one_way:
                pairs.setdefault(frozenset((e.source, e.target)), []).append(e)
        for ends, found in pairs.items():
            if len(ends) == 2 and len({e.source for e in found}) == 2:
                first = found[0]
                other = next(e for e in found if e.source != first.source)
                for e in found:
                    self.edges.pop((e.source, e.target, e.signal), None)
                merged = replace(
                    first, signal="rel_me_mutual", strength="confirmed",
                    excerpt=f"{first.excerpt} | back-link: {other.excerpt}"[:240],
                )
                self.edges[(first.source, first.target, "rel_me_mutual")] = merged
        return sorted(
            self.edges.values(),
            key=lambda e: (-rank(e.strength), e.source, e.target, e.signal),
        )

    def clusters(self, min_strength: str = CLUSTER_MIN) -> list[set[str]]:
        """Connected components (2+ nodes) over edges at least `min_strength`."""
        adj = self._adjacency(min_strength)
        seen: set[str] = set()
        out = []
        for start in sorted(adj):
            if start in seen:
                continue
            comp, stack = set(), [start]
            while stack:
                n = stack.pop()
                if n in comp:
                    continue
                comp.add(n)
                stack.extend(m for m, _ in adj.get(n, ()))
            seen |= comp
            if len(comp) > 1:
                out.append(comp)
        return out

    def _adjacency(self, min_strength: str) -> dict[str, list[tuple[str, Edge]]]:
        adj: dict[str, list[tuple[str, Edge]]] = {}
        for e in self.edges.values():
            if rank(e.strength) >= rank(min_strength):
                adj.setdefault(e.source, []).append((e.target, e))
                adj.setdefault(e.target, []).append((e.source, e))
        return adj

    def explain_path(self, start: str, goals: Iterable[str]) -> list[Edge]:
        """The strongest chain of edges from `start` to any of `goals` (Dijkstra with cost
        1 for confirmed, 2 strong, 4 medium); empty when none."""
        goal_set = set(goals)
        cost = {"confirmed": 1, "strong": 2, "medium": 4, "weak": 16}
        adj = self._adjacency(CLUSTER_MIN)
        best: dict[str, int] = {start: 0}
        back: dict[str, Edge] = {}
        queue: list[tuple[int, str]] = [(0, start)]
        while queue:
            d, n = heapq.heappop(queue)
            if n in goal_set:
                path = []
                while n != start:
                    e = back[n]
                    path.append(e)
                    n = e.source if e.target == n else e.target
                return list(reversed(path))
            if d > best.get(n, 1 << 30):
                continue
            for m, e in adj.get(n, ()):
                nd = d + cost[e.strength]
                if nd < best.get(m, 1 << 30):
                    best[m] = nd
                    back[m] = e
                    heapq.heappush(queue, (nd, m))
        return []
