"""``render_graph``: the governance graph as JSON (node-link), Mermaid or Graphviz DOT."""

from __future__ import annotations

from typing import Literal

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from csprules.errors import UsageError
from csprules.governance.dot import to_dot
from csprules.governance.json_graph import to_json
from csprules.governance.mermaid import to_mermaid
from csprules.governance.model import Governance

GraphFormat = Literal["json", "mermaid", "dot"]
GRAPH_FORMATS: tuple[GraphFormat, ...] = ("json", "mermaid", "dot")


def render_graph(governance: Governance | nx.DiGraph, fmt: GraphFormat) -> str:
    """Deterministic text of the graph: the same structure gives the same bytes,
    whatever order the groups and ownership were written in.

    ``governance`` may also be a graph read back with :func:`graph_from_json`.
    """
    graph = governance.graph if isinstance(governance, Governance) else governance
    if fmt == "json":
        return to_json(graph)
    if fmt == "mermaid":
        return to_mermaid(graph)
    if fmt == "dot":
        return to_dot(graph)
    raise UsageError(f"unknown graph format {fmt!r}; expected one of {', '.join(GRAPH_FORMATS)}")
