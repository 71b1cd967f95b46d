"""Mapping each theme to its responsible group: direct, parent, related, agency, TBC, unowned."""

from __future__ import annotations

import pytest

from csprules.governance import Governance, Role, assign_owners, parse_governance

TEXT = """\
kind: csprules/governance
version: 1
groups:
  - {id: board, name: Partnership Board, tier: board}
  - {id: vawg-group, name: VAWG Group, tier: delivery_group, parents: [board]}
  - {id: marac, name: MARAC, tier: operational, parents: [vawg-group]}
  - {id: cj-group, name: Criminal Justice Group, tier: delivery_group, parents: [board]}
  - {id: rrb, name: Reducing Reoffending Board, tier: delivery_group, parents: [board]}
  - {id: tasking, name: Tasking Group, tier: operational, parents: [board]}
  - {id: floating, name: Floating Panel, tier: operational}
ownership:
  - {theme: vawg, group: vawg-group}
  - {theme: domestic-abuse, group: marac, role: support}
  - {theme: reoffending, group: rrb}
  - {theme: prostitution, group: TBC}
  - {theme: stalking-harassment, group: TBC}
  - {theme: asb, group: tasking, role: support}
  - {theme: violence, group: tasking}
  - {theme: violence, group: cj-group}
  - {theme: road-safety, group: floating}
lead_agencies:
  - {theme: burglary, agency: Metropolitan Police}
  - {theme: serious-acquisitive, agency: Metropolitan Police}
  - {theme: young-people, agency: "Children's Services"}
  - {theme: harmful-practices, agency: Council VAWG team}
  - {theme: all-crime, agency: Metropolitan Police}
  - {theme: all-crime, agency: Council Community Safety}
related:
  - {theme: criminal-justice, via: reoffending, reason: sanctioned detections go to the RRB}
  - {theme: youth-offending, via: young-people}
  - {theme: hate-crime, via: prostitution}
  - {theme: sexual-offences, via: reoffending}
  - {theme: theft, via: fraud}
  - {theme: fraud, via: theft}
"""


@pytest.fixture
def gov() -> Governance:
    return parse_governance(TEXT, "gov.yaml")


def test_direct_lead_with_chain_to_the_board(
    gov: Governance, parents: dict[str, str | None]
) -> None:
    owner = assign_owners(gov, ["vawg"], parents)["vawg"]
    assert (owner.via, owner.group, owner.group_name, owner.role) == (
        "direct", "vawg-group", "VAWG Group", Role.LEAD,
    )
    assert owner.chain == ("vawg-group", "board")
    assert owner.chain_names == ("VAWG Group", "Partnership Board")
    assert owner.reaches_board
    assert owner.explanation == (
        "'vawg' is led directly by VAWG Group (vawg-group). "
        "Accountability: VAWG Group -> Partnership Board."
    )


def test_mapping_via_parent_theme(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["domestic-abuse"], parents)["domestic-abuse"]
    assert (owner.via, owner.group, owner.source_theme) == ("parent", "vawg-group", "vawg")
    assert owner.supporting == ("marac",)
    assert owner.explanation == (
        "'domestic-abuse' has no lead of its own; it falls under parent theme 'vawg', led by "
        "VAWG Group (vawg-group). Accountability: VAWG Group -> Partnership Board. "
        "Supported by MARAC (marac)."
    )


def test_mapping_via_related_rule(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["criminal-justice"], parents)["criminal-justice"]
    assert (owner.via, owner.group, owner.source_theme) == ("related", "rrb", "reoffending")
    assert owner.chain == ("rrb", "board")
    assert owner.explanation == (
        "'criminal-justice' is handled through the owner of 'reoffending' (sanctioned "
        "detections go to the RRB), which is Reducing Reoffending Board (rrb). "
        "Accountability: Reducing Reoffending Board -> Partnership Board."
    )


def test_mapping_via_agency(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["burglary"], parents)["burglary"]
    assert (owner.via, owner.group, owner.agency, owner.chain) == (
        "agency", None, "Metropolitan Police", (),
    )
    assert owner.explanation == (
        "'burglary' has no owning group; the plan names Metropolitan Police as lead agency."
    )


