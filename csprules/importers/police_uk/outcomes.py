"""The outcome mix of the latest 12 months: evidence for confidence and criminal justice.

police.uk gives each crime its *last* outcome so far, so recent months are
dominated by "Under investigation" and the mix settles as cases close; the
note on each value says so.
"""

from __future__ import annotations

from csprules.importers.police_uk.categories import Category
from csprules.importers.police_uk.cite import cite
from csprules.importers.police_uk.measures import ALL_CRIME, measure_types, twelve_month_ends
from csprules.importers.police_uk.model import IndicatorRow, ObservationRow
from csprules.importers.police_uk.months import window
from csprules.importers.police_uk.rollup import Counts

NO_SUSPECT = "Investigation complete; no suspect identified"
UNDER_INVESTIGATION = "Under investigation"
OUTCOME_THEMES = ("criminal-justice", "public-confidence")
SETTLING = ("last outcome so far: the latest months' outcomes are still settling "
            "(many 'Under investigation' become final later)")


def outcome_mix(counts: Counts, category: Category
                ) -> tuple[list[IndicatorRow], list[ObservationRow]]:
    ends = twelve_month_ends(counts)
    if not ends or not category.is_crime:
        return [], []
    months = set(window(ends[-1], 12))
    types = measure_types(category)
    mix: dict[str, int] = {}
    for (t, o, m), n in counts.outcomes.items():
        if t in types and m in months:
            label = o or "(no outcome recorded)"
            mix[label] = mix.get(label, 0) + n
    total = sum(mix.values())
    if not total:
        return [], []
    ordered = sorted(mix.items(), key=lambda kv: (-kv[1], kv[0]))
    wanted = [NO_SUSPECT, UNDER_INVESTIGATION] if category is ALL_CRIME else [NO_SUSPECT]
    rows: list[IndicatorRow] = []
    obs: list[ObservationRow] = []
    top = "; ".join(f"{o} {n / total * 100:.1f}%" for o, n in ordered[:4])
    cited = cite(counts, sorted(months), total)
    for outcome in wanted:
        slug = "no-suspect" if outcome == NO_SUSPECT else "under-investigation"
        ind = f"pu-{category.slug}-{slug}"
        rows.append(IndicatorRow(
            id=ind,
            label=f"{category.name}: share with last outcome '{outcome}' (12 months, police.uk)",
            themes=OUTCOME_THEMES, unit="percentage", period_kind="rolling_12_months",
            direction="down" if outcome == NO_SUSPECT else "maintain",
            flags=("provisional",), notes=SETTLING, cited=cited))
        share = round(mix.get(outcome, 0) / total * 100, 2)
        obs.append(ObservationRow(ind, ends[-1], share,
                                  note=f"{mix.get(outcome, 0):,} of {total:,} crimes; "
                                       f"largest outcomes: {top}", cited=cited))
    return rows, obs
