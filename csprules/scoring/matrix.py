"""The score matrix: rule contributions per theme and criterion.

Each rule counts once per theme and criterion (its strongest match); the
rules' points are summed and later capped per criterion.  Contributions to a
child theme also count towards each of its ancestors (domestic abuse evidence
feeds violence against women and girls); the justification keeps the child
theme it fired for.

The tree also works downwards, at a discount: a rule that fired for a parent
theme itself (residents rank "violence" first) counts towards each direct
child with local evidence of its own (``receives``: serious violence, measured
here) at ``downward`` times its points, unless the child's own firing of that
rule is stronger.  A child with no evidence of its own inherits nothing: its
parent's evidence says nothing about it in particular.  Only awards flow down (never deductions),
only what fired for the parent itself (never what it rolled up from a child),
and never the criteria in ``not_downward`` (the scorer passes the policy criteria
and confidence).  The justification says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from csprules.rules.scoring_config import Criterion
from csprules.scoring.aggregate import Array, normalise


class ContributionLike(Protocol):
    @property
    def rule_id(self) -> str: ...
    @property
    def theme(self) -> str: ...
    @property
    def criterion(self) -> str: ...
    @property
    def points(self) -> float: ...
    @property
    def text(self) -> str: ...
    @property
    def fact_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Inherited:
    """A parent theme's contribution counted for a descendant at a discount."""

    rule_id: str
    theme: str
    """The parent theme the rule fired for."""
    criterion: str
    points: float
    text: str
    fact_ids: tuple[str, ...]


@dataclass(frozen=True)
class ScoreMatrix:
    themes: tuple[str, ...]
    criteria: tuple[str, ...]
    points: Array
    """Summed points, themes x criteria, before caps."""
    caps: Array
    weights: Array
    contributions: Mapping[str, tuple[ContributionLike, ...]] = field(default_factory=dict)
    """Per theme: its own contributions and those rolled up from descendants."""

    @property
    def scores(self) -> Array:
        return normalise(self.points, self.caps)

    def column(self, criterion: str) -> int:
        return self.criteria.index(criterion)


def ancestors(theme: str, parents: Mapping[str, str | None]) -> list[str]:
    out: list[str] = []
    seen = {theme}
    node = parents.get(theme)
    while node is not None and node not in seen:
        out.append(node)
        seen.add(node)
        node = parents.get(node)
    return out


def rule_points(values: list[float]) -> float:
    """A rule's points for one theme: its largest award, or its deepest deduction."""
    return max(values) if min(values) >= 0 else min(values)


def build_matrix(
    contributions: Iterable[ContributionLike],
    themes: Sequence[str],
    criteria: Mapping[str, Criterion],
    parents: Mapping[str, str | None],
    *,
    downward: float = 0.0,
    not_downward: frozenset[str] = frozenset(),
    receives: frozenset[str] | None = None,
) -> ScoreMatrix:
    theme_ids = tuple(sorted(themes))
    criterion_ids = tuple(criteria)
    t_index = {t: i for i, t in enumerate(theme_ids)}
    c_index = {c: j for j, c in enumerate(criterion_ids)}
    # One rule counts once per theme and criterion: its strongest match.  A theme
    # measured by forty indicators is not forty times the problem, and a parent
    # theme is as serious as its most serious child, not the sum of its children.
    children: dict[str, list[str]] = {}
    for child, parent in sorted(parents.items()):
        if parent is not None:
            children.setdefault(parent, []).append(child)
    strongest: dict[tuple[int, int, str], list[float]] = {}
    per_theme: dict[str, list[ContributionLike]] = {t: [] for t in theme_ids}
    for contribution in contributions:
        j = c_index.get(contribution.criterion)
        if j is None or contribution.theme not in t_index:
            continue
        for target in (contribution.theme, *ancestors(contribution.theme, parents)):
            i = t_index.get(target)
            if i is None:
                continue
            strongest.setdefault((i, j, contribution.rule_id), []).append(contribution.points)
            per_theme[target].append(contribution)
        if downward <= 0 or contribution.points <= 0 or contribution.criterion in not_downward:
            continue
        share = downward * contribution.points
        inherited = Inherited(
            contribution.rule_id, contribution.theme, contribution.criterion, share,
            f"{contribution.text} (for the parent theme, counted here at {downward:.0%}: "
            f"{share:g} points)",
            tuple(contribution.fact_ids),
        )
        for target in children.get(contribution.theme, ()):
            i = t_index.get(target)
            if i is None or (receives is not None and target not in receives):
                continue
            strongest.setdefault((i, j, contribution.rule_id), []).append(share)
            per_theme[target].append(inherited)
    points = np.zeros((len(theme_ids), len(criterion_ids)))
    for (i, j, _), values in sorted(strongest.items()):
        points[i, j] += rule_points(values)
    caps = np.array([criteria[c].cap for c in criterion_ids], dtype=np.float64)
    weights = np.array([criteria[c].weight for c in criterion_ids], dtype=np.float64)
    return ScoreMatrix(
        themes=theme_ids, criteria=criterion_ids, points=points, caps=caps, weights=weights,
        contributions={t: tuple(v) for t, v in per_theme.items()},
    )
