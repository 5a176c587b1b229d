"""Old name of `checks._common.soup`, kept until `checks/photos` imports it from there.

Nothing else may import this module (the layering test allows it for `checks/photos` only).
"""

from __future__ import annotations

from checks._common.soup import PageTooComplex, parse

__all__ = ["PageTooComplex", "parse"]
