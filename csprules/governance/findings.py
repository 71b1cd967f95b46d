"""What a partnership meeting needs to see about its governance.

Each finding names the groups and themes involved, in a fixed wording:

=================  ========  ==========================================================
kind               severity  when
=================  ========  ==========================================================
cycle              error     groups report to each other in a loop (``a -> b -> a``)
unowned            warning   a recommended priority has no owner at all
tbc_owner          warning   a recommended priority's only owner is TBC
operational_only   warning   a recommended priority is owned only by operational groups,
                             none of whose chains has a delivery group or board in it
no_board           warning   a group (other than a board) reaches no board or linked board
overloaded         warning   a group leads more than ``max_per_group`` recommended priorities
owns_nothing       info      a delivery or operational group owns no theme at all
dual_parent        info      a group reports to two or more parents
=================  ========  ==========================================================

Findings are sorted by severity (errors first), kind (in the order above),
then message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from enum import StrEnum

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from pydantic import BaseModel, ConfigDict

from csprules.governance.graph import (
    accountability_chain,
    name_of,
    parents_of,
    reaches_board,
    tier_of,
)
from csprules.governance.model import Governance
from csprules.governance.ownership import Ownership, assign_owners
from csprules.governance.tiers import BOARD_TIERS, STRATEGIC_TIERS, Tier


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingKind(StrEnum):
    CYCLE = "cycle"
    UNOWNED = "unowned"
    TBC_OWNER = "tbc_owner"
    OPERATIONAL_ONLY = "operational_only"
    NO_BOARD = "no_board"
    OVERLOADED = "overloaded"
    OWNS_NOTHING = "owns_nothing"
    DUAL_PARENT = "dual_parent"


_SEVERITY_ORDER = {s: i for i, s in enumerate(Severity)}
_KIND_ORDER = {k: i for i, k in enumerate(FindingKind)}


class GovernanceFinding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: FindingKind
    severity: Severity
    message: str
    groups: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


def governance_findings(
    governance: Governance,
    recommended_theme_ids: Iterable[str],
    parents: Mapping[str, str | None],
    max_per_group: int = 3,
    *,
    ownership: Mapping[str, Ownership] | None = None,
) -> list[GovernanceFinding]:
    """Findings on the structure and on who owns the recommended priorities.

    ``ownership`` is the run's ownership of every theme, when already computed.
    """
    if max_per_group < 0:
        raise ValueError(f"max_per_group must be 0 or more; found {max_per_group}")
    graph = governance.graph
    wanted = list(dict.fromkeys(recommended_theme_ids))
    known = ownership or {}
    missing = [t for t in wanted if t not in known]
    computed = assign_owners(governance, missing, parents) if missing else {}
    owners = {t: known[t] if t in known else computed[t] for t in wanted}
    findings: list[GovernanceFinding] = []
    findings.extend(cycle_findings(graph))
    findings.extend(_owner_findings(owners, graph))
    findings.extend(_structure_findings(governance, graph))
    findings.extend(_overload_findings(owners, graph, max_per_group))
    return sorted(
        findings,
        key=lambda f: (_SEVERITY_ORDER[f.severity], _KIND_ORDER[f.kind], f.message),
    )


def find_cycles(graph: nx.DiGraph) -> list[tuple[str, ...]]:
    """Each reporting cycle once, starting at its alphabetically first group."""
    cycles: set[tuple[str, ...]] = set()
    for cycle in nx.simple_cycles(graph):
        nodes = [str(n) for n in cycle]
        start = nodes.index(min(nodes))
        cycles.add(tuple(nodes[start:] + nodes[:start]))
    return sorted(cycles, key=lambda c: (len(c), c))


def cycle_findings(graph: nx.DiGraph) -> list[GovernanceFinding]:
    return [
        GovernanceFinding(
            kind=FindingKind.CYCLE,
            severity=Severity.ERROR,
            message=f"groups report to each other in a cycle: {' -> '.join((*cycle, cycle[0]))}",
            groups=tuple(sorted(set(cycle))),
        )
        for cycle in find_cycles(graph)
    ]


def _owner_findings(owners: Mapping[str, Ownership], graph: nx.DiGraph) -> list[GovernanceFinding]:
    out: list[GovernanceFinding] = []
    for theme, owner in owners.items():
        if owner.via == "unowned":
            out.append(GovernanceFinding(
                kind=FindingKind.UNOWNED,
                severity=Severity.WARNING,
                message=f"recommended priority '{theme}' has no owner: no group, parent theme, "
                        "related rule or lead agency covers it",
                themes=(theme,),
            ))
        elif owner.via == "tbc":
            inherited = (
                f" (inherited from '{owner.source_theme}')"
                if owner.source_theme not in (None, theme) else ""
            )
            out.append(GovernanceFinding(
                kind=FindingKind.TBC_OWNER,
                severity=Severity.WARNING,
                message=f"recommended priority '{theme}' has only a TBC owner{inherited}",
                groups=owner.supporting,
                themes=(theme,),
            ))
        elif owner.group is not None:
            owning = (owner.group, *owner.co_leads, *owner.supporting)
            if all(tier_of(graph, g) is Tier.OPERATIONAL for g in owning) and not any(
                tier_of(graph, link) in STRATEGIC_TIERS
                for g in owning
                for link in accountability_chain(graph, g)
            ):
                groups = tuple(sorted(owning))
                out.append(GovernanceFinding(
                    kind=FindingKind.OPERATIONAL_ONLY,
                    severity=Severity.WARNING,
                    message=f"recommended priority '{theme}' is owned only by operational "
                            f"group(s) {', '.join(groups)}, with no delivery group or board "
                            "in the accountability chain",
                    groups=groups,
                    themes=(theme,),
                ))
    return out


def _structure_findings(governance: Governance, graph: nx.DiGraph) -> list[GovernanceFinding]:
    owning = {e.group for e in governance.ownership if not e.is_tbc}
    out: list[GovernanceFinding] = []
    for group in sorted(graph.nodes):
        gid = str(group)
        label = f"group '{gid}' ({name_of(graph, gid)})"
        tier = tier_of(graph, gid)
        parents = parents_of(graph, gid)
        if tier not in BOARD_TIERS and not reaches_board(graph, gid):
            chain = accountability_chain(graph, gid)
            where = (
                "it reports to no group" if len(chain) == 1
                else f"its chain {' -> '.join(chain)} ends without one"
            )
            out.append(GovernanceFinding(
                kind=FindingKind.NO_BOARD,
                severity=Severity.WARNING,
                message=f"{label} does not reach a board: {where}",
                groups=tuple(sorted(set(chain))),
            ))
        if tier in (Tier.DELIVERY_GROUP, Tier.OPERATIONAL) and gid not in owning:
            out.append(GovernanceFinding(
                kind=FindingKind.OWNS_NOTHING,
                severity=Severity.INFO,
                message=f"{label} owns no theme",
                groups=(gid,),
            ))
        if len(parents) > 1:
            out.append(GovernanceFinding(
                kind=FindingKind.DUAL_PARENT,
                severity=Severity.INFO,
                message=f"{label} reports to {len(parents)} parents: {', '.join(parents)}",
                groups=(gid, *parents),
            ))
    return out


def _overload_findings(
    owners: Mapping[str, Ownership], graph: nx.DiGraph, limit: int
) -> list[GovernanceFinding]:
    carried: dict[str, set[str]] = defaultdict(set)
    for theme, owner in owners.items():
        if owner.group is not None:
            for group in (owner.group, *owner.co_leads):
                carried[group].add(theme)
    out: list[GovernanceFinding] = []
    for group, themes in sorted(carried.items()):
        if len(themes) > limit:
            listed = tuple(sorted(themes))
            out.append(GovernanceFinding(
                kind=FindingKind.OVERLOADED,
                severity=Severity.WARNING,
                message=f"group '{group}' ({name_of(graph, group)}) carries {len(listed)} "
                        f"recommended priorities, more than {limit}: {', '.join(listed)}",
                groups=(group,),
                themes=listed,
            ))
    return out
