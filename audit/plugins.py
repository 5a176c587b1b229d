"""Plugin loading and the registries of checks, renderers and address readers.

Built-in plugins are imported by module name from `DEFAULT_PLUGINS` (so the core never imports
`checks` or `reports` directly); third-party ones come from the `exposure_audit` entry-point
group when `include_installed` is true (set `EXPOSURE_AUDIT_LOAD_PLUGINS=0` to turn that off).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys
from dataclasses import dataclass, field

import pluggy

from audit import hookspecs
from audit.check import AddressReader, Check
from audit.errors import PluginError
from audit.render import Renderer

DEFAULT_PLUGINS: tuple[str, ...] = (
    "checks.accounts",
    "checks.photos",
    "checks.search",
    "checks.contacts",
    "checks.links",
    "reports.table",
    "reports.json",
    "reports.markdown",
    "reports.csv",
    "reports.html",
    "reports.handout",
)


@dataclass
class Registry:
    """Checks, renderers and address readers by name, in registration order."""

    manager: pluggy.PluginManager | None = None
    checks: dict[str, type[Check]] = field(default_factory=dict)
    renderers: dict[str, type[Renderer]] = field(default_factory=dict)
    address_readers: dict[str, AddressReader] = field(default_factory=dict)

    def add_check(self, cls: type[Check]) -> None:
        """Register a check class; names must be unique."""
        if cls.name in self.checks and self.checks[cls.name] is not cls:
            raise PluginError(f"two checks are named {cls.name!r}")
        self.checks[cls.name] = cls

    def add_renderer(self, cls: type[Renderer]) -> None:
        """Register a renderer class; names must be unique."""
        if cls.name in self.renderers and self.renderers[cls.name] is not cls:
            raise PluginError(f"two renderers are named {cls.name!r}")
        self.renderers[cls.name] = cls

    def add_address_reader(self, reader: AddressReader) -> None:
        """Register a postal-address reader for the masker; names must be unique."""
        if not isinstance(reader, AddressReader):
            raise PluginError(f"an address reader must be an AddressReader, not {reader!r}")
        if self.address_readers.get(reader.name, reader) != reader:
            raise PluginError(f"two address readers are named {reader.name!r}")
        self.address_readers[reader.name] = reader


def make_manager() -> pluggy.PluginManager:
    """A plugin manager that knows the hook specifications."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def load_plugins(include_installed: bool = True, extra: tuple[object, ...] = ()) -> Registry:
    """Import the built-ins (and installed plugins), then collect what they register."""
    pm = make_manager()
    for module_name in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:  # pragma: no cover - a broken install
            raise PluginError(f"built-in plugin {module_name} failed to load: {exc}") from exc
        pm.register(module, name=module_name)
    for plugin in extra:
        pm.register(plugin)
    if (include_installed and os.environ.get("EXPOSURE_AUDIT_LOAD_PLUGINS", "1") != "0"
            and may_declare(hookspecs.PROJECT)):
        try:
            pm.load_setuptools_entrypoints(hookspecs.PROJECT)
        except Exception as exc:
            raise PluginError(f"an installed plugin failed to load: {exc}") from exc
    pm.check_pending()
    registry = Registry(manager=pm)
    pm.hook.register_checks(register=registry.add_check)
    pm.hook.register_renderers(register=registry.add_renderer)
    pm.hook.register_address_readers(register=registry.add_address_reader)
    return registry


def may_declare(group: str) -> bool:
    """False only when no installed distribution declares an entry point in `group`.

    Asking `importlib.metadata` reads the metadata of every installed distribution (30 ms
    with a few dozen packages, at every command's start). This looks only at the
    `entry_points.txt` files beside them: True as soon as one names the group, and True too
    (let importlib.metadata answer) wherever distributions may be found some other way: a
    `sys.path` entry that is not a folder (a zip), or a finder of its own on `sys.meta_path`.
    """
    if any(getattr(finder, "find_distributions", None) is not None
           and finder is not importlib.machinery.PathFinder for finder in sys.meta_path):
        return True
    header = f"[{group}]"
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip archive on the path
            continue
        try:
            names = [e.path for e in os.scandir(folder)
                     if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
        for path in names:
            try:
                with open(os.path.join(path, "entry_points.txt"), encoding="utf-8",
                          errors="replace") as handle:
                    if any(line.strip() == header for line in handle):
                        return True
            except OSError:
                continue  # no entry points, or an .egg-info file rather than a folder
    return False
