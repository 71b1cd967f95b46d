"""The analyst's loop from the command line: diff, explain, elicit, decide, --version."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from csprules.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
TH = str(ROOT / "examples" / "tower-hamlets-2016")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("csprules ")


def test_help_has_no_doubled_percent() -> None:
    parser = build_parser()
    assert "%%" not in parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, verb in action.choices.items():
                assert "%%" not in verb.format_help(), name


def test_diff_weights_lists_only_moved_themes_with_parts_that_sum(
        tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    assert main(["diff", TH, "--weight", "concern=3", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["weight_changes"] == ["concern weight 2 -> 3"]
    assert data["moves"]
    for m in data["moves"]:
        assert (m["rank_before"], m["score_before"], m["status_before"]) != (
            m["rank_after"], m["score_after"], m["status_after"])
        assert sum(p["effect"] for p in m["parts"]) == pytest.approx(m["change"], abs=1e-5)
        assert {p["kind"] for p in m["parts"]} <= {"weight"}
        if m["status_before"] != m["status_after"]:
            assert "threshold" in m["status_cause"]["text"]


def test_diff_weights_file_and_unknown_criterion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", TH, "--weights",
                 str(ROOT / "docs" / "examples" / "weights-police.yaml")]) == 0
    assert "themes moved" in capsys.readouterr().out
    assert main(["diff", TH, "--weight", "concrn=3"]) == 2
    assert "unknown criterion 'concrn' (did you mean 'concern'?)" in capsys.readouterr().err
    assert main(["diff", TH]) == 2
    assert main(["diff", TH, "--since", TH, "--weight", "harm=1"]) == 2


def test_explain_shows_what_would_move_it(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    # Business crime is on the watch list under the evidence-first default ruleset.
    assert main(["explain", TH, "business-crime"]) == 0
    text = capsys.readouterr().out
    assert ("what would move it: cross-cutting if the Volume and share weight is above 7.2 "
            "(now 2)") in text
    out = tmp_path / "e.json"
    assert main(["explain", TH, "business-crime", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["what_would_move"]["status"] == "watch"
    assert {v["criterion"] for v in data["what_would_move"]["weights"]} >= {"harm", "concern"}


def test_decide_refuses_a_shipped_example_and_the_next_report_shows_decisions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["vawg", "adopted_priority", "--rationale", "statutory duty", "--by", "CSP Board",
            "--date", "2017-05-01"]
    assert main(["decide", str(ROOT / "examples" / "havering-2017"), *args]) == 2
    assert "shipped examples" in capsys.readouterr().err
    assert not (ROOT / "examples" / "havering-2017" / "decisions.yaml").exists()
    mine = tmp_path / "havering"
    shutil.copytree(ROOT / "examples" / "havering-2017", mine)
    assert main(["decide", str(mine), *args]) == 0
    assert (mine / "decisions.yaml").is_file()
    capsys.readouterr()
    assert main(["recommend", str(mine)]) == 0
    paper = capsys.readouterr().out
    assert "## Decisions recorded" in paper
    assert ("| Violence against women and girls | adopted as a priority | CSP Board | 2017-05-01 |"
            in paper)


def test_elicit_sheet_ask_weigh_feed_weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.yaml"
    assert main(["elicit", "sheet", "--criteria", "harm,volume,concern", "--partner",
                 "Council", "-o", str(sheet)]) == 0
    replies = iter(["a", "3", "x", "a", "5", "a", "3"])  # "x" is refused and asked again
    monkeypatch.setattr("builtins.input", lambda _prompt: next(replies))
    police = tmp_path / "police.yaml"
    assert main(["elicit", "ask", "--criteria", "harm,volume,concern", "--partner", "Police",
                 "-o", str(police)]) == 0
    assert "consistency ratio 0.033 (consistent)" in capsys.readouterr().out
    folder = tmp_path / "w"
    folder.mkdir()
    out = tmp_path / "e.json"
    assert main(["elicit", "weigh", str(police), str(sheet), "--write-weights", str(folder),
                 "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["partners"][0]["consistency_ratio"] == pytest.approx(0.033, abs=5e-4)
    # The untouched sheet says "equally" everywhere: equal weights, ruleset total 7.
    assert data["partners"][1]["weights"] == pytest.approx(
        {"harm": 7 / 3, "volume": 7 / 3, "concern": 7 / 3})
    assert sorted(p.name for p in folder.iterdir()) == [
        "weights-council.yaml", "weights-partnership.yaml", "weights-police.yaml"]
    assert main(["weights", TH, "--partner", str(folder / "weights-police.yaml"),
                 "--partner", str(folder / "weights-council.yaml")]) == 0


def test_elicit_ask_without_all_answers_saves_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def ended(_prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", ended)
    out = tmp_path / "a.yaml"
    assert main(["elicit", "ask", "--partner", "P", "-o", str(out)]) == 2
    assert not out.exists()


def test_readme_analyst_walk_quotes_what_the_commands_print(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The figures the README's analyst walk quotes are the commands' own output."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    walk = readme[readme.index("## The analyst's loop"):readme.index("## The meeting paper")]
    assert main(["diff", TH, "--weight", "concern=3"]) == 0
    diff = capsys.readouterr().out
    assert "+3.52  weight concern: weight 2 -> 3 (direct +5.56, dilution -2.03)" in diff
    assert "lifts anti-social behaviour by +3.52 (direct +5.56,\n   dilution -2.03" in walk
    assert main(["explain", TH, "robbery"]) == 0
    assert ("what would move it: cross-cutting if its Harm points fall by 1.7"
            in capsys.readouterr().out)
    assert '"cross-cutting if its Harm points fall by 1.7"' in walk
