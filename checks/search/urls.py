"""URL clean-up for search results: unwrap engine redirects, drop tracking, normalise.

Two results are the same page when their `normalise_url` values are equal: the scheme and
host are lower case, `www.` is kept (it can be a different site) but default ports, fragments,
tracking parameters and a trailing slash are dropped, and the remaining query parameters are
sorted.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from audit.hosts import host_of

# Parameters that only say where a click came from; never part of what the page shows.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
        "_ga", "_gl", "ref_src", "ref_url", "spm", "si", "srsltid", "trk", "trkcampaign",
        "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "__s", "rut", "ved", "ei",
        "sa", "usg", "xtor",
    }
)
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "hsa_")

# (host suffix, path prefix, parameter holding the real target)
_WRAPPERS: tuple[tuple[str, str, str], ...] = (
    ("duckduckgo.com", "/l/", "uddg"),
    ("google.", "/url", "q"),
    ("google.", "/url", "url"),
    ("bing.com", "/ck/a", "u"),
    ("startpage.com", "/do/", "url"),
    ("qwant.com", "/redirect", "u"),
)


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _decode_bing(value: str) -> str:
    """Bing's /ck/a `u` parameter is `a1` + URL-safe base64 of the target."""
    if not value.startswith("a1"):
        return value
    raw = value[2:]
    raw += "=" * (-len(raw) % 4)
    try:
        return base64.urlsafe_b64decode(raw).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""


def unwrap(url: str, base: str = "https://duckduckgo.com/") -> str:
    """Follow engine redirect wrappers (DDG `/l/?uddg=`, Google `/url?q=`, Bing `/ck/a?u=`)
    to the target URL, without any request. Relative and scheme-less links are resolved
    against `base`. Returns the input (resolved) when it is not a wrapper."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif not url.lower().startswith(("http://", "https://")):
        url = urljoin(base, url)
    for _ in range(3):  # wrappers can nest
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        target = ""
        for suffix, path, name in _WRAPPERS:
            host_ok = host.endswith(suffix) if not suffix.endswith(".") else suffix in host
            if host_ok and parts.path.startswith(path) and params.get(name):
                target = params[name]
                if suffix == "bing.com":
                    target = _decode_bing(target)
                break
        if target.lower().startswith(("http%3a", "https%3a")):
            target = unquote(target)
        if not target or not target.lower().startswith(("http://", "https://", "//")):
            return url
        url = target
        if url.startswith("//"):
            url = "https:" + url
    return url


def normalise_url(url: str) -> str:
    """The canonical form used to deduplicate results (see the module docstring)."""
    url = unwrap(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower() or "https"
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not _is_tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def landing_host(url: str) -> str:
    """The site a result leads to: `host_of` the URL with search-engine redirects unwrapped
    (`https://WWW.Example.org/x` -> `example.org`)."""
    return host_of(unwrap(url))


def host_matches(host: str, domain: str) -> bool:
    """True when `host` is `domain` or one of its subdomains."""
    domain = domain.lower().lstrip(".")
    domain = domain[4:] if domain.startswith("www.") else domain
    return host == domain or host.endswith("." + domain)


def clean_url(url: str) -> str:
    """The URL as shown in reports and requests: unwrapped, tracking parameters and fragment
    removed, everything else (case, trailing slash, parameter order) kept."""
    url = unwrap(url)
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
