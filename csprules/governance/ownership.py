"""Who is responsible for each theme, and how that was worked out.

For each theme, in this order:

1. ``direct``: a group the governance file names as the theme's lead;
2. ``tbc``: the theme's own lead is marked ``TBC`` (an explicit "not yet
   agreed" on the theme outranks anything inherited);
3. ``parent``: the nearest parent theme (``parents`` maps theme -> parent)
   with a lead group;
4. ``related``: a ``related`` rule whose other theme resolves to a group;
5. a lead agency: the theme's own (``agency``), else a parent theme's
   (``parent``), else a related theme's (``related``);
6. ``tbc``: a parent or related theme whose lead is TBC;
7. ``direct`` with role ``support``: the theme has only supporting groups;
8. ``unowned``.

Several lead groups for one theme are ordered most strategic first (board,
delivery group, linked board, operational, consultation), then by id.  The
accountability chain runs from the owning group up to the nearest board.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from pydantic import BaseModel, ConfigDict

from csprules.governance.graph import accountability_chain, name_of, tier_of
from csprules.governance.model import Governance, RelatedRule
from csprules.governance.tiers import BOARD_TIERS, LEAD_PREFERENCE, Role

Via = Literal["direct", "parent", "related", "agency", "tbc", "unowned"]


class Ownership(BaseModel):
    """The group (or agency) responsible for one theme, with its accountability chain."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    group: str | None
    """Id of the responsible group, or None (agency, TBC or unowned)."""
    group_name: str | None
    role: Role | None
    """``lead``, or ``support`` when only supporting groups are named."""
    via: Via
    source_theme: str | None
    """The theme whose owner was used: the theme itself, a parent or a related theme."""
    agency: str | None
    """The lead agency (several are joined with ' and ') when no group owns the theme."""
    agencies: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()
    """Group ids from the owner up to the board."""
    chain_names: tuple[str, ...] = ()
    reaches_board: bool = False
    co_leads: tuple[str, ...] = ()
    """Other lead groups of the same theme."""
    supporting: tuple[str, ...] = ()
    """Groups named in a supporting role for the theme."""
    explanation: str

    @property
    def is_owned(self) -> bool:
        return self.via not in ("tbc", "unowned")


@dataclass
class _Index:
    leads: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    supports: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tbc: set[str] = field(default_factory=set)
    agencies: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    related: dict[str, list[RelatedRule]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True)
class _Found:
    kind: Literal["group", "agency", "tbc", "none"]
    via: Via
    source: str | None = None
    groups: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    rule: RelatedRule | None = None
    role: Role = Role.LEAD


def assign_owners(
    governance: Governance,
    theme_ids: Iterable[str],
    parents: Mapping[str, str | None],
) -> dict[str, Ownership]:
    """The responsible group for each theme, in the order given.

    ``parents`` maps a theme id to its parent theme id (None or absent for a
    top-level theme), e.g. ``{t.id: t.parent for t in default_catalogue()}``.
    """
    graph = governance.graph
    index = _index(governance, graph)
    out: dict[str, Ownership] = {}
    for theme in theme_ids:
        if theme not in out:
            found = _resolve(theme, index, parents, frozenset())
            out[theme] = _ownership(theme, found, index, graph)
    return out


def _index(governance: Governance, graph: nx.DiGraph) -> _Index:
    index = _Index()
    for entry in governance.ownership:
        if entry.is_tbc:
            if entry.role is Role.LEAD:
                index.tbc.add(entry.theme)
        elif entry.role is Role.LEAD:
            index.leads[entry.theme].append(entry.group)
        else:
            index.supports[entry.theme].append(entry.group)
    for agency in governance.lead_agencies:
        index.agencies[agency.theme].append(agency.agency)
    for rule in governance.related:
        index.related[rule.theme].append(rule)

    def preference(group: str) -> tuple[int, str]:
        return (LEAD_PREFERENCE[tier_of(graph, group)], group)

    for theme, groups in list(index.leads.items()):
        index.leads[theme] = sorted(set(groups), key=preference)
    for theme, groups in list(index.supports.items()):
        index.supports[theme] = sorted(set(groups) - set(index.leads.get(theme, ())),
                                       key=preference)
    for theme, names in list(index.agencies.items()):
        index.agencies[theme] = sorted(set(names))
    for theme, rules in list(index.related.items()):
        index.related[theme] = sorted(rules, key=lambda r: r.via)
    return index


def _ancestors(theme: str, parents: Mapping[str, str | None]) -> list[str]:
    out: list[str] = []
    node = parents.get(theme)
    while node is not None and node != theme and node not in out:
        out.append(node)
        node = parents.get(node)
    return out


