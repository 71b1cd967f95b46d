"""Graphviz DOT export: edges child -> parent drawn bottom-to-top, so the board
is at the top.  Deterministic: groups and edges in sorted order."""

from __future__ import annotations

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from csprules.governance.labels import graph_notes, label_lines
from csprules.governance.tiers import Tier

_FILL = {
    Tier.BOARD: "#1f4e79",
    Tier.DELIVERY_GROUP: "#d6e4f0",
    Tier.OPERATIONAL: "#f2f2f2",
    Tier.CONSULTATION: "#e2efda",
    Tier.LINKED_BOARD: "#fff2cc",
}


def escape_dot(text: str) -> str:
    """Text safe inside a DOT double-quoted string: backslashes and quotes escaped,
    control characters (raw newlines) as spaces.

    Quoted (not ``<...>``) strings are never read as HTML labels, so '<', '>'
    and '&' are shown as they are; brackets and braces have no meaning inside
    them for a ``box`` node.
    """
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return "".join(c if c.isprintable() else " " for c in body)


def quote_dot(text: str) -> str:
    return f'"{escape_dot(text)}"'


def to_dot(graph: nx.DiGraph) -> str:
    lines = [
        "digraph governance {",
        "    // csprules governance graph; edges run from a group to the group it reports to",
    ]
    lines += [f"    // {note}" for note in graph_notes(graph)]
    lines += [
        "    graph [rankdir=BT];",
        '    node [shape=box, style="rounded,filled", fontname="Helvetica"];',
    ]
    for node in sorted(str(n) for n in graph.nodes):
        tier = Tier(str(graph.nodes[node]["tier"]))
        label = '"' + "\\n".join(escape_dot(line) for line in label_lines(graph, node)) + '"'
        font = ', fontcolor="#ffffff"' if tier is Tier.BOARD else ""
        style = ', style="rounded,filled,dashed"' if tier is Tier.LINKED_BOARD else ""
        lines.append(
            f'    {quote_dot(node)} [label={label}, fillcolor="{_FILL[tier]}"{font}{style}];'
        )
    for child, parent in sorted((str(c), str(p)) for c, p in graph.edges):
        lines.append(f"    {quote_dot(child)} -> {quote_dot(parent)};")
    lines.append("}")
    return "\n".join(lines) + "\n"
