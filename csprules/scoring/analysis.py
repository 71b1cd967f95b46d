"""An evaluated evidence set, ready to be scored under any weights without re-firing rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from csprules.evidence.evidence import Evidence
from csprules.evidence.theme_index import ThemeIndex
from csprules.evidence.values import MissingState
from csprules.rules.scoring_config import Criterion, Method, ScoringConfig
from csprules.scoring.aggregate import Array
from csprules.scoring.matrix import ContributionLike, ScoreMatrix, build_matrix
from csprules.scoring.model import (
    Change,
    Coverage,
    CriterionScore,
    EvidenceGap,
    Finding,
    GapKind,
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
    local: Mapping[str, _LocalEvidence]
    """Per theme: its own indicators, consultation and drivers, and what is missing."""
    judgement: frozenset[str] = frozenset()
    """Criteria that hold partners' judgement (a scoring workshop), not local data: they
    count in the score, but a theme scored only on them has no local evidence."""

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
        policy = set(self.config.policy_criteria())
        evidence_cols = [j for j, c in enumerate(self.matrix.criteria)
                         if c not in policy and c != self.config.confidence
                         and c not in self.judgement]
        judged_cols = [j for j, c in enumerate(self.matrix.criteria) if c in self.judgement]
        grade_factor = self._grade_factor(w, evidence_cols)
        out: list[Recommendation] = []
        for i, theme in enumerate(self.matrix.themes):
            picked = chosen[theme]
            coverage = self._coverage(theme, i, evidence_cols, labels)
            judged = any(normalised[i, j] > 0 for j in judged_cols)
            driver_led = (bool(policy) and float(scores[i]) > 0 and not coverage.scored
                          and not judged)
            reasons = picked.reasons + _evidence_reasons(
                picked.status, driver_led, coverage, self.facts[theme].kind, judged)
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
                grade=self.scorer.grade(float(scores[i]) * grade_factor),
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
                reasons=reasons,
                tie_with=picked.tie_with,
                previous_status=previous.value if previous else None,
                change=_change(picked.status, previous is not None),
                owner=owner,
                chain=chain,
                driver_led=driver_led,
                coverage=coverage,
            ))
        out.sort(key=lambda r: r.rank)
        return out

    def _grade_factor(self, w: Array, evidence_cols: list[int]) -> float:
        """Grades are read on the evidence this partnership has.

        A criterion on which no theme scored anything (e.g. no harm-weighted
        counts were supplied at all) is missing data, not a low problem: it is
        left out of the denominator of the grade (never of the score or the
        ranking, which it cannot change).  Weighted sum only.
        """
        if self.config.method is not Method.WEIGHTED_SUM:
            return 1.0
        mask = self.scorer.score_mask
        total = float((w * mask).sum())
        normalised = self.matrix.scores
        empty = [j for j in evidence_cols if not (normalised[:, j] > 0).any()]
        covered = total - float(sum(w[j] * mask[j] for j in empty))
        return total / covered if covered > 0 else 1.0

    def _coverage(self, theme: str, i: int, evidence_cols: list[int],
                  labels: Mapping[str, str]) -> Coverage:
        local = self.local[theme]
        row = self.matrix.scores[i]
        criteria = self.matrix.criteria
        return Coverage.model_construct(
            indicators=local.indicators, with_values=local.with_values,
            consultation=local.consultation, drivers=len(local.drivers),
            scored=tuple(labels[criteria[j]] for j in evidence_cols if row[j] > 0),
            unscored=tuple(labels[criteria[j]] for j in evidence_cols if row[j] <= 0),
            gaps=local.gaps,
        )


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
    # Themes with local evidence of their own (an indicator with a value or a printed
    # change, over one year or several, a consultation measure): only they inherit
    # from a parent theme.
    receives = frozenset(
        s.theme for s in signals.signals
        if (s.kind == "concern" and any(
            k in s.fields for k in ("rank", "share_pct", "pct_problem", "top_three")))
        or (s.kind == "indicator" and any(
            k in s.fields for k in ("latest", "change_pct", "trend_pct"))))
    matrix = build_matrix(
        contributions, list(index.ids), criteria, index.parents, downward=config.downward,
        receives=receives,
        # Policy names the theme it names: a plan naming VAWG does not name FGM.
        not_downward=frozenset({*config.policy_criteria(),
                                *({config.confidence} if config.confidence else ())}))
    facts = theme_facts(evidence, signals, contributions, index)
    by_id = signals.by_id()
    made: dict[int, Justification] = {}
    justifications = {
        theme: _justifications(matrix.contributions.get(theme, ()), by_id, made)
        for theme in matrix.themes
    }
    return Analysis(evidence, signals, criteria, config, matrix,
                    Scorer.for_matrix(config, matrix), facts, owners or {}, justifications,
                    local_evidence(evidence))


@dataclass(frozen=True)
class _LocalEvidence:
    indicators: int
    with_values: int
    consultation: int
    drivers: tuple[str, ...]
    """Names of the active drivers naming the theme."""
    gaps: tuple[EvidenceGap, ...]


def local_evidence(evidence: Evidence) -> dict[str, _LocalEvidence]:
    """Per theme: the local evidence given for it, and typed gaps where it is missing."""
    day = evidence.partnership.assessment_date
    out: dict[str, _LocalEvidence] = {}
    for theme in evidence.themes:
        t = theme.id
        indicators = [i for i in evidence.indicators if t in i.themes]
        gaps: list[EvidenceGap] = []
        with_values = 0
        if not indicators:
            gaps.append(EvidenceGap(kind=GapKind.NO_INDICATOR,
                                    message=f"no indicator measures {theme.label}"))
        for ind in indicators:
            values = [o.value for o in ind.observations if isinstance(o.value, float)]
            states = sorted({o.value.label for o in ind.observations
                             if isinstance(o.value, MissingState)})
            if values:
                with_values += 1
            else:
                printed = ", ".join(states) if states else "no observations"
                gaps.append(EvidenceGap(kind=GapKind.NO_VALUES, indicator=ind.id,
                                        message=f"{ind.label}: no values ({printed})"))
            if any(o.value is MissingState.NOT_COMPARABLE for o in ind.observations):
                gaps.append(EvidenceGap(kind=GapKind.NOT_COMPARABLE, indicator=ind.id,
                                        message=f"{ind.label}: not comparable"))
            if "stale" in ind.flags:
                gaps.append(EvidenceGap(kind=GapKind.STALE, indicator=ind.id,
                                        message=f"{ind.label}: stale"))
        asked = [m for c in evidence.consultations for m in c.measures if m.theme == t]
        measures = sum(1 for m in asked if m.top_three is not None or m.rank is not None
                       or m.pct_problem is not None)
        if not asked:
            gaps.append(EvidenceGap(kind=GapKind.NO_CONSULTATION,
                                    message=f"no consultation measure on {theme.label}"))
        elif not measures:
            gaps.append(EvidenceGap(kind=GapKind.NO_CONSULTATION,
                                    message=f"consultation asked about {theme.label} but "
                                    "printed no result"))
        drivers = tuple(d.name for d in evidence.drivers if t in d.themes and d.active_on(day))
        out[t] = _LocalEvidence(len(indicators), with_values, measures, drivers, tuple(gaps))
    return out


def _evidence_reasons(status: Status, driver_led: bool, coverage: Coverage,
                      kind: str, judged: bool = False) -> tuple[str, ...]:
    """Say whether a theme rests on local evidence, and whether "not recommended" is low
    values or missing data."""
    if kind == "aggregate":
        return ()
    if driver_led and status is Status.NOT_RECOMMENDED:
        return ("missing data, not a low problem: it scores only on policy criteria (external "
                "drivers, continuity, ownership) and no local evidence scored ("
                + _gap_summary(coverage) + ")",)
    if driver_led:
        return ("driver-led: it scores only on policy criteria (external drivers, continuity, "
                "ownership); no local evidence scored (" + _gap_summary(coverage) + ")",)
    if status is not Status.NOT_RECOMMENDED:
        return ()
    if judged and not coverage.scored:
        return ("no local data scored (" + _gap_summary(coverage) + "); partners' workshop "
                "judgement alone is not enough",)
    if not coverage.scored and coverage.with_values == 0 and coverage.consultation == 0:
        return ("missing data, not a low problem: " + _gap_summary(coverage),)
    if coverage.scored:
        return ("low values: its local evidence scored on " + ", ".join(coverage.scored)
                + " but not enough",)
    return ("low values: it has local data (" + f"{coverage.with_values} indicators with "
            f"values, {coverage.consultation} consultation measures) that scored on no "
            "criterion",)


def _gap_summary(coverage: Coverage) -> str:
    if not coverage.gaps:
        return (f"{coverage.indicators} indicators, {coverage.with_values} with values, "
                f"{coverage.consultation} consultation measures")
    return "; ".join(g.message for g in coverage.gaps)


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



_LISTED = {Status.PRIORITY: "a priority", Status.CROSS_CUTTING: "a cross-cutting theme",
           Status.WATCH: "on the watch list"}


def evidence_gap_findings(recs: Sequence[Recommendation], analysis: Analysis) -> list[Finding]:
    """One finding per listed theme that is driver-led: it is there for policy reasons,
    and the local evidence that would confirm or refute it is missing."""
    out: list[Finding] = []
    for r in recs:
        if not r.driver_led or r.status not in _LISTED or r.coverage is None:
            continue
        drivers = analysis.local[r.theme].drivers
        why = ("; ".join(drivers) + (" name it" if len(drivers) > 1 else " names it")
               if drivers else "it rests on continuity or ownership only")
        out.append(Finding.model_construct(
            source="evidence", kind="evidence_gap", severity="warning",
            message=f"{r.label} is {_LISTED[r.status]} on policy alone: {why}; there is no "
            f"local {r.label} evidence that scored ({_gap_summary(r.coverage)}): collect it "
            "for the next assessment",
            themes=(r.theme,), groups=(), where=None,
        ))
    return out
