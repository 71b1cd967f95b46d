"""Back-test: what csprules recommends against what a partnership actually chose.

``actual.yaml`` (examples only) is read here and nowhere else: the
recommender never sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from csprules.assessment.pipeline import recommend
from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence.evidence import Evidence
from csprules.evidence.ids import Id
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
    path = folder / "actual.yaml"
    if not path.is_file():
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


@dataclass(frozen=True)
class Miss:
    theme: str
    label: str
    rank: int
    score: float
    reason: str


@dataclass(frozen=True)
class BacktestResult:
    name: str
    k: int
    recommended: tuple[str, ...]
    actual: tuple[str, ...]
    hits: tuple[str, ...]
    misses: tuple[Miss, ...]

    @property
    def recall(self) -> float:
        return len(self.hits) / len(self.actual) if self.actual else 0.0

    @property
    def precision(self) -> float:
        return len(self.hits) / self.k if self.k else 0.0


def backtest_one(
    name: str, evidence: Evidence, ruleset: Ruleset, governance: Governance | None,
    actual: Actual,
) -> BacktestResult:
    recs = recommend(evidence, ruleset, governance)
    wanted = actual.themes()
    k = len(wanted) + 2
    # The recommender's list, as a meeting reads it: priorities, then cross-cutting
    # themes, then the watch list, then the rest; by rank within each.
    ordered = sorted(recs.recommendations, key=lambda r: (_STATUS_ORDER[r.status], r.rank))
    top = [r.theme for r in ordered[:k]]
    hits = tuple(t for t in wanted if t in top)
    misses = tuple(_miss(recs.get(t), evidence) for t in wanted if t not in top)
    return BacktestResult(name, k, tuple(top), tuple(wanted), hits, misses)


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


def format_report(results: list[BacktestResult]) -> str:
    lines: list[str] = []
    for r in results:
        lines.append(f"== {r.name}: k={r.k} recall {r.recall:.3f} precision {r.precision:.3f}")
        lines.append(f"   recommended (top {r.k}): {', '.join(r.recommended)}")
        lines.append(f"   actual: {', '.join(r.actual)}")
        for m in r.misses:
            lines.append(f"   miss {m.theme} (rank {m.rank}, score {m.score:.1f}): {m.reason}")
    hits = sum(len(r.hits) for r in results)
    wanted = sum(len(r.actual) for r in results)
    k = sum(r.k for r in results)
    recall = hits / wanted if wanted else 0.0
    precision = hits / k if k else 0.0
    lines.append(f"overall recall {recall:.3f} precision {precision:.3f}")
    return "\n".join(lines) + "\n"
