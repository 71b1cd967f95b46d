"""Governance: the partnership's groups, who owns which theme, and what the meeting
needs to see about it.

>>> from csprules.evidence.catalogue import default_catalogue
>>> from csprules.governance import assign_owners, load_governance
>>> gov = load_governance("examples/havering-2017/governance.yaml")
>>> parents = {t.id: t.parent for t in default_catalogue()}
>>> owner = assign_owners(gov, ["domestic-abuse"], parents)["domestic-abuse"]
>>> owner.via, owner.group, owner.chain
('parent', 'vawg-strategic-group', ('vawg-strategic-group', 'havering-csp-board'))
"""

from __future__ import annotations

from csprules.governance.acyclic import require_acyclic
from csprules.governance.findings import (
    FindingKind,
    GovernanceFinding,
    Severity,
    find_cycles,
    governance_findings,
)
from csprules.governance.graph import accountability_chain
from csprules.governance.json_graph import graph_from_json
from csprules.governance.load import load_governance, parse_governance
from csprules.governance.model import (
    Governance,
    Group,
    LeadAgency,
    OwnershipEntry,
    RelatedRule,
)
from csprules.governance.ownership import Ownership, Via, assign_owners
from csprules.governance.render import GraphFormat, render_graph
from csprules.governance.tiers import Role, Tier

__all__ = [
    "FindingKind",
    "Governance",
    "GovernanceFinding",
    "GraphFormat",
    "Group",
    "LeadAgency",
    "Ownership",
    "OwnershipEntry",
    "RelatedRule",
    "Role",
    "Severity",
    "Tier",
    "Via",
    "accountability_chain",
    "assign_owners",
    "find_cycles",
    "governance_findings",
    "graph_from_json",
    "load_governance",
    "parse_governance",
    "render_graph",
    "require_acyclic",
]
