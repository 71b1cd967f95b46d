"""The five seed partnerships' real governance files load, cite their source and map owners."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from csprules.governance import (
    FindingKind,
    Governance,
    Group,
    LeadAgency,
    OwnershipEntry,
    RelatedRule,
    assign_owners,
    governance_findings,
    load_governance,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

SEED_OF = {
    "ealing-2012": "000_2d2068cf3a2ffcb4.txt",
    "wandsworth-2012": "001_af3dd9581caba03b.txt",
    "tower-hamlets-2008": "002_d723c8df196fdce6.txt",
    "tower-hamlets-2016": "003_a825832bf6e36b8c.txt",
    "havering-2017": "004_24ff2e722479ed65.txt",
}
CITED = re.compile(r"^(\d{3}_[0-9a-f]{16}\.txt):(\d+)$")


def load(name: str, theme_ids: frozenset[str]) -> Governance:
    return load_governance(ROOT / "examples" / name, themes=theme_ids)


def actual_priorities(name: str) -> list[str]:
    data = yaml.safe_load((ROOT / "examples" / name / "actual.yaml").read_text(encoding="utf-8"))
    items = [*data.get("priorities", []), *data.get("cross_cutting", [])]
    return [str(item["theme"]) for item in items]


@pytest.mark.parametrize("name", sorted(SEED_OF))
def test_every_entry_cites_a_line_of_its_seed(name: str, theme_ids: frozenset[str]) -> None:
    gov = load(name, theme_ids)
    entries: list[Group | OwnershipEntry | LeadAgency | RelatedRule] = [
        *gov.groups, *gov.ownership, *gov.lead_agencies, *gov.related,
    ]
    seed_lines: list[str] | None = None
    if (SEEDS / SEED_OF[name]).is_file():
        seed_lines = (SEEDS / SEED_OF[name]).read_text(encoding="utf-8").splitlines()
    for entry in entries:
        assert entry.cited is not None, f"{entry.row}: no 'cited'"
        match = CITED.match(entry.cited)
        assert match is not None, f"{entry.row}: bad cited {entry.cited!r}"
        assert match.group(1) == SEED_OF[name]
        if seed_lines is not None:
            line = int(match.group(2))
            assert 1 <= line <= len(seed_lines), entry.cited
            assert seed_lines[line - 1].strip(), entry.cited


@pytest.mark.parametrize("name", sorted(SEED_OF))
def test_seed_maps_its_actual_priorities(name: str, theme_ids: frozenset[str],
                                         parents: dict[str, str | None]) -> None:
    gov = load(name, theme_ids)
    owners = assign_owners(gov, actual_priorities(name), parents)
    for owner in owners.values():
        assert owner.explanation.startswith(f"'{owner.theme}' ")
        if owner.group is not None:
            assert owner.reaches_board, owner.explanation
            assert owner.chain[0] == owner.group
    findings = governance_findings(gov, actual_priorities(name), parents)
    assert not [f for f in findings if f.kind is FindingKind.CYCLE]


def test_havering_vawg_themes_go_to_the_vawg_strategic_group(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    gov = load("havering-2017", theme_ids)
    owners = assign_owners(gov, ["vawg", "domestic-abuse", "sexual-offences", "cse"], parents)
    for theme in ("vawg", "domestic-abuse", "sexual-offences"):
        assert owners[theme].group == "vawg-strategic-group"
        assert owners[theme].chain == ("vawg-strategic-group", "havering-csp-board")
        assert owners[theme].chain_names == (
            "Violence Against Women & Girls Strategic Group",
            "Havering Community Safety Partnership Board",
        )
    assert owners["vawg"].via == "direct"
    assert owners["domestic-abuse"].via == "parent"
    assert owners["domestic-abuse"].supporting == ("dv-marac",)
    assert owners["cse"].chain == ("mase", "vawg-strategic-group", "havering-csp-board")


def test_havering_has_three_tiers(theme_ids: frozenset[str]) -> None:
    gov = load("havering-2017", theme_ids)
    graph = gov.graph
    delivery = sorted(graph.predecessors("havering-csp-board"))
    assert delivery == [
        "reducing-reoffending-board", "safe-and-sound-business-group",
        "safer-neighbourhood-board", "vawg-strategic-group",
    ]
    assert {graph.nodes[g]["tier"] for g in delivery} == {"delivery_group"}
    operational = [g for g in graph.nodes if graph.nodes[g]["tier"] == "operational"]
    assert len(operational) == 8
    assert all(set(graph.successors(g)) <= set(delivery) for g in operational)


def test_havering_serious_violence_goes_through_gangs(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    owner = assign_owners(load("havering-2017", theme_ids), ["serious-violence"], parents)
    assert (owner["serious-violence"].via, owner["serious-violence"].group) == (
        "related", "reducing-reoffending-board",
    )


def test_tower_hamlets_2016_asb_strategy_group_has_two_parents(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    gov = load("tower-hamlets-2016", theme_ids)
    assert gov.group("asb-strategy-group").parents == ("csp", "housing-forum")
    assert sorted(gov.graph.successors("asb-strategy-group")) == ["csp", "housing-forum"]
    owner = assign_owners(gov, ["asb"], parents)["asb"]
    assert owner.chain == ("asb-strategy-group", "csp")
    messages = [f.message for f in governance_findings(gov, ["asb"], parents)]
    assert (
        "group 'asb-strategy-group' (Anti-Social Behaviour (ASB) Strategy Group) reports to 2 "
        "parents: csp, housing-forum"
    ) in messages


def test_tower_hamlets_2016_prostitution_is_tbc(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    gov = load("tower-hamlets-2016", theme_ids)
    owner = assign_owners(gov, ["prostitution"], parents)["prostitution"]
    assert owner.via == "tbc"
    assert owner.supporting == ("asb-strategy-group", "vawg-steering-group", "prostitution-marac")
    findings = governance_findings(gov, actual_priorities("tower-hamlets-2016"), parents)
    assert [f.message for f in findings if f.kind is FindingKind.TBC_OWNER] == [
        "recommended priority 'prostitution' has only a TBC owner"
    ]


def test_tower_hamlets_2008_programme_boards(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    gov = load("tower-hamlets-2008", theme_ids)
    owners = assign_owners(gov, ["criminal-justice", "domestic-abuse", "drug-supply"], parents)
    assert owners["criminal-justice"].group == "borough-criminal-justice-group"
    assert owners["criminal-justice"].chain == ("borough-criminal-justice-group", "cdrp")
    assert (owners["domestic-abuse"].via, owners["domestic-abuse"].group) == (
        "related", "violent-crime-programme-board",
    )
    assert owners["drug-supply"].chain == (
        "drug-use-supply-programme-board", "daat-board", "cdrp",
    )


def test_wandsworth_names_lead_agencies(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    gov = load("wandsworth-2012", theme_ids)
    owners = assign_owners(gov, ["violence", "serious-violence", "domestic-abuse", "asb"], parents)
    assert (owners["violence"].via, owners["violence"].agency) == ("agency", "Metropolitan Police")
    assert (owners["serious-violence"].via, owners["serious-violence"].agency) == (
        "parent", "Metropolitan Police",
    )
    assert (owners["domestic-abuse"].via, owners["domestic-abuse"].agency) == (
        "related", "Metropolitan Police",
    )
    assert owners["asb"].agency == "Wandsworth Council \u2013 Community Safety"
    assert owners["asb"].supporting == ("asb-steering-group",)


def test_ealing_delivery_plan_owners(
    theme_ids: frozenset[str], parents: dict[str, str | None]
) -> None:
    gov = load("ealing-2012", theme_ids)
    owners = assign_owners(gov, ["prolific-offenders", "hate-crime", "youth-offending"], parents)
    assert owners["prolific-offenders"].chain == ("iom-strategic-group", "safer-ealing-partnership")
    assert owners["hate-crime"].agency == "Hate Crime Coordinator"
    assert owners["youth-offending"].agencies == (
        "Ealing Council YOS & Safeguarding Children", "Metropolitan Police Service",
    )
