"""Kept import path for plugins: block recognition lives in `audit.net.blocks`."""

from audit.net.blocks import (
    BlockVerdict,
    body_head,
    classify_block,
    first_marker,
    parse_retry_after,
)

__all__ = ["BlockVerdict", "body_head", "classify_block", "first_marker", "parse_retry_after"]
