"""The pipeline, top to bottom: evidence -> signals -> rules -> scoring -> governance.

``evaluate_evidence`` runs it once and keeps the run whole, so weights can change
without firing the rules again; ``recommend`` is the one-call form.  Everything a run
needs about the themes (index, parents, statutory duties) and about ownership (the
governance graph, built once and cached on the governance) is computed here once and
passed down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from csprules.errors import Problem, RulesetError
from csprules.evidence.cited import undocumented_sources
from csprules.evidence.decisions import DecisionRecord
from csprules.evidence.evidence import Evidence
from csprules.evidence.theme_index import ThemeIndex
from csprules.governance import Governance, Ownership, assign_owners, governance_findings
from csprules.governance.graph import tier_of
from csprules.rules import Ruleset, evaluate
from csprules.rules.scoring_config import Method
from csprules.scoring.analysis import Analysis, analyse, evidence_gap_findings
from csprules.scoring.model import (
    Finding,
    Owner,
    Recommendations,
    RulesetInfo,
    Status,
    data_quality_findings,
)
from csprules.signals.derive import derive_signals
from csprules.signals.model import OwnershipFact


@dataclass(frozen=True)
class Evaluated:
    """A recommendation run kept whole, so weights can change without re-firing rules."""

    analysis: Analysis
    ruleset: Ruleset
    engine: str
    governance: Governance | None
    decisions: DecisionRecord | None = None
    """The meeting's decisions on this assessment, if taken: departures become findings."""
    themes: ThemeIndex | None = None
    ownership: Mapping[str, Ownership] = field(default_factory=dict)
    """Theme -> its owner in the governance graph (empty without governance)."""

    def recommendations(self, weights: Mapping[str, float] | None = None) -> Recommendations:
        return _assemble(self, weights)


def evaluate_evidence(
    evidence: Evidence,
    ruleset: Ruleset,
    governance: Governance | None = None,
    *,
    engine: str = "auto",
    decisions: DecisionRecord | None = None,
) -> Evaluated:
    """Derive signals, fire the rules once, and build the score matrix."""
    themes = ThemeIndex.of(evidence)
    ownership: dict[str, Ownership] = {}
    facts: dict[str, OwnershipFact] = {}
    owners: dict[str, tuple[Owner, tuple[str, ...]]] = {}
    if governance is not None:
        graph = governance.graph
        ownership = assign_owners(governance, themes.ids, themes.parents)
        for theme, o in ownership.items():
            tier = tier_of(graph, o.group).value if o.group is not None else None
            facts[theme] = OwnershipFact(owned=o.is_owned, via=o.via, tier=tier)
            owners[theme] = (
                Owner(group=o.group, name=o.group_name, role=o.role, via=o.via,
                      agency=o.agency, explanation=o.explanation),
                o.chain_names,
            )
    signals = derive_signals(evidence, themes=themes, ownership=facts)
    evaluation = evaluate(ruleset, signals.facts(), engine=engine)
    analysis = analyse(evidence, signals, ruleset.criteria, ruleset.scoring,
                       list(evaluation.contributions), owners, themes=themes)
    _check_morile(analysis, ruleset)
    return Evaluated(analysis, ruleset, evaluation.engine, governance, decisions,
                     themes, ownership)


def _check_morile(analysis: Analysis, ruleset: Ruleset) -> None:
    """MoRiLE multiplies harm by likelihood: a dimension with no data anywhere would
    score every theme 0.  Say so, where the ruleset names the dimension."""
    morile = ruleset.scoring.morile
    if ruleset.scoring.method is not Method.MORILE or morile is None:
        return
    empty = analysis.scorer.empty_dimensions(analysis.matrix)
    # missing_data "zero": an empty dimension zeroes every theme; "drop": it counts as 1
    # (a finding says so) and only both empty leaves nothing to rank on.
    if len(empty) == 2 or (empty and morile.missing_data == "zero"):
        raise RulesetError([
            Problem(ruleset.locate("scoring", ("morile", dim)),
                    f"method 'morile' needs {dim} evidence, but no theme scored on any of its "
                    f"criteria ({', '.join(getattr(morile, dim))}) in this evidence: supply "
                    "data for them, set morile.missing_data: drop, or use method "
                    "'weighted_sum'", field=dim)
            for dim in empty
        ])


