"""``load_governance``: read and validate ``governance.yaml``.

Every problem in the file is collected and raised together as one
:class:`~csprules.errors.GovernanceError`, each located
``path:line:col: field 'x': expected ...; found ...`` with a did-you-mean where
one helps.  A structure whose groups report to each other in a cycle still
loads: the cycle is a finding (see :func:`governance_findings`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from csprules.errors import GovernanceError, Location, Problem
from csprules.evidence.folder import display_path
from csprules.governance.model import (
    ROLE_CHOICES,
    TIER_CHOICES,
    Governance,
    Group,
    LeadAgency,
    Located,
    OwnershipEntry,
    RelatedRule,
)
from csprules.governance.references import reference_problems
from csprules.governance.workbook_reader import read_governance_sheets, sheet_rank
from csprules.sources.records import Record, Table
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import problems_from
from csprules.sources.yaml_file import YamlDocument, load_yaml, parse_yaml
from csprules.sources.yaml_tables import check_header, yaml_table

M = TypeVar("M", bound=Located)

FORMAT_VERSIONS = (1,)
FILE_NAME = "governance.yaml"
TABLES = ("groups", "ownership", "lead_agencies", "related")
TOP_KEYS = ("kind", "version", "plan", *TABLES)
_CHOICES = {"tier": TIER_CHOICES, "role": ROLE_CHOICES}


def load_governance(path: str | Path, *, themes: Collection[str] | None = None) -> Governance:
    """Read a ``governance.yaml``, the one inside an evidence folder, or the
    governance sheets of an ``.xlsx`` workbook (see ``docs/evidence-format.md``).

    ``themes``, when given, are the theme ids the file may name (e.g. the
    ids of ``default_catalogue()`` plus a partnership's extra themes); any
    other theme id is an error with a did-you-mean.

    >>> from csprules.governance import load_governance
    >>> gov = load_governance("examples/havering-2017")
    >>> sorted(gov.graph.successors("vawg-strategic-group"))
    ['havering-csp-board']
    """
    p = Path(path)
    if p.is_dir():
        candidate = p / FILE_NAME
        if not candidate.is_file():
            raise GovernanceError([Problem(
                Location(display_path(p)), f"expected a folder containing {FILE_NAME}; found none",
            )])
        p = candidate
    elif not p.exists():
        raise GovernanceError([Problem(Location(display_path(p)), "no such file or folder")])
    if p.suffix.lower() == ".xlsx":
        plan, tables, problems = read_governance_sheets(p, display_path(p))
        return _assemble(display_path(p), plan, tables, problems, themes)
    doc = load_yaml(p, display_path(p), GovernanceError)
    return _build(doc, themes)


def parse_governance(
    text: str, display: str = "<governance>", *, themes: Collection[str] | None = None
) -> Governance:
    """Like :func:`load_governance`, from text; ``display`` names it in messages."""
    return _build(parse_yaml(text, display, GovernanceError), themes)


def _build(doc: YamlDocument, themes: Collection[str] | None) -> Governance:
    data = check_header(doc, "governance", FORMAT_VERSIONS, GovernanceError)
    problems: list[Problem] = [
        Problem(
            doc.location((key,)), f"unknown field; expected one of {', '.join(TOP_KEYS)}",
            field=key, suggestion=did_you_mean(key, TOP_KEYS),
        )
        for key in data
        if key not in TOP_KEYS
    ]
    plan = data.get("plan")
    if plan is not None and not isinstance(plan, str):
        problems.append(Problem(
            doc.location(("plan",)), f"expected text; found {type(plan).__name__}", field="plan",
        ))
        plan = None
    if not data.get("groups"):
        problems.append(Problem(
            doc.location(("groups",)), "expected at least one group; found none", field="groups",
        ))
    tables = {key: yaml_table(doc, key, GovernanceError) for key in TABLES}
    return _assemble(doc.display, plan, tables, problems, themes)


def _assemble(
    source: str,
    plan: str | None,
    tables: dict[str, Table],
    problems: list[Problem],
    themes: Collection[str] | None,
) -> Governance:
    """Validate the tables of a file (YAML lists or workbook sheets) as one Governance."""
    groups = _rows(tables["groups"], Group, problems)
    ownership = _rows(tables["ownership"], OwnershipEntry, problems)
    agencies = _rows(tables["lead_agencies"], LeadAgency, problems)
    related = _rows(tables["related"], RelatedRule, problems)
    problems.extend(reference_problems(
        tables["groups"], tables["ownership"], tables["lead_agencies"], tables["related"], themes,
    ))
    if problems:
        raise GovernanceError(sorted(problems, key=_position))
    return Governance(
        source=source,
        plan=plan,
        groups=tuple(groups),
        ownership=tuple(ownership),
        lead_agencies=tuple(agencies),
        related=tuple(related),
    )


def _position(problem: Problem) -> tuple[int, int, int]:
    """Problems are reported in file order, sheet by sheet (the sort is stable)."""
    loc = problem.location
    if loc is None:
        return (0, 0, 0)
    return (sheet_rank(loc), loc.line or 0, loc.column or 0)


def _rows(table: Table, model: type[M], problems: list[Problem]) -> list[M]:
    built: list[M] = []
    for rec in table.records:
        data: dict[str, Any] = dict(rec.values)
        try:
            built.append(model.model_validate(data).at(rec.row))
        except ValidationError as e:
            problems.extend(_suggest(p, rec) for p in problems_from(e, model, rec.locate))
    return built


def _suggest(problem: Problem, rec: Record) -> Problem:
    """Add a did-you-mean to a bad ``tier`` or ``role``."""
    choices = _CHOICES.get(problem.field or "")
    value = rec.values.get(problem.field or "")
    if choices is None or problem.suggestion is not None or not isinstance(value, str):
        return problem
    return dataclasses.replace(problem, suggestion=did_you_mean(value, choices))
