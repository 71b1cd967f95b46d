"""Selection: priorities, cross-cutting themes, a watch list, and why not the rest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from csprules.rules.scoring_config import ScoringConfig
from csprules.scoring.aggregate import Array
from csprules.scoring.model import Status
from csprules.scoring.selection_kernel import OVERRIDE_TOLERANCE, SCORE_TOLERANCE, Outcome
from csprules.scoring.selector import OUTCOME_STATUS, Selector

_OUTCOMES = {int(o): o for o in Outcome}
_PRIORITY = frozenset({Outcome.PRIORITY_OVERRIDE, Outcome.PRIORITY})


@dataclass(frozen=True)
class ThemeFacts:
    """What selection needs to know about each theme besides its score."""

    label: str
    kind: str
    statutory: tuple[str, ...]
    """Names of active statutory duties on this theme."""
    links: frozenset[str]
    """Themes whose evidence this theme shares (same indicator, or joined in one rule)."""


@dataclass(frozen=True)
class Selected:
    rank: int
    status: Status
    reasons: tuple[str, ...]
    tie_with: tuple[str, ...]


def select(
    themes: tuple[str, ...],
    scores: Array,
    normalised: Array,
    criteria: tuple[str, ...],
    labels: Mapping[str, str],
    facts: Mapping[str, ThemeFacts],
    config: ScoringConfig,
    *,
    selector: Selector | None = None,
) -> dict[str, Selected]:
    """Statuses and reasons for one ranking; the decisions are the selection kernel's.

    ``selector`` is the same inputs already checked (``Analysis.selector``), to
    save building it again for every weighting.
    """
    sel = config.selection
    if selector is None:
        selector = Selector.build(themes, normalised, criteria, facts, config)
    decided = selector.decide(scores[None, :])
    order: list[int] = decided.order[0].tolist()
    ranks: list[int] = decided.ranks[0].tolist()
    outcome = [_OUTCOMES[o] for o in decided.outcome[0].tolist()]
    rounded = np.round(scores, 6)
    n = len(themes)
    top = float(decided.top[0])
    priority_at, watch_at = float(decided.priority_at[0]), float(decided.watch_at[0])
    limits = _Limits(priority_at, watch_at, _describe(priority_at, sel.min_priority_score, top),
                     _describe(watch_at, sel.watch_score, top))
    chosen_ids = {themes[i] for i in order if outcome[i] in _PRIORITY}

    out: dict[str, Selected] = {}
    for i in order:
        t = themes[i]
        score = float(scores[i])
        # Ties among themes nothing scored are not news; ties among scored themes are.
        ties = tuple(themes[j] for j in order
                     if j != i and rounded[j] == rounded[i] and rounded[i] > 0)
        why = outcome[i]
        reasons = _reasons(why, i, score, ranks[i], n, facts[t], chosen_ids, normalised,
                           criteria, labels, config, limits)
        if ties:
            reasons.append("tied on score with " + ", ".join(ties)
                           + "; order broken by theme id")
        out[t] = Selected(ranks[i], OUTCOME_STATUS[why], tuple(reasons), ties)
    return out


@dataclass(frozen=True)
class _Limits:
    priority: float
    watch: float
    priority_text: str
    watch_text: str


def _describe(threshold: float, floor: float, top: float) -> str:
    if threshold > floor + SCORE_TOLERANCE and top > 0:
        return f"{threshold:.1f} ({threshold / top:.0%} of the top score {top:.1f})"
    return f"{threshold:g}"


def _reasons(
    why: Outcome, i: int, score: float, rank: int, n: int, facts: ThemeFacts,
    chosen: set[str], normalised: Array, criteria: tuple[str, ...],
    labels: Mapping[str, str], config: ScoringConfig, limits: _Limits,
) -> list[str]:
    sel = config.selection
    if why is Outcome.CONTEXT:
        return [f"context: an aggregate of other themes (score {score:.1f}); it informs "
                "their shares and trends and is never selected itself"]
    if why is Outcome.PRIORITY_OVERRIDE:
        return [_override_reason(i, normalised, criteria, labels, config)]
    if why is Outcome.PRIORITY:
        return [f"ranked {rank} of {n} with score {score:.1f}, at or above the "
                f"priority threshold {limits.priority_text}"]
    if why is Outcome.CROSS_CUTTING_STATUTORY:
        return ["statutory duty: " + "; ".join(facts.statutory) + " (at least cross-cutting)"]
    if why is Outcome.CROSS_CUTTING_LINKS:
        linked = sorted(facts.links & chosen)
        return [f"its evidence feeds {len(linked)} priorities: "
                + ", ".join(labels.get(t, t) for t in linked)]
    if why is Outcome.CROSS_CUTTING_KIND:
        return [f"a cross-cutting theme scoring {score:.1f}, at or above the watch threshold "
                f"{limits.watch_text}, not chosen as a priority"]
    if why is Outcome.WATCH:
        below = (
            f"below the priority threshold {limits.priority_text}"
            if score < limits.priority - SCORE_TOLERANCE
            else f"ranked {rank} of {n}; only {sel.max_priorities} priorities are selected"
        )
        return [f"score {score:.1f} is at or above the watch threshold "
                f"{limits.watch_text} but {below}"]
    return [f"score {score:.1f} is below the watch threshold {limits.watch_text}",
            *_weakness(i, normalised, criteria, labels)]


def _override_reason(i: int, normalised: Array, criteria: tuple[str, ...],
                     labels: Mapping[str, str], config: ScoringConfig) -> str:
    hoa = config.high_on_any
    assert hoa is not None  # the kernel overrides only under high_on_any
    # The first listed criterion that reaches the bar is the one named.
    for c in hoa.criteria:
        value = normalised[i, criteria.index(c)]
        if value >= hoa.at_least - OVERRIDE_TOLERANCE:
            return (f"one criterion is very high: {labels.get(c, c)} "
                    f"{value:.2f} >= {hoa.at_least:.2f}")
    raise AssertionError("override without a criterion at the bar")


def _weakness(
    i: int, normalised: Array, criteria: tuple[str, ...], labels: Mapping[str, str]
) -> list[str]:
    row = normalised[i]
    if not np.any(row > 0):
        return ["no rule fired for this theme: no evidence scored on any criterion"]
    strongest = int(np.argmax(row))
    empty = [labels.get(c, c) for j, c in enumerate(criteria) if row[j] <= 0]
    out = [f"strongest criterion: {labels.get(criteria[strongest], criteria[strongest])} "
           f"{row[strongest]:.2f}"]
    if empty:
        out.append("no points for: " + ", ".join(empty))
    return out
