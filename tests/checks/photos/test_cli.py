"""`exposure-audit photos scan` and `photos clean` through the real command line."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from checks.photos.demo import prepare_files
from tests.checks.photos import factory as F


@pytest.fixture
def cli() -> object:
    from audit import cli as cli_module

    cli_module._register_extras()
    return cli_module.cli


def test_photos_scan_writes_json(tmp_path: Path, cli: object) -> None:
    from click.testing import CliRunner

    prepare_files(tmp_path / "p")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["photos", "scan", str(tmp_path / "p"), "-f", "json",  # type: ignore[arg-type]
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(out.read_text())
    checks = {r["check"] for r in doc["results"]}
    assert checks == {"photos"}
    kinds = {f["kind"] for r in doc["results"] for f in r["findings"]}
    assert {"photo_location", "photo_identity", "place_cluster"} <= kinds
    home = [f for r in doc["results"] for f in r["findings"]
            if f["kind"] == "place_cluster" and f["data"]["label"] == "home"]
    assert home
    assert home[0]["severity"] == "high"


def test_photos_clean_command(tmp_path: Path, cli: object) -> None:
    from click.testing import CliRunner

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jpg").write_bytes(F.jpeg_file(F.exif_block(45.7597, 4.8422)))
    (src / "b.heic").write_bytes(F.heif_file(F.exif_block(45.7597, 4.8422)))
    result = CliRunner().invoke(cli, ["photos", "clean", str(src), "--out",  # type: ignore[arg-type]
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "cleaned   a.jpg" in result.output
    assert "refused   b.heic" in result.output
    assert "HEIC" in result.output
    assert (tmp_path / "out" / "a.jpg").exists()
    bad = CliRunner().invoke(cli, ["photos", "clean", str(src), "--out", str(src / "x")])  # type: ignore[arg-type]
    assert bad.exit_code != 0


def _saved_ids(cli: object) -> list[str]:
    from click.testing import CliRunner

    listing = CliRunner().invoke(cli, ["history", "list"])  # type: ignore[arg-type]
    assert listing.exit_code == 0, listing.output
    return [line.split()[0] for line in listing.output.splitlines()[2:] if line.strip()]


def test_moving_the_photo_folder_changes_no_fingerprint(tmp_path: Path, cli: object) -> None:
    from click.testing import CliRunner

    prepare_files(tmp_path / "before" / "photos")
    first = CliRunner().invoke(cli, ["photos", "scan", str(tmp_path / "before" / "photos"),  # type: ignore[arg-type]
                                     "--save", "-f", "json", "-o", str(tmp_path / "a.json")])
    assert first.exit_code == 0, first.output
    (tmp_path / "before").rename(tmp_path / "after")
    second = CliRunner().invoke(cli, ["photos", "scan", str(tmp_path / "after" / "photos"),  # type: ignore[arg-type]
                                      "--save", "-f", "json", "-o", str(tmp_path / "b.json")])
    assert second.exit_code == 0, second.output
    new_id, old_id = _saved_ids(cli)[:2]
    diff = CliRunner().invoke(cli, ["history", "diff", "--json", old_id, new_id])  # type: ignore[arg-type]
    assert diff.exit_code == 0, diff.output
    doc = json.loads(diff.output)
    assert doc["new"] == []
    assert doc["gone"] == []
    assert len(doc["unchanged"]) > 5


def test_the_clean_command_the_plan_suggests_runs_as_written(tmp_path: Path,
                                                             cli: object) -> None:
    import shlex

    from click.testing import CliRunner

    folder = tmp_path / "my photos"  # a space: the suggested command must quote it
    prepare_files(folder)
    out = tmp_path / "report.json"
    scan = CliRunner().invoke(cli, ["photos", "scan", str(folder), "-f", "json", "-o", str(out)])  # type: ignore[arg-type]
    assert scan.exit_code == 0, scan.output
    plan = json.loads(out.read_text())
    commands = [s for item in plan["checklist"] for s in item["steps"]
                if s.startswith("exposure-audit photos clean")]
    assert commands
    argv = shlex.split(commands[0])[1:]
    assert argv == ["photos", "clean", str(folder)]
    result = CliRunner().invoke(cli, argv)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    cleaned = tmp_path / "my photos-clean"
    assert any(cleaned.rglob("*.jpg"))
