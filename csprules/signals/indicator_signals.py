"""Signals from one indicator: latest value, change, trend, targets, comparators, ranks.

Percent changes are always recomputed from the counts; a change the document
printed is kept beside it and a disagreement becomes a data-quality flag.
Where only a printed change exists (no counts), it is used and said so.
"""

from __future__ import annotations

from datetime import date

from csprules.evidence.indicator import Direction, Indicator, Observation, Series, Unit
from csprules.evidence.values import MissingState
from csprules.signals.benchmark_signals import comparator_signals, rank_signal
from csprules.signals.harm import HarmTable
from csprules.signals.model import DataQualityFlag, EvidenceRef, Scalar, Signal
from csprules.signals.observations import (
    by_period,
    is_better,
    is_worse,
    numeric,
    one_year_before,
    pct_change,
    ref,
)
from csprules.signals.perception import is_perception, perception_fields

TREND_WINDOW = 4
"""Periods in the direction-of-travel window (latest and three before: 3 years)."""
FLAT_BAND_PCT = 2.0
"""A multi-year change within +-2% counts as flat."""
PRINT_TOLERANCE_PCT = 0.15
"""Printed % changes are rounded to 1 dp; more than this off the counts is a disagreement."""
STALE_AFTER_DAYS = 730


def target_miss_pct(value: float, goal: float, direction: Direction) -> float | None:
    """How far ``value`` falls short of ``goal``, in % of the goal; None if it is met.

    Positive whichever way is good: 146 against a target of 226 (more is better) is a
    35.4% miss, 2,100 against 1,900 (less is better) a 10.5% miss.
    """
    if goal == 0 or direction is Direction.MAINTAIN:
        return None
    short = value - goal if direction is Direction.DOWN else goal - value
    return short / abs(goal) * 100.0 if short > 0 else None


def _periods_between(row: Observation) -> int:
    """Periods of the row's own length from its base period to its period (0 if no base)."""
    base = row.base_period
    if base is None:
        return 0
    months = (row.period.end.year - base.end.year) * 12 + row.period.end.month - base.end.month
    return round(months / max(row.period.months, 1))


