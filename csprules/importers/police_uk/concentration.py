"""Where crime concentrates: the top 10% of LSOAs, and each category's hotspot LSOAs."""

from __future__ import annotations

import math

from csprules.importers.police_uk.categories import Category
from csprules.importers.police_uk.cite import cite
from csprules.importers.police_uk.measures import ALL_CRIME, measure_types, twelve_month_ends
from csprules.importers.police_uk.model import IndicatorRow, ObservationRow
from csprules.importers.police_uk.months import window
from csprules.importers.police_uk.rollup import Counts

HOTSPOTS = 3
"""LSOAs named as a category's hotspots."""
PLACE_THEME = "safer-locations"


def lsoa_totals(counts: Counts, types: set[str], months: set[str]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for (code, name, t, m), n in counts.lsoas.items():
        if t in types and m in months:
            out[(code, name)] = out.get((code, name), 0) + n
    return out


def ranked(totals: dict[tuple[str, str], int]) -> list[tuple[tuple[str, str], int]]:
    # Ties broken by LSOA code, so the order never depends on the input's.
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0][0]))


def _named(items: list[tuple[tuple[str, str], int]]) -> str:
    return "; ".join(f"{name} ({code}) {n:,}" for (code, name), n in items)


def concentration(counts: Counts) -> tuple[list[IndicatorRow], list[ObservationRow]]:
    ends = twelve_month_ends(counts)
    if not ends:
        return [], []
    months = window(ends[-1], 12)
    lsoas = {(c, nm) for (c, nm, _t, _m) in counts.lsoas}
    totals = lsoa_totals(counts, measure_types(ALL_CRIME), set(months))
    total = sum(totals.values())
    if not total or not lsoas:
        return [], []
    k = max(1, math.ceil(len(lsoas) * 0.10))
    top = ranked(totals)[:k]
    share = round(sum(n for _, n in top) / total * 100, 2)
    ind = "pu-all-crime-top-10pct-lsoas"
    row = IndicatorRow(
        id=ind, label="Share of all crime in the top 10% of the area's LSOAs (12 months, "
                      "police.uk)",
        themes=(PLACE_THEME,), unit="percentage", period_kind="rolling_12_months",
        direction="maintain",
        notes=f"{k} of {len(lsoas)} LSOAs; an even spread would give about "
              f"{k / len(lsoas) * 100:.0f}%", cited=cite(counts, months, total))
    obs = ObservationRow(ind, ends[-1], share, note=f"top LSOAs: {_named(top)}",
                         cited=cite(counts, months, sum(n for _, n in top)))
    return [row], [obs]


def hotspots(counts: Counts, category: Category
             ) -> tuple[list[IndicatorRow], list[ObservationRow]]:
    ends = twelve_month_ends(counts)
    if not ends or category is ALL_CRIME:
        return [], []
    months = window(ends[-1], 12)
    totals = lsoa_totals(counts, measure_types(category), set(months))
    total = sum(totals.values())
    if not total:
        return [], []
    top = ranked(totals)[:HOTSPOTS]
    ind = f"pu-{category.slug}-hotspots"
    row = IndicatorRow(
        id=ind, label=f"{category.name}: share in its top {len(top)} LSOAs (12 months, "
                      "police.uk)",
        themes=(*category.themes, PLACE_THEME) if PLACE_THEME not in category.themes
        else category.themes,
        unit="percentage", period_kind="rolling_12_months", direction="maintain",
        notes=f"hotspot LSOAs among {len(totals)} with any {category.name.lower()}",
        cited=cite(counts, months, total))
    share = round(sum(n for _, n in top) / total * 100, 2)
    obs = ObservationRow(ind, ends[-1], share, note=f"hotspots: {_named(top)}",
                         cited=cite(counts, months, sum(n for _, n in top)))
    return [row], [obs]
