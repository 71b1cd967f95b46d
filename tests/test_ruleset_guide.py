"""Every command and code example in docs/ruleset-guide.md runs, and the YAML snippets
agree with the shipped example ruleset."""

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