class IndicatorDeriver:
    """Derives the signals of one indicator for every theme it serves."""

    def __init__(
        self,
        indicator: Indicator,
        totals: dict[str, Indicator],
        population: int | None,
        harm: HarmTable,
        assessment_date: date,
    ) -> None:
        self.ind = indicator
        self.totals = totals
        self.population = population
        self.harm = harm
        self.assessment_date = assessment_date
        self.flags: list[DataQualityFlag] = []
        obs = indicator.observations
        self.actuals = by_period(o for o in obs if o.series is Series.ACTUAL)
        self.numeric = numeric(self.actuals)

    def series(self, series: Series) -> list[Observation]:
        return by_period(o for o in self.ind.observations if o.series is series)

    def _flag(self, kind: str, message: str, obs: Observation | None = None) -> None:
        self.flags.append(
            DataQualityFlag.model_construct(
                kind=kind,
                message=message,
                indicator=self.ind.id,
                theme=self.ind.themes[0],
                row=obs.row if obs else self.ind.row,
                cited=obs.cited if obs else self.ind.cited,
            )
        )

    def derive(self, theme_labels: dict[str, str]) -> list[Signal]:
        fields, refs = self._indicator_fields()
        signals: list[Signal] = []
        for theme in self.ind.themes:
            common: dict[str, Scalar] = {"theme_label": theme_labels.get(theme, theme)}
            signals.append(
                Signal.model_construct(
                    id=f"ind:{self.ind.id}:{theme}",
                    kind="indicator",
                    theme=theme,
                    fields={**common, **fields},
                    evidence=tuple(refs),
                )
            )
            signals += comparator_signals(self.ind, self.numeric, theme, common)
            rank = rank_signal(self.ind, theme, common)
            if rank is not None:
                signals.append(rank)
        return signals

    def _indicator_fields(self) -> tuple[dict[str, Scalar], list[EvidenceRef]]:
        ind = self.ind
        f: dict[str, Scalar] = {
            "indicator": ind.id,
            "label": ind.label,
            "unit": ind.unit.value,
            "direction": ind.direction.value,
            "under_reported": ind.direction is Direction.UP_UNDER_REPORTED,
            "observations": float(len(self.numeric)),
            "recording_change": "recording_change" in ind.flags,
            "stale": "stale" in ind.flags,
        }
        refs: list[EvidenceRef] = []
        missing = [o for o in self.actuals if isinstance(o.value, MissingState)]
        f["missing_periods"] = float(len(missing))
        for o in missing:
            state = o.value.label if isinstance(o.value, MissingState) else str(o.value)
            self._flag("missing", f"{ind.label}: {o.period.label} is '{state}', not a number", o)
            refs.append(ref(o))
        not_comparable = [o for o in ind.observations if o.value is MissingState.NOT_COMPARABLE]
        f["not_comparable"] = bool(not_comparable)
        if self.actuals:
            last = self.actuals[-1]
            f["latest_state"] = "value" if isinstance(last.value, float) else str(last.value)
        self._printed_checks(f, refs)
        f["perception"] = is_perception(ind)
        # A survey share is a percentage; a flagged count is a perception measure with no share.
        if f["perception"] and ind.unit is Unit.PERCENTAGE:
            seen, seen_refs = perception_fields(
                self.numeric, numeric(self.series(Series.BASELINE)))
            f.update(seen)
            refs += seen_refs
        if not self.numeric:
            return f, refs
        latest = self.numeric[-1]
        value = float(latest.value)
        refs.append(ref(latest))
        f["period"] = latest.period.label
        f["latest"] = value
        if (self.assessment_date - latest.period.end).days > STALE_AFTER_DAYS and not f["stale"]:
            f["stale"] = True
            self._flag(
                "stale",
                f"{ind.label}: latest value is for {latest.period.label}, "
                f"more than two years before the assessment",
                latest,
            )
        previous = one_year_before(latest.period, self.numeric[:-1])
        if previous is not None:
            old = float(previous.value)
            refs.append(ref(previous))
            f["previous_period"] = previous.period.label
            f["previous"] = old
            change = value - old
            f["change"] = change
            pct = pct_change(value, old)
            if pct is not None:
                f["change_pct"] = pct
            if ind.unit in (Unit.PERCENTAGE, Unit.RATE):
                f["change_pp"] = change
            f["worsening"] = is_worse(change, ind.direction)
            f["improving"] = is_better(change, ind.direction)
        self._trend(f, refs)
        self._baseline(f, refs, latest)
        self._target(f, refs, latest)
        self._rate_and_share(f, refs, latest)
        self._harm(f)
        return f, refs

    def _printed_checks(self, f: dict[str, Scalar], refs: list[EvidenceRef]) -> None:
        ours = {o.period.label: o for o in self.numeric}
        theirs: dict[tuple[str, str], Observation] = {
            (o.area or "", o.period.label): o for o in numeric(self.series(Series.COMPARATOR))
        }
        all_printed = self.series(Series.PRINTED_CHANGE_PCT)
        printed_rows = [r for r in all_printed if not r.area]
        mismatch = False
        for row in all_printed:
            if not isinstance(row.value, float) or row.base_period is None:
                continue
            if row.area:
                # A printed change for a comparator area is checked against that area's counts.
                new = theirs.get((row.area, row.period.label))
                old = theirs.get((row.area, row.base_period.label))
            else:
                new = ours.get(row.period.label)
                old = ours.get(row.base_period.label)
            if new is None or old is None:
                continue
            recomputed = pct_change(float(new.value), float(old.value))
            if recomputed is None:
                continue
            # A whole-number print ("+332%") may be rounded by up to half a point.
            tolerance = 0.51 if float(row.value).is_integer() else PRINT_TOLERANCE_PCT
            if abs(recomputed - row.value) > tolerance:
                mismatch = mismatch or not row.area
                self._flag(
                    "printed_mismatch",
                    f"{self.ind.label}{' (' + row.area + ')' if row.area else ''}: "
                    f"printed change {row.value:+.1f}% from "
                    f"{row.base_period.label} to {row.period.label}, but the counts "
                    f"({old.value:g} to {new.value:g}) give {recomputed:+.1f}%",
                    row,
                )
                refs.append(ref(row))
        f["printed_mismatch"] = mismatch
        if printed_rows:
            last = [r for r in printed_rows if isinstance(r.value, float)]
            if last:
                f["printed_change_pct"] = float(last[-1].value)
        if not self.numeric and printed_rows:
            usable = [r for r in printed_rows if isinstance(r.value, float)]
            if usable:
                row = usable[-1]
                pct = float(row.value)
                refs.append(ref(row))
                f["period"] = row.period.label
                f["change_pct"] = pct
                self._flag(
                    "printed_only",
                    f"{self.ind.label}: no counts; using the printed change {pct:+.1f}%"
                    + (f" from {row.base_period.label}" if row.base_period else "")
                    + f" to {row.period.label}",
                    row,
                )
                steps = _periods_between(row)
                if steps >= 2:
                    # "-24.2% from 2004/05 to 2007/08" is a direction of travel over
                    # several years, read as the counts' trend is, not a 1-year change.
                    del f["change_pct"]
                    f["trend_periods"] = float(steps + 1)
                    f["trend_pct"] = pct
                    f["trend_direction"] = (
                        "rising" if pct > FLAT_BAND_PCT
                        else "falling" if pct < -FLAT_BAND_PCT else "flat"
                    )
                    f["trend_worsening"] = (abs(pct) > FLAT_BAND_PCT
                                            and is_worse(pct, self.ind.direction))
                else:
                    if row.base_period is not None:
                        f["previous_period"] = row.base_period.label
                    f["worsening"] = is_worse(pct, self.ind.direction)
                    f["improving"] = is_better(pct, self.ind.direction)
                # Harm per offence is a property of the offence, not of the count: a
                # printed change is local evidence the offence is measured here.
                # (Harm-weighted volume still needs a count.)
                self._harm(f)

    def _trend(self, f: dict[str, Scalar], refs: list[EvidenceRef]) -> None:
        window = self.numeric[-TREND_WINDOW:]
        f["trend_periods"] = float(len(window))
        if len(window) < 3:
            return
        first, last = float(window[0].value), float(window[-1].value)
        pct = pct_change(last, first)
        if pct is None:
            return
        refs.append(ref(window[0]))
        f["trend_pct"] = pct
        f["trend_direction"] = (
            "rising" if pct > FLAT_BAND_PCT else "falling" if pct < -FLAT_BAND_PCT else "flat"
        )
        f["trend_worsening"] = abs(pct) > FLAT_BAND_PCT and is_worse(pct, self.ind.direction)

    def _baseline(self, f: dict[str, Scalar], refs: list[EvidenceRef], latest: Observation) -> None:
        baselines = [
            o
            for o in numeric(self.series(Series.BASELINE))
            if o.period.sort_key < latest.period.sort_key
        ]
        if not baselines:
            return
        base = baselines[-1]
        refs.append(ref(base))
        f["baseline_period"] = base.period.label
        f["baseline"] = float(base.value)
        pct = pct_change(float(latest.value), float(base.value))
        if pct is not None:
            f["baseline_change_pct"] = pct

    def _target(self, f: dict[str, Scalar], refs: list[EvidenceRef], latest: Observation) -> None:
        targets = numeric(self.series(Series.TARGET))
        due = [t for t in targets if t.period.sort_key >= latest.period.sort_key]
        if not due:
            return
        target = due[0]
        refs.append(ref(target))
        goal = float(target.value)
        value = float(latest.value)
        f["target"] = goal
        gap = pct_change(value, goal)
        if gap is not None:
            f["target_gap_pct"] = gap
        f["target_period"] = target.period.label
        if target.period.label != latest.period.label:
            # A target for a later year is distance still to go, not a miss: a plan
            # sets every target beyond its baseline, so reading it as a miss would
            # score "the plan has a target" rather than what happened.
            return
        # The target's own year is in: whether, and how far, the result fell short.
        if self.ind.direction is Direction.DOWN:
            f["off_target"] = value > goal
        elif self.ind.direction in (Direction.UP, Direction.UP_UNDER_REPORTED):
            f["off_target"] = value < goal
        miss = target_miss_pct(value, goal, self.ind.direction)
        if miss is not None:
            f["target_miss_pct"] = miss

    def _rate_and_share(
        self, f: dict[str, Scalar], refs: list[EvidenceRef], latest: Observation
    ) -> None:
        value = float(latest.value)
        if self.ind.unit is Unit.COUNT and self.population:
            f["rate_per_1000"] = value / self.population * 1000.0
        if self.ind.unit is not Unit.COUNT:
            return
        # The share is of the widest total with a count for the same period: domestic
        # violence as a share of violence, where violence is itself part of total
        # crime, is read as its share of total crime (34% of violence is 4.9% of all
        # crime), so every share is on one scale.
        for total in reversed(self._totals_chain()):
            for obs in numeric(total.observations):
                if (obs.series is Series.ACTUAL and obs.period.label == latest.period.label
                        and obs.value):
                    f["share_pct"] = value / float(obs.value) * 100.0
                    f["total_label"] = total.label
                    refs.append(ref(obs))
                    return

    def _totals_chain(self) -> list[Indicator]:
        """The totals this indicator is part of: its ``total_of``, that one's, and so on."""
        chain: list[Indicator] = []
        seen = {self.ind.id}
        node = self.totals.get(self.ind.total_of) if self.ind.total_of else None
        while node is not None and node.id not in seen:
            chain.append(node)
            seen.add(node.id)
            node = self.totals.get(node.total_of) if node.total_of else None
        return chain

    def _harm(self, f: dict[str, Scalar]) -> None:
        if self.ind.harm_class is None:
            return
        row = self.harm.lookup(self.ind.harm_class, self.ind.label)
        if row is None:
            self._flag(
                "harm_class",
                f"{self.ind.label}: harm class '{self.ind.harm_class}' "
                "is not in the harm-weight table; no harm weight applied",
            )
            return
        f["harm_weight"] = row.weight
        f["harm_basis"] = row.basis
        f["harm_source"] = row.source
        if row.offence is not None:
            f["harm_offence"] = row.offence
        if self.ind.unit is Unit.COUNT and "latest" in f:
            f["harm_volume"] = float(f["latest"]) * row.weight
