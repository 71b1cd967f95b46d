"""Other areas in the same files: comparators and ranks for the 12-month measures.

A force's archive covers every partnership in it, so each one's figures sit
beside its neighbours' automatically.  An area qualifies as a comparator only
when the files hold a real share of its crime: at least
:data:`MIN_COMPARATOR_SHARE` of our area's rows, in every month.  That keeps
out the handful of rows a force records just across its border (City of London
Police's files hold 391 rows in Tower Hamlets against 14,013 in the City),
which would otherwise look like a borough with almost no crime.

Without populations the comparison is of counts, and flagged so; with an LSOA
population file each area gets a rate per 1,000 residents.
"""

from __future__ import annotations

from csprules.importers.police_uk.categories import Category
from csprules.importers.police_uk.cite import cite
from csprules.importers.police_uk.measures import monthly_counts, twelve_month_ends
from csprules.importers.police_uk.model import IndicatorRow, ObservationRow
from csprules.importers.police_uk.months import window
from csprules.importers.police_uk.population import Populations
from csprules.importers.police_uk.rollup import Counts

MIN_COMPARATOR_SHARE = 0.25

COUNTS_ONLY = ("counts, not rates: areas differ in population; give an LSOA population file "
               "(--population) for rates per 1,000")


def comparator_areas(counts: Counts) -> list[str]:
    totals: dict[str, int] = {}
    months_seen: dict[str, set[str]] = {}
    for (a, _t, m), n in counts.by_area.items():
        totals[a] = totals.get(a, 0) + n
        months_seen.setdefault(a, set()).add(m)
    ours = totals.get(counts.area, 0)
    every = set(counts.months)
    return sorted(a for a, n in totals.items()
                  if a != counts.area and n >= MIN_COMPARATOR_SHARE * ours
                  and months_seen.get(a, set()) >= every)


def area_populations(counts: Counts, populations: Populations,
                     area_of_code: dict[str, str]) -> dict[str, int]:
    """Residents per area: the population of every LSOA the files place in it."""
    out: dict[str, int] = {}
    for code, area in area_of_code.items():
        if code in populations.by_code:
            out[area] = out.get(area, 0) + populations.by_code[code]
    return out


def comparisons(counts: Counts, category: Category, areas: list[str],
                residents: dict[str, int] | None, population_cited: str | None
                ) -> tuple[list[IndicatorRow], list[ObservationRow]]:
    ends = twelve_month_ends(counts)
    if not ends:
        return [], []
    ours = monthly_counts(counts, counts.area, category)
    rows: list[IndicatorRow] = []
    obs: list[ObservationRow] = []
    rate = residents is not None and counts.area in residents
    ind = f"pu-{category.slug}-12m-rate" if rate else f"pu-{category.slug}-12m"
    if rate:
        assert residents is not None
        rows.append(IndicatorRow(
            id=ind, label=f"{category.name} per 1,000 residents (12 months, police.uk)",
            themes=category.themes, unit="rate", per=1000, period_kind="rolling_12_months",
            direction="down", notes=f"residents: {population_cited}",
            cited=cite(counts, list(counts.months), sum(ours.values()))))
    theirs = {a: monthly_counts(counts, a, category) for a in areas}
    for end in ends[-2:]:
        months = window(end, 12)
        values: dict[str, float] = {}
        raw: dict[str, int] = {}
        for area, series in [(counts.area, ours), *theirs.items()]:
            n = sum(series.get(m, 0) for m in months)
            raw[area] = n
            if rate:
                assert residents is not None
                if area not in residents:
                    continue
                values[area] = round(n / residents[area] * 1000, 3)
            else:
                values[area] = float(n)
        if rate:
            obs.append(ObservationRow(ind, end, values[counts.area],
                                      note=f"{raw[counts.area]:,} crimes / "
                                           f"{residents[counts.area]:,} residents"
                                      if residents else None,
                                      cited=cite(counts, months, raw[counts.area])))
        note = None if rate else COUNTS_ONLY
        for area in areas:
            if area in values:
                obs.append(ObservationRow(ind, end, values[area], series="comparator",
                                          area=area, note=note,
                                          cited=cite(counts, months, raw[area])))
        ranked = sorted(values.values())
        obs.append(ObservationRow(
            ind, end, float(ranked.index(values[counts.area]) + 1), series="rank",
            of=len(ranked),
            note=f"1 = lowest of the {len(ranked)} areas in the files"
                 + ("" if rate else f"; {COUNTS_ONLY}"),
            cited=cite(counts, months, sum(raw.values()))))
    return rows, obs
