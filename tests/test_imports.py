"""Data flows one way (documents → extract → graph → app): no import circles, read with `ast`."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extract", "graph", "app")
LAYER = {"extract": 0, "graph": 1, "app": 2}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The project modules one file imports (anywhere in it, lazily or not)."""
    found = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def _graph() -> nx.DiGraph:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    modules = {_module_name(p) for p in files}
    g = nx.DiGraph()
    for p in files:
        me = _module_name(p)
        g.add_node(me)
        g.add_edges_from((me, other) for other in _imports(p, modules) - {me})
    return g


def test_no_import_circle_between_files():
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, f"import circles: {cycles[:5]}"


def test_packages_import_only_downwards():
    upward = sorted((a, b) for a, b in _graph().edges
                    if LAYER[b.split(".")[0]] > LAYER[a.split(".")[0]])
    assert not upward, f"a lower package imports a higher one: {upward[:5]}"
