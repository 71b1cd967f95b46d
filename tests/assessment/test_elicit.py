"""AHP weights and consistency on a published worked example; partners combined."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from csprules.assessment.elicit import elicit, load_answers, sheet
from csprules.errors import UsageError
from csprules.scoring.ahp import ahp_weights, contradictions

KNOWN = ["harm", "volume", "trend", "concern"]


def test_saaty_three_criterion_example() -> None:
    """The textbook 3x3 case (1, 3, 5 / 1/3, 1, 3 / 1/5, 1/3, 1), published with weights
    0.637, 0.258, 0.105, lambda_max 3.039 and CR 0.033.  For n = 3 the principal
    eigenvector equals the normalised geometric means of the rows: 15^(1/3) = 2.4662,
    1, (1/15)^(1/3) = 0.4055, over 3.8717.  CI = (3.0385 - 3) / 2 = 0.0193; RI(3) = 0.58."""
    a = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    r = ahp_weights(a)
    assert r.weights == pytest.approx([0.6370, 0.2583, 0.1047], abs=5e-5)
    assert r.lambda_max == pytest.approx(3.0385, abs=5e-5)
    assert r.consistency_index == pytest.approx(0.01926, abs=5e-5)
    assert r.consistency_ratio == pytest.approx(0.0332, abs=5e-5)


def test_a_consistent_matrix_recovers_its_weights_exactly() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    r = ahp_weights(w[:, None] / w[None, :])
    assert r.weights == pytest.approx(w)
    assert r.consistency_ratio == pytest.approx(0.0, abs=1e-9)


def test_a_contradiction_is_named() -> None:
    """harm > volume (3), volume > trend (3) but trend > harm (3): a cycle."""
    a = np.array([[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]])
    r = ahp_weights(a)
    assert r.consistency_ratio > 1.0
    assert contradictions(a, r.weights)


def _write(tmp_path: Path, name: str, partner: str, answers: str) -> Path:
    p = tmp_path / name
    p.write_text(f"kind: csprules/answers\nversion: 1\npartner: {partner}\nanswers:\n{answers}",
                 encoding="utf-8")
    return p


POLICE = ("  - {more: harm, than: volume, by: 3}\n  - {more: harm, than: concern, by: 5}\n"
          "  - {more: volume, than: concern, by: 3}\n")
COUNCIL = ("  - {more: concern, than: harm, by: 5}\n  - {more: volume, than: harm, by: 3}\n"
           "  - {more: concern, than: volume, by: 3}\n")


def test_partners_combined_and_scaled_to_the_ruleset_total(tmp_path: Path) -> None:
    police = load_answers(_write(tmp_path, "p.yaml", "Police", POLICE), KNOWN)
    council = load_answers(_write(tmp_path, "c.yaml", "Council", COUNCIL), KNOWN)
    e = elicit([police, council], {"harm": 3, "volume": 2, "trend": 2, "concern": 2})
    assert e.criteria == ("harm", "volume", "concern")
    p = e.partners[0]
    # Ruleset total for harm, volume, concern is 7: 7 x (0.6370, 0.2583, 0.1047).
    assert [p.weights[c] for c in e.criteria] == pytest.approx([4.4589, 1.8080, 0.7331],
                                                               abs=5e-4)
    assert p.consistent
    # Council's answers mirror Police's: concern 4.4589, volume 1.8080, harm 0.7331.
    c = e.partners[1]
    assert c.weights["concern"] == pytest.approx(p.weights["harm"], abs=1e-6)
    # The geometric mean of mirrored answers is every judgement 1 x 1 ... = equal weights.
    assert [e.combined.weights[x] for x in e.criteria] == pytest.approx([7 / 3] * 3)
    assert e.disagreement[0].spread == pytest.approx(4.4589 - 0.7331, abs=5e-4)


def test_answers_errors_are_located(tmp_path: Path) -> None:
    bad = _write(tmp_path, "b.yaml", "X", "  - {more: harm, than: volme, by: 3}\n")
    with pytest.raises(UsageError) as e:
        load_answers(bad, KNOWN)
    assert str(e.value) == (
        f"{bad}:5:24: expected a criterion of the ruleset (harm, volume, trend, concern); "
        "found 'volme' (did you mean 'volume'?)")
    missing = _write(tmp_path, "m.yaml", "X", "  - {more: harm, than: volume, by: 3}\n"
                     "  - {more: harm, than: concern, by: 3}\n")
    with pytest.raises(UsageError, match="found 1 missing: volume / concern"):
        load_answers(missing, KNOWN)
    twice = _write(tmp_path, "t.yaml", "X", "  - {more: harm, than: volume, by: 3}\n"
                   "  - {more: volume, than: harm, by: 2}\n")
    with pytest.raises(UsageError, match="expected each pair once; found volume and harm again"):
        load_answers(twice, KNOWN)
    scale = _write(tmp_path, "s.yaml", "X", "  - {more: harm, than: volume, by: 12}\n")
    with pytest.raises(UsageError, match="by"):
        load_answers(scale, KNOWN)


def test_the_sheet_is_a_valid_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text(sheet(["harm", "volume", "trend"], {"harm": "Harm"}, "Police"),
                    encoding="utf-8")
    answers, criteria = load_answers(path, KNOWN)
    assert criteria == ("harm", "volume", "trend")
    assert answers.partner == "Police"
    assert len(answers.answers) == 3
