"""``assess``: everything a meeting paper needs, built once, for the CLI, the reports and
Python callers alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from csprules.assessment.last_year import last_year_decisions
from csprules.assessment.model import Assessment
from csprules.assessment.partner_weights import PartnerWeights, combine
from csprules.assessment.pipeline import Evaluated, evaluate_evidence
from csprules.assessment.ruleset_diff import diff_rulesets
from csprules.assessment.workshop import Workshop, with_workshop
from csprules.assessment.year_diff import diff_years
from csprules.errors import UsageError
from csprules.evidence.decisions import DecisionRecord
from csprules.evidence.evidence import Evidence
from csprules.governance import Governance
from csprules.rules import Ruleset
from csprules.scoring.sensitivity import simulate
from csprules.scoring.what_would_move import what_would_move


def assess(
    evidence: Evidence,
    ruleset: Ruleset,
    governance: Governance | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    engine: str = "auto",
    decisions: DecisionRecord | None = None,
    sensitivity_draws: int = 0,
    last_year: tuple[Evidence, Governance | None] | None = None,
    against: Ruleset | None = None,
    partners: Sequence[PartnerWeights] = (),
    levers: bool = True,
    workshop: Workshop | None = None,
    workshop_weight: float = 1.0,
) -> Assessment:
    """Recommendations, findings and the optional sections, from one run of the rules.

    - ``weights`` overrides criterion weights (others keep the ruleset's);
    - ``sensitivity_draws``: a robustness section from that many Monte Carlo weight
      draws (seed 0, so the paper is reproducible);
    - ``last_year``: last year's evidence and governance, for what changed since;
    - ``against``: another ruleset, for what it would change, rule by rule;
    - ``partners``: each partner agency's weights, for where they agree;
    - ``levers``: what would move each theme within reach of a status boundary;
    - ``workshop``: a scoring workshop's judgements, joined as a ``workshop`` criterion
      of weight ``workshop_weight`` (:mod:`csprules.assessment.workshop`).

    >>> from csprules import assess, load_evidence, load_governance, load_ruleset
    >>> a = assess(load_evidence("examples/havering-2017"), load_ruleset("default"),
    ...            load_governance("examples/havering-2017"), sensitivity_draws=200)
    >>> a.priorities[0].rank, a.robustness is not None
    (1, True)
    """
    overrides = dict(weights or {})
    unknown = sorted(set(overrides) - set(ruleset.criteria))
    if unknown:
        raise UsageError(
            f"--weight: unknown criterion '{unknown[0]}'; expected one of "
            + ", ".join(ruleset.criteria)
        )
    run = evaluate_evidence(evidence, ruleset, governance, engine=engine, decisions=decisions)
    if workshop is not None:
        run = with_workshop(run, workshop, workshop_weight)
    return assemble(
        run, overrides,
        robustness_draws=sensitivity_draws,
        last=(evaluate_evidence(last_year[0], ruleset, last_year[1], engine=engine)
              if last_year is not None else None),
        other=(evaluate_evidence(evidence, against, governance, engine=engine)
               if against is not None else None),
        partners=partners, levers=levers,
    )


def assemble(
    run: Evaluated,
    weights: Mapping[str, float] | None = None,
    *,
    robustness_draws: int = 0,
    last: Evaluated | None = None,
    other: Evaluated | None = None,
    partners: Sequence[PartnerWeights] = (),
    levers: bool = True,
) -> Assessment:
    """The assessment of a run already evaluated (and of the other runs it is compared with)."""
    recs = run.recommendations(weights or None)
    assessment = Assessment.model_construct(
        **dict(recs),
        robustness=simulate(run.analysis, robustness_draws, seed=0) if robustness_draws else None,
        changes_since=diff_years(run, last) if last is not None else None,
        ruleset_diff=diff_rulesets(run, other) if other is not None else None,
        partner_weights=combine(run, list(partners)) if partners else None,
        what_would_move=what_would_move(run.analysis, dict(weights or {})) if levers else None,
        decisions=run.decisions,
        last_year_decisions=last_year_decisions(_last_record(run), recs),
    )
    assessment._run = run
    assessment._weight_overrides = dict(weights or {})
    return assessment


def _last_record(run: Evaluated) -> DecisionRecord | None:
    previous = run.analysis.evidence.previous
    return previous.decisions if previous is not None else None
