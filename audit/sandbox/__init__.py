"""The loopback sandbox "internet": a World described as data, served by a local proxy.

`World`, `Route` and `Reply` (in `audit.sandbox.world`) describe what each URL answers;
`Sandbox` (in `audit.sandbox.server`) serves a world on 127.0.0.1 as an HTTP(S) forward proxy
with a throw-away CA, so the tool's real URLs (``https://github.com/alice``) are answered
locally and nothing leaves the machine. The offline demo world is built by
`audit.sandbox.demo.build_demo_world`.
"""

from __future__ import annotations

from audit.sandbox.log import LoggedRequest, RequestLog
from audit.sandbox.replies import (
    BEHAVIOURS,
    UNKNOWN_HOST_502,
    Reply,
    challenge_reply,
    rate_limit_reply,
)
from audit.sandbox.server import Sandbox
from audit.sandbox.world import Route, World, split_url

__all__ = [
    "BEHAVIOURS",
    "UNKNOWN_HOST_502",
    "LoggedRequest",
    "Reply",
    "RequestLog",
    "Route",
    "Sandbox",
    "World",
    "challenge_reply",
    "rate_limit_reply",
    "split_url",
]
