"""What would move it: per theme, the smallest single change that flips its status.

Two kinds of single change, each computed exactly from the score matrix, without
firing a rule again:

- **one criterion's weight** (every other weight held): the interval of that weight
  over which the theme keeps its status, and the status beyond each end;
- **one criterion score of the theme** (every other theme held): the points it must
  gain, or may lose, before its status changes.

Exact, not sampled: a theme's score is a ratio of two linear functions of one weight
(the weighted mean, or MoRiLE's harm or likelihood mean), and linear in one of its own
criterion scores.  So every event that can change any status (two themes swapping
rank, a theme reaching a floor, or a share of the top score) is the root of a linear
equation.  Statuses are constant between consecutive roots; the selection kernel
(:class:`~csprules.scoring.selector.Selector`) decides them at each root and between
each pair, in one batch.  The scores themselves come from the real
:class:`~csprules.scoring.scorer.Scorer`; this module only finds where to look.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from csprules.rules.scoring_config import Method
from csprules.scoring.aggregate import Array
from csprules.scoring.analysis import Analysis
from csprules.scoring.selection_kernel import OVERRIDE_TOLERANCE, Outcome
from csprules.scoring.selector import OUTCOME_STATUS

WEIGHT_REACH = 2.0
"""A weight flip is within reach when it needs at most this factor up or down."""
SCORE_REACH = 0.25
"""A score flip is within reach when it needs at most this share of the criterion's cap."""

_MARGIN = 1.0 + 1e-6
"""A flip exactly at the edge of reach (2.5 points of a cap of 10) is within it, whatever
the float noise in the root."""

_STATUS = np.array([OUTCOME_STATUS[o].value for o in sorted(Outcome)])
"""Outcome code -> status (a fixed-width string array: compares fast, element-wise)."""


class WeightInterval(BaseModel):
    """The weights of one criterion over which a theme keeps its status."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    weight: float
    """The criterion's weight now."""
    low: float
    """The status holds from this weight (0 when it holds all the way down)..."""
    high: float | None
    """... up to this one (None: however large the weight)."""
    below: str | None
    """The status beyond ``low`` (at a weight of 0 itself when ``low`` is 0; None when the
    status holds as far down as was searched)."""
    above: str | None
    """The status at weights over ``high`` (None when ``high`` is None)."""
    searched: tuple[float, float | None] = (0.0, None)
    """The weights searched: within reach only in a report, every weight in ``explain``.
    ``low`` equal to the first with ``below`` None, or ``high`` None, means no flip there."""


class ScoreChange(BaseModel):
    """How far one of a theme's criterion scores can move before its status changes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    points: float
    """The theme's points on the criterion now, capped (0 to the cap)."""
    cap: float
    gain: float | None
    """Points to gain for the status to change (None: no gain up to the cap changes it)."""
    gain_status: str | None
    loss: float | None
    """Points to lose for the status to change (None: no loss down to 0 changes it)."""
    loss_status: str | None
    searched: float | None = None
    """The most points searched each way (None: all the way to the cap and to 0)."""


class Lever(BaseModel):
    """One theme: its status, and the single changes that would flip it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    status: str
    score: float
    weights: tuple[WeightInterval, ...]
    scores: tuple[ScoreChange, ...]
    nearest: str
    """The smallest flip in words, or why none is within reach."""
    within_reach: bool


class WhatWouldMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    reach: str
    """What "within reach" means here."""
    themes: tuple[Lever, ...]
    """Themes with a flip within reach, best ranked first, each with only the criteria whose
    weight or score can flip it (``csprules explain`` shows them all)."""


@dataclass(frozen=True)
class _Grid:
    x: Array
    root: npt.NDArray[np.bool_]
    here: int
    """The index of the current value."""


def what_would_move(analysis: Analysis, weights: dict[str, float] | None = None, *,
                    only_within_reach: bool = True) -> WhatWouldMove:
    """Every theme's weight intervals and score changes (those within reach, by default)."""
    levers = levers_for(analysis, weights, within_reach=only_within_reach)
    recs = analysis.recommendations(weights)
    rank = {r.theme: r.rank for r in recs}
    chosen = [_bounded(lv) for lv in levers.values() if lv.within_reach or not only_within_reach]
    chosen.sort(key=lambda lv: (rank[lv.theme], lv.theme))
    return WhatWouldMove(
        reach=(f"a single weight changed by at most a factor of {WEIGHT_REACH:g}, or a single "
               f"criterion score of the theme changed by at most {100 * SCORE_REACH:g}% of "
               "the criterion's cap, every other weight and theme held"),
        themes=tuple(chosen),
    )


