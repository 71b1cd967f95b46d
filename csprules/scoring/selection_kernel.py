"""The selection kernel: theme scores in, ranks and outcomes out (pure numpy, no validation).

This is the one statement of how scores become statuses.  Every function takes
a (rankings x themes) matrix of scores, one row per weighting, so the same
code decides one report (one row) and 10,000 sensitivity draws (10,000 rows).
:class:`csprules.scoring.selector.Selector` checks the inputs once and turns
outcomes into statuses; :mod:`csprules.scoring.select` words the reasons.

``csprules/report/assets/report.js`` carries a port of this module, function
for function, for the HTML report's weight sliders; every number it uses
(the constants below included) reaches it in the page's data.
``tests/report/test_selection_js.py`` holds the two to exact agreement.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from csprules.rules.scoring_config import Selection
from csprules.scoring.aggregate import Array

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

RANK_DECIMALS = 9
"""Scores are ranked at this many decimals, so float noise between summation orders
(numpy's, a browser's) cannot reorder two themes that score the same."""

SCORE_TOLERANCE = 1e-9
"""A score within this of a threshold reaches it (a 10.0 made of float sums is 10)."""

OVERRIDE_TOLERANCE = 1e-12
"""A normalised criterion score within this of ``high_on_any.at_least`` reaches it."""


class Outcome(IntEnum):
    """Why a theme got its status; the first that applies wins, in this order."""

    PRIORITY_OVERRIDE = 0
    """One criterion is very high (``high_on_any``): a priority whatever the cap."""
    PRIORITY = 1
    """At or above the priority threshold, within the cap, in rank order."""
    CROSS_CUTTING_STATUTORY = 2
    CROSS_CUTTING_LINKS = 3
    """Its evidence feeds at least ``cross_cutting_min_links`` chosen priorities."""
    CROSS_CUTTING_KIND = 4
    """A cross-cutting kind of theme at or above the watch threshold."""
    WATCH = 5
    NOT_RECOMMENDED = 6
    CONTEXT = 7
    """An aggregate (total crime): context for its parts, never selected, whatever else
    applies; it sets no threshold and takes no slot."""


def rank_order(scores: Array) -> IntArray:
    """Per row, theme indices best first; equal scores keep theme order (ids sorted)."""
    order: IntArray = np.argsort(-np.round(scores, RANK_DECIMALS), axis=1, kind="stable")
    return order


def ranks_from_order(order: IntArray) -> IntArray:
    """1-based rank of each theme, per row."""
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, order.shape[1] + 1)[None, :], axis=1)
    return ranks


def top_scores(scores: Array, context: BoolArray) -> Array:
    """The best score per row among themes that can be selected (0 when there are none)."""
    if scores.shape[1] == 0 or context.all():
        return np.zeros(scores.shape[0])
    top: Array = scores[:, ~context].max(axis=1)
    return top


def thresholds(top: Array, sel: Selection) -> tuple[Array, Array]:
    """(priority, watch) thresholds per row: an absolute floor or a share of the top score."""
    return (np.maximum(sel.min_priority_score, sel.min_share_of_top * top),
            np.maximum(sel.watch_score, sel.watch_share_of_top * top))


def override_mask(normalised: Array, columns: list[int], at_least: float) -> BoolArray:
    """Themes with any of ``columns`` (normalised 0-1) at or above ``at_least``."""
    mask: BoolArray = np.zeros(normalised.shape[0], dtype=bool)
    for j in columns:
        mask |= normalised[:, j] >= at_least - OVERRIDE_TOLERANCE
    return mask


def priorities(scores: Array, order: IntArray, override: BoolArray, max_priorities: int,
               priority_at: Array, context: BoolArray) -> BoolArray:
    """Which themes are priorities, per row.

    Overridden themes always are; the remaining ``max_priorities`` slots go, in
    rank order, to themes at or above the priority threshold.  Context themes
    never are (the selector never overrides one).
    """
    eligible = ((scores >= priority_at[:, None] - SCORE_TOLERANCE) & ~override[None, :]
                & ~context[None, :])
    eligible_in_order = np.take_along_axis(eligible, order, axis=1)
    slots = max(max_priorities - int(override.sum()), 0)
    taken_in_order = eligible_in_order & (np.cumsum(eligible_in_order, axis=1) <= slots)
    taken = np.zeros_like(taken_in_order)
    np.put_along_axis(taken, order, taken_in_order, axis=1)
    chosen: BoolArray = taken | override[None, :]
    return chosen


def outcomes(scores: Array, chosen: BoolArray, override: BoolArray, watch_at: Array,
             statutory: BoolArray, cross_kind: BoolArray, links: BoolArray,
             sel: Selection, context: BoolArray) -> npt.NDArray[np.int8]:
    """The :class:`Outcome` of every theme, per row.

    ``links[i, k]`` is true when theme i's evidence is shared with theme k.
    """
    # Counts of small integers are exact in float64, and a float product runs in BLAS.
    linked = chosen.astype(np.float64) @ links.T.astype(np.float64)
    watched = scores >= watch_at[:, None] - SCORE_TOLERANCE
    out = np.full(scores.shape, Outcome.NOT_RECOMMENDED, dtype=np.int8)
    # From the last outcome to the first, so that the first that applies is the one left.
    out[watched] = Outcome.WATCH
    out[cross_kind[None, :] & watched] = Outcome.CROSS_CUTTING_KIND
    out[linked >= sel.cross_cutting_min_links] = Outcome.CROSS_CUTTING_LINKS
    if sel.statutory_cross_cutting:
        out[:, statutory] = Outcome.CROSS_CUTTING_STATUTORY
    out[chosen] = Outcome.PRIORITY
    out[chosen & override[None, :]] = Outcome.PRIORITY_OVERRIDE
    out[:, context] = Outcome.CONTEXT
    return out
