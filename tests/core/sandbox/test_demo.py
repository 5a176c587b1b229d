"""The demo assembly: the persona builds a Subject, plugins add their parts, it is served."""

from __future__ import annotations

from pathlib import Path

import requests

from audit import hookimpl
from audit.models import Subject
from audit.plugins import load_plugins
from audit.sandbox import Sandbox, World, demo


def test_demo_subject_kwargs_build_a_subject(tmp_path: Path) -> None:
    subject = Subject(**demo.DEMO_SUBJECT_KWARGS, photo_dirs=(str(tmp_path),))
    assert subject.name == "Camille Dufresne"
    assert subject.handles == ("camdufresne", "velvetfox42")
    assert subject.emails == ("camille.dufresne@example.org",)
    assert subject.country == "FR"
    assert subject.lang == "fr"
    assert subject.urls == ("https://www.camille-dufresne.example/",)


class _DemoPlugin:
    @hookimpl
    def register_demo(self, world: World, folder: Path) -> None:
        world.page("https://plugin.demo.test/", "from a plugin")
        (folder / demo.PHOTO_FOLDER / "marker.txt").write_text("plugin files")


def test_every_plugin_adds_its_part_and_its_files(tmp_path: Path) -> None:
    reg = load_plugins(include_installed=False, extra=(_DemoPlugin(),))
    world = demo.build_demo_world(tmp_path, reg)
    assert "plugin.demo.test" in world.hosts()
    assert (tmp_path / "photos" / "marker.txt").read_text() == "plugin files"
    assert "html.duckduckgo.com" in world.hosts()  # the search plugin's part


def test_real_demo_world_is_served(tmp_path: Path) -> None:
    world = demo.build_demo_world(tmp_path)
    with Sandbox(world) as sb:
        r = requests.get(
            "https://www.camille-dufresne.example/", proxies=sb.proxies, verify=sb.ca_path,
            timeout=5,
        )
        assert r.status_code in (200, 404)
        assert sb.log[-1].host == "www.camille-dufresne.example"