def test_several_agencies_are_named_together(
    gov: Governance, parents: dict[str, str | None]
) -> None:
    owner = assign_owners(gov, ["all-crime"], parents)["all-crime"]
    assert owner.agencies == ("Council Community Safety", "Metropolitan Police")
    assert owner.agency == "Council Community Safety and Metropolitan Police"
    assert owner.explanation.endswith(
        "the plan names Council Community Safety and Metropolitan Police as lead agencies."
    )


def test_agency_of_a_parent_theme(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["robbery"], parents)["robbery"]
    assert (owner.via, owner.agency, owner.source_theme) == (
        "parent", "Metropolitan Police", "serious-acquisitive",
    )
    assert owner.explanation == (
        "'robbery' has no owning group; it falls under parent theme 'serious-acquisitive', "
        "whose lead agency is Metropolitan Police."
    )


def test_agency_of_a_related_theme(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["youth-offending"], parents)["youth-offending"]
    assert (owner.via, owner.group, owner.agency) == ("related", None, "Children's Services")
    assert owner.is_owned


def test_tbc_owner(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["prostitution"], parents)["prostitution"]
    assert (owner.via, owner.group, owner.role) == ("tbc", None, Role.LEAD)
    assert not owner.is_owned
    assert owner.explanation == (
        "'prostitution' has its lead marked TBC: no group has yet been agreed."
    )


def test_tbc_through_a_related_rule(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["hate-crime"], parents)["hate-crime"]
    assert (owner.via, owner.source_theme) == ("tbc", "prostitution")
    assert owner.explanation == (
        "'hate-crime' is handled through the owner of 'prostitution', whose lead is marked TBC."
    )


def test_support_only(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["asb"], parents)["asb"]
    assert (owner.via, owner.group, owner.role, owner.chain) == (
        "direct", "tasking", Role.SUPPORT, ("tasking", "board"),
    )
    assert owner.explanation == (
        "'asb' has no lead; Tasking Group (tasking) supports it and is taken as its owner. "
        "Accountability: Tasking Group -> Partnership Board."
    )


def test_unowned(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["modern-slavery"], parents)["modern-slavery"]
    assert (owner.via, owner.group, owner.role, owner.agency) == ("unowned", None, None, None)
    assert owner.explanation == (
        "'modern-slavery' has no owner: no group leads it or its parent themes, no related rule "
        "leads to an owner, and no lead agency is named."
    )


def test_co_leads_most_strategic_first(gov: Governance, parents: dict[str, str | None]) -> None:
    owners = assign_owners(gov, ["violence", "serious-violence"], parents)
    assert (owners["violence"].group, owners["violence"].co_leads) == ("cj-group", ("tasking",))
    assert owners["violence"].explanation.endswith("Co-led with Tasking Group (tasking).")
    assert (owners["serious-violence"].via, owners["serious-violence"].group) == (
        "parent", "cj-group",
    )


def test_group_not_reaching_a_board(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["road-safety"], parents)["road-safety"]
    assert owner.chain == ("floating",)
    assert not owner.reaches_board
    assert owner.explanation.endswith("Accountability: Floating Panel (does not reach a board).")


# Precedence: one named test per conflict pair.


def test_own_tbc_beats_parent_lead(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["stalking-harassment"], parents)["stalking-harassment"]
    assert owner.via == "tbc"


def test_parent_lead_beats_related_rule(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["sexual-offences"], parents)["sexual-offences"]
    assert (owner.via, owner.group) == ("parent", "vawg-group")


def test_parent_group_beats_own_agency(gov: Governance, parents: dict[str, str | None]) -> None:
    owner = assign_owners(gov, ["harmful-practices"], parents)["harmful-practices"]
    assert (owner.via, owner.group, owner.agency) == ("parent", "vawg-group", None)


def test_related_cycle_ends_unowned(gov: Governance, parents: dict[str, str | None]) -> None:
    owners = assign_owners(gov, ["theft", "fraud"], parents)
    assert [o.via for o in owners.values()] == ["unowned", "unowned"]


def test_theme_parent_cycle_does_not_hang(gov: Governance) -> None:
    owner = assign_owners(gov, ["arson"], {"arson": "asb", "asb": "arson"})["arson"]
    assert (owner.via, owner.group, owner.role) == ("unowned", None, None)


def test_order_is_kept_and_repeats_dropped(
    gov: Governance, parents: dict[str, str | None]
) -> None:
    owners = assign_owners(gov, ["vawg", "asb", "vawg", "burglary"], parents)
    assert list(owners) == ["vawg", "asb", "burglary"]
