"""Selection: priorities, cross-cutting themes, a watch list, and why not the rest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from csprules.rules.scoring_config import ScoringConfig
from csprules.scoring.aggregate import Array, competition_ranks
from csprules.scoring.model import Status

AGGREGATE = "aggregate"
"""Theme kind of totals (total crime): context, never selected."""


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
) -> dict[str, Selected]:
    sel = config.selection
    ranks = competition_ranks(scores, np.arange(len(themes), dtype=np.float64))
    order = sorted(range(len(themes)), key=lambda i: int(ranks[i]))
    rounded = np.round(scores, 6)
    n = len(themes)
    # Aggregates (total crime) are context for their parts, never candidates: they
    # set no threshold and take no slot.
    context = {i for i in range(n) if facts[themes[i]].kind == AGGREGATE}
    candidates = [i for i in range(n) if i not in context]
    top = float(max(scores[i] for i in candidates)) if candidates else 0.0
    priority_at, watch_at = sel.thresholds(top)
    limits = _Limits(priority_at, watch_at, _describe(priority_at, sel.min_priority_score, top),
                     _describe(watch_at, sel.watch_score, top))

    override: dict[int, str] = {}
    if config.high_on_any is not None:
        for c in config.high_on_any.criteria:
            j = criteria.index(c)
            for i in candidates:
                if normalised[i, j] >= config.high_on_any.at_least - 1e-12 and i not in override:
                    override[i] = (
                        f"one criterion is very high: {labels.get(c, c)} "
                        f"{normalised[i, j]:.2f} >= {config.high_on_any.at_least:.2f}"
                    )
    priorities: list[int] = [i for i in order if i in override]
    for i in order:
        if len(priorities) >= sel.max_priorities:
            break
        if i not in override and i not in context and scores[i] >= priority_at - 1e-9:
            priorities.append(i)
    chosen = set(priorities)
    chosen_ids = {themes[i] for i in chosen}

    out: dict[str, Selected] = {}
    for i in order:
        t = themes[i]
        score = float(scores[i])
        # Ties among themes nothing scored are not news; ties among scored themes are.
        ties = tuple(themes[k] for k in order
                     if k != i and rounded[k] == rounded[i] and rounded[i] > 0)
        reasons: list[str]
        if i in context:
            status = Status.NOT_RECOMMENDED
            reasons = [f"context: an aggregate of other themes (score {score:.1f}); it informs "
                       "their shares and trends and is never selected itself"]
        elif i in chosen:
            status = Status.PRIORITY
            reasons = [override[i]] if i in override else [
                f"ranked {ranks[i]} of {n} with score {score:.1f}, at or above the "
                f"priority threshold {limits.priority_text}"
            ]
        else:
            status, reasons = _not_chosen(t, score, int(ranks[i]), n, facts[t], chosen_ids,
                                          labels, config, limits)
            if status is Status.NOT_RECOMMENDED:
                reasons += _weakness(i, normalised, criteria, labels)
        if ties:
            reasons.append("tied on score with " + ", ".join(ties)
                           + "; order broken by theme id")
        out[t] = Selected(int(ranks[i]), status, tuple(reasons), ties)
    return out


@dataclass(frozen=True)
class _Limits:
    priority: float
    watch: float
    priority_text: str
    watch_text: str


def _describe(threshold: float, floor: float, top: float) -> str:
    if threshold > floor + 1e-9 and top > 0:
        return f"{threshold:.1f} ({threshold / top:.0%} of the top score {top:.1f})"
    return f"{threshold:g}"


def _not_chosen(
    theme: str, score: float, rank: int, n: int, facts: ThemeFacts,
    chosen: set[str], labels: Mapping[str, str], config: ScoringConfig, limits: _Limits,
) -> tuple[Status, list[str]]:
    sel = config.selection
    linked = sorted(facts.links & chosen)
    if sel.statutory_cross_cutting and facts.statutory:
        return Status.CROSS_CUTTING, [
            "statutory duty: " + "; ".join(facts.statutory) + " (at least cross-cutting)"
        ]
    if len(linked) >= sel.cross_cutting_min_links:
        return Status.CROSS_CUTTING, [
            f"its evidence feeds {len(linked)} priorities: "
            + ", ".join(labels.get(t, t) for t in linked)
        ]
    if facts.kind == "cross_cutting" and score >= limits.watch - 1e-9:
        return Status.CROSS_CUTTING, [
            f"a cross-cutting theme scoring {score:.1f}, at or above the watch threshold "
            f"{limits.watch_text}, not chosen as a priority"
        ]
    if score >= limits.watch - 1e-9:
        why = (
            f"below the priority threshold {limits.priority_text}"
            if score < limits.priority - 1e-9
            else f"ranked {rank} of {n}; only {sel.max_priorities} priorities are selected"
        )
        return Status.WATCH, [f"score {score:.1f} is at or above the watch threshold "
                              f"{limits.watch_text} but {why}"]
    return Status.NOT_RECOMMENDED, [
        f"score {score:.1f} is below the watch threshold {limits.watch_text}"
    ]


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
