"""Installed plugins: found through their entry points, and the quick look that spares every
command reading all installed metadata when none declares the group."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from audit import hookspecs
from audit.plugins import load_plugins, may_declare

PLUGIN = '''
from audit import hookspecs
from audit.render import Renderer


class Shout(Renderer):
    name = "shout"

    def render(self, report, options):
        return "SHOUT"


@hookspecs.hookimpl
def register_renderers(register):
    register(Shout)
'''


def _install(site: Path, header: str = "[exposure_audit]") -> None:
    """A distribution installed in `site` the way pip leaves one: a module and its dist-info."""
    (site / "shout_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "shout_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"{header}\nshout = shout_plugin\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("EXPOSURE_AUDIT_LOAD_PLUGINS", "1")
    monkeypatch.delitem(sys.modules, "shout_plugin", raising=False)
    return folder


def test_an_installed_plugin_is_loaded_through_its_entry_point(site: Path) -> None:
    _install(site)
    assert may_declare(hookspecs.PROJECT)
    assert "shout" in load_plugins(include_installed=True).renderers


def test_a_section_header_with_spaces_around_it_still_counts(site: Path) -> None:
    _install(site, header="  [exposure_audit]  ")
    assert may_declare(hookspecs.PROJECT)
    assert "shout" in load_plugins(include_installed=True).renderers


def test_entry_points_of_other_groups_do_not_count(site: Path) -> None:
    _install(site, header="[console_scripts]")
    # pytest and the project itself declare other groups only: nothing to load
    assert not may_declare(hookspecs.PROJECT)
    assert "shout" not in load_plugins(include_installed=True).renderers


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("nothing.txt", "")
    monkeypatch.syspath_prepend(str(archive))
    assert may_declare(hookspecs.PROJECT)


def test_a_finder_of_its_own_is_left_to_importlib_metadata(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Finder:
        @staticmethod
        def find_spec(*args: object) -> None:
            return None

        @staticmethod
        def find_distributions(*args: object) -> list[object]:
            return []

    assert not may_declare("a_group_nobody_declares")
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert may_declare("a_group_nobody_declares")
