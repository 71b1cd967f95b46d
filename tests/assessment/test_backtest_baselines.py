"""Back-test measures: ties by expectation, the rank-aware AUC, and the naive baselines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csprules.assessment.backtest import backtest_one, format_report, load_actual
from csprules.assessment.ranking_metrics import expected_hits, inclusion, roc_auc
from csprules.cli import main
from csprules.cli.common import governance_for, ruleset_from
from csprules.evidence.load import load_evidence

ROOT = Path(__file__).resolve().parents[2]


def test_a_tie_across_the_boundary_counts_by_its_expected_share() -> None:
    # a is clearly first; b, c, d tie for the remaining 2 places of k = 3:
    # each is in with probability 2/3, whatever their ids.
    scores = {"a": 9.0, "b": 5.0, "c": 5.0, "d": 5.0, "e": 1.0}
    assert inclusion(scores, 3) == pytest.approx(
        {"a": 1.0, "b": 2 / 3, "c": 2 / 3, "d": 2 / 3, "e": 0.0})
    # chosen a and d: 1 + 2/3 hits.
    assert expected_hits(scores, ["a", "d"], 3) == pytest.approx(5 / 3)
    assert expected_hits(scores, ["a", "b"], 3) == expected_hits(scores, ["a", "d"], 3)


def test_auc_hand_checked() -> None:
    # chosen {a, c}; not chosen {b, d}.  Pairs: a>b, a>d, c<b, c=d -> 1 + 1 + 0 + 0.5 = 2.5 / 4.
    scores = {"a": 4.0, "b": 3.0, "c": 1.0, "d": 1.0}
    assert roc_auc(scores, ["a", "c"]) == pytest.approx(0.625)
    assert roc_auc({t: 0.0 for t in scores}, ["a", "c"]) == 0.5


@given(st.dictionaries(st.sampled_from("abcdefghij"), st.integers(0, 3).map(float),
                       min_size=2), st.integers(0, 12), st.data())
def test_ties_never_favour_ids(scores: dict[str, float], k: int, data: st.DataObject) -> None:
    wanted = data.draw(st.lists(st.sampled_from(sorted(scores)), unique=True))
    p = inclusion(scores, k)
    assert sum(p.values()) == pytest.approx(min(k, len(scores)))
    # Renaming themes (same scores) changes nothing.
    renamed = {t.upper(): s for t, s in scores.items()}
    assert expected_hits(renamed, [t.upper() for t in wanted], k) == pytest.approx(
        expected_hits(scores, wanted, k))
    # All tied is the random baseline exactly: k / n per theme.
    flat = dict.fromkeys(scores, 0.0)
    assert expected_hits(flat, wanted, k) == pytest.approx(
        len(wanted) * min(k, len(scores)) / len(scores))


def test_baselines_on_a_real_example() -> None:
    path = ROOT / "examples" / "tower-hamlets-2016"
    evidence = load_evidence(path)
    actual = load_actual(path, {t.id for t in evidence.themes})
    result = backtest_one(str(path), evidence, ruleset_from("default"), governance_for(str(path)),
                          actual)
    by_name = {b.strategy: b for b in result.baselines}
    assert list(by_name) == ["random", "volume", "concern", "drivers", "previous"]
    # Candidates exclude aggregates (total crime): context, never chosen.
    n = len([t for t in evidence.themes if t.kind.value != "aggregate"])
    assert by_name["random"].recall == pytest.approx(result.k / n)
    assert by_name["random"].auc == 0.5
    # No previous priorities were given for this example: previous-only is random.
    assert by_name["previous"].recall == pytest.approx(by_name["random"].recall)
    report = format_report([result], baselines=True).splitlines()
    assert report[-2].startswith("overall lift ")
    assert report[-1].startswith("overall recall ")


def test_cli_baselines_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backtest", "--baselines", "examples/havering-2017"]) == 0
    out = capsys.readouterr().out.splitlines()
    lift = out[-2].split()
    assert lift[:2] == ["overall", "lift"]
    assert lift[2][0] in "+-"
    assert lift[3] == "over"
    assert lift[4] in {"random", "volume", "concern", "drivers", "previous"}
