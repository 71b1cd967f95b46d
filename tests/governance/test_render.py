"""Exports: JSON node-link round trip, Mermaid and DOT text with escaped labels."""

from __future__ import annotations

import json
from operator import eq
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
import pytest

from csprules.errors import GovernanceError, UsageError
from csprules.governance import Governance, graph_from_json, parse_governance, render_graph

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SMALL = """\
kind: csprules/governance
version: 1
plan: A small plan
groups:
  - id: csp
    name: Community Safety Partnership
    tier: board
    statutory: true
    meets: quarterly
  - id: odd
    name: "He said \\"hi\\" [x] {y} (z) <b>&amp; #1 | a\\\\b`q`\\nnext"
    tier: delivery_group
    parents: [csp]
  - id: panel
    name: ASB Panel
    tier: operational
    parents: [odd, csp]
ownership:
  - {theme: asb, group: panel}
  - {theme: vawg, group: odd, role: support}
  - {theme: prostitution, group: TBC}
lead_agencies:
  - {theme: violence, agency: Metropolitan Police}
related:
  - {theme: arson, via: asb}
"""


@pytest.fixture
def small() -> Governance:
    return parse_governance(SMALL, "small.yaml")


def assert_same_graph(g: nx.DiGraph, h: nx.DiGraph) -> None:
    assert nx.is_isomorphic(g, h, node_match=eq, edge_match=eq)
    assert dict(g.nodes(data=True)) == dict(h.nodes(data=True))
    assert sorted(g.edges) == sorted(h.edges)
    assert g.graph == h.graph


def test_json_round_trip_is_isomorphic_with_the_same_attributes(small: Governance) -> None:
    text = render_graph(small, "json")
    back = graph_from_json(text)
    assert_same_graph(small.graph, back)
    assert back.nodes["odd"]["name"] == 'He said "hi" [x] {y} (z) <b>&amp; #1 | a\\b`q`\nnext'
    assert back.nodes["panel"]["lead"] == ["asb"]
    assert back.nodes["odd"]["support"] == ["vawg"]
    assert back.graph["tbc"] == ["prostitution"]
    assert render_graph(back, "json") == text


def test_json_is_networkx_node_link(small: Governance) -> None:
    data = json.loads(render_graph(small, "json"))
    assert [n["id"] for n in data["nodes"]] == ["csp", "odd", "panel"]
    assert [(e["source"], e["target"]) for e in data["edges"]] == [
        ("odd", "csp"), ("panel", "csp"), ("panel", "odd"),
    ]
    assert_same_graph(small.graph, nx.node_link_graph(data, edges="edges"))


@pytest.mark.parametrize(
    "name",
    ["ealing-2012", "havering-2017", "tower-hamlets-2008", "tower-hamlets-2016", "wandsworth-2012"],
)
def test_seed_graphs_round_trip(name: str) -> None:
    from csprules.governance import load_governance

    gov = load_governance(EXAMPLES / name)
    assert_same_graph(gov.graph, graph_from_json(render_graph(gov, "json")))


def test_mermaid_escapes_labels(small: Governance) -> None:
    assert render_graph(small, "mermaid") == (
        "flowchart TD\n"
        "    %% csprules governance graph; arrows run from a group to those reporting to it\n"
        "    %% lead TBC: prostitution\n"
        "    %% lead agency: violence -> Metropolitan Police\n"
        "    %% related: arson via asb\n"
        '    g_csp["Community Safety Partnership<br/>board, statutory, meets quarterly"]\n'
        '    g_odd["He said #quot;hi#quot; #91;x#93; #123;y#125; #40;z#41; #lt;b#gt;#amp;amp; '
        '#35;1 #124; a\\b#96;q#96; next<br/>delivery group<br/>supports: vawg"]\n'
        '    g_panel["ASB Panel<br/>operational group<br/>leads: asb"]\n'
        "    g_csp --> g_odd\n"
        "    g_csp --> g_panel\n"
        "    g_odd --> g_panel\n"
        "    classDef board fill:#1f4e79,color:#ffffff,stroke:#1f4e79\n"
        "    classDef delivery_group fill:#d6e4f0,stroke:#1f4e79\n"
        "    classDef operational fill:#f2f2f2,stroke:#7f7f7f\n"
        "    classDef consultation fill:#e2efda,stroke:#548235\n"
        "    classDef linked_board fill:#fff2cc,stroke:#bf9000,stroke-dasharray:4 3\n"
        "    class g_csp board\n"
        "    class g_odd delivery_group\n"
        "    class g_panel operational\n"
    )


def test_dot_escapes_labels(small: Governance) -> None:
    assert render_graph(small, "dot") == (
        "digraph governance {\n"
        "    // csprules governance graph; edges run from a group to the group it reports to\n"
        "    // lead TBC: prostitution\n"
        "    // lead agency: violence -> Metropolitan Police\n"
        "    // related: arson via asb\n"
        "    graph [rankdir=BT];\n"
        '    node [shape=box, style="rounded,filled", fontname="Helvetica"];\n'
        '    "csp" [label="Community Safety Partnership\\nboard, statutory, meets quarterly", '
        'fillcolor="#1f4e79", fontcolor="#ffffff"];\n'
        '    "odd" [label="He said \\"hi\\" [x] {y} (z) <b>&amp; #1 | a\\\\b`q` next'
        '\\ndelivery group\\nsupports: vawg", fillcolor="#d6e4f0"];\n'
        '    "panel" [label="ASB Panel\\noperational group\\nleads: asb", fillcolor="#f2f2f2"];\n'
        '    "odd" -> "csp";\n'
        '    "panel" -> "csp";\n'
        '    "panel" -> "odd";\n'
        "}\n"
    )


def test_mermaid_ids_stay_unique() -> None:
    gov = parse_governance(
        "kind: csprules/governance\nversion: 1\ngroups:\n"
        "  - {id: a-b, name: Dash, tier: board}\n"
        "  - {id: a_b, name: Underscore, tier: board}\n",
        "ids.yaml",
    )
    lines = render_graph(gov, "mermaid").splitlines()
    assert '    g_a_b["Dash<br/>board"]' in lines
    assert '    g_a_b_2["Underscore<br/>board"]' in lines


def test_unknown_format_is_a_usage_error(small: Governance) -> None:
    with pytest.raises(
        UsageError, match=r"^unknown graph format 'svg'; expected one of json, mermaid, dot$"
    ):
        render_graph(small, "svg")  # type: ignore[arg-type]


def test_graph_from_json_locates_bad_json() -> None:
    with pytest.raises(GovernanceError, match=r"^graph\.json:2:15: invalid JSON: Expecting value$"):
        graph_from_json('{\n  "directed": tru\n}', "graph.json")


def test_graph_from_json_checks_edges_and_kind() -> None:
    text = json.dumps({
        "directed": True, "multigraph": False, "graph": {},
        "nodes": [{"id": "a", "name": "A", "tier": "board"}],
        "edges": [{"source": "b", "target": "a"}],
    })
    with pytest.raises(GovernanceError) as caught:
        graph_from_json(text)
    assert str(caught.value).splitlines() == [
        "<json>: field 'kind': expected graph kind 'csprules/governance-graph'; found None",
        "<json>: field 'edges': edge b -> a: expected a known node id; found 'b'",
    ]
