"""What each sheet of an evidence workbook holds: columns, their notes and drop-downs.

The column order is the reader's (:mod:`csprules.evidence.build`); the notes
repeat ``docs/evidence-format.md`` so that an analyst filling the workbook in
needs nothing else open.  Drop-down lists live on the ``lists`` sheet.
"""

from __future__ import annotations

from collections.abc import Iterable

from csprules.evidence import build
from csprules.evidence.drivers import DriverKind, DriverLevel
from csprules.evidence.indicator import DataFlag, Direction, Series, Unit
from csprules.evidence.partnership import PreviousStatus
from csprules.evidence.periods import PeriodKind
from csprules.evidence.themes import PatSide, Theme, ThemeKind
from csprules.evidence.values import MissingState
from csprules.sources.xlsx_write import Check, Choices, Column

SHEET_ORDER = (
    "partnership", "themes", "indicators", "observations", "consultations",
    "consultation_measures", "drivers", "previous_priorities", "sources",
)

MISSING_LABELS = tuple(s.label for s in MissingState if s is not MissingState.BLANK)
"""Missing states as a plan prints them; a blank cell is the state 'blank'."""

_THEME = "Theme id from the 'themes' list (the catalogue), or one declared on the themes sheet."
_THEMES = ("Theme ids, ';'-separated (domestic-abuse;vawg): from the 'themes' list or the "
           "themes sheet.")
_CITED = "Pointer into the source document, e.g. 003_a825832bf6e36b8c.txt:24."

_NOTES: dict[str, dict[str, Column]] = {
    "themes": {c.name: c for c in (
        Column("id", "Id of an extra local theme: lower-case letters, digits, '-', '_'. A "
               "catalogue id here replaces the catalogue's entry."),
        Column("label", "The theme as people say it."),
        Column("kind", "What the theme is.", "theme_kinds"),
        Column("parent", "Id of the broader theme it sits under (optional).", "themes",
               Check.WARN),
        Column("pat_side", "Side of the problem-analysis triangle (optional).", "pat_sides"),
        Column("aliases", "Phrases plans use for it, ';'-separated."),
        Column("description", "Free text."),
    )},
    "indicators": {c.name: c for c in (
        Column("id", "Indicator id: lower-case letters, digits, '-', '_'."),
        Column("label", "The indicator as the plan words it."),
        Column("themes", _THEMES, "themes", Check.OFFER),
        Column("unit", "count, rate (needs per), percentage, ratio or score.", "units"),
        Column("per", "Population base of a rate, e.g. 1000."),
        Column("period_kind", "How this indicator's periods are written: financial_year "
               "2015/16, oct_sep_year 2014/15, calendar_year 2015, rolling_12_months 2016-06, "
               "quarter 2015/16 Q3.", "period_kinds"),
        Column("direction", "What is good: down, up, up_under_reported (more reports are "
               "good), maintain.", "directions"),
        Column("total_of", "Id of the indicator this one is part of (share of a total)."),
        Column("harm_class", "Row of the harm-weight table (csprules/data/harm.yaml)."),
        Column("flags", "';'-separated: recording_change, stale, provisional, perception.", "flags",
               Check.OFFER),
        Column("notes", "Free text."),
        Column("cited", _CITED),
    )},
    "observations": {c.name: c for c in (
        Column("indicator", "Id of an indicator on the indicators sheet."),
        Column("series", "actual (default), target, baseline, comparator (needs area), rank "
               "(needs of), printed_change_pct (needs base_period).", "series"),
        Column("area", "Comparator area: London, MSG average, Hackney, ..."),
        Column("period", "In the indicator's period_kind, e.g. 2015/16."),
        Column("base_period", "For printed_change_pct: the period the change is from."),
        Column("value", "A number (1,234 12.5% +3 are read too), or a missing state from the "
               "list; a blank cell is 'blank'. Never 0 for a missing value.", "missing",
               Check.OFFER),
        Column("of", "For rank: how many areas were ranked."),
        Column("note", "Free text."),
        Column("cited", _CITED),
    )},
    "consultations": {c.name: c for c in (
        Column("id", "Consultation id."),
        Column("source", "Its name, e.g. Community safety consultation 2012."),
        Column("date", "When it closed (yyyy-mm-dd)."),
        Column("method", "survey, focus group, public meeting, ..."),
        Column("respondents", "How many took part."),
        Column("representativeness", "How far it speaks for residents, e.g. self-selecting."),
        Column("cited", _CITED),
    )},
    "consultation_measures": {c.name: c for c in (
        Column("consultation", "Id of a consultation on the consultations sheet."),
        Column("theme", _THEME, "themes", Check.WARN),
        Column("top_three", "Respondents who chose it among their top three concerns."),
        Column("pct_problem", "Percentage who see it as a problem (0-100)."),
        Column("rank", "Rank the source gives (1 = greatest concern)."),
        Column("wording", "The theme as the consultation worded it."),
        Column("cited", _CITED),
    )},
    "drivers": {c.name: c for c in (
        Column("id", "Driver id."),
        Column("name", "E.g. MOPAC Police and Crime Plan 2013-16."),
        Column("issuer", "MOPAC, PCC, Home Office, Community Plan, statute, ..."),
        Column("level", "national, regional or local.", "driver_levels"),
        Column("kind", "plan_priority, strategy, statutory_duty, funding or target.",
               "driver_kinds"),
        Column("themes", _THEMES, "themes", Check.OFFER),
        Column("valid_from", "First day it applies (yyyy-mm-dd)."),
        Column("valid_to", "Last day it applies (yyyy-mm-dd)."),
        Column("successor", "Id of the driver that replaces it."),
        Column("cited", _CITED),
    )},
    "previous_priorities": {c.name: c for c in (
        Column("theme", "A theme last year's plan chose. " + _THEME, "themes", Check.WARN),
        Column("status", "priority (default) or cross_cutting.", "previous_statuses"),
        Column("wording", "As the plan worded it."),
        Column("cited", _CITED),
    )},
    "sources": {c.name: c for c in (
        Column("document", "A document the rows cite, as they cite it, without ':line' "
               "(e.g. 003_a825832bf6e36b8c.txt)."),
        Column("title", "Its title, as a reader would look it up."),
        Column("publisher", "Who published it (optional)."),
        Column("date", "When: yyyy, yyyy-mm or yyyy-mm-dd, as precise as the document says "
               "(optional)."),
        Column("url", "A link starting http:// or https:// (optional)."),
    )},
}

