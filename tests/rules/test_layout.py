"""The rules package in two rooms, with no import cycles and no imports hidden in functions.

Read from the source (ast), so a function-local import that dodges a cycle is caught
too; the one lazy import allowed is the optional C extension, durable_rules_engine.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import csprules.rules

RULES = Path(csprules.rules.__file__).parent
AUTHORING_TOOLS = {"csprules.rules.loader", "csprules.rules.lint", "csprules.rules.lint_when",
                   "csprules.rules.cases", "csprules.rules.evaluate", "csprules.rules.extends",
                   "csprules.rules"}


def _module(path: Path) -> str:
    parts = path.relative_to(RULES.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> list[tuple[ast.stmt, str]]:
    out: list[tuple[ast.stmt, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node, node.module))
    return out


def _graph() -> tuple[dict[str, set[str]], list[str]]:
    """module -> the csprules.rules modules it imports at top level; function-local imports."""
    graph: dict[str, set[str]] = {}
    local: list[str] = []
    for path in sorted(RULES.rglob("*.py")):
        module = _module(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(n) for n in tree.body}
        graph.setdefault(module, set())
        for node, target in _imports(tree):
            if id(node) not in top and target != "durable_rules_engine":
                local.append(f"{module}:{node.lineno} imports {target}")
            if target.startswith("csprules.rules"):
                graph[module].add(target)
    return graph, local


def test_no_import_cycles_inside_rules() -> None:
    graph, _ = _graph()
    # the package __init__ re-exports from its modules by design; cycles elsewhere are bugs
    del graph["csprules.rules"]
    for deps in graph.values():
        deps.discard("csprules.rules")
    cycle: list[str] = []
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as e:
        cycle = list(e.args[1])
    assert cycle == []


def test_no_function_local_imports() -> None:
    _, local = _graph()
    assert local == []


def test_the_engine_room_does_not_import_the_authoring_tools() -> None:
    graph, _ = _graph()
    engine = [n for n in graph if n.startswith("csprules.rules.engine")]
    assert len(engine) >= 8
    leaks = sorted((m, t) for m in engine for t in graph[m] if t in AUTHORING_TOOLS)
    assert leaks == []


def test_the_graph_sees_real_edges() -> None:
    """Guards the three tests above against reading nothing."""
    graph, _ = _graph()
    assert "csprules.rules.lint" in graph["csprules.rules.evaluate"]
    assert "csprules.rules.fields" in graph["csprules.rules.engine.compile"]
    assert "csprules.rules.engine.expressions" in graph["csprules.rules.lint_when"]
