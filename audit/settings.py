"""Run-time settings for one scan, built by the CLI (or tests) and read by the core, checked
when made (a bad proxy URL or a missing CA file is a clear error before anything runs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from audit.errors import ConfigError

DEFAULT_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h", "socks4", "socks4a")


@dataclass(frozen=True, slots=True)
class Settings:
    """How to scan: network options, limits, selection of checks, per-check options.

    `allow_private` is the documented sandbox/test switch that lets page-sourced URLs reach
    loopback or private addresses; it is never set by the normal CLI.
    """

    proxy: str | None = None
    ca_bundle: str | None = None
    timeout: float = 10.0
    deadline: float = 600.0
    concurrency: int = 256
    per_host: int = 4
    retries: int = 2
    max_retry_wait: float = 10.0
    user_agent: str = DEFAULT_USER_AGENT
    max_bytes: int = 2_000_000
    engine: str = "auto"
    """Ignored: there is one HTTP engine (aiohttp). Kept so old callers keep working."""
    trust_env: bool = True
    allow_private: bool = False
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    check_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, hash=False)
    lang: str = "en"
    use_cache: bool = True
    workers: int = 1
    """Ignored: a scan runs in one process. Kept so old callers keep working."""

    def __post_init__(self) -> None:
        opts = {k: MappingProxyType(dict(v)) for k, v in dict(self.check_options).items()}
        object.__setattr__(self, "check_options", MappingProxyType(opts))
        if self.timeout <= 0 or self.deadline <= 0:
            raise ValueError("timeouts must be positive")
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency limits must be at least 1")
        if self.proxy:
            validate_proxy(self.proxy)
        if self.ca_bundle and not os.path.isfile(self.ca_bundle):
            raise ConfigError(f"CA bundle not found: {self.ca_bundle}")

    def options_for(self, check: str) -> Mapping[str, Any]:
        """The options of one check: the shared ones (key ``"*"``) overlaid with its own."""
        merged = dict(self.check_options.get("*", {}))
        merged.update(self.check_options.get(check, {}))
        return MappingProxyType(merged)


def validate_proxy(proxy: str) -> str:
    """Check a proxy URL's form; raise ConfigError with a clear message if it is wrong."""
    parts = urlsplit(proxy)
    try:
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"bad proxy URL (port): {exc}") from exc
    if parts.scheme not in PROXY_SCHEMES or not parts.hostname or port is None:
        raise ConfigError(
            f"bad proxy URL {parts.scheme}://{parts.hostname}: it needs a host and a port, "
            "and http://, https://, socks5:// or socks5h:// (socks5h://127.0.0.1:9050 for Tor)")
    return proxy
