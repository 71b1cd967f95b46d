"""Back-test: what csprules recommends against what a partnership actually chose.

``actual.yaml`` (examples only) is read here and nowhere else: the
recommender never sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from csprules.assessment.baselines import BASELINES, RANDOM
from csprules.assessment.pipeline import evaluate_evidence
from csprules.assessment.ranking_metrics import expected_hits, inclusion, roc_auc
from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence.evidence import Evidence
from csprules.evidence.ids import Id
from csprules.evidence.input_path import folder_file
from csprules.evidence.themes import ThemeKind
from csprules.governance import Governance
from csprules.rules import Ruleset
from csprules.scoring.model import Recommendation, Status
from csprules.sources.validation import validate
from csprules.sources.yaml_file import load_yaml
from csprules.sources.yaml_tables import check_header


class ActualChoice(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: Id
    wording: str | None = None
    cited: str | None = None


class Actual(BaseModel):
    """What the partnership really chose."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    version: int
    plan: str = Field(min_length=1)
    priorities: tuple[ActualChoice, ...] = Field(min_length=1)
    cross_cutting: tuple[ActualChoice, ...] = ()

    def themes(self) -> list[str]:
        return list(dict.fromkeys(c.theme for c in (*self.priorities, *self.cross_cutting)))


def load_actual(folder: Path, known_themes: set[str]) -> Actual:
    path = folder_file(folder, "actual.yaml")
    if path is None:
        raise EvidenceError([Problem(Location(str(folder)), "expected actual.yaml for the "
                                     "back-test; found none")])
    doc = load_yaml(path, str(path), EvidenceError)
    check_header(doc, "actual", (1,), EvidenceError)
    actual = validate(Actual, doc.data, doc.location, EvidenceError)
    problems = [
        Problem(doc.location((section, i, "theme")),
                f"expected a catalogue theme id; found '{c.theme}'", field="theme")
        for section, items in (("priorities", actual.priorities),
                               ("cross_cutting", actual.cross_cutting))
        for i, c in enumerate(items)
        if c.theme not in known_themes
    ]
    if problems:
        raise EvidenceError(problems)
    return actual


PARTIAL_CREDIT = 0.5
"""Credit for a chosen theme whose parent or child (not itself) is certainly in the top
k: the right area at the wrong level of the theme tree.  Reported beside exact recall,
never folded into it."""


@dataclass(frozen=True)
class Miss:
    theme: str
    label: str
    rank: int
    score: float
    reason: str


@dataclass(frozen=True)
class StrategyResult:
    """One strategy's ranking of one partnership's themes against what it chose."""

    strategy: str
    k: int
    chosen: int
    expected_hits: float
    """Hits in the top k, a tie across the boundary counted by its expected share."""
    auc: float
    """Rank-aware: P(a chosen theme ranks above a not-chosen one), ties one half."""

    @property
    def recall(self) -> float:
        return self.expected_hits / self.chosen if self.chosen else 0.0

    @property
    def precision(self) -> float:
        return self.expected_hits / self.k if self.k else 0.0


@dataclass(frozen=True)
class BacktestResult:
    name: str
    k: int
    recommended: tuple[str, ...]
    actual: tuple[str, ...]
    hits: tuple[str, ...]
    """Chosen themes certainly in the top k."""
    misses: tuple[Miss, ...]
    ruleset: StrategyResult
    baselines: tuple[StrategyResult, ...]
    partial: tuple[tuple[str, str], ...] = ()
    """(chosen theme, its parent or child in the top k) for chosen themes not hit
    exactly: the partnership chose "youth violence", csprules listed "violence"."""

    @property
    def partial_recall(self) -> float:
        """Recall with partial credit: exact hits (expected) + PARTIAL_CREDIT per partial."""
        chosen = self.ruleset.chosen
        credit = self.ruleset.expected_hits + PARTIAL_CREDIT * len(self.partial)
        return credit / chosen if chosen else 0.0

    @property
    def recall(self) -> float:
        return self.ruleset.recall

    @property
    def precision(self) -> float:
        return self.ruleset.precision


