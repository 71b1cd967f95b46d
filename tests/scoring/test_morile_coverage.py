"""MoRiLE on thin evidence: criteria without data drop out; no data at all fails loudly."""

from __future__ import annotations

import pytest

from csprules import load_evidence
from csprules.assessment.pipeline import evaluate_evidence
from csprules.errors import RulesetError
from csprules.governance import load_governance
from csprules.rules.loader import load_ruleset, parse_ruleset
from csprules.rules.scoring_config import Method, MorileConfig, ScoringConfig, Selection
from csprules.scoring.analysis import analyse
from tests.scoring.helpers import C, crit, mini


def test_a_criterion_without_data_drops_out_of_its_dimension() -> None:
    """harm = [harm, vulnerability], likelihood = [volume]; all weights 1, caps 10.
    No theme scored on vulnerability: it is missing data, so harm is the mean of harm
    alone (not harm/2).  burglary: H 0.5, L 0.4 -> 100 x 0.2 = 20.0 (10.0 if
    vulnerability had counted as a zero)."""
    evidence, signals = mini()
    criteria = {"harm": crit(1), "vulnerability": crit(1), "volume": crit(1)}
    config = ScoringConfig(
        method=Method.MORILE,
        morile=MorileConfig(harm=("harm", "vulnerability"), likelihood=("volume",),
                            missing_data="drop"),
        selection=Selection(min_priority_score=1, watch_score=1),
    )
    recs = {r.theme: r for r in analyse(evidence, signals, criteria, config,
                                        [C("burglary", "harm", 5), C("burglary", "volume", 4)]
                                        ).recommendations()}
    assert recs["burglary"].score == pytest.approx(20.0)


def test_a_dimension_without_data_counts_as_one_and_is_a_finding() -> None:
    """Likelihood has no data anywhere: harm alone ranks, and the report says so."""
    evidence, signals = mini()
    criteria = {"harm": crit(1), "volume": crit(1)}
    config = ScoringConfig(method=Method.MORILE,
                           morile=MorileConfig(harm=("harm",), likelihood=("volume",),
                                               missing_data="drop"))
    recs = {r.theme: r for r in analyse(evidence, signals, criteria, config,
                                        [C("burglary", "harm", 5)]).recommendations()}
    assert recs["burglary"].score == pytest.approx(50.0)


def test_shipped_morile_ruleset_runs_on_every_example() -> None:
    ruleset = load_ruleset("rulesets/morile.yaml")
    for example in ("ealing-2012", "havering-2017", "tower-hamlets-2008",
                    "tower-hamlets-2016", "wandsworth-2012"):
        path = f"examples/{example}"
        recs = evaluate_evidence(load_evidence(path), ruleset,
                                 load_governance(path)).recommendations()
        assert recs.priorities, example
        assert recs.priorities[0].score > 0, example
    ealing = evaluate_evidence(load_evidence("examples/ealing-2012"), ruleset,
                               load_governance("examples/ealing-2012")).recommendations()
    empty = [f for f in ealing.findings if f.kind == "morile_dimension_empty"]
    assert [f.message.split(":")[0] for f in empty] == ["MoRiLE likelihood"]
    assert empty[0].where is not None
    assert empty[0].where.startswith("rulesets/morile.yaml:")


def test_an_empty_dimension_is_a_located_error_unless_dropped() -> None:
    """Default missing_data "zero": harm with no data would score every theme 0."""
    text = """kind: csprules/ruleset
version: 1
name: t
ruleset_version: "1"
extends: default
scoring:
  method: morile
  morile:
    harm: [under_reporting]
    likelihood: [benchmark]
"""
    ruleset = parse_ruleset(text, display="t.yaml", base="rulesets")
    with pytest.raises(RulesetError, match=r"^t\.yaml:9:11: .*needs harm evidence"):
        evaluate_evidence(load_evidence("examples/ealing-2012"), ruleset)
