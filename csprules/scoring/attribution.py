"""Why a theme's score moved between two analyses, decomposed exactly into causes.

The move from (points, caps, weights, method) *before* to *after* is walked one
cause at a time, each step scored by the real :class:`~csprules.scoring.scorer.Scorer`
(no copy of the arithmetic): first each rule's points, criterion by criterion (rules
in id order), at the old caps and weights; then each cap; then each weight; last any
change of scoring method.  A step's effect is the score after it minus the score
before it, so the parts telescope: they add up to the change exactly (up to float
rounding), whatever the capping or the weight normalisation does.

The order is a choice and the report says so: a rule that pushes a criterion past
its cap gets only what the cap lets through, and a weight's effect is measured on
the new criterion scores.  For the weighted sum a weight's effect is split further
into its direct part (the criterion counts for more) and its dilution part (every
other criterion counts for less, because weights are renormalised).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict

from csprules.rules.scoring_config import Method
from csprules.scoring.aggregate import Array
from csprules.scoring.analysis import Analysis
from csprules.scoring.matrix import ScoreMatrix, rule_points
from csprules.scoring.scorer import Scorer
from csprules.scoring.selection_kernel import SCORE_TOLERANCE, Outcome
from csprules.scoring.selector import OUTCOME_STATUS, Decisions

NEGLIGIBLE = 1e-9
"""A step smaller than this (score points, 0-100) is float noise, not a cause."""


class Part(BaseModel):
    """One cause of a score move, in score points (0-100)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    """``rule``, ``cap``, ``weight`` or ``method``."""
    name: str
    """The rule id, or the criterion id for a cap or weight."""
    criterion: str | None
    change: str
    """What changed: ``fired``, ``silenced``, ``points +4 -> +8``, ``weight 2 -> 4`` ..."""
    effect: float
    before: float | None = None
    """The rule's points, the cap or the weight before (None for a change of method)."""
    after: float | None = None
    direct: float | None = None
    """Weights under the weighted sum: the part from the criterion counting for more."""
    dilution: float | None = None
    """Weights under the weighted sum: the part from the other criteria counting for less."""
    signals: tuple[str, ...] = ()
    """Year on year: the changed signals behind a rule's change."""


class StatusCause(BaseModel):
    """Which threshold (or slot, or link) a status change crossed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    before: str
    after: str
    text: str


class Move(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    rank_before: int
    rank_after: int
    score_before: float
    score_after: float
    status_before: str
    status_after: str
    change: float
    """score_after - score_before; the parts sum to it."""
    parts: tuple[Part, ...]
    status_cause: StatusCause | None = None


@dataclass(frozen=True)
class Side:
    """One side of a comparison: an analysis under a set of weights."""

    analysis: Analysis
    weights: Mapping[str, float] | None = None

    @property
    def weight_array(self) -> Array:
        return self.analysis.weights_array(self.weights)

    def scores(self) -> Array:
        return self.analysis.scorer.scores(self.analysis.matrix, self.weight_array)


RuleLabel = Callable[[str], str | None]
"""Rule id -> how the ruleset changed it (``added``, ``disabled`` ...), or None."""
SignalNotes = Callable[[str, str], tuple[str, ...]]
"""(theme, rule id) -> the changed signals behind that rule's move."""


