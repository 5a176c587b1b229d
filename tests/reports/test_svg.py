"""The SVG map and identity graph: well-formed, labelled, escaped, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from audit.models import CheckResult, Finding, Status
from reports.figures import Edge, graph_edges, map_points, node_type, strength_value
from reports.html.svg_graph import layout, render_graph, tied_to_name
from reports.html.svg_map import render_map
from tests.reports.factories import HOSTILE, make_report

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on any unescaped text


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{NS}text")]


@pytest.mark.parametrize(("lang", "home", "work"), [
    ("en", "home: 2 photos, 5 days", "work: 3 photos, 3 days"),
    ("fr", "domicile : 2 photos, 5 jours", "travail : 3 photos, 3 jours"),
])
def test_map_marks_clusters_with_labels(lang: str, home: str, work: str) -> None:
    svg = render_map(map_points(make_report()), lang)
    assert svg is not None
    root = parse(str(svg))
    assert root.get("role") == "img"
    assert root.find(f"{NS}title") is not None
    assert root.find(f"{NS}desc") is not None
    labels = texts(root)
    name, counts = home.split(" : " if lang == "fr" else ": ")
    assert name in labels
    assert counts in labels
    assert (desc := root.find(f"{NS}desc")) is not None
    assert home in (desc.text or "")
    assert work in (desc.text or "")
    assert any(lab.endswith("°N") for lab in labels)
    assert any(lab.endswith("°E") for lab in labels)
    assert any(lab.endswith(" m") or lab.endswith(" km") for lab in labels)  # scale bar
    assert len([c for c in root.iter(f"{NS}circle") if c.get("class") == "photo"]) == 3


def test_map_projection_keeps_points_inside_and_north_up() -> None:
    points = map_points(make_report())
    root = parse(str(render_map(points, "en")))
    groups = {g.get("class"): g for g in root.iter(f"{NS}g")}
    home = groups["cluster cluster-home"].find(f"{NS}circle")
    work = groups["cluster cluster-work"].find(f"{NS}circle")
    assert home is not None
    assert work is not None
    assert float(home.get("cy", 0)) < float(work.get("cy", 0))  # home is further north
    width, height = (float(v) for v in root.get("viewBox", "").split()[2:])
    for c in root.iter(f"{NS}circle"):
        if c.get("cx"):
            assert 0 < float(c.get("cx", 0)) < width
            assert 0 < float(c.get("cy", 0)) < height


def test_map_skips_invalid_coordinates_and_is_none_without_points() -> None:
    bad = [
        Finding("photo_location", f"bad {i}", key=f"b{i}", data={"lat": lat, "lon": lon})
        for i, (lat, lon) in enumerate([("x", 1), (95, 1), (float("nan"), 1), (0, 0), (None, 2)])
    ]
    report = make_report(results=(CheckResult("photos", "dir", Status.FOUND, findings=tuple(bad)),))
    assert map_points(report) == []
    assert render_map([], "en") is None


def test_map_escapes_labels() -> None:
    f = Finding("place_cluster", "c", key="c", data={"label": HOSTILE, "lat": 1.0, "lon": 2.0})
    report = make_report(results=(CheckResult("photos", "d", Status.FOUND, findings=(f,)),))
    svg = str(render_map(map_points(report), "en"))
    assert "<script" not in svg
    assert any(HOSTILE.split("\n")[0] in t for t in texts(parse(svg)))


def test_graph_nodes_edges_and_real_name() -> None:
    edges = graph_edges(make_report())
    assert len(edges) == 5
    svg = render_graph(edges, "en")
    assert svg is not None
    root = parse(str(svg))
    labels = texts(root)
    for expected in ("velvetfox42", "camdufresne", "camille dufresne",
                     "camille-dufresne.example", "camille.dufresne@example.org"):
        assert expected in labels
    names = [g for g in root.iter(f"{NS}g") if g.get("class") == "node node-name"]
    assert len(names) == 1
    lines = [ln for g in root.iter(f"{NS}g") if g.get("class") == "edge"
             for ln in g.iter(f"{NS}line")]
    assert len(lines) == 5
    dashed = [ln for ln in lines if ln.get("stroke-dasharray")]
    assert len(dashed) == 1  # the weak same-handle link
    assert max(float(ln.get("stroke-width", 0)) for ln in lines) > 4
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert "mastodon.social:velvetfox42 is linked to url:" in (desc.text or "")


def test_pseudonym_is_tied_to_the_name_through_the_site() -> None:
    edges = graph_edges(make_report())
    tied = tied_to_name(edges)
    assert "mastodon.social:velvetfox42" in tied
    assert "reddit:velvetfox42" in tied
    assert tied_to_name([Edge("a:x", "b:y", ("s",), 0.5)]) == set()


def test_layout_is_deterministic_and_centres_names() -> None:
    edges = graph_edges(make_report())
    assert layout(edges) == layout(list(reversed(edges)))
    x, y, _ = layout(edges)["name:camille dufresne"]
    assert (x, y) == (400, 225)


def test_graph_escapes_hostile_node_ids() -> None:
    edges = [Edge(f"github:{HOSTILE}", "name:x", (HOSTILE,), 0.9)]
    svg = str(render_graph(edges, "fr"))
    assert "<script" not in svg
    assert "<img" not in svg
    parse(svg)


def test_helpers() -> None:
    assert node_type("name:a") == "name"
    assert node_type("email:a@b") == "contact"
    assert node_type("url:https://x") == "site"
    assert node_type("github:x") == "account"
    assert strength_value("strong") == 0.9
    assert strength_value(80) == 0.8
    assert strength_value("bogus") == 0.5
    assert strength_value(0.3) == 0.3
    assert render_graph([], "en") is None
