"""Reporting lines that loop are an error wherever governance feeds a report.

:func:`load_governance` still loads a cyclic structure (``graph`` draws it, and
:func:`governance_findings` names it), but an assessment cannot give a theme an
accountability chain that never reaches a board, so every verb that reads a
partnership's governance (``validate FOLDER``, ``recommend``, ...) refuses it here,
located at the first group of each cycle.
"""

from __future__ import annotations

from csprules.errors import GovernanceError, Location, Problem
from csprules.governance.findings import find_cycles
from csprules.governance.model import Governance


def cycle_problems(governance: Governance) -> list[Problem]:
    rows = {g.id: g.row for g in governance.groups}
    return [
        Problem(
            rows.get(cycle[0]) or Location(governance.source or "<governance>"),
            f"group '{cycle[0]}': reporting lines form a cycle: "
            + " -> ".join([*cycle, cycle[0]]),
        )
        for cycle in find_cycles(governance.graph)
    ]


def require_acyclic(governance: Governance) -> Governance:
    """``governance`` itself, or a :class:`GovernanceError` naming every cycle."""
    problems = cycle_problems(governance)
    if problems:
        raise GovernanceError(problems)
    return governance
