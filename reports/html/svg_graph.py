"""The identity graph as inline SVG: names in the middle, accounts, sites and contact details on
an ellipse around them (a deterministic layout), edges as wide/solid lines for strong links and
thin/dashed ones for weak links, the real name highlighted and nodes tied to it ringed.
Every label is escaped.
"""

from __future__ import annotations

import math
from collections import defaultdict

from markupsafe import Markup, escape

from reports.figures import Edge, node_type, strength_word
from reports.i18n import t

WIDTH, HEIGHT = 800, 520
CX, CY, RX, RY = 400, 225, 150, 150
COLORS = {"name": "#b3261e", "account": "#1f5f99", "contact": "#b26a00", "site": "#2e7d32"}
_TYPE_ORDER = {"account": 0, "site": 1, "contact": 2, "name": 3}
MAX_LABEL = 36
CHAR_PX = 7.8  # average width of a 13px bold character
EDGE_LABELS_MAX = 8  # more edges than this: signals only in tooltips, desc and the table


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _short(text: str, width: int = MAX_LABEL) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def node_lines(node: str) -> tuple[str, str]:
    """A node id split for display: ('mastodon.social', 'velvetfox42'); URLs lose the scheme."""
    prefix, _, value = node.partition(":") if ":" in node else ("", "", node)
    if node_type(node) == "site" or value.startswith(("http://", "https://")):
        host, _, path = value.split("://", 1)[-1].partition("/")
        value = host.removeprefix("www.") + ("/…" if path.strip("/") else "")
    return prefix, value


def tied_to_name(edges: list[Edge]) -> set[str]:
    """Nodes connected (through any path) to a name node."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    todo = [n for n in neighbours if node_type(n) == "name"]
    seen = set(todo)
    while todo:
        for nxt in neighbours[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def layout(edges: list[Edge]) -> dict[str, tuple[float, float, float]]:
    """Position (x, y, angle) of every node: names centred, the others on an ellipse."""
    nodes = sorted({n for e in edges for n in (e.source, e.target)},
                   key=lambda n: (_TYPE_ORDER[node_type(n)], n.lower()))
    names = [n for n in nodes if node_type(n) == "name"]
    ring = [n for n in nodes if node_type(n) != "name"] if names else nodes
    pos: dict[str, tuple[float, float, float]] = {}
    for i, n in enumerate(names):
        offset = (i - (len(names) - 1) / 2) * 150
        pos[n] = (CX + offset, CY + (i % 2) * 30, math.pi / 2)
    rx = RX
    count = max(len(ring), 1)
    # with many nodes, keep none exactly at the top or bottom, where wide labels collide
    start = -math.pi / 2 + (math.pi / count if count > 6 and count % 2 == 0 else 0)
    for i, n in enumerate(ring):
        angle = start + 2 * math.pi * i / count
        pos[n] = (CX + rx * math.cos(angle), CY + RY * math.sin(angle), angle)
    return pos


def edge_sentence(e: Edge, lang: str) -> str:
    """'a is linked to b (signal, strength)' in the report's language."""
    return t(lang, "graph_edge", a=e.source, b=e.target, signal=", ".join(e.signals),
             strength=t(lang, f"strength_{strength_word(e.strength)}"))


def render_graph(edges: list[Edge], lang: str) -> Markup | None:
    """The SVG identity graph, or None when there is no link."""
    if not edges:
        return None
    pos = layout(edges)
    tied = tied_to_name(edges)
    title = t(lang, "graph_title")
    desc = t(lang, "graph_desc", n=len(pos), e=len(edges)) + " " + "; ".join(
        edge_sentence(e, lang) for e in edges) + "."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="graph-title graph-desc">',
        f'<title id="graph-title">{escape(title)}</title>',
        f'<desc id="graph-desc">{escape(desc)}</desc>',
        '<rect x="0" y="0" width="100%" height="100%" fill="#fafbfc"/>',
    ]
    for e in edges:
        (x1, y1, _), (x2, y2, _) = pos[e.source], pos[e.target]
        named = "name" in (node_type(e.source), node_type(e.target))
        color = COLORS["name"] if named else "#555"
        dash = ' stroke-dasharray="6 5"' if e.strength < 0.5 else ""
        width = 1 + 4 * e.strength
        label = _short(", ".join(e.signals), 26)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        text = (
            f'<text x="{_fmt(mx)}" y="{_fmt(my - 4)}" text-anchor="middle" font-size="10" '
            f'fill="#333" stroke="#fafbfc" stroke-width="3" paint-order="stroke">'
            f"{escape(label)}</text>" if len(edges) <= EDGE_LABELS_MAX else ""
        )
        out.append(
            f'<g class="edge"><line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" '
            f'y2="{_fmt(y2)}" stroke="{color}" stroke-width="{_fmt(width)}" '
            f'stroke-opacity="0.8"{dash}/>'
            f"{text}<title>{escape(edge_sentence(e, lang))}</title></g>"
        )
    for node, (x, y, angle) in pos.items():
        out.extend(_node(node, x, y, angle, node in tied))
    out.extend(_legend(lang))
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text part above is escaped


