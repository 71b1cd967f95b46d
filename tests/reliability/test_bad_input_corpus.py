"""Every malformed input: exact located message, its exit code, no traceback, no output."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from csprules.cli import main
from tests.reliability.corpus import CASES, GOVERNANCE, LOCAL_RULESET, Case
from tests.workbooks import folder_to_workbook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def case_dir(request: pytest.FixtureRequest) -> Iterator[Path]:
    name = "corpus-" + "".join(c if c.isalnum() else "-" for c in request.node.callspec.id)
    target = ROOT / "tests" / "fixtures" / "_tmp" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", target)
    (target / "local.yaml").write_text(LOCAL_RULESET, encoding="utf-8")
    folder_to_workbook(target, target / "evidence.xlsx")
    yield target
    shutil.rmtree(target, ignore_errors=True)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if case.name.startswith("governance"):
        (case_dir / "governance.yaml").write_text(GOVERNANCE, encoding="utf-8")
    case.edit(case_dir)
    before = sorted(p.name for p in case_dir.iterdir())
    rel = str(case_dir.relative_to(ROOT))
    code = main([a.replace("{dir}", rel) for a in case.args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == case.code, err
    assert err == case.message.replace("{dir}", rel) + "\n"
    assert sorted(p.name for p in case_dir.iterdir()) == before, "an output file was written"
