"""The governance graph (networkx) and the accountability chains read from it.

Nodes are group ids; edges run child -> parent ("reports to").  Node
attributes are plain JSON values so that the node-link export round-trips:
``name, tier, chair, meets, statutory, cited, note, lead, support`` (``lead``
and ``support`` are sorted lists of theme ids).  Graph attributes carry what is
not a group: ``plan``, ``tbc`` (themes whose lead is TBC), ``lead_agencies``
and ``related``.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from csprules.governance.tiers import BOARD_TIERS, Tier

GRAPH_KIND = "csprules/governance-graph"
GRAPH_VERSION = 1


def tier_of(graph: nx.DiGraph, node: str) -> Tier:
    return Tier(str(graph.nodes[node]["tier"]))


def name_of(graph: nx.DiGraph, node: str) -> str:
    return str(graph.nodes[node]["name"])


def parents_of(graph: nx.DiGraph, node: str) -> list[str]:
    return sorted(str(p) for p in graph.successors(node))


def accountability_chain(graph: nx.DiGraph, start: str) -> tuple[str, ...]:
    """Group ids from ``start`` up to the nearest board.

    The shortest route to a partnership ``board`` is preferred, then to a
    ``linked_board``; ties go to the alphabetically first parent.  A group
    that reaches no board gets the route through its first parents up to where
    it stops (a group with no parent, or a group already on the route).
    """
    for tiers in ({Tier.BOARD}, {Tier.LINKED_BOARD}):
        shortest = _shortest_to(graph, start, tiers)
        if shortest is not None:
            return shortest
    walk = [start]
    while True:
        nxt = next((p for p in parents_of(graph, walk[-1]) if p not in walk), None)
        if nxt is None:
            return tuple(walk)
        walk.append(nxt)


def reaches_board(graph: nx.DiGraph, start: str) -> bool:
    nodes: set[Any] = {start} | set(nx.descendants(graph, start))
    return any(tier_of(graph, n) in BOARD_TIERS for n in nodes)


def _shortest_to(graph: nx.DiGraph, start: str, tiers: set[Tier]) -> tuple[str, ...] | None:
    if tier_of(graph, start) in tiers:
        return (start,)
    previous: dict[str, str] = {}
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for parent in parents_of(graph, node):
            if parent in seen:
                continue
            seen.add(parent)
            previous[parent] = node
            if tier_of(graph, parent) in tiers:
                route = [parent]
                while route[-1] != start:
                    route.append(previous[route[-1]])
                return tuple(reversed(route))
            queue.append(parent)
    return None
