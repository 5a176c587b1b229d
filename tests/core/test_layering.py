"""The architecture, enforced: which unit of the core may import which, no import cycles
between units, the core never imports the plugins (`checks`) or the renderers (`reports`),
every module has a docstring, no module grows past 400 lines, and `audit/` keeps at most
15 top-level modules. docs/architecture.md draws the same table.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "audit"

# A unit is a top-level module of `audit`, or one of its sub-packages; a few modules stand
# apart from their package because they sit lower (the HTTP data types) or higher (the demo
# world, which asks every plugin for its part; the action plan's frozen types, which the
# report carries) than the rest of it. Imports under `if TYPE_CHECKING:` are names for the
# type checker, not dependencies: they are not counted.
SPLIT = ("audit.net.model", "audit.plan.types", "audit.sandbox.demo")

# Each unit and the units it may import. Anything not listed is refused.
LOW = {"audit.models", "audit.frozen", "audit.errors", "audit.i18n"}
ALLOWED: dict[str, set[str]] = {
    "audit.models": {"audit.frozen"},
    "audit.frozen": set(),
    "audit.errors": set(),
    "audit.plan.types": {"audit.models"},
    "audit.i18n": set(),
    "audit.settings": LOW,
    "audit.net.model": LOW,
    "audit.check": LOW | {"audit.net.model"},
    "audit.render": LOW,
    "audit.redact": LOW | {"audit.plan.types"},
    "audit.sanitize": LOW | {"audit.plan.types"},
    "audit.sandbox": set(),
    "audit.threads": set(),
    # Which site a URL is on: read by checks, the plan and the renderers, sends nothing.
    "audit.hosts": set(),
    "audit.blocks": LOW | {"audit.net.model"},
    "audit.net": LOW | {"audit.blocks", "audit.check", "audit.net.model", "audit.settings",
                        "audit.threads"},
    "audit.hookspecs": {"audit.check", "audit.render", "audit.sandbox"},
    "audit": LOW | {"audit.check", "audit.hookspecs", "audit.net.model", "audit.render"},
    "audit.plugins": LOW | {"audit", "audit.check", "audit.hookspecs", "audit.render"},
    "audit.sandbox.demo": LOW | {"audit.plugins", "audit.sandbox"},
    "audit.store": LOW | {"audit.plan.types", "audit.redact"},
    "audit.scan": LOW | {"audit", "audit.check", "audit.net", "audit.net.model",
                         "audit.plugins", "audit.settings", "audit.store", "audit.threads"},
    "audit.plan": LOW | {"audit.check", "audit.hosts", "audit.i18n", "audit.net.model",
                         "audit.plan.types", "audit.sanitize", "audit.store"},
    "audit.api": LOW | {"audit.plan", "audit.plan.types", "audit.plugins", "audit.render",
                        "audit.redact", "audit.sanitize", "audit.scan", "audit.settings",
                        "audit.store"},
}
# The command line sits on top and may use every unit; `python -m audit` only starts it.
TOP = {"audit.cli", "audit.__main__", "audit.sandbox.__main__"}
MAX_TOP_LEVEL_MODULES = 15
MAX_LINES = 400
# Modules still over the limit while they are being split; each may only shrink.
OVERSIZE: dict[str, int] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _unit(name: str) -> str:
    for split in SPLIT:
        if name == split or name.startswith(split + "."):
            return split
    parts = name.split(".")
    if parts[0] != "audit" or len(parts) == 1:
        return parts[0]
    if name in TOP:
        return name
    return ".".join(parts[:2])


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of the import nodes inside `if TYPE_CHECKING:` blocks."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        test = node.test if isinstance(node, ast.If) else None
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
        if name == "TYPE_CHECKING":
            for inner in node.body:
                ids.update(id(n) for n in ast.walk(inner))
    return ids


def _imported(path: Path) -> set[str]:
    """Every module `path` imports (absolute names), including `from pkg import module`;
    imports for the type checker only are left out."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                found.add(full if _is_module(full) else module)
    return found


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in CORE.rglob("*.py"):
        unit = _unit(_module_name(path))
        for target in _imported(path):
            if target.split(".")[0] in {"audit", "checks", "reports"}:
                other = _unit(target)
                if other != unit:
                    edges.setdefault(unit, set()).add(other)
    return edges


def test_every_core_unit_is_in_the_table():
    units = {_unit(_module_name(p)) for p in CORE.rglob("*.py")}
    assert units - set(ALLOWED) - TOP == set()


def test_core_units_import_only_what_the_table_allows():
    refused = {
        unit: sorted(targets - ALLOWED[unit])
        for unit, targets in _edges().items()
        if unit not in TOP and targets - ALLOWED[unit]
    }
    assert refused == {}


def test_core_imports_neither_checks_nor_reports():
    offenders = {u: sorted(t & {"checks", "reports"}) for u, t in _edges().items()}
    assert {u: t for u, t in offenders.items() if t} == {}


def test_no_import_cycle_between_units():
    edges = _edges()
    done: set[str] = set()
    cycles: list[list[str]] = []

    def walk(unit: str, trail: list[str]) -> None:
        for nxt in sorted(edges.get(unit, ())):
            if nxt in trail:
                cycles.append([*trail[trail.index(nxt):], nxt])
            elif nxt not in done:
                walk(nxt, [*trail, nxt])
        done.add(unit)

    for start in sorted(edges):
        if start not in done:
            walk(start, [start])
    assert cycles == []


def test_the_table_refuses_an_upward_import():
    # The table means something: the store may not reach up into the scan, nor the
    # network layer into the plan.
    assert "audit.scan" not in ALLOWED["audit.store"]
    assert "audit.plan" not in ALLOWED["audit.net"]
    assert _unit("audit.net.model") == "audit.net.model"
    assert _unit("audit.net.client") == "audit.net"
    assert _unit("audit.cli.scan") == "audit.cli"
    assert _unit("audit.plan.types") == "audit.plan.types"


def test_checks_and_reports_do_not_import_each_other():
    crossing = {}
    for pkg, other in (("checks", "reports"), ("reports", "checks")):
        for p in (ROOT / pkg).rglob("*.py"):
            hits = {t for t in _imported(p) if t.split(".")[0] == other}
            if hits:
                crossing[str(p.relative_to(ROOT))] = sorted(hits)
    assert crossing == {}


def test_audit_keeps_few_top_level_modules():
    modules = [p.name for p in CORE.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, sorted(modules)


def test_no_module_over_the_size_limit():
    too_long = {}
    for pkg in ("audit", "checks", "reports"):
        for p in (ROOT / pkg).rglob("*.py"):
            lines = len(p.read_text(encoding="utf-8").splitlines())
            if lines > max(MAX_LINES, OVERSIZE.get(str(p.relative_to(ROOT)), 0)):
                too_long[str(p.relative_to(ROOT))] = lines
    assert too_long == {}


def test_every_module_has_a_docstring():
    missing = []
    for pkg in ("audit", "checks", "reports"):
        for p in (ROOT / pkg).rglob("*.py"):
            if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None:
                missing.append(str(p.relative_to(ROOT)))
    assert missing == []
