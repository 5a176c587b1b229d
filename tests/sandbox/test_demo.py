"""The demo assembly: every part loads, the persona builds a Subject, files are prepared."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from audit.models import Subject
from audit.sandbox import Sandbox, World, demo


def test_demo_subject_kwargs_build_a_subject(tmp_path: Path) -> None:
    subject = Subject(**demo.DEMO_SUBJECT_KWARGS, photo_dirs=(str(tmp_path),))
    assert subject.name == "Camille Dufresne"
    assert subject.handles == ("camdufresne", "velvetfox42")
    assert subject.emails == ("camille.dufresne@example.org",)
    assert subject.country == "FR"
    assert subject.lang == "fr"
    assert subject.urls == ("https://www.camille-dufresne.example/",)


def test_build_demo_world_calls_every_part(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    for name in demo.PARTS:
        module = __import__(f"audit.sandbox.demo.{name}", fromlist=["add_to"])

        def fake(world: World, name: str = name) -> None:
            calls.append(name)
            world.page(f"https://{name}.demo.test/", name)

        monkeypatch.setattr(module, "add_to", fake)
    world = demo.build_demo_world()
    assert calls == list(demo.PARTS)
    assert world.hosts() == {f"{n}.demo.test" for n in demo.PARTS}


def test_prepare_demo_files_calls_parts_that_have_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = __import__("audit.sandbox.demo.photos", fromlist=["add_to"])

    def prepare_files(folder: Path) -> None:
        (folder / "marker.txt").write_text("photos part ran")

    monkeypatch.setattr(photos, "prepare_files", prepare_files, raising=False)
    target = tmp_path / "demo-photos"
    demo.prepare_demo_files(target)
    assert (target / "marker.txt").read_text() == "photos part ran"


def test_real_demo_world_is_served(tmp_path: Path) -> None:
    """Whatever the parts hold today, the assembled world serves through the sandbox."""
    world = demo.build_demo_world()
    demo.prepare_demo_files(tmp_path / "photos")
    with Sandbox(world) as sb:
        r = requests.get(
            "https://www.camille-dufresne.example/", proxies=sb.proxies, verify=sb.ca_path,
            timeout=5,
        )
        assert r.status_code in (200, 404)
        assert sb.log[-1].host == "www.camille-dufresne.example"
