"""A bad governance file gives one located message per problem, all of them at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from csprules.errors import GovernanceError
from csprules.governance import Tier, load_governance, parse_governance

WriteGov = Callable[[str], Path]

TWO_GROUPS = """
groups:
  - id: csp
    name: Community Safety Partnership
    tier: board
  - id: panel
    name: ASB Panel
    tier: operational
    parents: [csp]
"""


def messages(error: GovernanceError) -> list[str]:
    return str(error).splitlines()


def test_unknown_parent_is_located_with_did_you_mean(write_gov: WriteGov) -> None:
    path = write_gov(TWO_GROUPS.replace("parents: [csp]", "parents: [cps]"))
    with pytest.raises(GovernanceError) as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:10:15: field 'parents': expected a known group id; found 'cps' "
        "(did you mean 'csp'?)"
    ]
    assert caught.value.line == 10
    assert caught.value.suggestion == "csp"


def test_bad_tier_is_located_with_did_you_mean(write_gov: WriteGov) -> None:
    path = write_gov(TWO_GROUPS.replace("tier: operational", "tier: operatonal"))
    with pytest.raises(GovernanceError, match=r"^.*governance\.yaml:9:11: ") as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:9:11: field 'tier': expected one of board, delivery_group, operational, "
        "consultation, linked_board; found 'operatonal' (did you mean 'operational'?)"
    ]


def test_every_problem_is_reported_in_file_order(write_gov: WriteGov) -> None:
    path = write_gov("""
        groups:
          - id: csp
            name: Community Safety Partnership
            tier: bord
          - id: panel
            name: ASB Panel
            tier: operational
            parents: [csp, housing-forum]
            chiar: Head of Community Safety
          - id: csp
            name: Duplicate
            tier: board
        ownership:
          - {theme: asb, group: pannel}
          - {theme: asb, group: tbc, role: lead}
          - {theme: vawg, group: csp, role: owner}
        lead_agencies:
          - {theme: violence, agency: Metropolitan Police}
          - {theme: violence, agency: Metropolitan Police}
        related:
          - {theme: arson, via: arson}
    """)
    with pytest.raises(GovernanceError) as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:6:11: field 'tier': expected one of board, delivery_group, operational, "
        "consultation, linked_board; found 'bord' (did you mean 'board'?)",
        f"{path}:10:20: field 'parents': expected a known group id; found 'housing-forum'",
        f"{path}:11:12: field 'chiar': unknown field; expected one of chair, cited, id, meets, "
        "name, note, parents, statutory, tier (did you mean 'chair'?)",
        f"{path}:12:9: field 'id': duplicate group id 'csp' (first defined at {path}:4:9)",
        f"{path}:16:25: field 'group': expected a known group id or 'TBC'; found 'pannel' "
        "(did you mean 'panel'?)",
        f"{path}:17:25: field 'group': expected a known group id or 'TBC'; found 'tbc' "
        "(did you mean 'TBC'?)",
        f"{path}:18:37: field 'role': expected one of lead, support; found 'owner'",
        f"{path}:21:31: field 'agency': agency 'Metropolitan Police' is already named for "
        f"theme 'violence' (at {path}:20:31)",
        f"{path}:23:25: field 'via': expected another theme; found 'arson', the theme itself",
    ]
    assert len(caught.value.problems) == 9


def test_unknown_theme_is_an_error_when_themes_are_given(
    write_gov: WriteGov, theme_ids: frozenset[str]
) -> None:
    path = write_gov(TWO_GROUPS + "ownership:\n  - {theme: burglery, group: panel}\n")
    assert load_governance(path).ownership[0].theme == "burglery"  # no theme list: not checked
    with pytest.raises(GovernanceError) as caught:
        load_governance(path, themes=theme_ids)
    assert messages(caught.value) == [
        f"{path}:12:13: field 'theme': expected a known theme id; found 'burglery' "
        "(did you mean 'burglary'?)"
    ]


def test_unknown_top_level_field(write_gov: WriteGov) -> None:
    path = write_gov(TWO_GROUPS + "owners: []\n")
    with pytest.raises(GovernanceError) as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:11:9: field 'owners': unknown field; expected one of kind, version, plan, "
        "groups, ownership, lead_agencies, related (did you mean 'ownership'?)"
    ]


def test_unknown_version_lists_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text("kind: csprules/governance\nversion: 2\ngroups: []\n", encoding="utf-8")
    with pytest.raises(GovernanceError) as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:2:10: field 'version': unknown governance format version 2; supported: 1"
    ]


def test_wrong_kind(tmp_path: Path) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text("kind: csprules/drivers\nversion: 1\n", encoding="utf-8")
    with pytest.raises(GovernanceError) as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:1:7: field 'kind': expected 'kind: csprules/governance'; "
        "found 'csprules/drivers'"
    ]


def test_no_groups(write_gov: WriteGov) -> None:
    path = write_gov("groups: []\n")
    with pytest.raises(GovernanceError) as caught:
        load_governance(path)
    assert messages(caught.value) == [
        f"{path}:3:9: field 'groups': expected at least one group; found none"
    ]


def test_folder_without_governance_file(tmp_path: Path) -> None:
    with pytest.raises(GovernanceError) as caught:
        load_governance(tmp_path)
    assert messages(caught.value) == [
        f"{tmp_path}: expected a folder containing governance.yaml; found none"
    ]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(GovernanceError) as caught:
        load_governance(tmp_path / "nowhere.yaml")
    assert messages(caught.value) == [f"{tmp_path / 'nowhere.yaml'}: no such file or folder"]


def test_aliases_are_refused() -> None:
    text = (
        "kind: csprules/governance\nversion: 1\n"
        "groups:\n  - &g {id: csp, name: CSP, tier: board}\n  - *g\n"
    )
    with pytest.raises(GovernanceError) as caught:
        parse_governance(text, "gov.yaml")
    assert messages(caught.value) == [
        "gov.yaml:4:5: expected plain YAML; found an anchor or alias (&/*), "
        "which csprules does not allow"
    ]


def test_folder_and_single_parent_string(write_gov: WriteGov) -> None:
    path = write_gov(TWO_GROUPS.replace("parents: [csp]", "parents: csp"))
    governance = load_governance(path.parent)
    assert governance.group("panel").parents == ("csp",)
    assert governance.group("panel").tier is Tier.OPERATIONAL
    assert governance.source == str(path)


def test_cycle_loads(write_gov: WriteGov) -> None:
    path = write_gov("""
        groups:
          - {id: a, name: A, tier: delivery_group, parents: [b]}
          - {id: b, name: B, tier: delivery_group, parents: [a]}
    """)
    governance = load_governance(path)
    assert sorted(governance.graph.edges) == [("a", "b"), ("b", "a")]


def test_governance_built_in_code_checks_references() -> None:
    from pydantic import ValidationError

    from csprules.governance import Governance, Group

    with pytest.raises(ValidationError, match="group 'panel': unknown parent 'cps'"):
        Governance(groups=(
            Group(id="csp", name="CSP", tier=Tier.BOARD),
            Group(id="panel", name="Panel", tier=Tier.OPERATIONAL, parents=("cps",)),
        ))