def _bounded(lever: Lever) -> Lever:
    """Only the criteria with a flip: a weight or score that never flips it says nothing."""
    return lever.model_copy(update={
        "weights": tuple(v for v in lever.weights if v.below is not None or v.high is not None),
        "scores": tuple(c for c in lever.scores if c.gain is not None or c.loss is not None),
    })


def levers_for(analysis: Analysis, weights: dict[str, float] | None = None, *,
               within_reach: bool = False) -> dict[str, Lever]:
    """Per theme, its weight intervals and score changes.

    ``within_reach`` searches only within reach (far quicker: a report needs no more);
    otherwise every weight from 0 up and every score from 0 to the cap.
    """
    m = analysis.matrix
    w = analysis.weights_array(weights)
    scores = analysis.scorer.scores(m, w)
    now = analysis.selector.decide(scores[None, :]).outcome[0]
    statuses = _STATUS[now]
    intervals: dict[int, list[WeightInterval]] = {i: [] for i in range(len(m.themes))}
    for j, criterion in enumerate(m.criteria):
        for i, interval in _weight_intervals(analysis, w, j, within_reach).items():
            intervals[i].append(replace_criterion(interval, criterion))
    recs = {r.theme: r for r in analysis.recommendations(weights)}
    per_criterion = [_score_changes(analysis, scores, j, *_score_lines(analysis, w, j),
                                    within_reach=within_reach)
                     for j in range(len(m.criteria))]
    out: dict[str, Lever] = {}
    for i, theme in enumerate(m.themes):
        changes = [c[i] for c in per_criterion if i in c]
        nearest, reach = _nearest(intervals[i], changes, analysis)
        out[theme] = Lever(theme=theme, label=recs[theme].label, status=str(statuses[i]),
                           score=recs[theme].score, weights=tuple(intervals[i]),
                           scores=tuple(changes), nearest=nearest, within_reach=reach)
    return out


def replace_criterion(interval: WeightInterval, criterion: str) -> WeightInterval:
    return interval.model_copy(update={"criterion": criterion})


def _linear_in_weight(analysis: Analysis, w: Array, j: int) -> tuple[Array, Array, float] | None:
    """(alpha, beta, gamma): every theme scores (alpha + beta x) / (gamma + x) at weight x.

    None when the weight does not enter the score that way (the confidence criterion,
    MoRiLE's position, a criterion in both MoRiLE's harm and likelihood).
    """
    scorer = analysis.scorer
    others = w.copy()
    others[j] = 0.0
    if analysis.config.method is Method.MORILE:
        in_harm, in_likelihood = bool(scorer.harm_mask[j]), bool(scorer.likelihood_mask[j])
        if in_harm == in_likelihood:
            return None
        mask = scorer.harm_mask if in_harm else scorer.likelihood_mask
    else:
        if not scorer.score_mask[j]:
            return None
        mask = scorer.score_mask
    gamma = float((others * mask).sum())
    rows = np.repeat(w[None, :], 3, axis=0)
    rows[:, j] = (0.0, 1.0, 2.0)
    s = scorer.scores(analysis.matrix, rows)
    alpha = s[0] * gamma
    beta = s[1] * (gamma + 1.0) - alpha
    if not np.allclose(s[2] * (gamma + 2.0), alpha + 2.0 * beta, rtol=1e-9, atol=1e-7):
        raise AssertionError("theme scores are not linear-fractional in one weight")
    return alpha, beta, gamma


