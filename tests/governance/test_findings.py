"""Governance findings: exact messages, the groups and themes they name, and their order."""

from __future__ import annotations

import pytest

from csprules.governance import (
    FindingKind,
    GovernanceFinding,
    Severity,
    find_cycles,
    governance_findings,
    parse_governance,
)

HEADER = "kind: csprules/governance\nversion: 1\n"


def findings(
    body: str, recommended: list[str], parents: dict[str, str | None], max_per_group: int = 3
) -> list[GovernanceFinding]:
    return governance_findings(parse_governance(HEADER + body, "gov.yaml"), recommended,
                               parents, max_per_group)


def test_cycle_is_shown_in_full(parents: dict[str, str | None]) -> None:
    body = """\
groups:
  - {id: board, name: Board, tier: board}
  - {id: b-group, name: B Group, tier: delivery_group, parents: [c-group]}
  - {id: c-group, name: C Group, tier: delivery_group, parents: [a-group]}
  - {id: a-group, name: A Group, tier: delivery_group, parents: [b-group]}
ownership:
  - {theme: asb, group: a-group}
  - {theme: vawg, group: b-group}
  - {theme: burglary, group: c-group}
"""
    found = findings(body, [], parents)
    assert found[0] == GovernanceFinding(
        kind=FindingKind.CYCLE,
        severity=Severity.ERROR,
        message="groups report to each other in a cycle: a-group -> b-group -> c-group -> a-group",
        groups=("a-group", "b-group", "c-group"),
    )
    assert [f.kind for f in found] == [FindingKind.CYCLE] + [FindingKind.NO_BOARD] * 3
    assert found[1].message == (
        "group 'a-group' (A Group) does not reach a board: "
        "its chain a-group -> b-group -> c-group ends without one"
    )


def test_two_group_cycle_and_self_loop(parents: dict[str, str | None]) -> None:
    gov = parse_governance(HEADER + """\
groups:
  - {id: board, name: Board, tier: board, parents: [board]}
  - {id: x, name: X, tier: delivery_group, parents: [board, y]}
  - {id: y, name: Y, tier: delivery_group, parents: [x]}
""", "gov.yaml")
    assert find_cycles(gov.graph) == [("board",), ("x", "y")]
    messages = [f.message for f in governance_findings(gov, [], parents)
                if f.kind is FindingKind.CYCLE]
    assert messages == [
        "groups report to each other in a cycle: board -> board",
        "groups report to each other in a cycle: x -> y -> x",
    ]


def test_orphan_does_not_reach_a_board(parents: dict[str, str | None]) -> None:
    body = """\
groups:
  - {id: board, name: Board, tier: board}
  - {id: lscb, name: Safeguarding Children Board, tier: linked_board}
  - {id: cse-group, name: CSE Subgroup, tier: operational, parents: [lscb]}
  - {id: orphan, name: Orphan Panel, tier: operational}
  - {id: forum, name: Residents Forum, tier: consultation, parents: [orphan]}
ownership:
  - {theme: cse, group: cse-group}
  - {theme: asb, group: orphan}
"""
    found = [f for f in findings(body, [], parents) if f.kind is FindingKind.NO_BOARD]
    assert found == [
        GovernanceFinding(
            kind=FindingKind.NO_BOARD,
            severity=Severity.WARNING,
            message="group 'forum' (Residents Forum) does not reach a board: "
                    "its chain forum -> orphan ends without one",
            groups=("forum", "orphan"),
        ),
        GovernanceFinding(
            kind=FindingKind.NO_BOARD,
            severity=Severity.WARNING,
            message="group 'orphan' (Orphan Panel) does not reach a board: "
                    "it reports to no group",
            groups=("orphan",),
        ),
    ]


OVERLOAD = """\
groups:
  - {id: board, name: Board, tier: board}
  - {id: busy, name: Busy Group, tier: delivery_group, parents: [board]}
ownership:
  - {theme: asb, group: busy}
  - {theme: burglary, group: busy}
  - {theme: robbery, group: busy}
  - {theme: vawg, group: busy}
"""


def test_overload_above_n(parents: dict[str, str | None]) -> None:
    recommended = ["asb", "burglary", "robbery", "vawg", "domestic-abuse"]
    found = [f for f in findings(OVERLOAD, recommended, parents)
             if f.kind is FindingKind.OVERLOADED]
    assert found == [GovernanceFinding(
        kind=FindingKind.OVERLOADED,
        severity=Severity.WARNING,
        message="group 'busy' (Busy Group) carries 5 recommended priorities, more than 3: "
                "asb, burglary, domestic-abuse, robbery, vawg",
        groups=("busy",),
        themes=("asb", "burglary", "domestic-abuse", "robbery", "vawg"),
    )]


