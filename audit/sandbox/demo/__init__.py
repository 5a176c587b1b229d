"""The offline demo: the fictional persona and the sandbox world that answers for her.

Each area owns one part module here (`accounts`, `search`, `pages`, `photos`), exposing
``add_to(world: World) -> None`` and optionally ``prepare_files(folder: Path) -> None``. This
module owns only the assembly and the persona's details.

Usage (what ``exposure-audit demo`` does)::

    world = build_demo_world()
    prepare_demo_files(photo_folder)
    subject = Subject(**DEMO_SUBJECT_KWARGS, photo_dirs=(str(photo_folder),))
    with Sandbox(world) as sb:
        ...scan through sb.proxy_url, trusting sb.ca_path...
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

from audit.sandbox.world import World

# Added in this order; a later part's route replaces an earlier one with the same key.
PARTS: tuple[str, ...] = ("accounts", "search", "pages", "photos")

DEMO_SUBJECT_KWARGS: MappingProxyType[str, Any] = MappingProxyType(
    {
        "name": "Camille Dufresne",
        "former_names": ("Camille Roux",),
        "handles": ("camdufresne", "velvetfox42"),
        "emails": ("camille.dufresne@example.org",),
        "phones": ("+33 6 39 98 12 34",),
        "urls": ("https://www.camille-dufresne.example/",),
        "city": "Lyon",
        "country": "FR",
        "employer": "Atelier Lumen",
        "lang": "fr",
    }
)
"""Keyword arguments for `audit.models.Subject` (the caller adds ``photo_dirs``)."""


def _parts() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in PARTS]


def build_demo_world() -> World:
    """A fresh World holding every demo part (unmatched URLs answer 404)."""
    world = World()
    for part in _parts():
        add_to: Callable[[World], None] = part.add_to
        add_to(world)
    return world


def prepare_demo_files(folder: Path) -> None:
    """Let each part write its local files (e.g. the persona's photo folder) under `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for part in _parts():
        prepare: Callable[[Path], None] | None = getattr(part, "prepare_files", None)
        if prepare is not None:
            prepare(folder)
