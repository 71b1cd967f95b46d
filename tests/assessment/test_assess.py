"""``assess`` builds every section of the paper from one run, for any caller."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from csprules import Assessment, UsageError, assess, load_evidence, load_governance, recommend
from csprules.cli.common import ruleset_from
from csprules.report.render import render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "havering-2017"


def test_assess_matches_recommend_and_carries_the_sections() -> None:
    evidence, governance = load_evidence(EXAMPLE), load_governance(EXAMPLE)
    ruleset = ruleset_from("default")
    plain = recommend(evidence, ruleset, governance)
    full = assess(evidence, ruleset, governance, sensitivity_draws=50,
                  against=ruleset_from(str(ROOT / "docs/examples/local-ruleset.yaml")))
    assert isinstance(full, Assessment)
    assert full.recommendations == plain.recommendations
    assert full.findings == plain.findings
    assert full.robustness is not None
    assert full.robustness.draws == 50
    assert full.ruleset_diff is not None
    assert full.changes_since is None
    assert full.partner_weights is None
    # The run stays attached: re-weighting needs no second firing of the rules.
    assert full.run.recommendations().recommendations == plain.recommendations


def test_python_render_is_the_cli_output(tmp_path: Path) -> None:
    evidence, governance = load_evidence(EXAMPLE), load_governance(EXAMPLE)
    text = render(assess(evidence, ruleset_from("default"), governance,
                         weights={"harm": 2.0}), "md")
    out = tmp_path / "paper.md"
    subprocess.run([sys.executable, "-m", "csprules", "recommend", str(EXAMPLE), "--format",
                    "md", "--weight", "harm=2", "-o", str(out)], check=True, cwd=ROOT)
    assert out.read_text(encoding="utf-8") == text


def test_unknown_weight_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"^--weight: unknown criterion 'hram'; expected one of "):
        assess(load_evidence(EXAMPLE), ruleset_from("default"), weights={"hram": 1.0})


def test_missing_governance_is_a_finding_not_a_silent_zero() -> None:
    a = assess(load_evidence(EXAMPLE), ruleset_from("default"))
    gov = [f for f in a.findings if f.kind == "no_governance"]
    assert [f.severity for f in gov] == ["warning"]
    assert "organisational position scores 0 for every theme" in gov[0].message
    with_gov = assess(load_evidence(EXAMPLE), ruleset_from("default"), load_governance(EXAMPLE))
    assert not [f for f in with_gov.findings if f.kind == "no_governance"]


def test_an_assessment_not_built_by_assess_says_so() -> None:
    plain = recommend(load_evidence(EXAMPLE), ruleset_from("default"))
    bare = Assessment.model_construct(**dict(plain))
    with pytest.raises(ValueError, match="not built by assess"):
        _ = bare.run
