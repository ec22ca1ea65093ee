"""The package's import graph has no cycles, counting imports made inside functions too."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest


def import_cycles(package: str) -> list[list[str]]:
    """Every group of modules that import each other, directly or through others, sorted."""
    graph = grimp.build_graph(package, cache_dir=None)  # no cache folder left behind
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    return sorted(sorted(group) for group in _strongly_connected(edges) if _is_cycle(group, edges))


def _is_cycle(group: set[str], edges: dict[str, set[str]]) -> bool:
    """Two or more modules, or one that imports itself."""
    if len(group) > 1:
        return True
    (only,) = group
    return only in edges[only]


def _strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the strongly connected components of a directed graph."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in edges.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while not group or module not in group:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
            groups.append(group)

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return groups


def test_briefwright_has_no_import_cycles():
    assert import_cycles("briefwright") == []


@pytest.fixture
def package_with_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A package whose cycle passes through an import inside a function, plus a clean module."""
    root = tmp_path / "cyclic_sample"
    root.mkdir()
    files = {
        "__init__.py": "",
        "a.py": "import cyclic_sample.b\n",
        "b.py": "def later():\n    from cyclic_sample import c\n",
        "c.py": "from cyclic_sample.a import *\n",
        "leaf.py": "import cyclic_sample.a\n",
    }
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "cyclic_sample"
    sys.modules.pop("cyclic_sample", None)


def test_a_cycle_through_a_function_level_import_is_found(package_with_a_cycle):
    assert import_cycles(package_with_a_cycle) == [
        ["cyclic_sample.a", "cyclic_sample.b", "cyclic_sample.c"]
    ]
