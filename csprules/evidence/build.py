"""Build evidence models from located records, whatever file they came from.

Each builder collects every problem in its table before raising, so an analyst
fixes a whole file in one pass.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence.consultation import ConsultationMeasure, ConsultationResult
from csprules.evidence.drivers import ExternalDriver
from csprules.evidence.indicator import Indicator, Observation, Series, Unit
from csprules.evidence.partnership import PreviousPriority
from csprules.evidence.periods import PeriodKind, parse_period
from csprules.evidence.themes import Theme
from csprules.evidence.values import parse_value
from csprules.sources.records import Record, Table
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import problems_from

M = TypeVar("M", bound=BaseModel)

THEME_COLUMNS = ("id", "label", "kind", "parent", "pat_side", "aliases", "description")
INDICATOR_COLUMNS = (
    "id", "label", "themes", "unit", "per", "period_kind", "direction", "total_of",
    "harm_class", "flags", "notes", "cited",
)
OBSERVATION_COLUMNS = (
    "indicator", "series", "area", "period", "base_period", "value", "of", "note", "cited",
)
CONSULTATION_COLUMNS = (
    "id", "source", "date", "method", "respondents", "representativeness", "cited",
)
MEASURE_COLUMNS = ("consultation", "theme", "top_three", "pct_problem", "rank", "wording", "cited")
DRIVER_COLUMNS = (
    "id", "name", "issuer", "level", "kind", "themes", "valid_from", "valid_to", "successor",
    "cited",
)
PREVIOUS_COLUMNS = ("theme", "status", "wording", "cited")
SOURCE_COLUMNS = ("document", "title", "publisher", "date", "url")

_LIST_FIELDS = frozenset({"themes", "aliases", "flags"})


def clean(values: dict[str, Any], keep_blank: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Blank cells become absent; ``a; b`` cells of list fields become lists."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip()
            if value == "" and key not in keep_blank:
                continue
            if key in _LIST_FIELDS:
                value = [part.strip() for part in value.split(";") if part.strip()]
        out[key] = value
    return out


def build_rows(
    table: Table,
    model: type[M],
    problems: list[Problem],
    extra: Callable[[Record], dict[str, Any]] | None = None,
) -> list[tuple[Record, M]]:
    built: list[tuple[Record, M]] = []
    for rec in table.records:
        data = clean(rec.values)
        if extra is not None:
            data.update(extra(rec))
        try:
            built.append((rec, model.model_validate(data)))
        except ValidationError as e:
            problems.extend(problems_from(e, model, rec.locate))
    return built


def build_themes(table: Table, problems: list[Problem]) -> list[tuple[Record, Theme]]:
    return build_rows(table, Theme, problems)


def build_indicators(table: Table, problems: list[Problem]) -> list[Indicator]:
    rows = build_rows(table, Indicator, problems, lambda rec: {"row": rec.row})
    return [ind for _, ind in rows]


def build_observations(
    table: Table, kinds: dict[str, PeriodKind], problems: list[Problem],
    units: dict[str, Unit] | None = None, assessed: date | None = None,
) -> tuple[list[Observation], list[Observation]]:
    """Observations of known indicators, and those naming an unknown indicator.

    Domain checks: a count printed as a percentage, a rank without ``of``, and an
    observed (not target) period that starts after the ``assessed`` date are errors.
    """
    known: list[Observation] = []
    orphans: list[Observation] = []
    for rec in table.records:
        data = clean(rec.values, keep_blank=frozenset({"value"}))
        data["row"] = rec.row
        indicator = data.get("indicator")
        kind = kinds.get(indicator) if isinstance(indicator, str) else None
        unit = (units or {}).get(indicator) if isinstance(indicator, str) else None
        raw_value = data.get("value")
        row_problems: list[Problem] = []
        if (unit is Unit.COUNT and isinstance(raw_value, str)
                and raw_value.strip().endswith("%")
                and data.get("series", "actual") in ("actual", "target", "baseline",
                                                      "comparator")):
            row_problems.append(Problem(
                rec.at("value"), f"expected a count (indicator '{indicator}' has unit count); "
                f"found {raw_value.strip()!r}, a percentage", field="value"))
        for key in ("period", "base_period"):
            if key not in data:
                continue
            if kind is None:
                data[key] = parse_period("2000/01", PeriodKind.FINANCIAL_YEAR)
                continue
            try:
                data[key] = parse_period(data[key], kind)
            except ValueError as e:
                row_problems.append(Problem(rec.at(key), str(e), field=key))
        if "value" in data:
            try:
                data["value"] = parse_value(data["value"])
            except ValueError as e:
                row_problems.append(Problem(rec.at("value"), str(e), field="value"))
        if row_problems:
            problems.extend(row_problems)
            continue
        try:
            obs = Observation.model_validate(data)
        except ValidationError as e:
            problems.extend(problems_from(e, Observation, rec.locate))
            continue
        if obs.series is Series.RANK and obs.of is None:
            problems.append(Problem(rec.at("of"), "a rank needs 'of' (how many areas are "
                                    "ranked); found none", field="of"))
            continue
        if (kind is not None and assessed is not None and obs.period.start > assessed
                and obs.series not in (Series.TARGET, Series.BASELINE)):
            problems.append(Problem(
                rec.at("period"), f"expected a period observed by the assessment date "
                f"{assessed.isoformat()}; found {obs.period.label}, which starts after it "
                "(a target? set series: target)", field="period"))
            continue
        (known if kind is not None else orphans).append(obs)
    return known, orphans


def build_consultations(
    results: Table, measures: Table, problems: list[Problem]
) -> list[ConsultationResult]:
    by_id: dict[str, list[ConsultationMeasure]] = {}
    seen: dict[tuple[str, str], Location] = {}
    for rec, measure in build_rows(measures, _MeasureRow, problems, lambda r: {"row": r.row}):
        key = (measure.consultation, measure.theme)
        if key in seen:
            problems.append(Problem(
                rec.at("theme"), f"theme '{measure.theme}' is already measured in consultation "
                f"'{measure.consultation}' (at {seen[key]}); give each theme one row",
                field="theme"))
            continue
        seen[key] = rec.at("theme")
        by_id.setdefault(measure.consultation, []).append(
            ConsultationMeasure.model_validate(measure.model_dump(exclude={"consultation"}))
        )
    built = build_rows(results, ConsultationResult, problems, lambda r: {"row": r.row})
    # Ids of rows that failed validation count as known: their own error says what is wrong.
    known = {str(rec.values.get("id")) for rec in results.records}
    for rec in measures.records:
        ref = rec.values.get("consultation")
        if isinstance(ref, str) and ref and ref not in known:
            problems.append(Problem(
                rec.at("consultation"), f"expected a known consultation id; found '{ref}'",
                field="consultation", suggestion=did_you_mean(ref, known),
            ))
    return [
        c.model_copy(update={"measures": tuple(by_id.get(c.id, ()))}) for _, c in built
    ]


class _MeasureRow(ConsultationMeasure):
    consultation: str


def build_drivers(table: Table, problems: list[Problem]) -> list[ExternalDriver]:
    return [d for _, d in build_rows(table, ExternalDriver, problems, lambda r: {"row": r.row})]


def build_previous(table: Table, problems: list[Problem]) -> list[PreviousPriority]:
    rows = build_rows(table, PreviousPriority, problems, lambda r: {"row": r.row})
    return [p for _, p in rows]


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise EvidenceError(sorted(problems, key=_problem_order))


def _problem_order(p: Problem) -> tuple[str, int, int, str, str]:
    loc = p.location
    if loc is None:
        return ("", 0, 0, "", str(p))
    return (loc.path, loc.line or 0, loc.column or 0, loc.cell or "", str(p))