def _roots(a: Array, b: Array) -> Array:
    """Every root x of a + b x = 0 (elementwise), for b != 0."""
    ok = np.abs(b) > 1e-12
    return -a[ok] / b[ok]


def _grid(roots: Array, lo: float, hi: float | None, current: float) -> _Grid:
    """Every root in (lo, hi), the bounds and the current value, with a point between each
    pair (and one past the last when unbounded): statuses are constant between roots."""
    found = np.unique(np.round(roots[np.isfinite(roots)], 12))
    inside = found > lo
    if hi is not None:
        inside &= found < hi
    found = found[inside]
    xs = np.unique(np.concatenate([found, [lo, current], [] if hi is None else [hi]]))
    is_root = np.ones(len(xs), dtype=bool)
    if current not in (lo, hi) and not np.isin(current, found):
        is_root[xs == current] = False
    x = np.empty(2 * len(xs) - 1)
    x[0::2], x[1::2] = xs, (xs[:-1] + xs[1:]) / 2
    root = np.zeros(len(x), dtype=bool)
    root[0::2] = is_root
    if hi is None:
        x, root = np.append(x, 2 * xs[-1] + 1), np.append(root, False)
    return _Grid(x, root, int(np.flatnonzero(x == current)[0]))


def _weight_intervals(analysis: Analysis, w: Array, j: int,
                      within_reach: bool) -> dict[int, WeightInterval]:
    form = _linear_in_weight(analysis, w, j)
    if form is None:
        return {}
    alpha, beta, gamma = form
    sel = analysis.config.selection
    n = len(alpha)
    ai, bi = alpha[:, None], beta[:, None]
    ak, bk = alpha[None, :], beta[None, :]
    roots = [_roots((ai - ak).ravel(), (bi - bk).ravel())]
    for share in (sel.min_share_of_top, sel.watch_share_of_top):
        roots.append(_roots((ai - share * ak).ravel(), (bi - share * bk).ravel()))
    for floor in (sel.min_priority_score, sel.watch_score):
        roots.append(_roots(alpha - floor * gamma, beta - floor))
    w0 = float(w[j])
    if within_reach and w0 == 0:
        return {}  # no factor of a zero weight reaches anything
    shown = (w0 / WEIGHT_REACH, w0 * WEIGHT_REACH) if within_reach else (0.0, None)
    lo, hi = ((w0 / WEIGHT_REACH / _MARGIN, w0 * WEIGHT_REACH * _MARGIN) if within_reach
              else (0.0, None))
    grid = _grid(np.concatenate(roots), lo, hi, w0)
    rows = np.repeat(w[None, :], len(grid.x), axis=0)
    rows[:, j] = grid.x
    decided = analysis.selector.decide(analysis.scorer.scores(analysis.matrix, rows))
    status = _STATUS[decided.outcome]
    here = grid.here
    out: dict[int, WeightInterval] = {}
    for i in range(n):
        lo_k, hi_k = _extent(status[:, i], here)
        low, below = _edge(grid, status[:, i], lo_k, -1)
        high, above = _edge(grid, status[:, i], hi_k, +1)
        out[i] = WeightInterval(
            criterion="", weight=w0, low=_round(shown[0] if low is None else low),
            high=None if high is None else _round(high), below=below, above=above,
            searched=(_round(shown[0]), None if shown[1] is None else _round(shown[1])))
    return out


def _extent(column: Array, here: int) -> tuple[int, int]:
    """The run of grid points around ``here`` with the status at ``here``."""
    other = np.flatnonzero(column != column[here])
    before, after = other[other < here], other[other > here]
    lo = int(before[-1]) + 1 if len(before) else 0
    hi = int(after[0]) - 1 if len(after) else len(column) - 1
    return lo, hi


