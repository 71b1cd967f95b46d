"""Workshop scores: hand-checked medians and spread, traceable, order-free, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from csprules import load_evidence, load_governance
from csprules.assessment.pipeline import evaluate_evidence
from csprules.assessment.workshop import load_workshop, with_workshop
from csprules.cli import main
from csprules.cli.common import ruleset_from
from csprules.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering-2017"
SCORES = ROOT / "docs" / "examples" / "workshop-scores.csv"
THEMES = ["asb", "burglary", "domestic-abuse", "robbery"]
CRITERIA = ["harm", "concern", "vulnerability"]


def test_medians_spread_and_points_hand_checked() -> None:
    """asb concern 7, 9, 4: median 7, spread 5; burglary harm 6, 8, 5: median 6."""
    w = load_workshop(SCORES, THEMES, CRITERIA)
    agg = {(a.theme, a.criterion): a for a in w.aggregates}
    asb = agg[("asb", "concern")]
    assert (asb.median, asb.low, asb.high, asb.spread) == (7.0, 4.0, 9.0, 5.0)
    assert asb.partners == ("Council", "Police (BCU)", "Public health")
    assert w.points() == {"asb": 7.0, "burglary": 6.0, "domestic-abuse": 9.0, "robbery": 6.0}
    assert [(a.theme, a.criterion) for a in w.contested()] == [("asb", "concern"),
                                                               ("burglary", "harm")]


def test_row_order_does_not_matter(tmp_path: Path) -> None:
    lines = SCORES.read_text(encoding="utf-8").splitlines()
    shuffled = tmp_path / "w.csv"
    shuffled.write_text("\n".join([*lines[:2], *reversed(lines[2:])]) + "\n", encoding="utf-8")
    a = load_workshop(SCORES, THEMES, CRITERIA)
    b = load_workshop(shuffled, THEMES, CRITERIA)
    strip = [(x.theme, x.criterion, x.median, x.partners) for x in a.aggregates]
    assert strip == [(x.theme, x.criterion, x.median, x.partners) for x in b.aggregates]


def test_joined_as_a_criterion_every_judgement_cited() -> None:
    """asb gains 7 of 10 workshop points; with weight 1 over a total T of the other scored
    weights its score becomes (T x before + 100 x 0.7) / (T + 1)."""
    run = evaluate_evidence(load_evidence(HAVERING), ruleset_from("default"),
                            load_governance(HAVERING))
    before = run.recommendations().get("asb")
    joined = with_workshop(run, load_workshop(SCORES, THEMES, CRITERIA), 1.0)
    after = joined.recommendations().get("asb")
    total = sum(c.weight for c in before.criteria if c.criterion != "confidence")
    assert after.score == pytest.approx((total * before.score + 70.0) / (total + 1), abs=1e-5)
    cited = next(j for j in after.justifications if j.rule == "workshop")
    assert cited.points == 7.0
    assert [str(e.row) for e in cited.evidence] == [
        f"{SCORES}:7", f"{SCORES}:6", f"{SCORES}:8"]
    assert "Council" in cited.text


def test_bad_rows_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "w.csv"
    bad.write_text("# csprules workshop 1\npartner,theme,criterion,score\n"
                   "Police,burglry,harm,6\nPolice,asb,concern,11\n", encoding="utf-8")
    with pytest.raises(UsageError) as e:
        load_workshop(bad, THEMES, CRITERIA)
    assert str(e.value) == (
        f"{bad}:3:2: expected a theme id; found 'burglry' (did you mean 'burglary'?)\n"
        f"{bad}:4:4: expected a score from 0 to 10; found '11'")


def test_workshop_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workshop", str(HAVERING), "--scores", str(SCORES)]) == 0
    out = capsys.readouterr().out
    assert "asb concern: 7 (4-9) Council, Police (BCU), Public health" in out
    assert "weight workshop: weight 0 -> 1" in out


def test_assess_carries_the_workshop_into_the_report() -> None:
    from csprules import assess
    from csprules.report.render import render

    w = load_workshop(SCORES, THEMES, CRITERIA)
    paper = assess(load_evidence(HAVERING), ruleset_from("default"),
                   load_governance(HAVERING), workshop=w)
    assert paper.weights["workshop"] == 1.0
    asb = paper.get("asb")
    assert any(j.rule == "workshop" for j in asb.justifications)
    assert "Workshop judgement" in render(paper, "md")


def test_judgement_is_not_local_data() -> None:
    """Havering's burglary cells are TBC or blank; partners judged it in the workshop.
    Its 'not recommended' says no local data scored, not 'low values'; and a theme that
    scores on judgement is not driver-led."""
    from csprules import assess

    w = load_workshop(SCORES, THEMES, CRITERIA)
    a = assess(load_evidence(HAVERING), ruleset_from("default"), load_governance(HAVERING),
               workshop=w)
    burglary = a.get("burglary")
    assert burglary.coverage is not None
    assert burglary.coverage.scored == ()
    assert not burglary.driver_led
    assert burglary.reasons[-1] == (
        "no local data scored (Burglary (neighbourhood crime of greatest concern): no values "
        "(TBC, blank); no consultation measure on Burglary); partners' workshop judgement "
        "alone is not enough")