def _resolve(
    theme: str, index: _Index, parents: Mapping[str, str | None], visiting: frozenset[str]
) -> _Found:
    leads = index.leads.get(theme)
    if leads:
        return _Found("group", "direct", theme, tuple(leads))
    if theme in index.tbc:
        return _Found("tbc", "tbc", theme)
    ancestors = _ancestors(theme, parents)
    for ancestor in ancestors:
        if index.leads.get(ancestor):
            return _Found("group", "parent", ancestor, tuple(index.leads[ancestor]))
    visiting = visiting | {theme}
    inner: list[tuple[RelatedRule, _Found]] = [
        (rule, _resolve(rule.via, index, parents, visiting))
        for rule in index.related.get(theme, ())
        if rule.via not in visiting
    ]
    for rule, found in inner:
        if found.kind == "group" and found.role is Role.LEAD:
            return _Found("group", "related", rule.via, found.groups, rule=rule)
    if index.agencies.get(theme):
        return _Found("agency", "agency", theme, agencies=tuple(index.agencies[theme]))
    for ancestor in ancestors:
        if index.agencies.get(ancestor):
            return _Found("agency", "parent", ancestor, agencies=tuple(index.agencies[ancestor]))
    for rule, found in inner:
        if found.kind == "agency":
            return _Found("agency", "related", rule.via, agencies=found.agencies, rule=rule)
    for ancestor in ancestors:
        if ancestor in index.tbc:
            return _Found("tbc", "tbc", ancestor)
    for rule, found in inner:
        if found.kind == "tbc":
            return _Found("tbc", "tbc", rule.via, rule=rule)
    supports = index.supports.get(theme)
    if supports:
        return _Found("group", "direct", theme, tuple(supports), role=Role.SUPPORT)
    return _Found("none", "unowned")


def _ownership(theme: str, found: _Found, index: _Index, graph: nx.DiGraph) -> Ownership:
    supporting = tuple(index.supports.get(theme, ()))
    group = found.groups[0] if found.groups else None
    co_leads: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()
    if group is not None:
        co_leads = found.groups[1:]
        if found.role is Role.SUPPORT:
            supporting, co_leads = found.groups[1:], ()
        supporting = tuple(g for g in supporting if g != group and g not in co_leads)
        chain = accountability_chain(graph, group)
    agency = " and ".join(found.agencies) if found.agencies else None
    reaches = bool(chain) and tier_of(graph, chain[-1]) in BOARD_TIERS
    return Ownership(
        theme=theme,
        group=group,
        group_name=name_of(graph, group) if group is not None else None,
        role=None if found.kind == "none" else found.role,
        via=found.via,
        source_theme=found.source,
        agency=agency,
        agencies=found.agencies,
        chain=chain,
        chain_names=tuple(name_of(graph, g) for g in chain),
        reaches_board=reaches,
        co_leads=co_leads,
        supporting=supporting,
        explanation=_explain(theme, found, group, co_leads, supporting, chain, reaches, graph),
    )


def _explain(
    theme: str,
    found: _Found,
    group: str | None,
    co_leads: tuple[str, ...],
    supporting: tuple[str, ...],
    chain: tuple[str, ...],
    reaches: bool,
    graph: nx.DiGraph,
) -> str:
    def named(ids: Iterable[str]) -> str:
        return ", ".join(f"{name_of(graph, g)} ({g})" for g in ids)

    source = found.source
    through = ""
    if found.rule is not None:
        reason = f" ({found.rule.reason})" if found.rule.reason else ""
        through = f"'{theme}' is handled through the owner of '{source}'{reason}"
    agency = " and ".join(found.agencies)
    plural = len(found.agencies) > 1
    agency_role, verb = ("lead agencies", "are") if plural else ("lead agency", "is")
    if found.kind == "none":
        return (
            f"'{theme}' has no owner: no group leads it or its parent themes, no related "
            "rule leads to an owner, and no lead agency is named."
        )
    if found.kind == "tbc":
        if source == theme:
            text = f"'{theme}' has its lead marked TBC: no group has yet been agreed."
        elif found.rule is not None:
            text = f"{through}, whose lead is marked TBC."
        else:
            text = f"'{theme}' falls under parent theme '{source}', whose lead is marked TBC."
    elif found.kind == "agency":
        if found.via == "agency":
            text = f"'{theme}' has no owning group; the plan names {agency} as {agency_role}."
        elif found.via == "parent":
            text = (
                f"'{theme}' has no owning group; it falls under parent theme '{source}', "
                f"whose {agency_role} {verb} {agency}."
            )
        else:
            text = f"{through}, whose {agency_role} {verb} {agency}."
    else:
        assert group is not None
        owner = named([group])
        if found.role is Role.SUPPORT:
            text = f"'{theme}' has no lead; {owner} supports it and is taken as its owner."
        elif found.via == "direct":
            text = f"'{theme}' is led directly by {owner}."
        elif found.via == "parent":
            text = (
                f"'{theme}' has no lead of its own; it falls under parent theme '{source}', "
                f"led by {owner}."
            )
        else:
            text = f"{through}, which is {owner}."
        route = " -> ".join(name_of(graph, g) for g in chain)
        text += f" Accountability: {route}" + ("." if reaches else " (does not reach a board).")
        if co_leads:
            text += f" Co-led with {named(co_leads)}."
    if supporting:
        text += f" Supported by {named(supporting)}."
    return text
