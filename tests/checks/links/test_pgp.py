"""The minimal OpenPGP reader: fingerprint and user IDs, never an exception."""

from __future__ import annotations

import hashlib

from checks.links.pgp import armor, packet, parse_key


def test_fingerprint_and_user_ids() -> None:
    key = bytes([4]) + (1_700_000_000).to_bytes(4, "big") + bytes([22]) + bytes(40)
    block = armor(packet(6, key) + packet(13, b"Camille Dufresne <c.d@example.org>")
                  + packet(13, b"Camille Roux <old@example.net>"))
    parsed = parse_key(block)
    expected = hashlib.sha1(b"\x99" + len(key).to_bytes(2, "big") + key).hexdigest().upper()
    assert parsed.fingerprint == expected
    assert parsed.emails() == ["c.d@example.org", "old@example.net"]
    assert parsed.names() == ["Camille Dufresne", "Camille Roux"]


def test_long_packets_and_old_format() -> None:
    uid = b"A" * 300 + b" <a@example.org>"
    old = bytes([0x80 | (13 << 2) | 1]) + len(uid).to_bytes(2, "big") + uid
    parsed = parse_key(armor(packet(13, uid) + old))
    assert parsed.emails() == ["a@example.org", "a@example.org"]


def test_garbage_gives_an_empty_key() -> None:
    assert parse_key("not a key").uids == ()
    assert parse_key(armor(b"\x00\x01\x02")).uids == ()
    assert parse_key(armor(packet(13, b"x")[:2])).uids == ()
