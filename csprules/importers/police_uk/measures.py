"""Counts over time for each police.uk category: 12 months, financial years, quarters.

For every category (and all crime, which excludes anti-social behaviour):

- ``pu-<slug>-12m``: the 12 months to the latest month, and to the same month in
  each earlier year covered; the latest change is tested (exact Poisson test);
- ``pu-<slug>-fy``: complete financial years;
- ``pu-<slug>-q``: the latest complete financial quarter and the same quarter in
  each earlier year (seasonally aware: like months against like), tested the same way.

Only complete periods are written: a period with a month missing from the
files would undercount.
"""

from __future__ import annotations

from csprules.importers.police_uk.categories import Category, categories
from csprules.importers.police_uk.cite import cite
from csprules.importers.police_uk.model import IndicatorRow, ObservationRow
from csprules.importers.police_uk.months import (
    financial_quarter,
    financial_year,
    fy_months,
    quarter_months,
    shift,
    window,
)
from csprules.importers.police_uk.rollup import Counts
from csprules.importers.police_uk.significance import change_test

ALL_CRIME = Category("All crime", "all-crime", ("all-crime",), "all-crime",
                     "Every police.uk crime category except anti-social behaviour.")

def measure_types(category: Category) -> set[str]:
    if category is ALL_CRIME:
        return {c.name for c in categories().values() if c.is_crime}
    return {category.name}


def monthly_counts(counts: Counts, area: str, category: Category) -> dict[str, int]:
    types = measure_types(category)
    out: dict[str, int] = dict.fromkeys(counts.months, 0)
    for (a, t, m), n in counts.by_area.items():
        if a == area and t in types and m in out:
            out[m] += n
    return out


def all_categories() -> list[Category]:
    return [ALL_CRIME, *sorted(categories().values(), key=lambda c: c.slug)]


def twelve_month_ends(counts: Counts) -> list[str]:
    """The latest month and the same month in each earlier fully covered year, oldest first."""
    covered = set(counts.months)
    if not counts.months:
        return []
    ends: list[str] = []
    end = counts.months[-1]
    while all(m in covered for m in window(end, 12)):
        ends.insert(0, end)
        end = shift(end, -12)
    return ends


def _label(category: Category, what: str) -> str:
    return f"{category.name} ({what}, police.uk)"


def _change_note(now: int, before: int, against: str) -> str:
    test = change_test(now, before)
    pct = f"{(now - before) / before * 100:+.1f}% " if before else ""
    return f"{pct}on {against}: {test.sentence()}"


def time_series(counts: Counts, category: Category) -> tuple[list[IndicatorRow],
                                                                 list[ObservationRow]]:
    series = monthly_counts(counts, counts.area, category)
    total_of = "pu-all-crime-12m" if category.is_crime and category is not ALL_CRIME else None
    rows: list[IndicatorRow] = []
    obs: list[ObservationRow] = []
    ends = twelve_month_ends(counts)
    if ends:
        ind = f"pu-{category.slug}-12m"
        rows.append(_count_indicator(ind, category, "12 months", "rolling_12_months",
                                     counts, series, total_of))
        for i, end in enumerate(ends):
            months = window(end, 12)
            value = sum(series[m] for m in months)
            note = None
            if i > 0:
                before = sum(series[m] for m in window(ends[i - 1], 12))
                note = _change_note(value, before, "the previous 12 months")
            obs.append(ObservationRow(ind, end, float(value), note=note,
                                      cited=cite(counts, months, value)))
    fys = sorted({financial_year(m) for m in counts.months})
    complete = [fy for fy in fys if all(m in series for m in fy_months(fy))]
    if complete:
        ind = f"pu-{category.slug}-fy"
        rows.append(_count_indicator(ind, category, "financial year", "financial_year",
                                     counts, series))
        for fy in complete:
            months = fy_months(fy)
            value = sum(series[m] for m in months)
            obs.append(ObservationRow(ind, fy, float(value), cited=cite(counts, months, value)))
    quarters = sorted({financial_quarter(m) for m in counts.months})
    complete_quarters = [q for q in quarters if all(m in series for m in quarter_months(q))]
    # The latest quarter and the same quarter in each earlier year, so that both the
    # change and the direction of travel compare like seasons with like.
    full = [q for q in complete_quarters if complete_quarters
            and q.endswith(complete_quarters[-1][-3:])]
    if full:
        ind = f"pu-{category.slug}-q"
        rows.append(_count_indicator(ind, category, "quarter", "quarter", counts, series))
        values = {q: sum(series[m] for m in quarter_months(q)) for q in full}
        for q in full:
            last_year = f"{int(q[:4]) - 1}/{int(q[:4]) % 100:02d} Q{q[-1]}"
            note = None
            if q == full[-1] and last_year in values:
                note = ("seasonally aware: " + _change_note(
                    values[q], values[last_year], f"the same quarter a year before ({last_year})"))
            months = quarter_months(q)
            obs.append(ObservationRow(ind, q, float(values[q]), note=note,
                                      cited=cite(counts, months, values[q])))
    return rows, obs


def _count_indicator(ind: str, category: Category, what: str, kind: str, counts: Counts,
                     series: dict[str, int], total_of: str | None = None) -> IndicatorRow:
    # The harm weight rides on the 12-month count only: seriousness per offence is
    # one fact about a category, and three indicators must not count it three times.
    harm = category.harm_class if kind == "rolling_12_months" else None
    return IndicatorRow(
        id=ind, label=_label(category, what), themes=category.themes, unit="count",
        period_kind=kind, direction="down", total_of=total_of, harm_class=harm,
        notes=category.notes, cited=cite(counts, list(counts.months), sum(series.values())))

