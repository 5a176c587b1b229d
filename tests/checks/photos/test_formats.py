"""Every container the check reads, on generated files, with and without a location."""

from __future__ import annotations

from datetime import timedelta

import pytest

from checks.photos.extract import analyse_bytes, sniff
from tests.checks.photos import factory as F

HOME = (45.7597, 4.8422)


def located(data: bytes) -> tuple[float, float]:
    info = analyse_bytes(data, "x")
    assert info.state == "located", (info.error, info.notes)
    assert info.fix is not None
    return info.fix.lat, info.fix.lon


@pytest.mark.parametrize("style", ["s100", "s1000", "s10000", "s1", "decimal", "decmin"])
@pytest.mark.parametrize("big_endian", [False, True])
def test_jpeg_gps_styles_give_exact_coordinates(style: str, big_endian: bool) -> None:
    lat, lon = -33.85678, 151.21529  # south and east
    block = F.exif_block(lat, lon, style=style, big_endian=big_endian)
    got = located(F.jpeg_file(block))
    assert got[0] == pytest.approx(-F.exact(F.rationals(lat, style)), abs=1e-9)
    assert got[1] == pytest.approx(F.exact(F.rationals(lon, style)), abs=1e-9)


def test_western_longitude_is_negative() -> None:
    lat, lon = located(F.jpeg_file(F.exif_block(40.7128, -74.0060)))
    assert lat > 0 > lon
    assert lon == pytest.approx(-74.0060, abs=1e-4)


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda t: F.jpeg_file(t), id="jpeg"),
        pytest.param(lambda t: F.jpeg_file(t, icc_before=200_000), id="jpeg-exif-after-200k-icc"),
        pytest.param(lambda t: F.jpeg_file(t, xmp=F.xmp_packet(), xmp_first=True,
                                           jfif=False), id="jpeg-xmp-first"),
        pytest.param(lambda t: t, id="tiff"),
        pytest.param(lambda t: F.png_file(t), id="png-exif"),
        pytest.param(lambda t: F.png_file(t, mode="ztxt"), id="png-ztxt-raw-profile"),
        pytest.param(lambda t: F.png_file(t, mode="text", after_idat=True),
                     id="png-text-raw-profile-after-idat"),
        pytest.param(lambda t: F.webp_file(t), id="webp-raw-tiff"),
        pytest.param(lambda t: F.webp_file(t, prefix=True), id="webp-exif-prefix"),
        pytest.param(lambda t: F.heif_file(t), id="heic-base-offset"),
        pytest.param(lambda t: F.heif_file(t, use_base=False, bare=True), id="heic-bare-tiff"),
        pytest.param(lambda t: F.heif_file(t, idat=True), id="heic-idat"),
        pytest.param(lambda t: F.heif_file(t, brand=b"avif"), id="avif"),
    ],
)
def test_exif_containers(build: object) -> None:
    block = F.exif_block(*HOME)
    data = build(block)  # type: ignore[operator]
    lat, lon = located(data)
    assert (lat, lon) == pytest.approx(HOME, abs=1e-4)
    no_gps = build(F.exif_block())  # type: ignore[operator]
    assert analyse_bytes(no_gps, "x").state == "no_location"


@pytest.mark.parametrize(
    ("kind", "brand"), [("xyz", b"mp42"), ("keys", b"qt  "), ("loci", b"3gp4")]
)
@pytest.mark.parametrize("moov_last", [True, False])
def test_movie_location_atoms(kind: str, brand: bytes, moov_last: bool) -> None:
    data = F.mp4_file(*HOME, kind=kind, brand=brand, moov_last=moov_last, mdat_size=300_000)
    assert located(data) == pytest.approx(HOME, abs=1e-4)
    info = analyse_bytes(F.mp4_file(None, None, brand=brand), "x")
    assert info.state == "no_location"
    assert info.taken_at is not None  # from mvhd


@pytest.mark.parametrize(
    ("lat", "lon", "element"),
    [("45,45.582N", "4,50.532E", False), ("45,45,34.92N", "4,50,31.92E", False),
     ("45.7597", "4.8422", True), ("45,45.582S", "4,50.532W", True)],
)
def test_xmp_gps_forms(lat: str, lon: str, element: bool) -> None:
    packet = F.xmp_packet(lat, lon, element=element)
    sign = -1 if lat.endswith("S") else 1
    for data in (packet, F.jpeg_file(None, packet), F.png_file(None, xmp=packet),
                 F.webp_file(None, xmp=packet), F.heif_file(None, xmp=packet)):
        got = located(data)
        assert got == pytest.approx((sign * HOME[0], sign * HOME[1]), abs=1e-4)