def moves(before: Side, after: Side, *, rule_label: RuleLabel | None = None,
          signal_notes: SignalNotes | None = None) -> list[Move]:
    """Every theme in both analyses whose status, rank or score moved, decomposed."""
    a, b = before.analysis, after.analysis
    recs_a = {r.theme: r for r in a.recommendations(before.weights)}
    recs_b = {r.theme: r for r in b.recommendations(after.weights)}
    raw_a, raw_b = before.scores(), after.scores()
    dec_a = a.selector.decide(raw_a[None, :])
    dec_b = b.selector.decide(raw_b[None, :])
    points_a, points_b = _rule_points(a.matrix), _rule_points(b.matrix)
    criteria = (*a.matrix.criteria, *(c for c in b.matrix.criteria if c not in a.matrix.criteria))
    out: list[Move] = []
    for theme in sorted(set(recs_a) & set(recs_b)):
        ra, rb = recs_a[theme], recs_b[theme]
        if (ra.rank, ra.score, ra.status) == (rb.rank, rb.score, rb.status):
            continue
        ia, ib = a.matrix.themes.index(theme), b.matrix.themes.index(theme)
        parts = _decompose(before, after, criteria, ia, ib,
                           points_a.get(theme, {}), points_b.get(theme, {}),
                           float(raw_a[ia]), float(raw_b[ib]), rule_label, signal_notes, theme)
        cause = None
        if ra.status != rb.status:
            cause = StatusCause(
                before=ra.status.value, after=rb.status.value,
                text=_status_text(a, b, dec_a, dec_b, ia, ib, float(raw_a[ia]),
                                  float(raw_b[ib])))
        out.append(Move(
            theme=theme, label=rb.label, rank_before=ra.rank, rank_after=rb.rank,
            score_before=ra.score, score_after=rb.score, status_before=ra.status.value,
            status_after=rb.status.value, change=_round(float(raw_b[ib]) - float(raw_a[ia])),
            parts=tuple(parts), status_cause=cause,
        ))
    out.sort(key=lambda m: (m.status_before == m.status_after,
                            -abs(m.rank_after - m.rank_before), -abs(m.change), m.theme))
    return out


