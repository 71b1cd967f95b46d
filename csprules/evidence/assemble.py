"""Assemble validated evidence from raw tables (folder or workbook alike)."""

from __future__ import annotations

from dataclasses import dataclass

from csprules.errors import Location, Problem
from csprules.evidence import build
from csprules.evidence.catalogue import default_catalogue
from csprules.evidence.decisions import DecisionRecord
from csprules.evidence.evidence import Evidence
from csprules.evidence.free_text import resolve_drivers, resolve_measures
from csprules.evidence.indicator import Observation
from csprules.evidence.partnership import Partnership, PreviousPriorities
from csprules.evidence.references import check_references
from csprules.evidence.source_documents import SourceDocument
from csprules.evidence.themes import Theme
from csprules.sources.records import Table


@dataclass
class RawTables:
    source: str
    partnership: Partnership
    use_catalogue: bool
    themes: Table
    previous_plan: str | None = None
    previous: Table | None = None
    indicators: Table | None = None
    observations: Table | None = None
    consultations: Table | None = None
    measures: Table | None = None
    drivers: Table | None = None
    previous_decisions: DecisionRecord | None = None
    """Last year's decision record, when ``previous_priorities`` names one."""
    source_documents: tuple[SourceDocument, ...] | None = None
    """The folder's ``sources.yaml``, when it has one."""


def assemble(raw: RawTables) -> Evidence:
    problems: list[Problem] = []
    themes: dict[str, Theme] = {}
    rows: dict[str, Location] = {}
    if raw.use_catalogue:
        for theme in default_catalogue():
            themes[theme.id] = theme
    for rec, theme in build.build_themes(raw.themes, problems):
        if theme.id in rows:
            problems.append(Problem(rec.row, f"duplicate theme id '{theme.id}'", field="id"))
        # A local theme with a catalogue id replaces the catalogue entry on purpose.
        themes[theme.id] = theme
        rows.setdefault(theme.id, rec.row)

    # A measure or driver without a theme id finds it in its own words (aliases).
    known = tuple(themes[k] for k in sorted(themes))
    if raw.measures is not None:
        raw.measures = resolve_measures(raw.measures, known, problems)
    if raw.drivers is not None:
        raw.drivers = resolve_drivers(raw.drivers, known, problems)
    indicators = build.build_indicators(raw.indicators, problems) if raw.indicators else []
    kinds = {ind.id: ind.period_kind for ind in indicators}
    units = {ind.id: ind.unit for ind in indicators}
    observations, orphans = (
        build.build_observations(raw.observations, kinds, problems, units,
                                 raw.partnership.assessment_date)
        if raw.observations else ([], [])
    )
    by_indicator: dict[str, list[Observation]] = {}
    for obs in observations:
        by_indicator.setdefault(obs.indicator, []).append(obs)
    indicators = [
        ind.model_copy(update={"observations": tuple(by_indicator.get(ind.id, ()))})
        for ind in indicators
    ]
    consultations = (
        build.build_consultations(raw.consultations, raw.measures, problems)
        if raw.consultations is not None and raw.measures is not None else []
    )
    drivers = build.build_drivers(raw.drivers, problems) if raw.drivers else []
    previous = None
    if raw.previous is not None:
        previous = PreviousPriorities(
            plan=raw.previous_plan, items=tuple(build.build_previous(raw.previous, problems)),
            decisions=raw.previous_decisions,
        )
    build.raise_if(problems)

    theme_tuple = tuple(themes[k] for k in sorted(themes))
    problems = check_references(
        theme_tuple, rows, tuple(indicators), tuple(orphans), tuple(consultations),
        tuple(drivers), previous,
    )
    build.raise_if(problems)
    return Evidence(
        partnership=raw.partnership,
        themes=theme_tuple,
        indicators=tuple(sorted(indicators, key=lambda i: i.id)),
        consultations=tuple(sorted(consultations, key=lambda c: c.id)),
        drivers=tuple(sorted(drivers, key=lambda d: d.id)),
        previous=previous,
        source_documents=raw.source_documents,
        source=raw.source,
    )
