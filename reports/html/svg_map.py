"""The photo map as inline SVG: an equirectangular projection zoomed to the points, with a
labelled latitude/longitude grid, a scale bar, small markers for photos and big labelled
markers for repeated places (home, work). No tiles, nothing fetched; every label is escaped.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from reports.figures import MapPoint
from reports.i18n import cluster_label, cluster_name, t

WIDTH, PLOT_W = 500, 424
MARGIN_L, MARGIN_T, MARGIN_B = 62, 14, 34
KM_PER_DEG = 111.32
_STEPS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30)
_SCALES_KM = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
LABEL_CHAR_PX = 9.4  # average width of a 15px bold character
CLUSTER_COLORS = {"home": "#b3261e", "work": "#6a3d9a"}
OTHER_COLOR = "#b26a00"


def _step(span: float) -> float:
    return next((s for s in _STEPS if span / s <= 5), _STEPS[-1])


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _deg(value: float, decimals: int, pos: str, neg: str) -> str:
    return f"{abs(value):.{decimals}f}°{pos if value >= 0 else neg}"


def render_map(points: list[MapPoint], lang: str) -> Markup | None:
    """The SVG map, or None when there is no point."""
    if not points:
        return None
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    c_lat, c_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    k = max(math.cos(math.radians(c_lat)), 0.05)
    dy = max(max(lats) - min(lats), 0.01) * 1.35
    dx = max((max(lons) - min(lons)) * k, 0.01) * 1.35
    plot_h = min(max(PLOT_W * dy / dx, 220.0), 380.0)
    ratio = plot_h / PLOT_W
    dy, dx = max(dy, dx * ratio), max(dx, dy / ratio)
    lat0, lat1 = c_lat - dy / 2, c_lat + dy / 2
    lon0, lon1 = c_lon - dx / k / 2, c_lon + dx / k / 2
    height = MARGIN_T + plot_h + MARGIN_B

    def x(lon: float) -> float:
        return MARGIN_L + (lon - lon0) / (lon1 - lon0) * PLOT_W

    def y(lat: float) -> float:
        return MARGIN_T + (lat1 - lat) / (lat1 - lat0) * plot_h

    west = t(lang, "map_west")  # the compass letter for west
    photos = [p for p in points if not p.cluster]
    clusters = [p for p in points if p.cluster]
    title = t(lang, "map_title")
    desc = t(lang, "map_desc", n=len(photos), c=len(clusters))
    if clusters:
        desc += " " + "; ".join(cluster_label(c, lang) for c in clusters) + "."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {_fmt(height)}" aria-labelledby="map-title map-desc">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(desc)}</desc>',
        f'<rect x="{MARGIN_L}" y="{MARGIN_T}" width="{PLOT_W}" height="{_fmt(plot_h)}" '
        'fill="#eef4f7" stroke="#7a8a94"/>',
        '<g class="grid" stroke="#b8c7d0" stroke-width="0.8" font-size="12" fill="#3d4a52">',
    ]
    step = _step(lat1 - lat0)
    dec = _decimals(step)
    v = math.ceil(lat0 / step) * step
    while v <= lat1:
        yy = _fmt(y(v))
        out.append(f'<line x1="{MARGIN_L}" y1="{yy}" x2="{MARGIN_L + PLOT_W}" y2="{yy}"/>')
        out.append(f'<text x="{MARGIN_L - 4}" y="{yy}" text-anchor="end" '
                   f'dominant-baseline="middle" stroke="none">{_deg(v, dec, "N", "S")}</text>')
        v += step
    step = _step(lon1 - lon0)
    dec = _decimals(step)
    v = math.ceil(lon0 / step) * step
    while v <= lon1:
        xx = _fmt(x(v))
        out.append(f'<line x1="{xx}" y1="{MARGIN_T}" x2="{xx}" y2="{_fmt(MARGIN_T + plot_h)}"/>')
        out.append(f'<text x="{xx}" y="{_fmt(MARGIN_T + plot_h + 16)}" text-anchor="middle" '
                   f'stroke="none">{_deg(v, dec, "E", west)}</text>')
        v += step
    out.append("</g>")
    out.extend(_scale_bar(lon1 - lon0, k, plot_h, lang))
    for p in photos:
        out.append(
            f'<circle class="photo" cx="{_fmt(x(p.lon))}" cy="{_fmt(y(p.lat))}" r="4.5" '
            f'fill="#1f5f99" fill-opacity="0.75" stroke="#fff" stroke-width="1">'
            f"<title>{escape(p.title or p.label)}</title></circle>"
        )
    for p in clusters:
        out.extend(_cluster(p, x(p.lon), y(p.lat), lang))
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text part above is escaped


def _scale_bar(lon_span: float, k: float, plot_h: float, lang: str) -> list[str]:
    total_km = lon_span * KM_PER_DEG * k
    length = next((s for s in reversed(_SCALES_KM) if s <= total_km / 4), _SCALES_KM[0])
    px = length / total_km * PLOT_W
    label = f"{round(length * 1000)} m" if length < 1 else f"{length:g} km"
    bx, by = MARGIN_L + 12, MARGIN_T + plot_h - 14
    return [
        f'<g class="scale" aria-label="{escape(t(lang, "map_scale"))} {label}">',
        f'<rect x="{_fmt(bx - 6)}" y="{_fmt(by - 16)}" width="{_fmt(px + 12)}" height="24" '
        'fill="#fff" fill-opacity="0.8"/>',
        f'<path d="M{_fmt(bx)} {_fmt(by - 4)}v4h{_fmt(px)}v-4" fill="none" stroke="#222" '
        'stroke-width="1.5"/>',
        f'<text x="{_fmt(bx + px / 2)}" y="{_fmt(by - 6)}" text-anchor="middle" font-size="11" '
        f'fill="#222">{label}</text>',
        "</g>",
    ]


def _cluster(p: MapPoint, cx: float, cy: float, lang: str) -> list[str]:
    color = CLUSTER_COLORS.get(p.cluster, OTHER_COLOR)
    label = cluster_label(p, lang)
    name = cluster_name(p.cluster, lang)
    counts = t(lang, "cluster_counts", photos=p.photos, days=p.days)
    needed = 16 + max(len(name) * LABEL_CHAR_PX, len(counts) * 7.0)
    right = cx + needed <= WIDTH - 2 or cx - MARGIN_L < WIDTH - cx
    tx = cx + 16 if right else cx - 16
    anchor = "start" if right else "end"
    halo = 'stroke="#fff" stroke-width="3" paint-order="stroke"'
    return [
        f'<g class="cluster cluster-{escape(p.cluster)}">',
        f'<circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="12" fill="{color}" fill-opacity="0.85" '
        'stroke="#fff" stroke-width="2.5"/>',
        f'<circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="3" fill="#fff"/>',
        f'<text x="{_fmt(tx)}" y="{_fmt(cy)}" text-anchor="{anchor}" font-size="15" '
        f'font-weight="bold" fill="{color}" {halo}>{escape(name)}</text>',
        f'<text x="{_fmt(tx)}" y="{_fmt(cy + 15)}" text-anchor="{anchor}" font-size="12" '
        f'fill="#222" {halo}>{escape(counts)}</text>',
        f"<title>{escape(label)}</title>",
        "</g>",
    ]
