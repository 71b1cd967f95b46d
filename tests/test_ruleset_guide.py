"""Every command and code example in docs/ruleset-guide.md runs, the YAML snippets
agree with the shipped example ruleset, and the linter output the guide shows is what
the linter prints."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from csprules.cli import main
from csprules.cli.common import ruleset_from

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "ruleset-guide.md").read_text(encoding="utf-8")
COMMANDS = [line for block in re.findall(r"```sh\n(.*?)```", GUIDE, flags=re.S)
            for line in block.strip().splitlines()]


SHOWN = [block.strip().splitlines()
         for block in re.findall(r"```text\n(.*?)```", GUIDE, flags=re.S)
         if block.startswith("$ csprules ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_guide_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command)
    assert argv[0] == "csprules"
    assert main(argv[1:]) == 0
    assert capsys.readouterr().out


def test_guide_python(capsys: pytest.CaptureFixture[str]) -> None:
    for block in re.findall(r"```python\n(.*?)```", GUIDE, flags=re.S):
        exec(compile(block, "docs/ruleset-guide.md", "exec"), {})
    assert capsys.readouterr().out


def test_guide_yaml_matches_the_example_and_the_default() -> None:
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", GUIDE, flags=re.S)]
    shown_rule = blocks[0][0]
    default = ruleset_from("default").rule(shown_rule["id"])
    assert default.description == shown_rule["description"]
    local = yaml.safe_load((ROOT / "docs" / "examples" / "local-ruleset.yaml").read_text())
    assert {k: v for k, v in local.items() if k != "rules"} == blocks[1]
    assert local["rules"] == blocks[2]["rules"]


@pytest.mark.parametrize("shown", SHOWN, ids=[s[0] for s in SHOWN])
def test_guide_linter_output(shown: list[str], capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``$ csprules validate ...`` block shows exactly what the command prints (stdout,
    then stderr), and the command fails as a ruleset error (exit 4)."""
    monkeypatch.chdir(ROOT)
    assert main(shlex.split(shown[0])[2:]) == 4
    captured = capsys.readouterr()
    assert (captured.out + captured.err).splitlines() == shown[1:]


def test_guide_backtest_figures_are_the_commands_own(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The pooled back-test the guide quotes is what the command prints today."""
    monkeypatch.chdir(ROOT)
    command = re.search(r"`(csprules backtest --baselines examples/ealing-2012 [^`]*)`", GUIDE)
    assert command is not None
    assert main(shlex.split(command.group(1))[1:]) == 0
    out = capsys.readouterr().out
    shown = GUIDE.split(command.group(0), 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert out.endswith(shown)
