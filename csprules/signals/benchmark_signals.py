"""Benchmark signals of one indicator: gaps to comparator areas, and ranks among areas."""

from __future__ import annotations

from collections.abc import Sequence

from csprules.evidence.indicator import Direction, Indicator, Observation, Series
from csprules.signals.model import Scalar, Signal
from csprules.signals.observations import by_period, is_worse, numeric, pct_change, ref


def _series(ind: Indicator, series: Series) -> list[Observation]:
    return by_period(o for o in ind.observations if o.series is series)


def comparator_signals(
    ind: Indicator, actuals: Sequence[Observation], theme: str, common: dict[str, Scalar]
) -> list[Signal]:
    """One signal per comparator area: our latest shared period against theirs.

    ``actuals`` are the indicator's numeric actuals, in period order.
    """
    ours = {o.period.label: o for o in actuals}
    areas: dict[str, list[Observation]] = {}
    for o in numeric(_series(ind, Series.COMPARATOR)):
        areas.setdefault(o.area or "comparator", []).append(o)
    out: list[Signal] = []
    for area in sorted(areas):
        shared = [o for o in areas[area] if o.period.label in ours]
        if not shared:
            continue
        theirs = shared[-1]
        mine = ours[theirs.period.label]
        value, other = float(mine.value), float(theirs.value)
        fields: dict[str, Scalar] = {
            **common,
            "indicator": ind.id,
            "label": ind.label,
            "direction": ind.direction.value,
            "comparator": area,
            "period": theirs.period.label,
            "value": value,
            "comparator_value": other,
        }
        gap = pct_change(value, other)
        if gap is not None:
            fields["gap_pct"] = gap
            fields["worse"] = (
                ind.direction is not Direction.UP_UNDER_REPORTED
                and is_worse(gap, ind.direction)
            )
        out.append(
            Signal.model_construct(
                id=f"cmp:{ind.id}:{theme}:{_slug(area)}",
                kind="comparator",
                theme=theme,
                fields=fields,
                evidence=(ref(mine), ref(theirs)),
            )
        )
    return out


def rank_signal(ind: Indicator, theme: str, common: dict[str, Scalar]) -> Signal | None:
    ranks = [o for o in numeric(_series(ind, Series.RANK)) if o.of]
    if not ranks:
        return None
    latest = ranks[-1]
    rank, of = float(latest.value), float(latest.of or 0)
    fields: dict[str, Scalar] = {
        **common,
        "indicator": ind.id,
        "label": ind.label,
        "period": latest.period.label,
        "rank": rank,
        "of": of,
        "rank_pct": rank / of * 100.0,
    }
    refs = [ref(latest)]
    if len(ranks) > 1:
        prev = ranks[-2]
        fields["previous_rank"] = float(prev.value)
        fields["previous_period"] = prev.period.label
        fields["rank_change"] = rank - float(prev.value)
        fields["rank_worsening"] = rank > float(prev.value)
        refs.append(ref(prev))
    return Signal.model_construct(
        id=f"rank:{ind.id}:{theme}",
        kind="rank",
        theme=theme,
        fields=fields,
        evidence=tuple(refs),
    )


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