def _decompose(before: Side, after: Side, criteria: tuple[str, ...], ia: int, ib: int,
               pa: Mapping[tuple[str, str], float], pb: Mapping[tuple[str, str], float],
               start: float, end: float, rule_label: RuleLabel | None,
               signal_notes: SignalNotes | None, theme: str) -> list[Part]:
    a, b = before.analysis, after.analysis
    n = len(criteria)
    cols_a = {c: j for j, c in enumerate(a.matrix.criteria)}
    cols_b = {c: j for j, c in enumerate(b.matrix.criteria)}
    wa, wb = before.weight_array, after.weight_array

    def pick(cols: Mapping[str, int], values: Array, default: Array | float) -> Array:
        fallback = np.broadcast_to(np.asarray(default, dtype=np.float64), (n,))
        return np.array([values[cols[c]] if c in cols else fallback[k]
                         for k, c in enumerate(criteria)], dtype=np.float64)

    caps_b = pick(cols_b, b.matrix.caps, 1.0)
    caps = pick(cols_a, a.matrix.caps, caps_b)
    points = pick(cols_a, a.matrix.points[ia], 0.0)
    final_points = pick(cols_b, b.matrix.points[ib], 0.0)
    weights = pick(cols_a, wa, 0.0)
    final_weights = pick(cols_b, wb, 0.0)
    # One theme's row, scored by the before-side's own scorer over the union of criteria.
    row = ScoreMatrix(themes=(theme,), criteria=criteria, points=points[None, :].copy(),
                      caps=caps.copy(), weights=weights.copy())
    scorer = Scorer.for_matrix(a.config, row)

    def score() -> float:
        m = ScoreMatrix(themes=(theme,), criteria=criteria, points=points[None, :],
                        caps=caps, weights=weights)
        return float(scorer.scores(m, weights)[0])

    parts: list[Part] = []
    current = start
    for j, criterion in enumerate(criteria):
        rules = sorted({r for (r, c) in (*pa, *pb) if c == criterion})
        changed = [r for r in rules if abs(pb.get((r, criterion), 0.0)
                                           - pa.get((r, criterion), 0.0)) > NEGLIGIBLE]
        for k, rule in enumerate(changed):
            before_pts, after_pts = pa.get((rule, criterion), 0.0), pb.get((rule, criterion), 0.0)
            # The last step lands on the after-side's own sum, so float drift cannot build up.
            points[j] = (final_points[j] if k == len(changed) - 1
                         else points[j] + after_pts - before_pts)
            now = score()
            label = rule_label(rule) if rule_label else None
            parts.append(Part(
                kind="rule", name=rule, criterion=criterion,
                change=_rule_change(before_pts, after_pts, label),
                effect=_round(now - current), before=_round(before_pts),
                after=_round(after_pts),
                signals=signal_notes(theme, rule) if signal_notes else (),
            ))
            current = now
        points[j] = final_points[j]
    for j, criterion in enumerate(criteria):
        if caps[j] != caps_b[j]:
            old_cap, caps[j] = caps[j], caps_b[j]
            now = score()
            parts.append(Part(kind="cap", name=criterion, criterion=criterion,
                              change=f"cap {_g(old_cap)} -> {_g(caps_b[j])}",
                              effect=_round(now - current), before=float(old_cap),
                              after=float(caps_b[j])))
            current = now
    weighted_sum = a.config.method is Method.WEIGHTED_SUM
    for j, criterion in enumerate(criteria):
        if weights[j] == final_weights[j]:
            continue
        old = weights[j]
        weights[j] = final_weights[j]
        now = score()
        effect = now - current
        current = now
        if abs(effect) <= NEGLIGIBLE:
            continue
        direct = dilution = None
        if weighted_sum:
            # The move splits into the criterion's own gain (its weight change times its
            # score, over the new total) and the dilution of every criterion by the new total.
            mask = scorer.score_mask
            total = float((weights * mask).sum())
            s = float(np.clip(points[j], 0.0, caps[j]) / caps[j])
            # With (almost) no weight left the two halves are huge and opposite: no split.
            if total > 1e-6:
                direct = 100.0 * (weights[j] - old) * s / total
                dilution = effect - direct
        parts.append(Part(
            kind="weight", name=criterion, criterion=criterion,
            change=f"weight {_g(old)} -> {_g(weights[j])}", effect=_round(effect),
            before=float(old), after=float(weights[j]),
            direct=None if direct is None else _round(direct),
            dilution=None if dilution is None else _round(dilution),
        ))
    rest = end - current
    if abs(rest) > NEGLIGIBLE:
        parts.append(Part(kind="method", name=b.config.method.value, criterion=None,
                          change=f"scoring {a.config.method.value} -> {b.config.method.value}",
                          effect=_round(rest)))
    # A rule step of zero effect stays: it fired (or fell silent) under a criterion
    # already at its cap, and the analyst asked about that rule.
    return parts


def _rule_change(before: float, after: float, label: str | None) -> str:
    if before == 0:
        what = f"fired ({after:+g})"
    elif after == 0:
        what = f"silenced (was {before:+g})"
    else:
        what = f"points {before:+g} -> {after:+g}"
    return f"{what}, rule {label}" if label else what


def _rule_points(matrix: ScoreMatrix) -> dict[str, dict[tuple[str, str], float]]:
    """Per theme, the points each (rule, criterion) gave, exactly as the matrix counts them."""
    grouped: dict[str, dict[tuple[str, str], list[float]]] = defaultdict(
        lambda: defaultdict(list))
    for theme, contributions in matrix.contributions.items():
        for c in contributions:
            grouped[theme][(c.rule_id, c.criterion)].append(c.points)
    return {theme: {key: rule_points(v) for key, v in per_rule.items()}
            for theme, per_rule in grouped.items()}


_NAMES = {
    Outcome.PRIORITY_OVERRIDE: "a priority by the high-on-any override",
    Outcome.PRIORITY: "a priority",
    Outcome.CROSS_CUTTING_STATUTORY: "cross-cutting by statutory duty",
    Outcome.CROSS_CUTTING_LINKS: "cross-cutting by shared evidence",
    Outcome.CROSS_CUTTING_KIND: "cross-cutting by kind",
    Outcome.WATCH: "on the watch list",
    Outcome.NOT_RECOMMENDED: "not recommended",
}


