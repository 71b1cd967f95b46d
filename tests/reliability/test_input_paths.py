"""Class (a) and (b) of issue 17: no evidence input silently skipped, governance
checked by every verb, ``validate`` and ``recommend`` agreeing on each case."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csprules.cli import main
from tests.reliability.corpus import GOVERNANCE

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("partnership.yaml", "indicators.csv", "observations.csv", "consultation.yaml",
         "drivers.yaml", "governance.yaml", "actual.yaml")


@pytest.fixture
def folder(request: pytest.FixtureRequest) -> Iterator[Path]:
    name = "paths-" + "".join(c if c.isalnum() else "-" for c in request.node.name)
    target = ROOT / "tests" / "fixtures" / "_tmp" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", target)
    (target / "governance.yaml").write_text(GOVERNANCE, encoding="utf-8")
    yield target
    shutil.rmtree(target, ignore_errors=True)


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry of the folder: file contents by hash, links by target."""
    out: dict[str, str] = {}
    for p in sorted(folder.iterdir()):
        if p.is_symlink():
            out[p.name] = "-> " + os.readlink(p)
        elif p.is_file():
            out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[p.name] = "dir" if p.is_dir() else "special"
    return out


def _run(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    before = _snapshot(folder)
    rel = str(folder.relative_to(ROOT))
    code = main([a.replace("{dir}", rel) for a in args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert _snapshot(folder) == before, "an input changed or an output was written"
    return code, err.replace(rel, "{dir}")


def _directory(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    path.symlink_to(path.name + ".other")
    (path.parent / (path.name + ".other")).symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _outside(path: Path) -> None:
    path.symlink_to(ROOT / "pyproject.toml")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


BREAKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "directory": (_directory, "expected a file; found a directory"),
    "loop": (_loop, "expected a file; found a symlink loop"),
    "dangling": (_dangling, "expected a file; found a symlink to nothing"),
    "outside": (_outside,
                "expected a file inside the evidence folder; found a symlink leading outside it"),
    "fifo": (_fifo, "expected a regular file; found a special file (FIFO, socket or device)"),
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_a_broken_input_path_is_a_located_error(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, kind: str
) -> None:
    make, message = BREAKS[kind]
    target = folder / name
    if target.exists():
        target.unlink()
    make(target)
    code = 5 if name == "governance.yaml" else 3
    expected = f"{{dir}}/{name}: {message}\n"
    verbs: list[tuple[str, ...]] = [("validate", "{dir}")]
    if name == "actual.yaml":
        verbs.append(("backtest", "{dir}", "-o", "{dir}/out.md"))
    else:
        verbs.append(("recommend", "{dir}", "-o", "{dir}/out.md"))
    for verb in verbs:
        assert _run(folder, capsys, *verb) == (code, expected), verb


def test_a_symlink_inside_the_folder_is_read(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "drivers.yaml").rename(folder / "drivers-2024.yaml")
    (folder / "drivers.yaml").symlink_to("drivers-2024.yaml")
    before = _snapshot(folder)
    rel = str(folder.relative_to(ROOT))
    assert main(["validate", rel]) == 0
    assert capsys.readouterr().out == (
        f"{rel}: OK: 3 indicators, 8 observations, 1 consultations, 1 drivers, "
        "2 governance groups\n")
    assert _snapshot(folder) == before


def test_a_missing_partnership_is_named(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "partnership.yaml").unlink()
    assert _run(folder, capsys, "validate", "{dir}") == (
        3, "{dir}: expected an evidence folder containing partnership.yaml; found none\n")


def test_evidence_path_itself_a_symlink_loop(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _loop(folder / "evidence.xlsx")
    assert _run(folder, capsys, "validate", "{dir}/evidence.xlsx") == (
        3, "{dir}/evidence.xlsx: expected an evidence folder or an .xlsx workbook; found a "
        "symlink to nothing (or a loop)\n")


THREE = """kind: csprules/governance
version: 1
groups:
  - id: a-group
    name: A
    tier: board
    parents: [a-group]
  - {id: b-group, name: B, tier: board, parents: [c-group]}
  - {id: c-group, name: C, tier: delivery_group, parents: [d-group]}
  - {id: d-group, name: D, tier: operational, parents: [b-group]}
ownership:
  - {theme: asb, group: b-group, role: lead}
"""

GOVERNANCE_CASES = {
    "self-loop": (
        GOVERNANCE.replace("parents: [board]", "parents: [asb-group]"),
        "{dir}/governance.yaml:7:5: group 'asb-group': reporting lines form a cycle: "
        "asb-group -> asb-group",
    ),
    "two-cycle": (
        GOVERNANCE.replace("    tier: board\n", "    tier: board\n    parents: [asb-group]\n"),
        "{dir}/governance.yaml:8:5: group 'asb-group': reporting lines form a cycle: "
        "asb-group -> board -> asb-group",
    ),
    "three-cycle and a self-loop": (
        THREE,
        "{dir}/governance.yaml:4:5: group 'a-group': reporting lines form a cycle: "
        "a-group -> a-group\n"
        "{dir}/governance.yaml:8:5: group 'b-group': reporting lines form a cycle: "
        "b-group -> c-group -> d-group -> b-group",
    ),
    "unknown theme": (
        GOVERNANCE.replace("theme: asb", "theme: vawgg"),
        "{dir}/governance.yaml:12:13: field 'theme': expected a known theme id; found 'vawgg' "
        "(did you mean 'vawg'?)",
    ),
}


@pytest.mark.parametrize("case", sorted(GOVERNANCE_CASES))
def test_governance_is_checked_by_every_verb(
    folder: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, message = GOVERNANCE_CASES[case]
    (folder / "governance.yaml").write_text(text, encoding="utf-8")
    for verb in (("validate", "{dir}"), ("recommend", "{dir}", "-o", "{dir}/out.md"),
                 ("explain", "{dir}", "asb")):
        assert _run(folder, capsys, *verb) == (5, message + "\n"), verb


def test_validate_governance_file_and_folder_agree_on_a_cycle(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, message = GOVERNANCE_CASES["two-cycle"]
    (folder / "governance.yaml").write_text(text, encoding="utf-8")
    assert _run(folder, capsys, "validate", "{dir}/governance.yaml") == (5, message + "\n")
