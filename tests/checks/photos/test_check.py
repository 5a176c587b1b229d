"""The `photos` check through the real scanner: one answer per file, then the clusters."""

from __future__ import annotations

import os
from pathlib import Path

from audit import api
from audit.models import CheckResult, Reason, Status, Subject
from audit.settings import Settings
from checks.photos.check import PhotosCheck
from checks.photos.demo import prepare_files
from tests.checks.photos import factory as F

HOME = (45.7597, 4.8422)


def _scan(*folders: Path) -> dict[str, CheckResult]:
    subject = Subject(photo_dirs=tuple(str(f) for f in folders))
    report = api.run_scan(subject, Settings(only=("photos",), use_cache=False), save=False)
    return {r.target: r for r in report.results if r.check == "photos"}


def test_every_file_gets_an_answer(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.jpg").write_bytes(F.jpeg_file(F.exif_block(*HOME, owner="Camille D")))
    (tmp_path / "sub" / "b.png").write_bytes(F.png_file(F.exif_block()))
    (tmp_path / "sub" / "c.jpg").write_bytes(b"\xff\xd8\xff\xe1\xff\xff")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "IMG_9.jpg.json").write_bytes(F.takeout_json(*HOME))
    os.mkfifo(tmp_path / "pipe.jpg")
    results = _scan(tmp_path)
    assert results["a.jpg"].status is Status.FOUND
    kinds = {f.kind for f in results["a.jpg"].findings}
    assert kinds == {"photo_location", "photo_identity"}
    loc = next(f for f in results["a.jpg"].findings if f.kind == "photo_location")
    assert loc.data["lat"] == 45.7597
    assert loc.data["place"].startswith("near Lyon")
    assert loc.data["source"].endswith("a.jpg")
    assert loc.data["precision_m"] == 5.0
    assert loc.data["taken_at"] == "2024-03-02T21:15:00"
    ident = next(f for f in results["a.jpg"].findings if f.kind == "photo_identity")
    assert ident.data["fields"]["CameraOwnerName"] == "Camille D"
    assert results["sub/b.png"].status is Status.NOT_FOUND
    bad = results["sub/c.jpg"]
    assert bad.status is Status.UNKNOWN
    assert bad.reason is Reason.UNEXPECTED_RESPONSE
    assert "unreadable" in bad.detail
    assert results["notes.txt"].status is Status.SKIPPED
    assert results["IMG_9.jpg.json"].status is Status.FOUND
    assert results["pipe.jpg"].status is Status.UNKNOWN
    assert results["clusters"].status is Status.NOT_FOUND


def test_demo_folder_shows_home_and_work(tmp_path: Path) -> None:
    prepare_files(tmp_path)
    results = _scan(tmp_path)
    clusters = results["clusters"]
    by_label = {f.data["label"]: f for f in clusters.findings}
    assert set(by_label) == {"home", "work"}
    home = by_label["home"]
    assert home.severity.label == "high"
    assert len(home.data["photos"]) == 7
    assert home.data["days"] == 7
    assert any(p.endswith("balcon-soir.png") for p in home.data["photos"])
    assert abs(home.data["lat"] - 45.7597) < 0.0005
    assert abs(home.data["lon"] - 4.8422) < 0.0005
    assert len(by_label["work"].data["photos"]) == 4
    assert results["screenshot-no-gps.jpg"].status is Status.NOT_FOUND
    assert results["IMG_0324-damaged.jpg"].status is Status.UNKNOWN


def test_several_folders_cluster_together(tmp_path: Path) -> None:
    a, b = tmp_path / "phone", tmp_path / "camera"
    a.mkdir()
    b.mkdir()
    for n in range(3):
        (a / f"{n}.jpg").write_bytes(F.jpeg_file(F.exif_block(
            *HOME, taken=f"2024:03:0{n + 2} 22:00:00")))
        (b / f"{n}.jpg").write_bytes(F.jpeg_file(F.exif_block(
            *HOME, taken=f"2024:03:1{n + 2} 21:00:00")))
    results = _scan(a, b)
    assert "phone/0.jpg" in results
    assert "camera/2.jpg" in results
    home = results["clusters"].findings[0]
    assert home.data["label"] == "home"
    assert len(home.data["photos"]) == 6


def test_probes_are_pure_and_single(tmp_path: Path) -> None:
    subject = Subject(photo_dirs=(str(tmp_path), str(tmp_path / "x")))
    probes = list(PhotosCheck().probes(subject, {}))
    assert len(probes) == 1
    assert probes[0].planned == ()
    assert list(PhotosCheck().probes(Subject(name="x"), {})) == []


def test_unlistable_folder_and_file_limit_are_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.jpg").write_bytes(F.jpeg_file(F.exif_block(*HOME)))
    for n in range(3):
        (tmp_path / f"{n}.jpg").write_bytes(F.jpeg_file(F.exif_block(*HOME)))
    locked.chmod(0)
    try:
        readable = os.access(locked, os.R_OK)  # root can read anyway
        subject = Subject(photo_dirs=(str(tmp_path),))
        opts = {"photos": {"max_files": 2}}
        report = api.run_scan(subject, Settings(only=("photos",), use_cache=False,
                                                check_options=opts), save=False)
    finally:
        locked.chmod(0o700)
    details = [r.detail for r in report.results if r.status is Status.UNKNOWN]
    assert any("file limit of 2 reached" in d for d in details)
    if not readable:
        assert any("not read" in d and "ermission" in d for d in details)


def test_a_single_file_and_a_missing_folder(tmp_path: Path) -> None:
    photo = tmp_path / "one.jpg"
    photo.write_bytes(F.jpeg_file(F.exif_block(*HOME)))
    results = _scan(photo, tmp_path / "gone")
    assert results["one.jpg"].status is Status.FOUND
    assert results["gone"].status is Status.UNKNOWN
    assert "not found" in results["gone"].detail


def test_identity_severity_grows_when_published() -> None:
    from checks.photos.extract import analyse_bytes
    from checks.photos.findings import identity_finding

    named = analyse_bytes(F.jpeg_file(F.exif_block(owner="Camille D")), "a.jpg")
    serial = analyse_bytes(F.jpeg_file(F.exif_block(serial="123456")), "b.jpg")
    device = analyse_bytes(F.jpeg_file(F.exif_block()), "c.jpg")
    levels = [(identity_finding(i, pub).severity.label)  # type: ignore[union-attr]
              for i in (named, serial) for pub in (False, True)]
    assert levels == ["medium", "high", "low", "medium"]
    assert identity_finding(device) is None