def test_xmp_sidecar_identity_and_no_gps() -> None:
    info = analyse_bytes(F.xmp_packet(creator="Camille &amp; Co"), "a.xmp")
    assert info.state == "no_location"
    assert info.identity["Artist"] == "Camille & Co"


def test_takeout_sidecar() -> None:
    for exif_geo in (True, False):
        assert located(F.takeout_json(*HOME, exif_geo=exif_geo)) == pytest.approx(HOME)
    info = analyse_bytes(F.takeout_json(0.0, 0.0), "x.json")
    assert info.state == "no_location"
    assert info.taken_at is not None
    assert info.taken_at.utcoffset() == timedelta(0)


def test_zero_gps_and_null_island_are_not_locations() -> None:
    zero = F.exif_block(gps_parts=([(0, 0), (0, 0), (0, 0)], [(0, 0), (0, 0), (0, 0)]))
    null = F.exif_block(gps_parts=([(0, 1), (0, 1), (0, 1)], [(0, 1), (0, 1), (0, 1)]))
    for block in (zero, null):
        info = analyse_bytes(F.jpeg_file(block), "x")
        assert info.state == "no_location"
        assert info.fix is None


def test_zero_over_zero_seconds_count_as_zero() -> None:
    block = F.exif_block(gps_parts=([(45, 1), (45, 1), (0, 0)], [(4, 1), (50, 1), (0, 0)]))
    assert located(F.jpeg_file(block)) == pytest.approx((45.75, 4.8333333), abs=1e-6)


def test_missing_refs_lower_confidence() -> None:
    info = analyse_bytes(F.jpeg_file(F.exif_block(*HOME, refs=False)), "x")
    assert info.fix is not None
    assert info.fix.ref_missing


def test_precision_from_error_tag_and_from_decimals() -> None:
    with_err = analyse_bytes(F.jpeg_file(F.exif_block(*HOME, hpe=4.8)), "x")
    assert with_err.fix is not None
    assert with_err.fix.precision_m == pytest.approx(4.8)
    whole_secs = analyse_bytes(F.jpeg_file(F.exif_block(*HOME, style="s1")), "x")
    assert whole_secs.fix is not None
    assert 25 < whole_secs.fix.precision_m < 35
    fine = analyse_bytes(F.jpeg_file(F.exif_block(*HOME, style="s10000")), "x")
    assert fine.fix is not None
    assert fine.fix.precision_m == 5.0


def test_taken_at_with_offset_and_identity_fields() -> None:
    block = F.exif_block(*HOME, offset="+02:00", owner="Camille Dufresne", artist="C. D.",
                         serial="SN123456", lens_serial="LS42", copyright_="(c) Camille")
    info = analyse_bytes(F.jpeg_file(block), "x")
    assert info.taken_at is not None
    assert info.taken_at.utcoffset() == timedelta(hours=2)
    assert info.identity["CameraOwnerName"] == "Camille Dufresne"
    assert info.identity["Artist"] == "C. D."
    assert info.identity["BodySerialNumber"] == "SN123456"
    assert info.identity["LensSerialNumber"] == "LS42"
    assert info.identity["Copyright"] == "(c) Camille"
    assert info.identity["Make"] == "Phonemaker"


def test_detection_is_by_content_not_name() -> None:
    assert sniff(F.png_file()[:64]) == "png"
    assert sniff(F.heif_file(None)[:64]) == "heif"
    assert sniff(F.mp4_file(None, None)[:64]) == "movie"
    assert sniff(F.webp_file()[:64]) == "webp"
    assert sniff(b"hello world, not an image") == "unknown"
    assert analyse_bytes(F.heif_file(F.exif_block(*HOME)), "IMG.jpg").fmt == "heif"


def test_tiff_based_raw_with_vendor_magic() -> None:
    block = F.exif_block(*HOME)
    orf = b"IIRO" + block[4:]
    info = analyse_bytes(orf + b"\x00" * 1000, "x.orf")
    assert info.fmt == "tiff"
    assert info.fix is not None
    assert (info.fix.lat, info.fix.lon) == pytest.approx(HOME, abs=1e-4)
