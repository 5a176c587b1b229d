"""Real camera files from ../shared/data/exif-samples (skipped when absent).

Expected coordinates were computed independently with ExifTool 12.57
(`exiftool -fast -n -GPSLatitude -GPSLongitude -json -r .`, 2026-11-22).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.photos.extract import analyse_path

EXPECTED = {
    "metadata-extractor-images/mov/with-gps.mov": (32.0929, 34.862),
    "metadata-extractor-images/heic/Issue 263 dotnet.heic": (38.6995388888889, -9.20774722222222),
    "metadata-extractor-images/heic/IMG_1034.heic": (23.1779166666667, 113.394316666667),
    "metadata-extractor-images/heic/exif-at-eof.heic": (47.2071240555639, 106.243105095844),
    "metadata-extractor-images/mp4/with-gps.mp4": (51.4169, -0.0806),
    "metadata-extractor-images/mp4/Issue 515 (java).mp4": (52.36929, 6.67609),
    "metadata-extractor-images/tif/Issue 151.tif": (49.1865473333417, 1.65551316678889),
    "metadata-extractor-images/webp/Issue 473 (Java).webp": (37.3926777777778, -122.040969444444),
    "metadata-extractor-images/webp/HTC Desire.webp": (45.5006666666667, 9.11033333333333),
    "metadata-extractor-images/xmp/digikam-example.xmp": (53.132559, 8.719196),
    "metadata-extractor-images/jpg/Nexus 4.jpg": (51.5624656666667, -0.0773321944444444),
    "metadata-extractor-images/jpg/Samsung SM-G935L (Galaxy S7 Edge).jpg": (48.8925,
                                                                             2.23638888888889),
    "metadata-extractor-images/jpg/Oppo R7 Plus.jpg": (60.2674636666667, 8.77113244444444),
    "metadata-extractor-images/jpg/Apple iPhone 6.jpg": (51.7624083333333, -0.317891666666667),
    "exif-py/jxl/test_0001.jxl": (44.06037845, -121.314136),
    "exif-py/heic/mobile/HMD_Nokia_8.3_5G_hdr.heif": (40.6629935, -3.76374051),
    "exif-py/heic/mobile/HMD_Nokia_8.3_5G.heif": (40.78868522, -4.00514085),
    "exif-py/jpg/Kodak_CX7530.jpg": (-0.3713, 36.0564166666667),
    "exif-py/jpg/gps/DSCN0029.jpg": (43.4682433333306, 11.8801716666389),
    "exif-py/jpg/gps/DSCN0038.jpg": (43.4672549999972, 11.8792133333333),
    "exif-py/jpg/gps/DSCN0042.jpg": (43.464455, 11.8814783333333),
    "exif-py/jpg/gps/DSCN0040.jpg": (43.4660116666389, 11.8791116666389),
    "exif-py/jpg/gps/DSCN0025.jpg": (43.468365, 11.8816349999722),
    "exif-py/jpg/gps/DSCN0027.jpg": (43.4684416666667, 11.881515),
    "exif-py/jpg/gps/DSCN0010.jpg": (43.4674483333333, 11.8851266666639),
    "exif-py/jpg/gps/DSCN0012.jpg": (43.4671566666639, 11.8853949999972),
    "exif-py/jpg/gps/DSCN0021.jpg": (43.4670816666639, 11.8845383333306),
    "exif-py/jpg/tests/nikon_D3100_TypeError.jpg": (44.4207430525, 8.93933317138889),
    "exif-py/jpg/tests/87_OSError.jpg": (43.7855944333333, 11.2346194333333),
    "exif-py/jpg/tests/67-0_length_string.jpg": (51.025, 7.59194444444444),
    "exif-py/jpg/hdr/iphone_hdr_YES.jpg": (40.4469722222222, -3.72475277777778),
    "exif-py/jpg/mobile/HMD_Nokia_8.3_5G.jpg": (60.1467055555556, 24.9067722222222),
}
# ExifTool leaves the latitude empty (0/0 seconds) but the file's own XMP gives this position.
XMP_ONLY = {"metadata-extractor-images/jpg/Nikon D5000.jpg": (48.888726, 21.043251)}
# GPS only in FLIR's own APP1 record: not read (documented limitation).
NOT_READ = {"metadata-extractor-images/jpg/FLIR iPhone device.jpg"}


@pytest.fixture
def samples(shared_data: Path) -> Path:
    root = shared_data / "exif-samples"
    if not root.is_dir():
        pytest.skip("exif-samples absent")
    return root


@pytest.mark.parametrize("rel", sorted(EXPECTED | XMP_ONLY))
def test_real_file_coordinates(samples: Path, rel: str) -> None:
    info = analyse_path(samples / rel, rel)
    assert info.fix is not None, (info.state, info.error)
    lat, lon = (EXPECTED | XMP_ONLY)[rel]
    assert info.fix.lat == pytest.approx(lat, abs=1e-4)
    assert info.fix.lon == pytest.approx(lon, abs=1e-4)


def test_every_sample_gets_an_answer_and_nothing_else_is_located(samples: Path) -> None:
    for path in sorted(p for p in samples.rglob("*") if p.is_file()):
        rel = path.relative_to(samples).as_posix()
        info = analyse_path(path, rel)
        assert info.state in ("located", "no_location", "unreadable", "not_media")
        if rel not in EXPECTED and rel not in XMP_ONLY:
            assert info.fix is None, rel
    assert NOT_READ


def test_real_jpeg_and_webp_clean_losslessly(samples: Path, tmp_path: Path) -> None:
    from checks.photos.clean import clean_tree

    src = samples / "metadata-extractor-images"
    results = clean_tree(src, tmp_path / "out")
    cleaned = [r for r in results if r.action == "cleaned"]
    assert {Path(r.source).suffix for r in cleaned} == {".jpg", ".webp"}
    assert all(r.action == "refused" for r in results if r.source.endswith((".heic", ".mov")))
    image = None
    try:
        from PIL import Image as image  # type: ignore[no-redef]
    except ImportError:
        pass
    for r in cleaned:
        out = Path(r.dest)
        assert analyse_path(out, r.source).fix is None
        if image is not None:
            with image.open(src / r.source) as a, image.open(out) as b:
                assert a.tobytes() == b.tobytes()


# Identity fields ExifTool 12.57 shows in these files (`exiftool -G1 -SerialNumber -Keywords
# ...`). nikon_D3100_TypeError.jpg's Nikon maker note is damaged for exifread (it reads other
# tags there as garbage); our own maker-note reader gets its serial.
IDENTITY = {
    "exif-py/jpg/tests/87_OSError.jpg": {"BodySerialNumber": "-1000f46"},
    "exif-py/jpg/tests/nikon_D3100_TypeError.jpg": {"BodySerialNumber": "6754846"},
    "exif-py/jpg/xmp/BlueSquare.jpg": {"Keywords": "XMP, Blue Square, test file, Photoshop, .jpg"},
    "metadata-extractor-images/jpg/Nikon D5000.jpg": {"BodySerialNumber": "6607572"},
    "metadata-extractor-images/tif/Issue 151.tif": {"BodySerialNumber": "PI040378D25L000046"},
    "metadata-extractor-images/xmp/digikam-example.xmp": {"Copyright": "Klaus@SBiB"},
}


@pytest.mark.parametrize("rel", sorted(IDENTITY))
def test_real_file_identity_fields(samples: Path, rel: str) -> None:
    from checks.photos.findings import file_outcome

    info = analyse_path(samples / rel, rel)
    for key, value in IDENTITY[rel].items():
        assert info.identity.get(key) == value, (key, dict(info.identity))
    kinds = [f.kind for f in file_outcome(info, rel).findings]
    assert "photo_identity" in kinds


_LEAKS = ("GPSLatitude", "GPSLongitude", "GPSPosition", "Artist", "Copyright", "Owner",
          "Serial", "By-line", "City", "Location", "Keywords", "Creator", "Author", "Comment",
          "OriginalFileName", "XMP")


def _pillow_leaks(path: Path) -> list[str]:
    from PIL import Image

    with Image.open(path) as im:
        exif = im.getexif()
        left = [k for k in ("xmp", "XML:com.adobe.xmp", "photoshop", "comment", "Author",
                            "Copyright", "Comment") if k in im.info]
        if exif.get_ifd(0x8825):
            left.append("GPS IFD")
        left += [f"tag {t:#x}" for t in (0x013B, 0x8298, 0x927C, 0xA430, 0xA431, 0xA435)
                 if t in exif or t in exif.get_ifd(0x8769)]
        return left


def test_every_sample_cleans_without_location_or_identity(samples: Path, tmp_path: Path) -> None:
    """Every shared sample through `clean_tree`: what is written holds no location or identity
    field for this reader, for Pillow and (when installed) for ExifTool, keeps its pixels and
    its orientation; what cannot be cleaned losslessly is refused with a reason."""
    import json
    import shutil
    import subprocess

    from PIL import Image

    from checks.photos.clean import clean_tree

    out = tmp_path / "out"
    results = clean_tree(samples, out)
    cleaned = [r for r in results if r.action == "cleaned"]
    assert len(cleaned) >= 20
    assert all(r.message for r in results)
    for r in cleaned:
        dest, orig = Path(r.dest), samples / r.source
        info = analyse_path(dest, r.source)
        assert info.fix is None, r.source
        assert set(info.identity) <= {"Make", "Model"}, (r.source, dict(info.identity))
        assert _pillow_leaks(dest) == [], r.source
        with Image.open(orig) as a, Image.open(dest) as b:
            assert a.tobytes() == b.tobytes(), r.source
            assert a.getexif().get(0x0112, 1) == b.getexif().get(0x0112, 1), r.source
            assert a.info.get("icc_profile") == b.info.get("icc_profile"), r.source
    exiftool = shutil.which("exiftool")
    if exiftool is None:
        pytest.skip("exiftool not installed: checked with this reader and Pillow only")
    proc = subprocess.run([exiftool, "-j", "-a", "-G1", "-r", "-ext", "*", str(out)],
                          capture_output=True, check=False, timeout=120)
    for item in json.loads(proc.stdout or b"[]"):
        # the colour profile is kept on purpose: its own creator/copyright name its vendor
        leaks = [k for k in item if k.split(":")[-1] != "SourceFile"
                 and not k.startswith("ICC") and any(w in k for w in _LEAKS)]
        assert leaks == [], (item["SourceFile"], leaks)


def test_real_heic_cut_one_byte_short_is_still_located(samples: Path) -> None:
    from checks.photos.extract import analyse_bytes

    data = (samples / "metadata-extractor-images/heic/exif-at-eof.heic").read_bytes()
    info = analyse_bytes(data[:-1], "exif-at-eof.heic")
    assert info.fix is not None
    assert info.fix.lat == pytest.approx(47.2071240555639, abs=1e-4)
