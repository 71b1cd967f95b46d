"""The teaching linter from the command line: warnings, ``validate --examples``, and
``recommend --workshop`` (workshop scores in the paper)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csprules.cli import main
from csprules.rules import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
HAVERING = str(ROOT / "examples" / "havering-2017")
EALING = str(ROOT / "examples" / "ealing-2012")
SCORES = str(ROOT / "docs" / "examples" / "workshop-scores.csv")

LOCAL = """\
kind: csprules/ruleset
version: 1
name: mine
ruleset_version: "1"
extends: default
rules:
  - id: local-huge-rise
    description: A rise no example has.
    when:
      k:
        kind: indicator
        all:
          - {field: change_pct, op: ">", value: 900}
          - {any: [{field: latest, op: ">", value: 5}, {field: latest, op: ">", value: 3}]}
    then:
      - {theme: "{k.theme}", criterion: trend, points: 3, text: "{k.label} rose"}
    cases:
      - name: fires
        facts: [{kind: indicator, theme: asb, label: ASB, change_pct: 1000, latest: 9}]
        expect: fires
      - name: silent
        facts: [{kind: indicator, theme: asb, label: ASB, change_pct: 10, latest: 9}]
        expect: silent
"""


def test_validate_prints_warnings_and_rules_that_fire_on_no_example(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "local.yaml").write_text(LOCAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "local.yaml", "--examples", HAVERING, EALING]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "local.yaml:14:20: warning: rule 'local-huge-rise': field 'any': expected every branch "
        "of 'any' to match facts the others do not; found branch 1 ('latest > 5'), which "
        "branch 2 ('latest > 3') always matches too: remove it or change one of them")
    assert ("local.yaml:7:9: warning: rule 'local-huge-rise': expected to fire on at least "
            "one of the examples; found it fires on none") in lines
    # The default ruleset grows; the counts are its own plus the local rule.
    default = load_ruleset("default")
    rules, cases = len(default.rules) + 1, sum(len(r.cases) for r in default.rules) + 2
    assert lines[-2] == (f"local.yaml: 18 of {rules} enabled rules fire on at least one of 2 "
                         f"examples ({HAVERING}, {EALING})")
    assert lines[-1] == f"local.yaml: OK: {rules} rules, {cases} cases passed"


def test_validate_examples_defaults_to_the_shipped_examples(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["validate", "rulesets/default.yaml", "--examples"]) == 0
    out = capsys.readouterr().out
    rules = len(load_ruleset("default").rules)
    assert (f"of {rules} enabled rules fire on at least one of 6 examples (examples/city-of-london-"
            "2019, examples/ealing-2012, examples/havering-2017, examples/tower-hamlets-2008, "
            "examples/tower-hamlets-2016, examples/wandsworth-2012)") in out


def test_validate_examples_refuses_what_is_not_evidence(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "default", "--examples", "nowhere"]) == 2
    assert capsys.readouterr().err == (
        "--examples: expected an evidence folder or .xlsx workbook; found 'nowhere'\n")


def test_validate_examples_needs_a_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", HAVERING, "--examples"]) == 2
    assert capsys.readouterr().err == (
        f"--examples: expected a ruleset to run on the examples; found evidence '{HAVERING}'\n")


def test_recommend_with_workshop_scores_uses_them_as_the_workshop_verb_does(
        tmp_path: Path) -> None:
    paper, moves = tmp_path / "r.json", tmp_path / "w.json"
    assert main(["recommend", HAVERING, "--workshop", SCORES, "--workshop-weight", "2",
                 "--format", "json", "-o", str(paper)]) == 0
    assert main(["workshop", HAVERING, "--scores", SCORES, "--workshop-weight", "2",
                 "--format", "json", "-o", str(moves)]) == 0
    data = json.loads(paper.read_text(encoding="utf-8"))
    scores = {r["theme"]: r["score"] for r in data["recommendations"]}
    moved = json.loads(moves.read_text(encoding="utf-8"))["moves"]
    assert moved
    for m in moved:
        assert scores[m["theme"]] == pytest.approx(m["score_after"], abs=1e-6)
    top = data["recommendations"][0]
    workshop = next(c for c in top["criteria"] if c["criterion"] == "workshop")
    assert (workshop["label"], workshop["weight"], workshop["points"]) == (
        "Workshop judgement", 2.0, 9.0)
    [why] = [j for j in top["justifications"] if j["rule"] == "workshop"]
    assert why["text"] == ("workshop judgement: vulnerability median 9 (from 8 to 10: "
                           "Council, Police (BCU), Public health)")
    assert sorted(e["row"]["line"] for e in why["evidence"]) == [12, 13, 14]


def test_recommend_workshop_paper_cites_the_judgements(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", HAVERING, "--workshop", SCORES]) == 0
    paper = capsys.readouterr().out
    assert ("- **Workshop judgement +5.0**: workshop judgement: vulnerability median 9 (from 8 "
            "to 10: Council, Police (BCU), Public health). Source \\[2\\] lines 12-14.") in paper


def test_recommend_workshop_names_a_bad_row(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "w.csv"
    bad.write_text("# csprules workshop 1\npartner,theme,criterion,score\n"
                   "Police,burglery,harm,6\n", encoding="utf-8")
    assert main(["recommend", HAVERING, "--workshop", str(bad)]) == 2
    assert capsys.readouterr().err == (
        f"{bad}:3:2: expected a theme id; found 'burglery' (did you mean 'burglary'?)\n")
