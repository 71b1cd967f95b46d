"""Selection's typed front door: checks its inputs once, then decides any scores fast.

The arithmetic is :mod:`csprules.scoring.selection_kernel`; this wrapper turns
theme facts and the ruleset's ``scoring`` section into the kernel's arrays,
and writes the same arrays into the HTML report for its sliders
(:meth:`Selector.page_data`), so Python and the page decide from one set of
numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from csprules.errors import RulesetError, UsageError
from csprules.rules.scoring_config import ScoringConfig, Selection
from csprules.scoring import selection_kernel as k
from csprules.scoring.aggregate import Array
from csprules.scoring.model import Status

OUTCOME_STATUS: dict[k.Outcome, Status] = {
    k.Outcome.PRIORITY_OVERRIDE: Status.PRIORITY,
    k.Outcome.PRIORITY: Status.PRIORITY,
    k.Outcome.CROSS_CUTTING_STATUTORY: Status.CROSS_CUTTING,
    k.Outcome.CROSS_CUTTING_LINKS: Status.CROSS_CUTTING,
    k.Outcome.CROSS_CUTTING_KIND: Status.CROSS_CUTTING,
    k.Outcome.WATCH: Status.WATCH,
    k.Outcome.NOT_RECOMMENDED: Status.NOT_RECOMMENDED,
    k.Outcome.CONTEXT: Status.NOT_RECOMMENDED,
}

CONTEXT_KIND = "aggregate"
"""Theme kind of totals (total crime): context for their parts, never selected."""


class FactsLike(Protocol):
    """What selection needs to know about a theme besides its score."""

    @property
    def kind(self) -> str: ...
    @property
    def statutory(self) -> tuple[str, ...]: ...
    @property
    def links(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class Decisions:
    """Selection for several rankings at once (one row per weighting)."""

    order: k.IntArray
    """Theme indices best first."""
    ranks: k.IntArray
    outcome: npt.NDArray[np.int8]
    """An :class:`~csprules.scoring.selection_kernel.Outcome` per theme."""
    top: Array
    priority_at: Array
    watch_at: Array

    @property
    def priority(self) -> k.BoolArray:
        chosen: k.BoolArray = self.outcome <= k.Outcome.PRIORITY
        return chosen


@dataclass(frozen=True)
class Selector:
    themes: tuple[str, ...]
    selection: Selection
    override: k.BoolArray
    statutory: k.BoolArray
    cross_kind: k.BoolArray
    links: k.BoolArray
    """``links[i, j]``: theme i's evidence is shared with theme j."""
    context: k.BoolArray
    """Aggregates: ranked, never selected."""

    @classmethod
    def build(cls, themes: tuple[str, ...], normalised: Array, criteria: tuple[str, ...],
              facts: Mapping[str, FactsLike], config: ScoringConfig) -> Selector:
        n = len(themes)
        if normalised.shape != (n, len(criteria)):
            raise UsageError(f"selection: expected criterion scores of shape "
                             f"({n}, {len(criteria)}) (themes x criteria); "
                             f"found {normalised.shape}")
        if not np.isfinite(normalised).all():
            raise UsageError("selection: expected finite criterion scores; found NaN or inf")
        missing = [t for t in themes if t not in facts]
        if missing:
            raise UsageError(f"selection: no theme facts for {', '.join(missing)}")
        override = np.zeros(n, dtype=bool)
        hoa = config.high_on_any
        if hoa is not None:
            unknown = [c for c in hoa.criteria if c not in criteria]
            if unknown:
                raise RulesetError(
                    f"scoring.high_on_any.criteria: expected one of {', '.join(criteria)}; "
                    f"found {', '.join(unknown)}")
            override = k.override_mask(normalised, [criteria.index(c) for c in hoa.criteria],
                                       hoa.at_least)
        context = np.array([facts[t].kind == CONTEXT_KIND for t in themes], dtype=bool)
        override &= ~context
        index = {t: i for i, t in enumerate(themes)}
        links = np.zeros((n, n), dtype=bool)
        for i, t in enumerate(themes):
            # Links to themes outside this ranking can never point at a chosen priority.
            links[i, [index[x] for x in sorted(facts[t].links) if x in index]] = True
        return cls(
            themes=themes, selection=config.selection, override=override,
            statutory=np.array([bool(facts[t].statutory) for t in themes], dtype=bool),
            cross_kind=np.array([facts[t].kind == "cross_cutting" for t in themes], dtype=bool),
            links=links, context=context,
        )

    def decide(self, scores: Array) -> Decisions:
        """Decide every row of ``scores`` (rankings x themes, 0-100)."""
        if scores.ndim != 2 or scores.shape[1] != len(self.themes):
            raise UsageError(f"selection: expected scores of shape (rankings, "
                             f"{len(self.themes)}); found {scores.shape}")
        if not np.isfinite(scores).all():
            raise UsageError("selection: expected finite theme scores; found NaN or inf")
        order = k.rank_order(scores)
        top = k.top_scores(scores, self.context)
        priority_at, watch_at = k.thresholds(top, self.selection)
        chosen = k.priorities(scores, order, self.override, self.selection.max_priorities,
                              priority_at, self.context)
        outcome = k.outcomes(scores, chosen, self.override, watch_at, self.statutory,
                             self.cross_kind, self.links, self.selection, self.context)
        return Decisions(order, k.ranks_from_order(order), outcome, top, priority_at,
                         watch_at)

    def page_data(self) -> dict[str, object]:
        """The kernel's inputs and constants, for report.js (JSON-ready)."""
        return {
            "selection": self.selection.model_dump(),
            "override": self.override.tolist(),
            "statutory": self.statutory.tolist(),
            "crossKind": self.cross_kind.tolist(),
            "links": self.links.astype(int).tolist(),
            "context": self.context.tolist(),
            "rankDecimals": k.RANK_DECIMALS,
            "scoreTolerance": k.SCORE_TOLERANCE,
            "outcome": {o.name: int(o) for o in k.Outcome},
            "outcomeStatus": [OUTCOME_STATUS[o].value for o in k.Outcome],
        }
