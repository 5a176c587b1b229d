"""Same avatar: exact bytes of the images (no image decoder ships with the tool)."""

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
