"""The governance file as typed data: groups, theme ownership, lead agencies, related rules.

A :class:`Governance` is what ``governance.yaml`` says, validated; its
:attr:`Governance.graph` is the networkx view (edges run child -> parent).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property
from typing import Any, Self

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from csprules.errors import Location
from csprules.evidence.ids import ID_PATTERN, Id
from csprules.governance.graph import GRAPH_KIND, GRAPH_VERSION
from csprules.governance.tiers import TBC, Role, Tier

_ID = re.compile(ID_PATTERN)

TIER_CHOICES = tuple(t.value for t in Tier)
ROLE_CHOICES = tuple(r.value for r in Role)


def _one_of(value: Any, choices: tuple[str, ...]) -> Any:
    if isinstance(value, str) and value in choices:
        return value
    raise ValueError(f"expected one of {', '.join(choices)}")


class Located(BaseModel):
    """A file entry that remembers where it was written (not a field of the file)."""

    _row: Location | None = PrivateAttr(default=None)

    @property
    def row(self) -> Location | None:
        """Where the entry was written, when it was read from a file."""
        return self._row

    def at(self, row: Location) -> Self:
        """This entry, recording where it was written (used by the loader)."""
        self._row = row
        return self


class Group(Located):
    """A board, delivery group, panel, forum or linked board."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    name: str = Field(min_length=1)
    tier: Tier
    chair: str | None = None
    meets: str | None = None
    """How often it meets, as the plan says: ``quarterly``, ``bi-monthly``, ..."""
    statutory: bool = False
    """True where the plan says the group is statutory."""
    parents: tuple[Id, ...] = ()
    """Ids of the groups it reports to (two or more are allowed)."""
    cited: str | None = None
    note: str | None = None
    """How the entry was read from the plan, e.g. a parent inferred from a chart."""

    @field_validator("tier", mode="before")
    @classmethod
    def _tier(cls, value: Any) -> Any:
        return _one_of(value, TIER_CHOICES)

    @field_validator("parents", mode="before")
    @classmethod
    def _parents(cls, value: Any) -> Any:
        # One parent may be written as a plain string.
        return [value] if isinstance(value, str) else value


class OwnershipEntry(Located):
    """One group's role (lead or support) for one theme; the group may be ``TBC``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: Id
    group: str
    role: Role = Role.LEAD
    cited: str | None = None
    note: str | None = None

    @field_validator("group")
    @classmethod
    def _group(cls, value: str) -> str:
        if value == TBC or (_ID.match(value) and len(value) <= 80):
            return value
        raise ValueError("expected a group id or 'TBC'")

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: Any) -> Any:
        return _one_of(value, ROLE_CHOICES)

    @property
    def is_tbc(self) -> bool:
        return self.group == TBC


class LeadAgency(Located):
    """An agency a plan names as lead for a theme, where it names no group."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: Id
    agency: str = Field(min_length=1)
    cited: str | None = None
    note: str | None = None


class RelatedRule(Located):
    """A shared-ownership rule: ``theme`` is handled through the owner of ``via``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: Id
    via: Id
    reason: str | None = None
    cited: str | None = None


class Governance(BaseModel):
    """A partnership's structure and who owns which theme."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str | None = None
    """The file it was read from, as shown in messages."""
    plan: str | None = None
    """The plan the structure was taken from."""
    groups: tuple[Group, ...]
    ownership: tuple[OwnershipEntry, ...] = ()
    lead_agencies: tuple[LeadAgency, ...] = ()
    related: tuple[RelatedRule, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Governance:
        # The loader reports these with file, line and column; this guards
        # governance built in code.
        ids = [g.id for g in self.groups]
        known = set(ids)
        if len(known) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate group id(s): {', '.join(dupes)}")
        for group in self.groups:
            for parent in group.parents:
                if parent not in known:
                    raise ValueError(f"group '{group.id}': unknown parent '{parent}'")
        for entry in self.ownership:
            if not entry.is_tbc and entry.group not in known:
                raise ValueError(f"ownership of '{entry.theme}': unknown group '{entry.group}'")
        return self

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The networkx DiGraph of the groups (edges run child -> parent), built once.

        Shared by every reader of this governance: treat it as read-only.
        """
        return build_graph(self)

    def group(self, group_id: str) -> Group:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(sorted(g.id for g in self.groups))


def build_graph(governance: Governance) -> nx.DiGraph:
    """The groups as a DiGraph, nodes and edges added in sorted order."""
    leads: dict[str, set[str]] = defaultdict(set)
    supports: dict[str, set[str]] = defaultdict(set)
    tbc: set[str] = set()
    for entry in governance.ownership:
        if entry.is_tbc:
            if entry.role is Role.LEAD:
                tbc.add(entry.theme)
            continue
        (leads if entry.role is Role.LEAD else supports)[entry.group].add(entry.theme)
    graph = nx.DiGraph()
    graph.graph.update({
        "kind": GRAPH_KIND,
        "version": GRAPH_VERSION,
        "plan": governance.plan,
        "tbc": sorted(tbc),
        "lead_agencies": sorted(
            ({"theme": a.theme, "agency": a.agency} for a in governance.lead_agencies),
            key=lambda d: (d["theme"], d["agency"]),
        ),
        "related": sorted(
            ({"theme": r.theme, "via": r.via} for r in governance.related),
            key=lambda d: (d["theme"], d["via"]),
        ),
    })
    groups = sorted(governance.groups, key=lambda g: g.id)
    for group in groups:
        graph.add_node(
            group.id,
            name=group.name,
            tier=group.tier.value,
            chair=group.chair,
            meets=group.meets,
            statutory=group.statutory,
            cited=group.cited,
            note=group.note,
            lead=sorted(leads[group.id]),
            support=sorted(supports[group.id]),
        )
    for group in groups:
        for parent in sorted(set(group.parents)):
            graph.add_edge(group.id, parent)
    return graph
