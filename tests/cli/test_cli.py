"""The command line: exit codes per error class, located messages, no tracebacks, atomic output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csprules.cli", *args], cwd=ROOT, capture_output=True,
        text=True, timeout=120, check=False,
    )


def test_recommend_json_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    assert main(["recommend", "examples/havering-2017", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["partnership"] == "Havering Community Safety Partnership"
    assert {"theme", "rank", "status", "score", "criteria", "grade", "confidence", "owner",
            "chain", "justifications"} <= set(data["recommendations"][0])
    assert data["ruleset"]["name"] == "csprules-default"
    assert len(data["ruleset"]["hash"]) == 64
    assert "not_recommended" in data
    assert capsys.readouterr().out == ""


def test_bad_evidence_exit_code_and_no_output_file(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", folder)
    obs = folder / "observations.csv"
    obs.write_text(obs.read_text().replace(",2100,", ",lots,"), encoding="utf-8")
    out = tmp_path / "report.md"
    result = run("recommend", str(folder), "-o", str(out))
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("observations.csv:8:6: field 'value': expected a number or "
                                  "one of blank, 'TBC', 'Not set', 'New indicator', "
                                  "'Not comparable', 'Data not supplied', 'Restricted'; "
                                  "found 'lots'\n")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [folder]


def test_bad_ruleset_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: csprules/ruleset\nversion: 1\nname: x\n", encoding="utf-8")
    result = run("recommend", "examples/havering-2017", "--ruleset", str(bad))
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(bad))


def test_bad_governance_exit_code(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", folder)
    (folder / "governance.yaml").write_text(
        "kind: csprules/governance\nversion: 1\ngroups:\n  - id: board\n    name: Board\n"
        "    tier: bored\n", encoding="utf-8")
    result = run("recommend", str(folder))
    assert result.returncode == 5
    assert "Traceback" not in result.stderr
    assert "governance.yaml:6:11: field 'tier'" in result.stderr


def test_usage_error_exit_code() -> None:
    result = run("recommend")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the following arguments are required: path" in result.stderr


def test_unknown_weight_is_a_usage_error() -> None:
    result = run("recommend", "examples/havering-2017", "--weight", "harms=2")
    assert result.returncode == 2
    assert result.stderr.startswith("--weight: unknown criterion 'harms'; expected one of harm,")


def test_help_for_every_verb() -> None:
    for verb in ("recommend", "explain", "validate", "graph", "backtest", "sensitivity"):
        result = run(verb, "--help")
        assert result.returncode == 0, verb
        assert "usage: csprules " + verb in result.stdout


def test_explain_lists_rules_and_rows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "examples/havering-2017", "domestic-abuse"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Domestic abuse (domestic-abuse): rank ")
    assert "<- rule " in out
    assert "row: examples/havering-2017/observations.csv:" in out


def test_explain_unknown_theme() -> None:
    result = run("explain", "examples/havering-2017", "domestic-abus")
    assert result.returncode == 2
    assert result.stderr == "unknown theme 'domestic-abus' (did you mean 'domestic-abuse'?)\n"


def test_validate_examples_and_default_ruleset() -> None:
    for example in sorted((ROOT / "examples").iterdir()):
        result = run("validate", str(example.relative_to(ROOT)))
        assert result.returncode == 0, result.stderr
        assert ": OK: " in result.stdout
    result = run("validate", "rulesets/default.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cases passed" in result.stdout


def test_graph_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "examples/havering-2017", "--format", "mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD")
    assert main(["graph", "examples/havering-2017", "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith("digraph")


def test_backtest_runs_every_example(capsys: pytest.CaptureFixture[str]) -> None:
    """Reports and asserts only what is stable: each example runs, the last line's shape."""
    examples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").iterdir()
                      if (p / "actual.yaml").is_file())  # imported examples have none
    assert main(["backtest", *examples]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(1 for line in out if line.startswith("== examples/")) == len(examples)
    last = out[-1].split()
    assert last[:2] == ["overall", "recall"]
    assert last[3] == "precision"
    assert 0.0 <= float(last[2]) <= 1.0
    assert 0.0 <= float(last[4]) <= 1.0
    print("\n".join(out))


def test_report_sections_for_the_analyst_tools(tmp_path: Path) -> None:
    police = tmp_path / "police.yaml"
    police.write_text("kind: csprules/weights\nversion: 1\npartner: Police\n"
                      "weights: {harm: 6, concern: 0}\n", encoding="utf-8")
    council = tmp_path / "council.yaml"
    council.write_text("kind: csprules/weights\nversion: 1\npartner: Council\n"
                       "weights: {harm: 0, concern: 6}\n", encoding="utf-8")
    args = ["recommend", "examples/tower-hamlets-2016", "--sensitivity", "500",
            "--since", "examples/tower-hamlets-2008",
            "--against", "docs/examples/local-ruleset.yaml",
            "--partner", str(police), "--partner", str(council)]
    md = tmp_path / "r.md"
    assert main([*args, "-o", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    for heading in ("## Robustness to the weights", "## Changes since last year",
                    "## Another ruleset", "## Partners' weights"):
        assert heading in text
    assert "rule `local-knife-crime-rising`: added" in text
    html = tmp_path / "r.html"
    assert main([*args, "--format", "html", "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    for section in ("robustness", "changes", "ruleset-diff", "partners"):
        assert f'<section id="{section}">' in page
    js = tmp_path / "r.json"
    assert main([*args, "--format", "json", "-o", str(js)]) == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["robustness"]["draws"] == 500
    assert [p["partner"] for p in data["partner_weights"]["partners"]] == ["Police", "Council"]
