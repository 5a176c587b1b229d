"""Modules imported on first use, for libraries that are slow to import (phonenumbers loads
its metadata tables) and that most commands never need.

    if TYPE_CHECKING:
        import phonenumbers
    else:
        phonenumbers = lazy_module("phonenumbers")

Type checkers see the real module; at run time the first attribute looked up imports it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def lazy_module(name: str) -> Any:
    """A stand-in for module `name` that imports it when an attribute is first used."""
    return _LazyModule(name)
