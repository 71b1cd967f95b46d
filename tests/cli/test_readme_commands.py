"""Every csprules command in the README's shell blocks runs, in order, and succeeds.

(The install and test-suite blocks are what ``.ci/run`` runs itself.)"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [lines for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S)
          if (lines := block.strip().splitlines())
          and all(line.split()[0] in ("csprules", "cp") for line in lines)]


def _argv(line: str) -> list[str]:
    words = shlex.split(line, comments=True)
    out: list[str] = []
    for w in words:
        out += sorted(glob.glob(w)) if "*" in w else [w]
    return out


@pytest.mark.parametrize("block", range(len(BLOCKS)))
def test_readme_commands(block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("examples", "docs", "rulesets"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    assert BLOCKS[block]
    for line in BLOCKS[block]:
        argv = _argv(line)
        if argv[:2] == ["cp", "-r"]:
            shutil.copytree(argv[2], argv[3])
            continue
        assert argv[0] == "csprules", line
        if argv[1:] == ["--version"]:
            with pytest.raises(SystemExit) as e:
                main(argv[1:])
            assert e.value.code == 0
        else:
            assert main(argv[1:]) == 0, line
        out = capsys.readouterr().out
        # A command writing to a file (-o) prints nothing; every other one prints its answer.
        assert out or "-o" in argv, line