def _status_text(a: Analysis, b: Analysis, dec_a: Decisions, dec_b: Decisions, ia: int,
                 ib: int, score_a: float, score_b: float) -> str:
    oa, ob = Outcome(int(dec_a.outcome[0, ia])), Outcome(int(dec_b.outcome[0, ib]))
    sa, sb = a.config.selection, b.config.selection
    top_a, top_b = float(dec_a.top[0]), float(dec_b.top[0])
    head = f"was {_NAMES[oa]}, now {_NAMES[ob]}: score {score_a:.1f} -> {score_b:.1f}"
    prio = {Outcome.PRIORITY, Outcome.PRIORITY_OVERRIDE}
    if oa in prio or ob in prio:
        pa, pb = float(dec_a.priority_at[0]), float(dec_b.priority_at[0])
        above_a, above_b = score_a >= pa - SCORE_TOLERANCE, score_b >= pb - SCORE_TOLERANCE
        threshold = (f"the priority threshold "
                     f"{_thr(pa, sa.min_priority_score, sa.min_share_of_top, top_a)} -> "
                     f"{_thr(pb, sb.min_priority_score, sb.min_share_of_top, top_b)}")
        if Outcome.PRIORITY_OVERRIDE in (oa, ob) and oa != ob:
            return f"{head}; the high-on-any override applies on one side only"
        if above_a != above_b:
            text = f"{head}; it {'rose above' if above_b else 'fell below'} {threshold}"
            # Priority to (or from) nothing crosses the watch threshold too: say so.
            other, score, dec, sel, top = ((ob, score_b, dec_b, sb, top_b) if oa in prio
                                           else (oa, score_a, dec_a, sa, top_a))
            at = float(dec.watch_at[0])
            if other is Outcome.NOT_RECOMMENDED and score < at - SCORE_TOLERANCE:
                text += (f", and the watch threshold "
                         f"{_thr(at, sel.watch_score, sel.watch_share_of_top, top)}")
            return text
        rank_a, rank_b = int(dec_a.ranks[0, ia]), int(dec_b.ranks[0, ib])
        return (f"{head}; at or above {threshold} both times, it "
                f"{'won' if ob in prio else 'lost'} one of the {sb.max_priorities} priority "
                f"slots (rank {rank_a} -> {rank_b})")
    if OUTCOME_STATUS[oa] == OUTCOME_STATUS[ob]:
        return head
    if Outcome.CROSS_CUTTING_LINKS in (oa, ob):
        return (f"{head}; a theme whose evidence feeds {sb.cross_cutting_min_links} or more "
                "chosen priorities is cross-cutting, and the priorities it feeds changed")
    if Outcome.CROSS_CUTTING_STATUTORY in (oa, ob):
        return f"{head}; its statutory duty changed"
    wa, wb = float(dec_a.watch_at[0]), float(dec_b.watch_at[0])
    above_a, above_b = score_a >= wa - SCORE_TOLERANCE, score_b >= wb - SCORE_TOLERANCE
    threshold = (f"the watch threshold {_thr(wa, sa.watch_score, sa.watch_share_of_top, top_a)}"
                 f" -> {_thr(wb, sb.watch_score, sb.watch_share_of_top, top_b)}")
    verb = ("rose above" if above_b and not above_a else
            "fell below" if above_a and not above_b else "stayed on the same side of")
    return f"{head}; it {verb} {threshold}"


def _thr(at: float, floor: float, share: float, top: float) -> str:
    if at > floor + 1e-12:
        return f"{at:.1f} ({100 * share:g}% of the top score {top:.1f})"
    return f"{at:.1f} (the floor)"


def total(parts: Sequence[Part]) -> float:
    return sum(p.effect for p in parts)


def _g(x: float) -> str:
    return f"{x:g}"


def _round(x: float) -> float:
    value = round(x, 6)
    return 0.0 if value == 0 else value
