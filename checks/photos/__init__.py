"""The `photos` check plugin: location and identity metadata in photos, local and published.

Registers the `photos` (stage 0, local folders) and `photos_web` (stage 1, images linked from
the person's pages and profiles) checks, and the `photos scan` / `photos clean` commands.
Modules: container readers (`jpeg`, `png`, `webp`, `heif`, `movie`, `xmp`, `takeout`) over a
bounded `source`; `exif` (exifread on the extracted block only); `extract` (one file in, one
answer out); `geo` (offline place names); `clusters` (home / work); `findings`; `check`;
`web`/`links` (published images); `clean`; `cli`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from audit.hookspecs import hookimpl

if TYPE_CHECKING:
    from pathlib import Path

    import click

    from audit.check import Check
    from audit.sandbox.world import World


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register both photo checks."""
    from checks.photos.check import PhotosCheck, PhotosWebCheck

    register(PhotosCheck)
    register(PhotosWebCheck)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the `photos` command group."""
    from checks.photos.cli import photos

    cli.add_command(photos)


@hookimpl
def register_demo(world: World, folder: Path) -> None:
    """Serve the persona's published photos and write its local photo folder."""
    from checks.photos.demo import add_to, prepare_files

    add_to(world)
    prepare_files(folder / "photos")
