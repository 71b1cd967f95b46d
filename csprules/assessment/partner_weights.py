"""Partner agencies' own weights: each partner's ranking, the aggregate, and disagreement.

Each partner supplies a small YAML file::

    kind: csprules/weights
    version: 1
    partner: Metropolitan Police
    weights: {harm: 4, volume: 3, concern: 1}

Criteria a partner leaves out keep the ruleset's weight.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from csprules.assessment.pipeline import Evaluated
from csprules.errors import UsageError
from csprules.rules.scoring_config import MAX_WEIGHT
from csprules.scoring.model import Status
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import validate
from csprules.sources.yaml_file import load_yaml
from csprules.sources.yaml_tables import check_header


class CriterionSpread(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    ruleset: float
    mean: float
    median: float
    low: float
    high: float
    spread: float
    """high - low: how far apart the partners are on this criterion."""


class PartnerView(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partner: str
    weights: dict[str, float]
    priorities: tuple[str, ...]


class GroupWeights(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partners: tuple[PartnerView, ...]
    mean: PartnerView
    median: PartnerView
    criteria: tuple[CriterionSpread, ...]
    agreed: tuple[str, ...]
    """Themes every partner's weights make a priority."""
    contested: tuple[str, ...]
    """Themes some partners' weights make a priority and others' do not."""


class PartnerWeights(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    kind: str
    version: int
    partner: str = Field(min_length=1)
    weights: dict[str, float]


def load_partner_weights(path: Path, criteria: Sequence[str]) -> PartnerWeights:
    doc = load_yaml(path, str(path), UsageError)
    check_header(doc, "weights", (1,), UsageError)
    pw = validate(PartnerWeights, doc.data, doc.location, UsageError)
    for name, value in pw.weights.items():
        if name not in criteria:
            hint = did_you_mean(name, criteria)
            raise UsageError(f"{doc.location(('weights', name))}: unknown criterion '{name}'"
                             + (f" (did you mean '{hint}'?)" if hint else ""))
        if not 0 <= value <= MAX_WEIGHT:
            raise UsageError(f"{doc.location(('weights', name))}: expected a weight from 0 to "
                             f"{MAX_WEIGHT:g}; found {value:g}")
    return pw


def combine(run: Evaluated, partners: Sequence[PartnerWeights]) -> GroupWeights:
    criteria = run.analysis.matrix.criteria
    base = dict(zip(criteria, (float(w) for w in run.analysis.matrix.weights), strict=True))
    full = [{c: float(p.weights.get(c, base[c])) for c in criteria} for p in partners]
    views = [_view(run, p.partner, w) for p, w in zip(partners, full, strict=True)]
    mean = {c: statistics.fmean(w[c] for w in full) for c in criteria}
    median = {c: float(statistics.median(w[c] for w in full)) for c in criteria}
    spreads = [
        CriterionSpread(
            criterion=c, ruleset=base[c], mean=round(mean[c], 6), median=median[c],
            low=min(w[c] for w in full), high=max(w[c] for w in full),
            spread=max(w[c] for w in full) - min(w[c] for w in full),
        )
        for c in criteria
    ]
    spreads.sort(key=lambda s: (-s.spread, s.criterion))
    chosen = [set(v.priorities) for v in views]
    every = set.intersection(*chosen) if chosen else set()
    some = set.union(*chosen) if chosen else set()
    return GroupWeights(
        partners=tuple(views), mean=_view(run, "mean of partners", mean),
        median=_view(run, "median of partners", median), criteria=tuple(spreads),
        agreed=tuple(sorted(every)), contested=tuple(sorted(some - every)),
    )


def _view(run: Evaluated, name: str, weights: Mapping[str, float]) -> PartnerView:
    recs = run.analysis.recommendations(weights)
    return PartnerView(partner=name, weights=dict(weights),
                       priorities=tuple(r.theme for r in recs if r.status is Status.PRIORITY))


def render_group(g: GroupWeights) -> str:
    lines = ["priorities under each partner's weights:"]
    for v in (*g.partners, g.mean, g.median):
        lines.append(f"  {v.partner}: {', '.join(v.priorities) or 'none'}")
    lines.append("agreed by every partner: " + (", ".join(g.agreed) or "none"))
    lines.append("contested: " + (", ".join(g.contested) or "none"))
    lines.append("where partners differ most (criterion: low-high, mean, median, ruleset):")
    for s in g.criteria:
        lines.append(f"  {s.criterion}: {s.low:g}-{s.high:g}, mean {s.mean:g}, median "
                     f"{s.median:g}, ruleset {s.ruleset:g}")
    return "\n".join(lines) + "\n"