def backtest_one(
    name: str, evidence: Evidence, ruleset: Ruleset, governance: Governance | None,
    actual: Actual,
) -> BacktestResult:
    run = evaluate_evidence(evidence, ruleset, governance)
    recs = run.recommendations()
    wanted = actual.themes()
    k = len(wanted) + 2
    # The recommender's list as a meeting reads it: priorities, then cross-cutting
    # themes, then the watch list, then the rest; by score within each.  Equal
    # (status, score) pairs are ties, resolved by expectation, not by theme id.
    # Aggregates (total crime) are context, not candidates: no strategy may pick them.
    context = {t.id for t in evidence.themes if t.kind is ThemeKind.AGGREGATE}
    candidates = [r for r in recs.recommendations if r.theme not in context]
    scores = {r.theme: (3 - _STATUS_ORDER[r.status]) * 1000.0 + r.score for r in candidates}
    ordered = sorted(candidates, key=lambda r: (_STATUS_ORDER[r.status], r.rank))
    top = [r.theme for r in ordered[:k]]
    sure = inclusion(scores, k)
    hits = tuple(t for t in wanted if sure.get(t, 0.0) == 1.0)
    misses = tuple(_miss(recs.get(t), evidence) for t in wanted if sure.get(t, 0.0) < 1.0)
    themes = tuple(r.theme for r in candidates)
    signals = run.analysis.signals
    baselines = [_result(RANDOM, {t: 0.0 for t in themes}, wanted, k)]
    baselines += [_result(b, score(themes, signals), wanted, k) for b, score in BASELINES.items()]
    parents = {t.id: t.parent for t in evidence.themes}
    listed = {t for t, p in sure.items() if p == 1.0}
    partial = tuple(
        (t, near) for t in wanted if sure.get(t, 0.0) < 1.0
        for near in [_relative_in(t, listed, parents)] if near is not None
    )
    return BacktestResult(name, k, tuple(top), tuple(wanted), hits, misses,
                          _result("csprules", scores, wanted, k), tuple(baselines), partial)


def _relative_in(theme: str, listed: set[str], parents: dict[str, str | None]) -> str | None:
    """A parent or child of ``theme`` in ``listed`` (parent first), if any."""
    parent = parents.get(theme)
    if parent is not None and parent in listed:
        return parent
    children = sorted(t for t, p in parents.items() if p == theme and t in listed)
    return children[0] if children else None


def _result(strategy: str, scores: dict[str, float], wanted: list[str], k: int) -> StrategyResult:
    return StrategyResult(strategy, k, len(wanted), expected_hits(scores, wanted, k),
                          roc_auc(scores, wanted))


_STATUS_ORDER = {
    Status.PRIORITY: 0, Status.CROSS_CUTTING: 1, Status.WATCH: 2, Status.NOT_RECOMMENDED: 3,
}


def _miss(rec: Recommendation, evidence: Evidence) -> Miss:
    """Why an actually chosen theme was not in the top k: weak criteria, missing evidence."""
    parts = []
    if not rec.justifications:
        parts.append("no rule fired")
    else:
        zero = [c.label for c in sorted(rec.criteria, key=lambda c: (-c.weight, c.criterion))
                if c.score == 0 and c.weight > 0]
        if zero:
            parts.append("no points for " + ", ".join(zero[:5]))
        scored = [c for c in rec.criteria if c.score > 0 and c.weight > 0]
        if scored:
            best = max(scored, key=lambda c: (c.score * c.weight, c.criterion))
            parts.append(f"strongest: {best.label} {best.score:.2f}")
    parts.append(_coverage(rec.theme, evidence))
    return Miss(rec.theme, rec.label, rec.rank, rec.score, "; ".join(parts))


