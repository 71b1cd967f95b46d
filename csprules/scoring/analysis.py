"""An evaluated evidence set, ready to be scored under any weights without re-firing rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from csprules.evidence.evidence import Evidence
from csprules.evidence.theme_index import ThemeIndex
from csprules.rules.scoring_config import Criterion, ScoringConfig
from csprules.scoring.aggregate import Array
from csprules.scoring.matrix import ContributionLike, ScoreMatrix, build_matrix
from csprules.scoring.model import (
    Change,
    CriterionScore,
    Justification,
    Owner,
    Recommendation,
    Status,
)
from csprules.scoring.scorer import Scorer
from csprules.scoring.select import ThemeFacts, select
from csprules.scoring.selector import Selector
from csprules.signals.model import EvidenceRef, Signal, Signals


@dataclass(frozen=True)
class Analysis:
    """Everything needed to (re)score: the matrix, the scorer and theme facts."""

    evidence: Evidence
    signals: Signals
    criteria: Mapping[str, Criterion]
    config: ScoringConfig
    matrix: ScoreMatrix
    scorer: Scorer
    facts: Mapping[str, ThemeFacts]
    owners: Mapping[str, tuple[Owner, tuple[str, ...]]]
    justifications: Mapping[str, tuple[Justification, ...]]
    """Per theme, built once: they do not depend on the weights."""

    @cached_property
    def selector(self) -> Selector:
        """Selection's inputs, checked once: they do not depend on the weights."""
        m = self.matrix
        return Selector.build(m.themes, m.scores, m.criteria, self.facts, self.config)

    def weights_array(self, weights: Mapping[str, float] | None) -> Array:
        base = self.matrix.weights.copy()
        if weights:
            for criterion, value in weights.items():
                base[self.matrix.column(criterion)] = value
        return base

    def recommendations(self, weights: Mapping[str, float] | None = None) -> list[Recommendation]:
        w = self.weights_array(weights)
        scores = self.scorer.scores(self.matrix, w)
        normalised = self.matrix.scores
        confidence = self.scorer.confidence_scores(self.matrix)
        labels = {c: self.criteria[c].label for c in self.matrix.criteria}
        theme_labels = {t: f.label for t, f in self.facts.items()}
        chosen = select(self.matrix.themes, scores, normalised, self.matrix.criteria,
                        {**theme_labels, **labels}, self.facts, self.config,
                        selector=self.selector)
        out: list[Recommendation] = []
        for i, theme in enumerate(self.matrix.themes):
            picked = chosen[theme]
            previous = (
                self.evidence.previous.status_of(theme) if self.evidence.previous else None
            )
            owner, chain = self.owners.get(theme, (None, ()))
            # Internal, already-typed values: construct without re-validating (hot path).
            out.append(Recommendation.model_construct(
                theme=theme,
                label=self.facts[theme].label,
                rank=picked.rank,
                status=picked.status,
                score=_round(float(scores[i])),
                grade=self.scorer.grade(float(scores[i])),
                confidence=None if confidence is None else _round(100.0 * float(confidence[i])),
                criteria=tuple(
                    CriterionScore.model_construct(
                        criterion=c, label=labels[c],
                        points=_round(float(self.matrix.points[i, j])),
                        score=_round(float(normalised[i, j])),
                        weight=float(w[j]),
                    )
                    for j, c in enumerate(self.matrix.criteria)
                ),
                justifications=self.justifications.get(theme, ()),
                reasons=picked.reasons,
                tie_with=picked.tie_with,
                previous_status=previous.value if previous else None,
                change=_change(picked.status, previous is not None),
                owner=owner,
                chain=chain,
            ))
        out.sort(key=lambda r: r.rank)
        return out


def analyse(
    evidence: Evidence,
    signals: Signals,
    criteria: Mapping[str, Criterion],
    config: ScoringConfig,
    contributions: Sequence[ContributionLike],
    owners: Mapping[str, tuple[Owner, tuple[str, ...]]] | None = None,
    *,
    themes: ThemeIndex | None = None,
) -> Analysis:
    index = themes or ThemeIndex.of(evidence)
    matrix = build_matrix(contributions, list(index.ids), criteria, index.parents)
    facts = theme_facts(evidence, signals, contributions, index)
    by_id = signals.by_id()
    made: dict[int, Justification] = {}
    justifications = {
        theme: _justifications(matrix.contributions.get(theme, ()), by_id, made)
        for theme in matrix.themes
    }
    return Analysis(evidence, signals, criteria, config, matrix,
                    Scorer.for_matrix(config, matrix), facts, owners or {}, justifications)


def theme_facts(
    evidence: Evidence, signals: Signals, contributions: Sequence[ContributionLike],
    index: ThemeIndex | None = None,
) -> dict[str, ThemeFacts]:
    index = index or ThemeIndex.of(evidence)
    links: dict[str, set[str]] = {t.id: set() for t in evidence.themes}
    by_indicator: dict[str, set[str]] = {}
    for ind in evidence.indicators:
        by_indicator.setdefault(ind.id, set()).update(ind.themes)
    for themes in by_indicator.values():
        for t in themes:
            links.setdefault(t, set()).update(themes - {t})
    fact_theme = {s.id: s.theme for s in signals.signals}
    for c in contributions:
        for fact_id in c.fact_ids:
            other = fact_theme.get(fact_id)
            if other is not None and other != c.theme:
                links.setdefault(c.theme, set()).add(other)
                links.setdefault(other, set()).add(c.theme)
    return {
        t.id: ThemeFacts(
            label=t.label, kind=t.kind.value,
            statutory=index.statutory.get(t.id, ()),
            links=frozenset(links.get(t.id, set())),
        )
        for t in evidence.themes
    }


def _justifications(
    contributions: Sequence[ContributionLike], by_id: Mapping[str, Signal],
    made: dict[int, Justification],
) -> tuple[Justification, ...]:
    out: list[Justification] = []
    for c in contributions:
        # A contribution rolled up to ancestor themes is one justification, built once.
        j = made.get(id(c))
        if j is None:
            fact_ids = tuple(c.fact_ids)
            refs: dict[int, EvidenceRef] = {}
            for fact_id in fact_ids:
                signal = by_id.get(fact_id)
                if signal is not None:
                    for ref in signal.evidence:
                        refs.setdefault(id(ref), ref)
            # Trusted values from our own engine: construct without re-validating.
            j = made[id(c)] = Justification.model_construct(
                rule=c.rule_id, criterion=c.criterion, points=_round(c.points), text=c.text,
                theme=c.theme, facts=fact_ids,
                # Ordered by the document line cited, not the input row: row order must not
                # matter.
                evidence=tuple(sorted(refs.values(), key=lambda e: (
                    e.cited or "", e.row.path, e.row.sheet or "", e.row.line or 0))),
            )
        out.append(j)
    out.sort(key=lambda j: (-j.points, j.criterion, j.rule, j.theme, j.facts))
    return tuple(out)


def _change(status: Status, was_chosen: bool) -> Change:
    chosen = status in (Status.PRIORITY, Status.CROSS_CUTTING)
    if chosen:
        return Change.CONTINUED if was_chosen else Change.NEW
    return Change.DROPPED if was_chosen else Change.UNCHANGED


def _round(x: float) -> float:
    # Round away float noise so JSON is byte-identical across platforms and orders.
    value = round(x, 6)
    return 0.0 if value == 0 else value

