"""The core never imports the plugins: `audit` must not import `checks` or `reports`."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "audit"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_neither_checks_nor_reports():
    offenders = {
        str(p.relative_to(CORE.parent)): sorted(_imports(p) & {"checks", "reports"})
        for p in CORE.rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_every_module_has_a_docstring():
    root = CORE.parent
    missing = []
    for pkg in ("audit", "checks", "reports"):
        for p in (root / pkg).rglob("*.py"):
            if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None:
                missing.append(str(p.relative_to(root)))
    assert missing == []