def _edge(grid: _Grid, column: Array, k: int, step: int) -> tuple[float | None, str | None]:
    """The boundary beyond grid point ``k`` (the root between it and the next point out)."""
    nxt = k + step
    if nxt < 0 or nxt >= len(grid.x):
        return None, None
    # Statuses change only at roots: the boundary is whichever of the two points is one.
    x = grid.x[k] if grid.root[k] else grid.x[nxt]
    return float(x), str(column[nxt])


def _score_lines(analysis: Analysis, w: Array, j: int) -> tuple[Array, Array]:
    """(a, b): each theme would score a + b u with its criterion j score at u (0-1).

    A theme's score depends on its own row only, so one column set to 0, then to the
    cap, gives every theme's line at once.
    """
    m = analysis.matrix
    low_pts, high_pts = m.points.copy(), m.points.copy()
    low_pts[:, j], high_pts[:, j] = 0.0, m.caps[j]
    mid_pts = m.points.copy()
    mid_pts[:, j] = m.caps[j] / 2
    s0 = analysis.scorer.scores(replace(m, points=low_pts), w)
    s1 = analysis.scorer.scores(replace(m, points=high_pts), w)
    half = analysis.scorer.scores(replace(m, points=mid_pts), w)
    slope = s1 - s0
    # A criterion in both MoRiLE's harm and likelihood enters squared: no line to follow.
    slope[~np.isclose(half, s0 + slope / 2, rtol=1e-9, atol=1e-7)] = np.nan
    return s0, slope


def _score_changes(analysis: Analysis, scores: Array, j: int, a: Array, b: Array, *,
                   within_reach: bool) -> dict[int, ScoreChange]:
    """Every theme's score change on criterion j, decided in one batch."""
    m = analysis.matrix
    hoa = analysis.config.high_on_any
    in_override = hoa is not None and m.criteria[j] in hoa.criteria
    grids: dict[int, _Grid] = {}
    for i in range(len(m.themes)):
        if np.isfinite(b[i]) and abs(b[i]) > 1e-12:
            u0 = float(m.scores[i, j])
            reach = SCORE_REACH * _MARGIN
            lo, hi = ((max(0.0, u0 - reach), min(1.0, u0 + reach)) if within_reach
                      else (0.0, 1.0))
            grids[i] = _grid(_score_roots(analysis, scores, i, j, float(a[i]), float(b[i])),
                             lo, hi, u0)
    if not grids:
        return {}
    blocks = []
    for i, g in grids.items():
        rows = np.repeat(scores[None, :], len(g.x), axis=0)
        rows[:, i] = a[i] + b[i] * g.x
        blocks.append(rows)
    if in_override:
        outcomes = [_override_outcomes(analysis, rows, i, j, g)
                    for (i, g), rows in zip(grids.items(), blocks, strict=True)]
    else:
        decided = analysis.selector.decide(np.concatenate(blocks)).outcome
        cuts = np.cumsum([len(g.x) for g in grids.values()])[:-1]
        outcomes = np.split(decided, cuts)
    cap = float(m.caps[j])
    out: dict[int, ScoreChange] = {}
    for (i, g), outcome in zip(grids.items(), outcomes, strict=True):
        column = _STATUS[outcome[:, i]]
        u0 = float(m.scores[i, j])
        lo_k, hi_k = _extent(column, g.here)
        up, up_status = _edge(g, column, hi_k, +1)
        down, down_status = _edge(g, column, lo_k, -1)
        out[i] = ScoreChange(
            criterion=m.criteria[j], points=_round(u0 * cap), cap=cap,
            gain=None if up is None else _round((up - u0) * cap), gain_status=up_status,
            loss=None if down is None else _round((u0 - down) * cap), loss_status=down_status,
            searched=_round(SCORE_REACH * cap) if within_reach else None,
        )
    return out