def _node(node: str, x: float, y: float, angle: float, tied: bool) -> list[str]:
    kind = node_type(node)
    color = COLORS[kind]
    parts = [f'<g class="node node-{kind}">']
    if kind == "name":
        parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="17" fill="{color}" '
                     'stroke="#fff" stroke-width="3"/>')
        parts.append(f'<text x="{_fmt(x)}" y="{_fmt(y + 34)}" text-anchor="middle" '
                     f'font-size="14" font-weight="bold" fill="{color}" stroke="#fafbfc" '
                     f'stroke-width="4" paint-order="stroke">{escape(_short(node_lines(node)[1]))}'
                     "</text>")
    else:
        if tied:
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="15" fill="none" '
                         f'stroke="{COLORS["name"]}" stroke-width="2.5"/>')
        parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="10" fill="{color}" '
                     'stroke="#fff" stroke-width="2"/>')
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "start" if cos > 0.15 else "end" if cos < -0.15 else "middle"
        lx = x + 20 * cos
        ly = y + 22 * sin + (4 if abs(sin) < 0.9 else (14 if sin > 0 else -10))
        prefix, value = node_lines(node)
        room = lx if anchor == "end" else WIDTH - lx if anchor == "start" else 2 * min(
            lx, WIDTH - lx)
        width = min(MAX_LABEL, max(8, int((room - 6) / CHAR_PX)))
        weight = ' font-weight="bold"' if tied else ""
        halo = 'stroke="#fafbfc" stroke-width="3" paint-order="stroke"'
        if prefix:
            parts.append(f'<text x="{_fmt(lx)}" y="{_fmt(ly - 13)}" text-anchor="{anchor}" '
                         f'font-size="11" fill="#5a6470" {halo}>'
                         f"{escape(_short(prefix, width))}</text>")
        parts.append(f'<text x="{_fmt(lx)}" y="{_fmt(ly)}" text-anchor="{anchor}" '
                     f'font-size="13"{weight} fill="#1b1b1b" {halo}>'
                     f"{escape(_short(value, width))}</text>")
    parts.append(f"<title>{escape(node)}</title></g>")
    return parts


def _legend(lang: str) -> list[str]:
    x, y = 12, HEIGHT - 50
    rows = [
        f'<g class="legend" font-size="12" fill="#222">'
        f'<rect x="{x - 6}" y="{y - 16}" width="{WIDTH - 12}" height="62" fill="#fff" '
        'stroke="#d0d7de"/>'
    ]
    items = [("name", "legend_name"), ("account", "legend_account"),
             ("site", "legend_site"), ("contact", "legend_contact")]
    for i, (kind, key) in enumerate(items):
        cx = x + 10 + i * 170
        rows.append(f'<circle cx="{cx}" cy="{y}" r="6" fill="{COLORS[kind]}"/>'
                    f'<text x="{cx + 12}" y="{y + 4}">{escape(t(lang, key))}</text>')
    y2 = y + 26
    rows.append(f'<circle cx="{x + 10}" cy="{y2}" r="8" fill="none" stroke="{COLORS["name"]}" '
                f'stroke-width="2.5"/><text x="{x + 24}" y="{y2 + 4}">'
                f'{escape(t(lang, "legend_tied"))}</text>')
    rows.append(f'<line x1="{x + 180}" y1="{y2}" x2="{x + 220}" y2="{y2}" stroke="#555" '
                f'stroke-width="4.6"/><text x="{x + 228}" y="{y2 + 4}">'
                f'{escape(t(lang, "legend_strong"))}</text>')
    rows.append(f'<line x1="{x + 350}" y1="{y2}" x2="{x + 390}" y2="{y2}" stroke="#555" '
                f'stroke-width="2.2" stroke-dasharray="6 5"/><text x="{x + 398}" y="{y2 + 4}">'
                f'{escape(t(lang, "legend_weak"))}</text>')
    rows.append("</g>")
    return rows
