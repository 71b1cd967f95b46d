"""JSON node-link export of the governance graph, and reading it back.

The layout is networkx's node-link format (``directed``, ``multigraph``,
``graph``, ``nodes`` with ``id``, ``edges`` with ``source`` and ``target``),
so ``networkx.node_link_graph(data, edges="edges")`` reads it too.  Output is
deterministic: nodes sorted by id, edges by (source, target), keys sorted.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from pydantic import BaseModel, ConfigDict, ValidationError

from csprules.errors import GovernanceError, Location, Problem
from csprules.governance.graph import GRAPH_KIND
from csprules.governance.tiers import Tier
from csprules.sources.validation import problems_from


class _Node(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    tier: Tier


class _Edge(BaseModel):
    model_config = ConfigDict(extra="allow")

    source: str
    target: str


class _NodeLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    directed: bool
    multigraph: bool
    graph: dict[str, Any]
    nodes: list[_Node]
    edges: list[_Edge]


def to_json(graph: nx.DiGraph) -> str:
    nodes = [{"id": str(n), **attrs} for n, attrs in sorted(graph.nodes(data=True))]
    edges = [
        {"source": str(s), "target": str(t), **attrs}
        for s, t, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
    ]
    data = {
        "directed": True,
        "multigraph": False,
        "graph": dict(graph.graph),
        "nodes": nodes,
        "edges": edges,
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def graph_from_json(text: str, display: str = "<json>") -> nx.DiGraph:
    """The DiGraph a :func:`render_graph` JSON export describes."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise GovernanceError([Problem(
            Location(display, e.lineno, e.colno), f"invalid JSON: {e.msg}",
        )]) from None
    try:
        data = _NodeLink.model_validate(raw)
    except ValidationError as e:
        raise GovernanceError(
            problems_from(e, _NodeLink, lambda loc: Location(display))
        ) from None
    problems: list[Problem] = []
    if not data.directed or data.multigraph:
        problems.append(Problem(
            Location(display), "expected a directed graph without parallel edges "
            "('directed': true, 'multigraph': false)",
        ))
    kind = data.graph.get("kind")
    if kind != GRAPH_KIND:
        problems.append(Problem(
            Location(display), f"expected graph kind '{GRAPH_KIND}'; found {kind!r}", field="kind",
        ))
    ids = [n.id for n in data.nodes]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(Location(display), f"duplicate node id '{dup}'", field="id"))
    for edge in data.edges:
        for end in (edge.source, edge.target):
            if end not in ids:
                problems.append(Problem(
                    Location(display), f"edge {edge.source} -> {edge.target}: expected a known "
                    f"node id; found '{end}'", field="edges",
                ))
    if problems:
        raise GovernanceError(problems)
    graph = nx.DiGraph()
    graph.graph.update(data.graph)
    for raw_node in raw["nodes"]:
        attrs = {k: v for k, v in raw_node.items() if k != "id"}
        graph.add_node(raw_node["id"], **attrs)
    for raw_edge in raw["edges"]:
        attrs = {k: v for k, v in raw_edge.items() if k not in ("source", "target")}
        graph.add_edge(raw_edge["source"], raw_edge["target"], **attrs)
    return graph
