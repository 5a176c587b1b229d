"""Same avatar: a perceptual hash of the pictures, exact bytes when they do not decode."""

from __future__ import annotations

from audit.models import Subject
from audit.sandbox import World
from checks.links import LinksCheck
from tests.checks.contacts.harness import account, findings, scan, stage0

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def test_same_avatar_bytes_link_two_accounts() -> None:
    w = World()
    for host in ("reddit.example", "gitlab.example", "other.example"):
        w.page(f"https://{host}/@v", "<p>profile</p>")
    w.page("https://cdn1.example/a.png", PNG, headers={"Content-Type": "image/png"})
    w.page("https://cdn2.example/b.png", PNG, headers={"Content-Type": "image/png"})
    w.page("https://cdn3.example/c.png", PNG[:-1] + b"\x00", headers={"Content-Type": "image/png"})
    accounts = [
        account("A", "v", "https://reddit.example/@v", avatar_url="https://cdn1.example/a.png"),
        account("B", "v", "https://gitlab.example/@v", avatar_url="https://cdn2.example/b.png"),
        account("C", "v", "https://other.example/@v", avatar_url="https://cdn3.example/c.png"),
    ]
    report, served = scan(w, Subject(name="x"), [stage0(accounts), LinksCheck])
    same = [f for f in findings(report, "link") if f.data["signal"] == "same_avatar"]
    assert [(f.data["source"], f.data["target"]) for f in same] == [
        ("gitlab.example:v", "reddit.example:v")
    ]
    assert same[0].data["strength"] == "medium"
    assert "https://cdn3.example/c.png" in served


def _picture(size: int, fmt: str, invert: bool = False) -> bytes:
    """A made-up avatar: a diagonal gradient with a disc, drawn in proportion to `size`."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("L", (size, size))
    img.putdata(
        [(x * 255 // size + y * 100 // size) % 256 for y in range(size) for x in range(size)]
    )
    draw = ImageDraw.Draw(img)
    draw.ellipse([size // 5, size // 3, size // 2, 2 * size // 3], fill=250)
    if invert:
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    out = io.BytesIO()
    img.convert("RGB").save(out, fmt, **({"quality": 60} if fmt == "JPEG" else {}))
    return out.getvalue()


def test_a_resized_reencoded_copy_of_the_same_picture_is_recognised() -> None:
    w = World()
    for host in ("reddit.example", "gitlab.example", "other.example"):
        w.page(f"https://{host}/@v", "<p>profile</p>")
    w.page(
        "https://cdn1.example/a.png", _picture(128, "PNG"), headers={"Content-Type": "image/png"}
    )
    w.page(
        "https://cdn2.example/b.jpg", _picture(48, "JPEG"), headers={"Content-Type": "image/jpeg"}
    )
    w.page(
        "https://cdn3.example/c.png",
        _picture(128, "PNG", invert=True),
        headers={"Content-Type": "image/png"},
    )
    accounts = [
        account("A", "v", "https://reddit.example/@v", avatar_url="https://cdn1.example/a.png"),
        account("B", "v", "https://gitlab.example/@v", avatar_url="https://cdn2.example/b.jpg"),
        account("C", "v", "https://other.example/@v", avatar_url="https://cdn3.example/c.png"),
    ]
    report, _ = scan(w, Subject(name="x"), [stage0(accounts), LinksCheck])
    same = [f for f in findings(report, "link") if f.data["signal"] == "same_avatar"]
    assert [(f.data["source"], f.data["target"]) for f in same] == [
        ("gitlab.example:v", "reddit.example:v")
    ]
    assert "perceptual hash" in same[0].data["excerpt"]


def test_fingerprint_of_hostile_or_odd_bytes_falls_back_to_exact_bytes() -> None:
    from checks.links.avatars import distance, fingerprint, same_picture

    junk = fingerprint(b"not an image at all")
    assert junk.dhash is None
    assert same_picture(junk, fingerprint(b"not an image at all"))
    assert distance(junk, fingerprint(_picture(32, "PNG"))) is None
    truncated = fingerprint(_picture(64, "PNG")[:40])
    assert truncated.dhash is None
