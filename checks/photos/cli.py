"""`exposure-audit photos scan DIR...` (offline, only the photos check) and
`exposure-audit photos clean SRC --out DEST` (cleaned copies, originals untouched)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from audit import api
from audit.cli.options import output_options, split_formats
from audit.cli.subject import build_subject
from audit.errors import ConfigError
from audit.render import RenderOptions
from audit.settings import Settings


@click.group()
def photos() -> None:
    """Check photos for location and identity metadata, and clean copies before sharing."""


@photos.command("scan")
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, readable=True))
@output_options
@click.option("--save", is_flag=True, help="Also save this scan in the local history.")
def scan_photos(folders: tuple[str, ...], formats: tuple[str, ...], output: str | None,
                lang: str | None, redact: bool, save: bool) -> None:
    """Read every photo, video and sidecar under FOLDERS (offline) and report what they reveal."""
    subject = build_subject(photo_dirs=list(folders), lang=lang or "en")
    settings = Settings(only=("photos",), lang=lang or "en", use_cache=False)
    report = api.run_scan(subject, settings, save=save)
    options = RenderOptions(lang=settings.lang, redact=redact,
                            color=sys.stdout.isatty())
    for path in api.emit(report, split_formats(formats), output, options):
        click.echo(f"wrote {path}", err=True)


@photos.command("clean")
@click.argument("src", type=click.Path(exists=True, readable=True, path_type=Path))
@click.option("-o", "--output", "--out", "dest", type=click.Path(path_type=Path),
              help="Folder for the cleaned copies (outside SRC; created mode 0700). "
                   "Default: SRC-clean beside SRC.")
def clean_photos(src: Path, dest: Path | None) -> None:
    """Write copies of SRC's JPEG, PNG and WebP files without location or identity metadata.

    Image data is kept byte for byte; originals are never changed. Formats that cannot be
    cleaned losslessly (HEIC, RAW/TIFF, videos) are listed and not copied. Without --out the
    copies go to a new folder SRC-clean beside SRC.
    """
    from checks.photos.clean import clean_tree  # imported on first use: keeps start-up light

    if dest is None:
        base = src.resolve()
        dest = base.with_name(base.name + "-clean") if base.name else Path("photos-clean")

    try:
        results = clean_tree(src, dest)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    counts: dict[str, int] = {}
    for r in results:
        counts[r.action] = counts.get(r.action, 0) + 1
        click.echo(f"{r.action:9} {r.source}: {r.message}")
    summary = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "no files"
    click.echo(f"{summary}; cleaned copies are in {dest}", err=True)