@pytest.mark.parametrize(("limit", "expected"), [(3, 1), (4, 0), (0, 1)])
def test_overload_limit_is_a_parameter(
    parents: dict[str, str | None], limit: int, expected: int
) -> None:
    found = findings(OVERLOAD, ["asb", "burglary", "robbery", "vawg"], parents,
                     max_per_group=limit)
    assert sum(f.kind is FindingKind.OVERLOADED for f in found) == expected


def test_negative_limit_is_refused(parents: dict[str, str | None]) -> None:
    with pytest.raises(ValueError, match=r"^max_per_group must be 0 or more; found -1$"):
        findings(OVERLOAD, [], parents, max_per_group=-1)


def test_tbc_and_unowned_recommended_priorities(parents: dict[str, str | None]) -> None:
    body = """\
groups:
  - {id: board, name: Board, tier: board}
  - {id: vawg-group, name: VAWG Group, tier: delivery_group, parents: [board]}
ownership:
  - {theme: prostitution, group: TBC}
  - {theme: prostitution, group: vawg-group, role: support}
  - {theme: vawg, group: TBC}
"""
    found = findings(body, ["prostitution", "sexual-offences", "fraud"], parents)
    assert found == [
        GovernanceFinding(
            kind=FindingKind.UNOWNED,
            severity=Severity.WARNING,
            message="recommended priority 'fraud' has no owner: no group, parent theme, "
                    "related rule or lead agency covers it",
            themes=("fraud",),
        ),
        GovernanceFinding(
            kind=FindingKind.TBC_OWNER,
            severity=Severity.WARNING,
            message="recommended priority 'prostitution' has only a TBC owner",
            groups=("vawg-group",),
            themes=("prostitution",),
        ),
        GovernanceFinding(
            kind=FindingKind.TBC_OWNER,
            severity=Severity.WARNING,
            message="recommended priority 'sexual-offences' has only a TBC owner "
                    "(inherited from 'vawg')",
            themes=("sexual-offences",),
        ),
    ]


def test_operational_only_owner(parents: dict[str, str | None]) -> None:
    body = """\
groups:
  - {id: board, name: Board, tier: board}
  - {id: hwb, name: Health and Wellbeing Board, tier: linked_board}
  - {id: dip-panel, name: DIP Panel, tier: operational, parents: [hwb]}
  - {id: asb-panel, name: ASB Panel, tier: operational, parents: [board]}
ownership:
  - {theme: substance-misuse, group: dip-panel}
  - {theme: asb, group: asb-panel}
"""
    found = findings(body, ["substance-misuse", "alcohol-harm", "asb"], parents)
    assert found == [
        GovernanceFinding(
            kind=FindingKind.OPERATIONAL_ONLY,
            severity=Severity.WARNING,
            message="recommended priority 'alcohol-harm' is owned only by operational group(s) "
                    "dip-panel, with no delivery group or board in the accountability chain",
            groups=("dip-panel",),
            themes=("alcohol-harm",),
        ),
        GovernanceFinding(
            kind=FindingKind.OPERATIONAL_ONLY,
            severity=Severity.WARNING,
            message="recommended priority 'substance-misuse' is owned only by operational "
                    "group(s) dip-panel, with no delivery group or board in the accountability "
                    "chain",
            groups=("dip-panel",),
            themes=("substance-misuse",),
        ),
    ]


def test_owns_nothing_and_dual_parent_are_informational(parents: dict[str, str | None]) -> None:
    body = """\
groups:
  - {id: csp, name: CSP, tier: board}
  - {id: housing-forum, name: Housing Forum, tier: linked_board}
  - {id: asb-group, name: ASB Strategy Group, tier: delivery_group, parents: [housing-forum, csp]}
  - {id: idle, name: Idle Group, tier: delivery_group, parents: [csp]}
  - {id: pcsf, name: Police and Community Safety Forum, tier: consultation, parents: [csp]}
ownership:
  - {theme: asb, group: asb-group}
"""
    found = findings(body, ["asb"], parents)
    assert found == [
        GovernanceFinding(
            kind=FindingKind.OWNS_NOTHING,
            severity=Severity.INFO,
            message="group 'idle' (Idle Group) owns no theme",
            groups=("idle",),
        ),
        GovernanceFinding(
            kind=FindingKind.DUAL_PARENT,
            severity=Severity.INFO,
            message="group 'asb-group' (ASB Strategy Group) reports to 2 parents: "
                    "csp, housing-forum",
            groups=("asb-group", "csp", "housing-forum"),
        ),
    ]


def test_findings_are_sorted_errors_first(parents: dict[str, str | None]) -> None:
    body = """\
groups:
  - {id: board, name: Board, tier: board}
  - {id: p, name: P, tier: delivery_group, parents: [q, board]}
  - {id: q, name: Q, tier: delivery_group, parents: [p]}
"""
    found = findings(body, ["fraud"], parents)
    assert [(f.severity.value, f.kind.value) for f in found] == [
        ("error", "cycle"),
        ("warning", "unowned"),
        ("info", "owns_nothing"),
        ("info", "owns_nothing"),
        ("info", "dual_parent"),
    ]
