"""The text shown for each group in the Mermaid and Graphviz drawings."""

from __future__ import annotations

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from csprules.governance.graph import tier_of
from csprules.governance.tiers import TIER_LABELS


def label_lines(graph: nx.DiGraph, node: str) -> list[str]:
    """Name; tier (statutory, meets); themes it leads; themes it supports."""
    attrs = graph.nodes[node]
    facts = [TIER_LABELS[tier_of(graph, node)]]
    if attrs.get("statutory"):
        facts.append("statutory")
    if attrs.get("meets"):
        facts.append(f"meets {attrs['meets']}")
    lines = [one_line(str(attrs["name"])), one_line(", ".join(facts))]
    if attrs.get("lead"):
        lines.append("leads: " + ", ".join(str(t) for t in attrs["lead"]))
    if attrs.get("support"):
        lines.append("supports: " + ", ".join(str(t) for t in attrs["support"]))
    return lines


def one_line(text: str) -> str:
    """Control characters (newlines, tabs) become single spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def graph_notes(graph: nx.DiGraph) -> list[str]:
    """One-line notes on what the drawing cannot show as groups."""
    notes = [f"lead TBC: {theme}" for theme in graph.graph.get("tbc", [])]
    notes += [
        f"lead agency: {item['theme']} -> {one_line(str(item['agency']))}"
        for item in graph.graph.get("lead_agencies", [])
    ]
    notes += [
        f"related: {item['theme']} via {item['via']}" for item in graph.graph.get("related", [])
    ]
    return notes
