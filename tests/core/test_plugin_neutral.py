"""The core knows no plugin by name, not even through a dynamic import.

tests/core/test_layering.py reads import statements only; a module could still reach a
check with ``importlib.import_module("checks...")`` or ``__import__``. This test reads every
core module's syntax tree for such calls and for dotted plugin module names written as
strings. The one place that names the built-in plugins is `audit.plugins.DEFAULT_PLUGINS`,
the list the registry loads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "audit"
PLUGIN_PACKAGES = ("checks", "reports")
# A dotted module path inside a plugin package: "checks.contacts", "reports.table.view"
_PLUGIN_MODULE = re.compile(rf"^(?:{'|'.join(PLUGIN_PACKAGES)})(?:\.\w+)+$")
_DYNAMIC = {"import_module", "__import__", "find_spec", "import_string", "load_module"}


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _dynamic_imports_of_plugins(source: str) -> list[str]:
    """Each dynamic import of a plugin module in `source`, and every `__import__` call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _called_name(node) not in _DYNAMIC:
            continue
        name = _called_name(node)
        first = node.args[0] if node.args else None
        target = first.value if isinstance(first, ast.Constant) else None
        if name == "__import__":
            found.append(f"line {node.lineno}: __import__({target!r})")
        elif isinstance(target, str) and target.split(".")[0] in PLUGIN_PACKAGES:
            found.append(f"line {node.lineno}: {name}({target!r})")
    return found


def _plugin_names_as_strings(source: str) -> list[str]:
    """Dotted plugin module names written as string constants (outside docstrings)."""
    tree = ast.parse(source)
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and n.body and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    return [
        f"line {n.lineno}: {n.value!r}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
        and id(n) not in docstrings and _PLUGIN_MODULE.match(n.value)
    ]


def _core_sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in
            sorted(CORE.rglob("*.py"))}


def test_no_core_module_imports_a_plugin_dynamically() -> None:
    offenders = {path: hits for path, src in _core_sources().items()
                 if (hits := _dynamic_imports_of_plugins(src))}
    assert offenders == {}
    # the plain-text form too, whatever the call looks like
    literal = re.compile(r"""(?:import_module|__import__)\(\s*f?["'](?:checks|reports)\b""")
    assert [p for p, src in _core_sources().items() if literal.search(src)] == []


def test_only_the_plugin_list_names_plugin_modules() -> None:
    named = {path: hits for path, src in _core_sources().items()
             if (hits := _plugin_names_as_strings(src))}
    listed = named.pop("audit/plugins.py", [])
    assert named == {}
    from audit.plugins import DEFAULT_PLUGINS

    # audit/plugins.py names them in DEFAULT_PLUGINS, once each, and nowhere else
    assert len(listed) == len(DEFAULT_PLUGINS)


def test_the_scan_sees_what_it_must_refuse() -> None:
    # the readers above mean something: each form of a dynamic plugin import is caught
    bad = (
        'import importlib\nm = importlib.import_module("checks.contacts.addresses")\n',
        'from importlib import import_module\nm = import_module("reports.table")\n',
        'm = __import__("checks.contacts")\n',
        'import importlib.util\ns = importlib.util.find_spec("checks.photos")\n',
    )
    for source in bad:
        assert _dynamic_imports_of_plugins(source), source
    assert _plugin_names_as_strings('NAME = "checks.contacts.normalize"\n')
    assert not _plugin_names_as_strings('"""Reads checks.contacts output."""\nX = "checks"\n')
    assert not _dynamic_imports_of_plugins('import importlib\nimportlib.import_module("json")\n')
