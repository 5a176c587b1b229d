"""Image links in an HTML page: `<img src/srcset>`, `<picture><source srcset>`, OpenGraph and
Twitter images, `image_src`, and `<a href>` to image files (often the full-size original)."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from checks import _soup

IMAGE_EXT = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff")
_META = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"}


def _srcset(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def image_links(html: str, base_url: str, limit: int = 50) -> list[str]:
    """Absolute http(s) image URLs found in `html`, in page order, without duplicates."""
    soup = _soup.parse(html)  # bounded: a hostile page is refused, never parsed for minutes
    found: list[str] = []
    for tag in soup.find_all(["img", "source", "meta", "link", "a"]):
        name = tag.name
        candidates: list[str] = []
        if name in ("img", "source"):
            for attr in ("src", "data-src", "data-original"):
                if tag.get(attr):
                    candidates.append(str(tag[attr]))
            for attr in ("srcset", "data-srcset"):
                if tag.get(attr):
                    candidates.extend(_srcset(str(tag[attr])))
        elif name == "meta":
            prop = str(tag.get("property") or tag.get("name") or "").lower()
            if prop in _META and tag.get("content"):
                candidates.append(str(tag["content"]))
        elif name == "link":
            if "image_src" in [str(r).lower() for r in tag.get("rel") or []] and tag.get("href"):
                candidates.append(str(tag["href"]))
        elif tag.get("href"):
            href = str(tag["href"])
            if urlsplit(href).path.lower().endswith(IMAGE_EXT):
                candidates.append(href)
        for cand in candidates:
            url = urldefrag(urljoin(base_url, cand.strip()))[0]
            if urlsplit(url).scheme in ("http", "https") and url not in found:
                found.append(url)
                if len(found) >= limit:
                    return found
    return found
