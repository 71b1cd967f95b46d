"""Mermaid ``flowchart TD`` export: the board at the top, arrows down to the groups
that report to it.  Deterministic: groups and arrows in sorted order."""

from __future__ import annotations

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

from csprules.governance.labels import graph_notes, label_lines
from csprules.governance.tiers import Tier

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    "|": "#124;",
    # "%%{init: ...}%%" is a Mermaid directive wherever it appears, even in a label or a
    # comment: no "%" may reach the text as itself.
    "%": "#37;",
}

_STYLES = {
    Tier.BOARD: "fill:#1f4e79,color:#ffffff,stroke:#1f4e79",
    Tier.DELIVERY_GROUP: "fill:#d6e4f0,stroke:#1f4e79",
    Tier.OPERATIONAL: "fill:#f2f2f2,stroke:#7f7f7f",
    Tier.CONSULTATION: "fill:#e2efda,stroke:#548235",
    Tier.LINKED_BOARD: "fill:#fff2cc,stroke:#bf9000,stroke-dasharray:4 3",
}


def escape_mermaid(text: str) -> str:
    """Text safe inside a double-quoted Mermaid label (entity codes for specials).

    Control and bidi characters (not printable) are dropped: a label may not
    reorder what the reader sees.

    >>> escape_mermaid('%%{init: {"theme": "dark"}}%% A & B\u202e')
    '#37;#37;#123;init: #123;#quot;theme#quot;: #quot;dark#quot;#125;#125;#37;#37; A #amp; B'
    """
    return "".join(_ENTITIES.get(c, c) for c in text if c.isprintable())


def comment_mermaid(text: str) -> str:
    """Text safe in a ``%%`` comment line: no braces, so no ``%%{...}%%`` directive.

    >>> comment_mermaid("lead agency: x -> %%{init: {'theme': 'dark'}}%%")
    "lead agency: x -> %%(init: ('theme': 'dark'))%%"
    """
    return "".join(c for c in text if c.isprintable()).replace("{", "(").replace("}", ")")


def node_ids(graph: nx.DiGraph) -> dict[str, str]:
    """Mermaid-safe node ids: ``g_`` + the group id with '-' as '_', made unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for node in sorted(str(n) for n in graph.nodes):
        base = "g_" + node.replace("-", "_")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}_{n}", n + 1
        used.add(candidate)
        out[node] = candidate
    return out


def to_mermaid(graph: nx.DiGraph) -> str:
    ids = node_ids(graph)
    lines = [
        "flowchart TD",
        "    %% csprules governance graph; arrows run from a group to those reporting to it",
    ]
    lines += [f"    %% {comment_mermaid(note)}" for note in graph_notes(graph)]
    for node in sorted(ids):
        label = "<br/>".join(escape_mermaid(line) for line in label_lines(graph, node))
        lines.append(f'    {ids[node]}["{label}"]')
    for child, parent in sorted((str(c), str(p)) for c, p in graph.edges):
        lines.append(f"    {ids[parent]} --> {ids[child]}")
    for tier, style in _STYLES.items():
        lines.append(f"    classDef {tier.value} {style}")
    for tier in Tier:
        members = [ids[n] for n in sorted(ids) if graph.nodes[n]["tier"] == tier.value]
        if members:
            lines.append(f"    class {','.join(members)} {tier.value}")
    return "\n".join(lines) + "\n"