def _score_roots(analysis: Analysis, scores: Array, i: int, j: int, a: float,
                 b: float) -> Array:
    """Scores u of theme i on criterion j at which some status can change."""
    sel = analysis.config.selection
    others = np.delete(scores, i)
    roots = [(others - a) / b]
    for share in (sel.min_share_of_top, sel.watch_share_of_top):
        roots.append((share * others - a) / b)
        if share > 0:
            roots.append((others / share - a) / b)
    roots.append(np.array([(sel.min_priority_score - a) / b, (sel.watch_score - a) / b]))
    hoa = analysis.config.high_on_any
    if hoa is not None and analysis.matrix.criteria[j] in hoa.criteria:
        roots.append(np.array([hoa.at_least - OVERRIDE_TOLERANCE]))
    return np.concatenate(roots)


def _override_outcomes(analysis: Analysis, rows: Array, i: int, j: int,
                       g: _Grid) -> npt.NDArray[np.int8]:
    """As the kernel decides, with theme i's high-on-any override following its score u."""
    m = analysis.matrix
    hoa = analysis.config.high_on_any
    assert hoa is not None
    selector = analysis.selector
    normalised = m.scores.copy()
    normalised[i, j] = 0.0
    base = selector.override.copy()
    base[i] = bool(np.any([normalised[i, m.criteria.index(c)] >= hoa.at_least
                           - OVERRIDE_TOLERANCE for c in hoa.criteria]))
    reached = base.copy()
    reached[i] = True
    over = g.x >= hoa.at_least - OVERRIDE_TOLERANCE
    outcome = np.empty(rows.shape, dtype=np.int8)
    for mask, flags in ((~over, base), (over, reached)):
        if mask.any():
            outcome[mask] = replace(selector, override=flags).decide(rows[mask]).outcome
    return outcome


def _nearest(intervals: list[WeightInterval], changes: list[ScoreChange],
             analysis: Analysis) -> tuple[str, bool]:
    """The smallest flip, measured against the reach (1 is the edge of reach)."""
    labels = {c: analysis.criteria[c].label for c in analysis.matrix.criteria}
    spread = float(np.log(WEIGHT_REACH))
    options: list[tuple[float, str]] = []
    for v in intervals:
        label = labels[v.criterion]
        if v.high is not None and v.above is not None:
            size = np.log(v.high / v.weight) / spread if v.weight else float("inf")
            options.append((float(size), f"{_status(v.above)} if the {label} weight is above "
                                         f"{_num(v.high)} (now {_num(v.weight)})"))
        if v.low > 0 and v.below is not None:
            options.append((float(np.log(v.weight / v.low) / spread),
                            f"{_status(v.below)} if the {label} weight is below {_num(v.low)} "
                            f"(now {_num(v.weight)})"))
    for c in changes:
        label = labels[c.criterion]
        if c.gain is not None and c.gain_status is not None:
            options.append((c.gain / c.cap / SCORE_REACH,
                            f"{_status(c.gain_status)} if its {label} points rise by "
                            f"{_num(c.gain)} (now {_num(c.points)} of {c.cap:g})"))
        if c.loss is not None and c.loss_status is not None:
            options.append((c.loss / c.cap / SCORE_REACH,
                            f"{_status(c.loss_status)} if its {label} points fall by "
                            f"{_num(c.loss)} (now {_num(c.points)} of {c.cap:g})"))
    if not options:
        return "no single weight or criterion score change flips its status", False
    size, text = min(options)
    return text, size <= _MARGIN


def _status(value: str) -> str:
    return {"priority": "a priority", "cross_cutting": "cross-cutting",
            "watch": "on the watch list", "not_recommended": "not recommended"}[value]


def _round(x: float) -> float:
    value = round(x, 6)
    return 0.0 if value == 0 else value


def _num(x: float) -> str:
    """A weight or points figure as a person writes it: 16, 2.6, 0.42."""
    if abs(x) >= 10:
        return f"{x:.0f}"
    if abs(x) >= 1:
        return f"{x:.1f}".removesuffix(".0")
    return f"{x:.2g}"
