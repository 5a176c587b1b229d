"""Cloudflare's email protection: addresses a page hides as XOR-encoded hex, decoded.

Cloudflare replaces an address with ``<a href="/cdn-cgi/l/email-protection#HEX">`` or
``<span data-cfemail="HEX">``; the first byte of HEX is a key XORed with the rest.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

CF_PATH = "/cdn-cgi/l/email-protection"
PLAIN_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$")


def decode_cfemail(hexstr: str) -> str | None:
    """Decode Cloudflare's ``data-cfemail`` hex: the first byte is an XOR key for the rest,
    which is UTF-8 text. None when it is not valid hex or does not decode to an address."""
    try:
        data = bytes.fromhex(hexstr.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    text = bytes(b ^ key for b in data[1:]).decode("utf-8", "replace")
    text = unquote(text)
    return text if PLAIN_EMAIL_RE.match(text) else None


def cf_hex_from_href(href: str) -> str | None:
    """The hex after ``/cdn-cgi/l/email-protection#``, if the link is one."""
    if CF_PATH not in href or "#" not in href:
        return None
    return href.split("#", 1)[1] or None
