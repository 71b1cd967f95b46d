"""The pipeline runs one way: a module may import only its own layer and the layers before it.

Layers, first to last (``csprules/__init__.py`` is the public facade and may import any):

    errors -> sources -> evidence -> importers -> signals -> rules -> scoring
           -> governance -> assessment -> report -> cli

Every import counts, including those inside functions and under ``TYPE_CHECKING``:
a backward import there is still a design cycle, only hidden from the interpreter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

PACKAGE = Path(__file__).resolve().parents[1] / "csprules"
LAYERS = (
    "errors", "sources", "evidence", "importers", "signals", "rules", "scoring",
    "governance", "assessment", "report", "cli",
)
FACADES = {"csprules", "csprules.__main__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The csprules modules ``path`` imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "csprules")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "csprules":
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(path, modules):
            if target != name:
                graph.add_edge(name, target)
    return graph


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if module in FACADES or len(parts) < 2:
        return None
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else -1


def test_every_subpackage_has_a_layer() -> None:
    unplaced = sorted(m for m in _modules() if _layer(m) == -1 and m.split(".")[1] != "data")
    assert unplaced == [], f"modules outside the layer list: {unplaced}"


def test_no_import_runs_backwards_through_the_pipeline() -> None:
    backward = []
    for source, target in sorted(_graph().edges):
        a, b = _layer(source), _layer(target)
        if a is not None and b is not None and b > a:
            backward.append(f"{source} -> {target} ({LAYERS[a]} imports {LAYERS[b]})")
    assert backward == []


def test_no_module_import_cycles() -> None:
    graph = _graph()
    graph.remove_nodes_from(FACADES)
    cycles = sorted(" -> ".join(c) for c in nx.simple_cycles(graph))
    assert cycles == []


def test_the_test_sees_imports() -> None:
    """Guard against a walker that finds nothing and so passes vacuously."""
    graph = _graph()
    assert graph.has_edge("csprules.assessment.pipeline", "csprules.signals.derive")
    assert graph.has_edge("csprules.report.render", "csprules.assessment.model")
    assert graph.number_of_edges() > 200


def test_one_pydantic_error_translator() -> None:
    """Every reader words validation errors through sources/validation.py."""
    from csprules.evidence.ids import ID_PATTERN
    from csprules.sources.validation import ID_REGEX

    assert ID_REGEX == ID_PATTERN
    users = sorted(
        name for name, path in _modules().items()
        if "ValidationError" in path.read_text(encoding="utf-8")
        and "problems_from" not in path.read_text(encoding="utf-8")
        and name != "csprules.sources.validation"
        and "except ValidationError" in path.read_text(encoding="utf-8")
    )
    assert users == [], f"modules translating pydantic errors on their own: {users}"
