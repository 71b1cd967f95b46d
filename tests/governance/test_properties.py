"""Invariants: the order a governance file is written in changes no output, and the
JSON export always reads back as the same graph."""

from __future__ import annotations

from operator import eq
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from csprules.evidence.catalogue import default_catalogue
from csprules.governance import (
    Tier,
    assign_owners,
    governance_findings,
    graph_from_json,
    parse_governance,
    render_graph,
)

CATALOGUE = default_catalogue()
PARENTS = {t.id: t.parent for t in CATALOGUE}
THEMES = sorted(PARENTS)
GROUP_IDS = ["board", "vawg-group", "rrb", "asb_panel", "asb-panel", "forum", "lscb", "x1"]
NAMES = st.text(
    alphabet=st.sampled_from([*"Aa Zz09&<>\"'[](){}|#`\\;:-\u2013\u00e9\u00b7", "\n", "\t"]),
    min_size=1, max_size=20,
)


@st.composite
def governance_data(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(st.sampled_from(GROUP_IDS), min_size=1, max_size=len(GROUP_IDS),
                        unique=True))
    groups = []
    for gid in ids:
        group: dict[str, Any] = {
            "id": gid,
            "name": draw(NAMES),
            "tier": draw(st.sampled_from([t.value for t in Tier])),
            "parents": draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)),
        }
        if draw(st.booleans()):
            group["statutory"] = True
        if draw(st.booleans()):
            group["meets"] = draw(st.sampled_from(["quarterly", "monthly", "bi-monthly"]))
        groups.append(group)
    owners = draw(st.lists(
        st.tuples(st.sampled_from(THEMES), st.sampled_from([*ids, "TBC"]),
                  st.sampled_from(["lead", "support"])),
        max_size=12, unique_by=lambda o: (o[0], o[1]),
    ))
    agencies = draw(st.lists(
        st.tuples(st.sampled_from(THEMES), st.sampled_from(["Police", "Council", "Probation"])),
        max_size=5, unique=True,
    ))
    related = draw(st.lists(
        st.tuples(st.sampled_from(THEMES), st.sampled_from(THEMES)).filter(lambda r: r[0] != r[1]),
        max_size=5, unique=True,
    ))
    return {
        "kind": "csprules/governance",
        "version": 1,
        "groups": groups,
        "ownership": [{"theme": t, "group": g, "role": r} for t, g, r in owners],
        "lead_agencies": [{"theme": t, "agency": a} for t, a in agencies],
        "related": [{"theme": t, "via": v} for t, v in related],
    }


def shuffled(data: dict[str, Any], rnd: Any) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("groups", "ownership", "lead_agencies",
                                                      "related")}
    groups = [{**g, "parents": rnd.sample(g["parents"], len(g["parents"]))}
              for g in data["groups"]]
    for key, items in (("related", data["related"]), ("lead_agencies", data["lead_agencies"]),
                       ("ownership", data["ownership"]), ("groups", groups)):
        out[key] = rnd.sample(items, len(items))
    return out


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@settings(max_examples=60, deadline=None)
@given(data=governance_data(), rnd=st.randoms(use_true_random=False))
def test_order_of_the_file_changes_no_output(data: dict[str, Any], rnd: Any) -> None:
    first = parse_governance(dump(data), "a.yaml")
    second = parse_governance(dump(shuffled(data, rnd)), "b.yaml")
    for fmt in ("json", "mermaid", "dot"):
        assert render_graph(first, fmt) == render_graph(second, fmt)
    recommended = THEMES[::3]
    assert assign_owners(first, recommended, PARENTS) == assign_owners(second, recommended, PARENTS)
    assert governance_findings(first, recommended, PARENTS) == governance_findings(
        second, recommended, PARENTS
    )


@settings(max_examples=60, deadline=None)
@given(data=governance_data())
def test_json_export_reads_back_as_the_same_graph(data: dict[str, Any]) -> None:
    gov = parse_governance(dump(data), "a.yaml")
    text = render_graph(gov, "json")
    back = graph_from_json(text)
    assert nx.is_isomorphic(gov.graph, back, node_match=eq, edge_match=eq)
    assert dict(back.nodes(data=True)) == dict(gov.graph.nodes(data=True))
    assert render_graph(back, "json") == text
    assert render_graph(back, "mermaid") == render_graph(gov, "mermaid")
    assert render_graph(back, "dot") == render_graph(gov, "dot")


@settings(max_examples=60, deadline=None)
@given(data=governance_data())
def test_every_owning_group_has_a_chain_from_itself(data: dict[str, Any]) -> None:
    gov = parse_governance(dump(data), "a.yaml")
    for owner in assign_owners(gov, THEMES, PARENTS).values():
        if owner.group is None:
            assert owner.chain == ()
        else:
            assert owner.chain[0] == owner.group
            assert len(set(owner.chain)) == len(owner.chain)
            assert all(b in gov.group(a).parents for a, b in zip(owner.chain, owner.chain[1:],
                                                                 strict=False))