def morile_findings(run: Evaluated) -> list[Finding]:
    """A MoRiLE dimension with no data ranks on the other alone: the meeting must know."""
    morile = run.ruleset.scoring.morile
    if run.ruleset.scoring.method is not Method.MORILE or morile is None:
        return []
    out = []
    for dim in run.analysis.scorer.empty_dimensions(run.analysis.matrix):
        where = run.ruleset.locate("scoring", ("morile", dim))
        out.append(Finding(
            source="scoring", kind="morile_dimension_empty", severity="warning",
            message=f"MoRiLE {dim}: no theme scored on any of {', '.join(getattr(morile, dim))} "
            f"(no data, or none that scored): the ranking rests on the other dimension "
            f"alone; {dim} counts as 1 for every theme",
            where=str(where) if where else None,
        ))
    return out


def recommend(
    evidence: Evidence,
    ruleset: Ruleset,
    governance: Governance | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    engine: str = "auto",
) -> Recommendations:
    """Score every theme, select priorities, and explain each one.

    >>> from csprules import load_evidence, load_ruleset, recommend
    >>> from csprules.governance import load_governance
    >>> evidence = load_evidence("examples/havering-2017")
    >>> recs = recommend(evidence, load_ruleset("default"),
    ...                  load_governance("examples/havering-2017"))
    >>> len(recs.priorities) <= 6
    True
    """
    return evaluate_evidence(evidence, ruleset, governance, engine=engine).recommendations(weights)


def _assemble(run: Evaluated, weights: Mapping[str, float] | None) -> Recommendations:
    a = run.analysis
    recs = a.recommendations(weights)
    findings: list[Finding] = []
    if run.governance is not None:
        chosen = [r.theme for r in recs if r.status in (Status.PRIORITY, Status.CROSS_CUTTING)]
        parents = run.themes.parents if run.themes else {t.id: t.parent for t in a.evidence.themes}
        for f in governance_findings(run.governance, chosen, parents, ownership=run.ownership):
            findings.append(Finding(
                source="governance", kind=str(f.kind), severity=str(f.severity),
                message=f.message, themes=tuple(f.themes), groups=tuple(f.groups),
            ))
    else:
        # Without governance no theme can be owned: say so rather than let every
        # organisational-position score read as a real zero.
        findings.append(Finding(
            source="governance", kind="no_governance", severity="warning",
            message="no governance was given (governance.yaml or a governance sheet): no "
            "theme has an owning group, organisational position scores 0 for every theme "
            "and no accountability chains are shown",
        ))
    findings += morile_findings(run)
    findings += evidence_gap_findings(recs, a)
    findings += data_quality_findings(a.signals.flags)
    for doc, n in undocumented_sources(a.evidence):
        findings.append(Finding(
            source="data_quality", kind="undocumented_source", severity="warning",
            message=f"sources.yaml has no entry for '{doc}', which {n} "
            f"row{'s' if n != 1 else ''} cite, so the paper names it by its file name only: "
            "add its title (and publisher and date) there",
            where=f"{a.evidence.source}/sources.yaml",
        ))
    if run.decisions is not None:
        for d in run.decisions.departures():
            findings.append(Finding(
                source="decision", kind="departure", severity="info",
                message=f"the meeting decided '{d.decision.value}' on {d.theme} "
                f"({d.date.isoformat()}, {d.by}) where csprules recommended "
                f"'{d.recommended}': {d.rationale}",
                themes=(d.theme,),
            ))
    used = a.weights_array(weights)
    p = a.evidence.partnership
    return Recommendations(
        partnership=p.name,
        area=p.area,
        assessment_date=p.assessment_date,
        ruleset=RulesetInfo(
            name=run.ruleset.name, version=run.ruleset.ruleset_version,
            hash=run.ruleset.content_hash,
            method=a.config.method.value,
        ),
        engine=run.engine,
        weights={c: float(used[j]) for j, c in enumerate(a.matrix.criteria)},
        recommendations=tuple(recs),
        findings=tuple(findings),
    )
