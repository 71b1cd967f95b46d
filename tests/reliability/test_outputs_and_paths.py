"""Outputs never destroy inputs; input paths stay inside the evidence folder's family."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from csprules.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "havering-2017"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "havering-2017"
    shutil.copytree(EXAMPLE, target)
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("victim", ["indicators.csv", "partnership.yaml", "governance.yaml"])
def test_output_onto_an_input_is_refused(folder: Path, victim: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(folder)
    assert main(["recommend", str(folder), "--format", "csv", "-o", str(folder / victim)]) == 2
    assert capsys.readouterr().err == (
        f"{folder / victim}: cannot write the output over a file this run reads; "
        "choose another output path\n")
    assert _snapshot(folder) == before


def test_output_onto_the_ruleset_is_refused(folder: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    ruleset = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "rulesets" / "default.yaml", ruleset)
    before = ruleset.read_bytes()
    assert main(["recommend", str(folder), "--ruleset", str(ruleset), "-o", str(ruleset)]) == 2
    assert "cannot write the output over a file this run reads" in capsys.readouterr().err
    assert ruleset.read_bytes() == before


def test_output_through_a_symlink_to_an_input_is_refused(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.csv"
    link.symlink_to(folder / "observations.csv")
    before = (folder / "observations.csv").read_bytes()
    assert main(["recommend", str(folder), "--format", "csv", "-o", str(link)]) == 2
    assert (folder / "observations.csv").read_bytes() == before


def test_output_onto_a_directory_is_a_located_error(folder: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", str(folder), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: cannot write the output: it is a directory\n"


def test_outputs_get_the_umask_mode(folder: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for fmt in ("md", "html", "xlsx"):
            out = tmp_path / f"paper.{fmt}"
            assert main(["recommend", str(folder), "--format", fmt, "-o", str(out)]) == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o644, fmt
    finally:
        os.umask(old)


def _with_decisions(folder: Path, ref: str) -> None:
    text = (folder / "partnership.yaml").read_text(encoding="utf-8")
    assert "previous_priorities" not in text
    (folder / "partnership.yaml").write_text(
        text + f"previous_priorities:\n  decisions: {ref}\n", encoding="utf-8")


@pytest.mark.parametrize(("ref", "message"), [
    ("/etc/passwd", "expected a path relative to this folder (e.g. ../last-year/decisions.yaml); "
                    "found an absolute path"),
    ("../../../../../../etc/passwd", "expected a decision record ending in .yaml; found "
                                     "'../../../../../../etc/passwd'"),
    ("missing.yaml", "expected a decision record file; found none at 'missing.yaml'"),
])
def test_decision_record_paths_are_confined(folder: Path, ref: str, message: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _with_decisions(folder, ref)
    assert main(["recommend", str(folder)]) == 3
    err = capsys.readouterr().err
    assert f"field 'decisions': {message}" in err
    assert "root:" not in err


def test_decision_record_outside_the_family_is_refused(folder: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    far = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    far.mkdir()
    (far / "decisions.yaml").write_text("kind: csprules/decisions\nversion: 1\n", encoding="utf-8")
    (folder / "last.yaml").symlink_to(far / "decisions.yaml")
    _with_decisions(folder, "last.yaml")
    assert main(["recommend", str(folder)]) == 3
    assert ("expected a decision record in this folder or a sibling folder; 'last.yaml' leads "
            "outside them") in capsys.readouterr().err
