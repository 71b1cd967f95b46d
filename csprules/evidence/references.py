"""Cross-reference checks over a whole evidence set: duplicate ids and unknown ids.

Every problem is collected (not just the first) and located at the row that
made the reference, with a did-you-mean drawn from ids and theme aliases.
"""

from __future__ import annotations

from collections.abc import Iterable

from csprules.errors import Location, Problem
from csprules.evidence.consultation import ConsultationResult
from csprules.evidence.drivers import ExternalDriver
from csprules.evidence.indicator import Indicator, Observation, Series, Unit
from csprules.evidence.partnership import PreviousPriorities
from csprules.evidence.themes import Theme
from csprules.sources.suggest import did_you_mean


def _alias_index(themes: Iterable[Theme]) -> dict[str, str]:
    index: dict[str, str] = {}
    for theme in themes:
        index[theme.label.lower()] = theme.id
        for alias in theme.aliases:
            index[alias.lower()] = theme.id
    return index


class _Checker:
    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self.theme_ids = {t.id for t in themes}
        self.aliases = _alias_index(themes)
        self.problems: list[Problem] = []

    def theme(self, ref: str, where: Location, field: str) -> None:
        if ref in self.theme_ids:
            return
        suggestion = self.aliases.get(ref.lower().replace("-", " ")) or did_you_mean(
            ref, self.theme_ids
        )
        if suggestion is None:
            close = did_you_mean(ref.lower().replace("-", " "), self.aliases)
            suggestion = self.aliases[close] if close is not None else None
        self.problems.append(Problem(
            where, f"expected a known theme id; found '{ref}'", field=field, suggestion=suggestion
        ))


def check_references(
    themes: tuple[Theme, ...],
    theme_rows: dict[str, Location],
    indicators: tuple[Indicator, ...],
    orphan_observations: tuple[Observation, ...],
    consultations: tuple[ConsultationResult, ...],
    drivers: tuple[ExternalDriver, ...],
    previous: PreviousPriorities | None,
) -> list[Problem]:
    check = _Checker(themes)
    problems = check.problems
    for theme in themes:
        if theme.parent is not None:
            check.theme(theme.parent, theme_rows.get(theme.id, Location("themes")), "parent")
    _parent_cycles(themes, theme_rows, problems)

    seen: dict[str, Location] = {}
    for ind in indicators:
        if ind.id in seen:
            problems.append(Problem(
                ind.row, f"duplicate indicator id '{ind.id}' (first defined at {seen[ind.id]})",
                field="id",
            ))
        seen.setdefault(ind.id, ind.row)
        for theme_id in ind.themes:
            check.theme(theme_id, ind.row, "themes")
    indicator_ids = set(seen)
    for ind in indicators:
        _non_negative(ind, problems)
        first: dict[tuple[object, ...], Location] = {}
        for obs in ind.observations:
            key = (obs.series, obs.area, obs.period.label,
                   obs.base_period.label if obs.base_period else None)
            if key in first:
                problems.append(Problem(
                    obs.row,
                    f"duplicate observation of '{ind.id}' ({obs.series.value}"
                    f"{', ' + obs.area if obs.area else ''}, {obs.period.label}); "
                    f"first given at {first[key]}",
                    field="period",
                ))
            first.setdefault(key, obs.row)
    for ind in indicators:
        if ind.total_of is not None and ind.total_of not in indicator_ids:
            problems.append(Problem(
                ind.row, f"expected a known indicator id; found '{ind.total_of}'",
                field="total_of", suggestion=did_you_mean(ind.total_of, indicator_ids),
            ))
    for obs in orphan_observations:
        problems.append(Problem(
            obs.row, f"expected a known indicator id; found '{obs.indicator}'",
            field="indicator", suggestion=did_you_mean(obs.indicator, indicator_ids),
        ))

    consultation_ids: dict[str, Location] = {}
    for result in consultations:
        if result.id in consultation_ids:
            problems.append(Problem(
                result.row, f"duplicate consultation id '{result.id}'", field="id"
            ))
        consultation_ids.setdefault(result.id, result.row)
        for measure in result.measures:
            check.theme(measure.theme, measure.row, "theme")

    driver_ids: dict[str, Location] = {}
    for driver in drivers:
        if driver.id in driver_ids:
            problems.append(Problem(driver.row, f"duplicate driver id '{driver.id}'", field="id"))
        driver_ids.setdefault(driver.id, driver.row)
        for theme_id in driver.themes:
            check.theme(theme_id, driver.row, "themes")
    for driver in drivers:
        if driver.successor is not None and driver.successor not in driver_ids:
            problems.append(Problem(
                driver.row, f"expected a known driver id; found '{driver.successor}'",
                field="successor", suggestion=did_you_mean(driver.successor, driver_ids),
            ))

    if previous is not None:
        for item in previous.items:
            check.theme(item.theme, item.row, "theme")
    return problems


def _parent_cycles(
    themes: tuple[Theme, ...], rows: dict[str, Location], problems: list[Problem]
) -> None:
    parent = {t.id: t.parent for t in themes}
    reported: set[str] = set()
    for start in sorted(parent):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in path:
            path.append(node)
            node = parent[node]
        if node is not None and node in path:
            cycle = path[path.index(node):]
            key = min(cycle)
            if key not in reported:
                reported.add(key)
                shown = " -> ".join([*cycle, node])
                problems.append(Problem(
                    rows.get(key, Location("themes")),
                    f"theme parents form a cycle: {shown}", field="parent",
                ))


_SIGNED_SERIES = frozenset({Series.PRINTED_CHANGE_PCT})


def _non_negative(ind: Indicator, problems: list[Problem]) -> None:
    """Counts, rates, percentages and ratios cannot be negative (changes can)."""
    if ind.unit is Unit.SCORE:
        return
    for obs in ind.observations:
        if obs.series in _SIGNED_SERIES or not isinstance(obs.value, float):
            continue
        if obs.value < 0:
            problems.append(Problem(
                obs.row,
                f"expected a {ind.unit.value} of 0 or more for '{ind.id}'; found {obs.value:g}",
                field="value",
            ))
