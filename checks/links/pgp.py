"""Read an ASCII-armored OpenPGP public key without gpg: primary key fingerprint and user IDs.

Only what the links check needs (RFC 4880 / RFC 9580 packet framing): packet tags 6 (public
key) and 13 (user ID). Anything malformed gives an empty result, never an exception.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

_UID_EMAIL = re.compile(r"<([^<>@\s]+@[^<>\s]+)>")


@dataclass(frozen=True, slots=True)
class PgpKey:
    """Fingerprint (uppercase hex, empty when unknown) and user IDs (``Name <email>``)."""

    fingerprint: str
    uids: tuple[str, ...]

    def emails(self) -> list[str]:
        """Lowercase addresses in the user IDs."""
        return [m.group(1).lower() for u in self.uids for m in _UID_EMAIL.finditer(u)]

    def names(self) -> list[str]:
        """The name part of each user ID."""
        return [n for n in (_UID_EMAIL.sub("", u).strip() for u in self.uids) if n]


def dearmor(text: str) -> bytes:
    """The binary packets of an armored block (checksum line ignored)."""
    lines = text.strip().splitlines()
    body: list[str] = []
    inside = headers = False
    for line in lines:
        line = line.strip()
        if line.startswith("-----BEGIN PGP"):
            inside = headers = True
            continue
        if line.startswith("-----END PGP"):
            break
        if not inside:
            continue
        if headers:
            if not line:
                headers = False
            elif ":" not in line:
                headers = False
                body.append(line)
            continue
        if line.startswith("="):
            continue
        body.append(line)
    try:
        return base64.b64decode("".join(body), validate=False)
    except (binascii.Error, ValueError):
        return b""


def _packets(data: bytes) -> list[tuple[int, bytes]]:
    out: list[tuple[int, bytes]] = []
    i = 0
    while i < len(data):
        head = data[i]
        if not head & 0x80:
            break
        i += 1
        if head & 0x40:  # new format
            tag = head & 0x3F
            if i >= len(data):
                break
            first = data[i]
            if first < 192:
                length, i = first, i + 1
            elif first < 224:
                if i + 1 >= len(data):
                    break
                length, i = ((first - 192) << 8) + data[i + 1] + 192, i + 2
            elif first == 255:
                length, i = int.from_bytes(data[i + 1:i + 5], "big"), i + 5
            else:
                break  # partial lengths are not used in key blocks
        else:
            tag, kind = (head >> 2) & 0x0F, head & 0x03
            size = {0: 1, 1: 2, 2: 4}.get(kind)
            if size is None:
                length = len(data) - i
            else:
                length, i = int.from_bytes(data[i:i + size], "big"), i + size
        if i + length > len(data):
            break  # truncated packet
        out.append((tag, data[i:i + length]))
        i += length
    return out


def parse_key(armored: str) -> PgpKey:
    """Fingerprint of the first public key packet and all user IDs."""
    fingerprint = ""
    uids: list[str] = []
    for tag, body in _packets(dearmor(armored)):
        if tag == 6 and not fingerprint and body:
            if body[0] == 4:
                digest = hashlib.sha1(  # noqa: S324 - the v4 fingerprint is defined as SHA-1
                    b"\x99" + len(body).to_bytes(2, "big") + body
                ).hexdigest()
                fingerprint = digest.upper()
            elif body[0] == 6:
                digest = hashlib.sha256(b"\x9b" + len(body).to_bytes(4, "big") + body).hexdigest()
                fingerprint = digest.upper()
        elif tag == 13:
            uids.append(body.decode("utf-8", "replace"))
    return PgpKey(fingerprint, tuple(uids))


def armor(packets: bytes) -> str:
    """Armor binary packets (used by tests and the demo world to build sample keys)."""
    b64 = base64.b64encode(packets).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "\n".join(
        ["-----BEGIN PGP PUBLIC KEY BLOCK-----", "", *lines, "-----END PGP PUBLIC KEY BLOCK-----"]
    ) + "\n"


def packet(tag: int, body: bytes) -> bytes:
    """One new-format packet (used by tests and the demo world)."""
    n = len(body)
    if n < 192:
        length = bytes([n])
    elif n < 8384:
        n2 = n - 192
        length = bytes([(n2 >> 8) + 192, n2 & 0xFF])
    else:
        length = b"\xff" + n.to_bytes(4, "big")
    return bytes([0xC0 | tag]) + length + body
