"""`photos_web` against the loopback sandbox: pages, linked images, caps, failures."""

from __future__ import annotations

from pathlib import Path

from audit import api
from audit.models import CheckResult, Reason, Status, Subject
from audit.sandbox import Sandbox, World
from audit.settings import Settings
from checks.photos import demo as demo_photos
from checks.photos.links import image_links
from tests.checks.photos import factory as F

SITE = "https://www.camille-dufresne.example"
HOME = (45.7597, 4.8422)


def _world() -> World:
    world = World()
    demo_photos.add_to(world)
    world.page(SITE + "/", f"""<html><head><meta property="og:image" content="/img/og.png">
      </head><body><img src="/img/balcon.jpg"><img srcset="/img/soiree.jpg 2x, x.gif 1x">
      <a href="{SITE}/img/original.webp">full size</a><img src="/img/blocked.jpg">
      <img src="/img/missing.jpg"><img src="/img/big.jpg"><img src="/img/large-gps.jpg">
      </body></html>""")
    world.page(SITE + "/img/large-gps.jpg", F.jpeg_file(F.exif_block(48.8584, 2.2945),
                                                        trailing=b"\x00" * 900_000),
               headers={"Content-Type": "image/jpeg"})
    world.page(SITE + "/img/og.png", F.png_file(F.exif_block()),
               headers={"Content-Type": "image/png"})
    world.page(SITE + "/img/original.webp", F.webp_file(F.exif_block(43.2965, 5.3698)),
               headers={"Content-Type": "image/webp"})
    world.challenge(SITE + "/img/blocked.jpg")
    world.page(SITE + "/img/big.jpg", F.jpeg_file(None, value=10, icc_before=300_000),
               headers={"Content-Type": "image/jpeg"})
    world.page("https://blog.example/", "<p>no pictures here</p>")
    world.rate_limited("https://slow.example/", 30)
    return world


def _run(tmp_path: Path, world: World, **opts: object) -> dict[str, CheckResult]:
    """Scan the persona's folder and `world` through the sandbox."""
    folder = tmp_path / "photos"
    demo_photos.prepare_files(folder)
    subject = Subject(urls=(SITE + "/", "https://blog.example/", "https://slow.example/"),
                      photo_dirs=(str(folder),))
    with Sandbox(world) as sb:
        settings = Settings(proxy=sb.proxy_url, ca_bundle=sb.ca_path, trust_env=False,
                            only=("photos", "photos_web"), use_cache=False, retries=0,
                            timeout=5, check_options={"photos_web": opts})
        report = api.run_scan(subject, settings, save=False)
    return {r.target: r for r in report.results if r.check == "photos_web"}


def test_published_images_are_read_and_tied_to_home(tmp_path: Path) -> None:
    res = _run(tmp_path, _world(), max_image_bytes=200_000)
    assert res[SITE + "/img/large-gps.jpg"].status is Status.FOUND  # head read was enough
    balcon = res[SITE + "/img/balcon.jpg"]
    assert balcon.status is Status.FOUND
    loc = balcon.findings[0]
    assert loc.kind == "photo_location"
    assert loc.severity.label == "high"
    assert loc.data["source"] == SITE + "/img/balcon.jpg"
    assert loc.data["published"] is True
    assert res[SITE + "/img/soiree.jpg"].status is Status.FOUND
    assert res[SITE + "/img/original.webp"].status is Status.FOUND
    assert res[SITE + "/img/og.png"].status is Status.NOT_FOUND
    blocked = res[SITE + "/img/blocked.jpg"]
    assert blocked.status is Status.UNKNOWN
    assert blocked.reason is Reason.BLOCKED
    missing = res[SITE + "/img/missing.jpg"]
    assert missing.status is Status.UNKNOWN
    big = res[SITE + "/img/big.jpg"]
    assert big.status is Status.UNKNOWN
    assert "cap" in big.detail
    assert res["https://blog.example/"].status is Status.NOT_FOUND
    assert res["https://slow.example/"].reason is Reason.RATE_LIMITED
    clusters = res["clusters (published photos)"]
    homes = [f for f in clusters.findings if f.data["label"] == "home"]
    assert len(homes) == 1
    home = homes[0]
    assert home.severity.label == "high"
    assert sorted(home.data["published"]) == [SITE + "/img/balcon.jpg", SITE + "/img/soiree.jpg"]
    assert len(home.data["photos"]) == 9  # 7 local + 2 published
    assert "published online" in home.title


def test_metadata_past_the_first_part_is_fetched_in_full(tmp_path: Path) -> None:
    world = World()
    world.page(SITE + "/", '<img src="/late.heic">')
    world.page(SITE + "/late.heic", F.heif_file(F.exif_block(*HOME), image_size=800_000),
               headers={"Content-Type": "image/heic"})
    res = _run(tmp_path, world)
    assert res[SITE + "/late.heic"].status is Status.FOUND


def test_nothing_to_read_is_skipped(tmp_path: Path) -> None:
    subject = Subject(photo_dirs=(str(tmp_path),))
    report = api.run_scan(subject, Settings(only=("photos_web",), use_cache=False), save=False)
    (result,) = [r for r in report.results if r.check == "photos_web"]
    assert result.status is Status.SKIPPED


def test_image_links_are_absolute_and_unique() -> None:
    html = """<img src="a.jpg"><img src="a.jpg#x"><source srcset="b.webp 1x, c.webp 2x">
      <meta name="twitter:image" content="https://cdn.example/t.jpg"><a href="doc.pdf">x</a>
      <a href="/big/orig.JPG">o</a><img src="data:image/png;base64,AAAA">"""
    assert image_links(html, "https://s.example/p/") == [
        "https://s.example/p/a.jpg", "https://s.example/p/b.webp", "https://s.example/p/c.webp",
        "https://cdn.example/t.jpg", "https://s.example/big/orig.JPG"]
