"""Checks are independent plugins: no check imports another check's modules.

What several checks share lives in `checks/_common/`, which imports no check at all. A
check sees another's work only through earlier results (`previous`) or a registry in
`checks/_common/` (e.g. `profiles`). `checks/_soup.py` is the old name of
`checks._common.soup`, left for `checks/photos` alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

CHECKS = Path(__file__).resolve().parents[2] / "checks"
SHARED = {"_common"}
LEGACY = {"_soup": {"photos"}}  # old module name -> the checks still allowed to use it


def _check_modules(path: Path, root: Path = CHECKS) -> set[str]:
    """The `checks.<name>` packages/modules one file imports (absolute, relative, dynamic)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(root.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            dotted = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            dotted = [module] + [f"{module}.{a.name}" for a in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            dotted = [node.args[0].value]
        else:
            continue
        for name in dotted:
            parts = name.split(".")
            if parts[0] == "checks" and len(parts) > 1:
                found.add(parts[1])
    return found


def _offenders(root: Path = CHECKS) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if len(rel.parts) == 1:  # checks/__init__.py and the legacy shim
            continue
        own = rel.parts[0]
        allowed = {own} | (set() if own in SHARED else SHARED)
        allowed |= {old for old, users in LEGACY.items() if own in users}
        bad = sorted(_check_modules(path, root) - allowed)
        if bad:
            out[str(rel)] = bad
    return out


def test_no_check_imports_another_check() -> None:
    assert _offenders() == {}


def test_the_rule_sees_absolute_relative_and_dynamic_imports(tmp_path: Path) -> None:
    root = tmp_path / "checks"
    for folder in ("links", "photos", "_common"):
        (root / folder).mkdir(parents=True)
    (root / "links" / "bad.py").write_text(
        "import importlib\nfrom checks.accounts import catalog\n"
        "from ..contacts.page import x\nimport checks.search.urls\n"
        'importlib.import_module("checks.photos.exif")\nfrom checks._common import soup\n'
        "from . import graph\nfrom checks import _soup\n",
        encoding="utf-8",
    )
    (root / "photos" / "ok.py").write_text("from checks import _soup\n", encoding="utf-8")
    (root / "_common" / "bad.py").write_text("from checks.links import x\n", encoding="utf-8")
    assert _offenders(root) == {
        "links/bad.py": ["_soup", "accounts", "contacts", "photos", "search"],
        "_common/bad.py": ["links"],
    }


def test_common_imports_no_check() -> None:
    assert (CHECKS / "_common" / "__init__.py").exists()
    assert {p.name: _check_modules(p) - SHARED for p in (CHECKS / "_common").rglob("*.py")} \
        == {p.name: set() for p in (CHECKS / "_common").rglob("*.py")}