_ALLOWED = {
    "themes": build.THEME_COLUMNS,
    "indicators": build.INDICATOR_COLUMNS,
    "observations": build.OBSERVATION_COLUMNS,
    "consultations": build.CONSULTATION_COLUMNS,
    "consultation_measures": build.MEASURE_COLUMNS,
    "drivers": build.DRIVER_COLUMNS,
    "previous_priorities": build.PREVIOUS_COLUMNS,
    "sources": build.SOURCE_COLUMNS,
}

PARTNERSHIP_FIELDS = (
    Column("format_version", "Evidence format version: 1."),
    Column("name", "Required: the partnership's name."),
    Column("area", "Required: the area it serves."),
    Column("assessment_date", "Required: the date the assessment speaks from (yyyy-mm-dd)."),
    Column("population", "Optional: residents; enables rates per 1,000."),
    Column("population_cited", "Where the population figure comes from."),
    Column("plan_period", "E.g. 2013-2017 (year 4, 2016/17)."),
    Column("cited", _CITED),
    Column("catalogue", "default: the shipped themes are known; none: only the themes sheet.",
           "catalogue"),
    Column("previous_plan", "The plan the previous_priorities sheet comes from."),
)


def columns(sheet: str) -> tuple[Column, ...]:
    """The columns of a table sheet, in the reader's order, each with its note."""
    notes = _NOTES[sheet]
    return tuple(notes[name] for name in _ALLOWED[sheet])


def evidence_lists(themes: Iterable[Theme]) -> list[Choices]:
    """The drop-down lists; ``themes`` are the ones the workbook may name."""
    return [
        Choices("themes", tuple(sorted({t.id for t in themes}))),
        Choices("theme_kinds", tuple(k.value for k in ThemeKind)),
        Choices("pat_sides", tuple(p.value for p in PatSide)),
        Choices("units", tuple(u.value for u in Unit)),
        Choices("period_kinds", tuple(k.value for k in PeriodKind)),
        Choices("directions", tuple(d.value for d in Direction)),
        Choices("flags", tuple(f.value for f in DataFlag)),
        Choices("series", tuple(s.value for s in Series)),
        Choices("missing", MISSING_LABELS),
        Choices("driver_levels", tuple(v.value for v in DriverLevel)),
        Choices("driver_kinds", tuple(v.value for v in DriverKind)),
        Choices("previous_statuses", tuple(v.value for v in PreviousStatus)),
        Choices("catalogue", ("default", "none")),
    ]