def _coverage(theme: str, evidence: Evidence) -> str:
    indicators = [i for i in evidence.indicators if theme in i.themes]
    counted = [i for i in indicators
               if any(isinstance(o.value, float) for o in i.observations)]
    measures = sum(1 for c in evidence.consultations for m in c.measures if m.theme == theme)
    day = evidence.partnership.assessment_date
    drivers = sum(1 for d in evidence.drivers if theme in d.themes and d.active_on(day))
    return (f"evidence: {len(indicators)} indicators ({len(counted)} with numbers), "
            f"{measures} consultation measures, {drivers} active drivers")


def format_report(results: list[BacktestResult], *, baselines: bool = False) -> str:
    """The back-test report; its last line is ``overall recall R precision P``.

    With ``baselines``, each example and the pool also show every naive strategy,
    and the line before the last is ``overall lift +0.12 over drivers``: the
    ruleset's pooled recall minus the best baseline's, and that baseline's name.
    """
    lines: list[str] = []
    for r in results:
        lines.append(f"== {r.name}: k={r.k} recall {r.recall:.3f} precision {r.precision:.3f} "
                     f"auc {r.ruleset.auc:.3f}")
        lines.append(f"   recommended (top {r.k}): {', '.join(r.recommended)}")
        lines.append(f"   actual: {', '.join(r.actual)}")
        for m in r.misses:
            lines.append(f"   miss {m.theme} (rank {m.rank}, score {m.score:.1f}): {m.reason}")
        lines.append(f"   exact hits {r.ruleset.expected_hits:.2f} of {r.ruleset.chosen}; "
                     f"partial (parent/child listed, {PARTIAL_CREDIT:g} each) {len(r.partial)}"
                     + (" (" + ", ".join(f"{t} via {n}" for t, n in r.partial) + ")"
                        if r.partial else "")
                     + f"; recall with partial credit {r.partial_recall:.3f}")
        if baselines:
            for b in r.baselines:
                lines.append(f"   baseline {b.strategy:<8} recall {b.recall:.3f} "
                             f"precision {b.precision:.3f} auc {b.auc:.3f}")
    pooled = _pool([r.ruleset for r in results])
    if baselines and results:
        lines.append("")
        lines.append("pooled over the examples (auc: mean; beats: examples where the ruleset's "
                     "auc is above the strategy's)")
        lines.append(f"   csprules recall {pooled.recall:.3f} precision {pooled.precision:.3f} "
                     f"auc {pooled.auc:.3f}")
        partial = sum(len(r.partial) for r in results)
        with_partial = (pooled.expected_hits + PARTIAL_CREDIT * partial) / pooled.chosen \
            if pooled.chosen else 0.0
        lines.append(f"   csprules exact hits {pooled.expected_hits:.2f} of {pooled.chosen}, "
                     f"partial {partial}; recall with partial credit {with_partial:.3f}")
        names = [b.strategy for b in results[0].baselines]
        pools = {}
        for i, name in enumerate(names):
            pools[name] = _pool([r.baselines[i] for r in results])
            beats = sum(1 for r in results if r.ruleset.auc > r.baselines[i].auc)
            lines.append(f"   {name:<8} recall {pools[name].recall:.3f} precision "
                         f"{pools[name].precision:.3f} auc {pools[name].auc:.3f} "
                         f"beats {beats}/{len(results)}")
        best = max(names, key=lambda n: (pools[n].recall, n))
        lines.append(f"overall lift {pooled.recall - pools[best].recall:+.3f} over {best}")
    lines.append(f"overall recall {pooled.recall:.3f} precision {pooled.precision:.3f}")
    return "\n".join(lines) + "\n"


def _pool(results: list[StrategyResult]) -> StrategyResult:
    """Recall and precision over all examples' choices; AUC as the mean per example."""
    if not results:
        return StrategyResult("pooled", 0, 0, 0.0, 0.5)
    return StrategyResult(
        results[0].strategy, sum(r.k for r in results), sum(r.chosen for r in results),
        sum(r.expected_hits for r in results), sum(r.auc for r in results) / len(results),
    )
