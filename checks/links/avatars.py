"""Telling whether two avatar images show the same picture: a perceptual hash (dHash).

A platform re-encodes and resizes an uploaded avatar, so the same photo on two sites rarely
has the same bytes. The difference hash compares the brightness of neighbouring cells of a
9x8 greyscale thumbnail: two copies of one picture differ in a few bits at most, two
different pictures in about half of the 64. Images that cannot be decoded fall back to an
exact comparison of their bytes.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

MAX_PIXELS = 4_000_000  # an avatar is small; a huge canvas is refused, not decoded
SAME_PICTURE_BITS = 6  # at most this many of 64 bits apart: the same picture


@dataclass(frozen=True, slots=True)
class AvatarPrint:
    """What is compared: the bytes' SHA-256 and, when the image decodes, its dHash."""

    sha256: str
    dhash: int | None


def fingerprint(data: bytes) -> AvatarPrint:
    """The SHA-256 of the bytes, and the 64-bit difference hash when Pillow can decode them."""
    return AvatarPrint(hashlib.sha256(data).hexdigest(), _dhash(data))


def _dhash(data: bytes) -> int | None:
    from PIL import Image  # imported on first use: keeps start-up light

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PIXELS:
                return None
            grey = img.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
            pixels = grey.tobytes()
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return None
    bits = 0
    for row in range(8):
        for col in range(8):
            left, right = pixels[row * 9 + col], pixels[row * 9 + col + 1]
            bits = (bits << 1) | (left > right)
    return bits


def distance(a: AvatarPrint, b: AvatarPrint) -> int | None:
    """Bits apart (0 for identical bytes), or None when they cannot be compared."""
    if a.sha256 == b.sha256:
        return 0
    if a.dhash is None or b.dhash is None:
        return None
    return (a.dhash ^ b.dhash).bit_count()


def same_picture(a: AvatarPrint, b: AvatarPrint) -> bool:
    """True when two avatars show the same picture (same bytes, or nearly the same dHash)."""
    d = distance(a, b)
    return d is not None and d <= SAME_PICTURE_BITS
