"""Class (c) of issue 17: every reader, fed garbage, gives a result or a located
:class:`CsprulesError`, never another exception (RecursionError, ParseError, ...).

Each property is fuzzed with hypothesis on text shaped like the format (its
delimiters, quotes and keywords) and on structured data dumped through the real
format, so the generator reaches past the first syntax check.  Example counts are
kept small enough for CI (the whole module runs in seconds).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from csprules.errors import CsprulesError, EvidenceError
from csprules.evidence.load import load_evidence
from csprules.governance import parse_governance
from csprules.sources.csv_file import load_csv
from csprules.sources.xlsx_file import load_sheets
from csprules.sources.yaml_file import parse_yaml
from tests.workbooks import folder_to_workbook

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _located_or_fine(call: Callable[[], Any]) -> None:
    error: CsprulesError | None = None
    try:
        call()
    except CsprulesError as e:
        error = e
    if error is not None:
        assert error.problems, "an error with no problem"
        assert all(p.location is not None for p in error.problems), str(error)


def _scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir=ROOT / "tests" / "fixtures" / "_tmp"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


(ROOT / "tests" / "fixtures" / "_tmp").mkdir(parents=True, exist_ok=True)

# ---------------------------------------------------------------- shaped text
CSV_TEXT = st.text(alphabet=st.sampled_from(list('ab1.,"\n\r #%-\x00é;')), max_size=300)
YAML_TEXT = st.text(alphabet=st.sampled_from(list("ab1:-[]{}\n #&*!|>'\",.\t")), max_size=300)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["board", "asb", "tno", "count", "2015/16", "financial_year", "TBC",
                     "lead", "csprules/governance", "csprules/consultation", "1e308", "-1"]),
)
KEYS = st.sampled_from(["kind", "version", "id", "name", "tier", "parents", "groups",
                        "ownership", "theme", "group", "role", "consultations", "measures",
                        "drivers", "themes", "rank", "pct_problem", "top_three", "x"])
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


def _csv(header: str, body: str) -> str:
    return f"# csprules observations 1\n{header}\n{body}"


@FUZZ
@given(head=st.sampled_from(["indicator,period,value", "indicator,period,value,value",
                             "indicator,,value", "x"]), body=CSV_TEXT)
def test_csv_reader(head: str, body: str) -> None:
    for folder in _scratch():
        path = folder / "observations.csv"
        path.write_text(_csv(head, body), encoding="utf-8")
        _located_or_fine(lambda: load_csv(
            path, "o.csv", "observations", (1,), ("indicator", "period", "value"),
            ("indicator", "series", "area", "period", "base_period", "value", "of", "note",
             "cited"), EvidenceError))


@FUZZ
@given(text=YAML_TEXT)
def test_yaml_reader_on_shaped_text(text: str) -> None:
    _located_or_fine(lambda: parse_yaml(text, "x.yaml", EvidenceError))


@FUZZ
@given(depth=st.integers(1, 600), flow=st.booleans())
def test_yaml_reader_on_deep_nesting(depth: int, flow: bool) -> None:
    # 600 levels is well past the stack (the composer recurses about 3 frames a level).
    text = ("[" * depth + "]" * depth if flow
            else "".join("  " * i + "- \n" for i in range(depth)))
    _located_or_fine(lambda: parse_yaml("k: " + text if flow else "k:\n" + text, "x.yaml",
                                        EvidenceError))


@FUZZ
@given(data=DATA, header=st.booleans())
def test_governance_reader(data: object, header: bool) -> None:
    if header and isinstance(data, dict):
        data = {"kind": "csprules/governance", "version": 1, **data}
    text = yaml.safe_dump(data, allow_unicode=True)
    _located_or_fine(lambda: parse_governance(text, "governance.yaml", themes={"asb", "vawg"}))


@FUZZ
@given(text=YAML_TEXT)
def test_governance_reader_on_shaped_text(text: str) -> None:
    _located_or_fine(lambda: parse_governance(
        "kind: csprules/governance\nversion: 1\n" + text, "governance.yaml"))


# ------------------------------------------------------------------- workbooks
def _valid_workbook() -> bytes:
    for folder in _scratch():
        folder_to_workbook(MINI, folder / "e.xlsx")
        return (folder / "e.xlsx").read_bytes()
    raise AssertionError


VALID_BOOK = _valid_workbook()


def _members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(VALID_BOOK)) as z:
        return {n: z.read(n) for n in z.namelist()}


MEMBERS = _members()


@FUZZ
@given(member=st.sampled_from(sorted(MEMBERS)), at=st.integers(0, 10_000),
       junk=st.binary(min_size=1, max_size=40), cut=st.booleans())
def test_xlsx_reader_on_damaged_parts(member: str, at: int, junk: bytes, cut: bool) -> None:
    """A real workbook with one part damaged: garbage spliced in, or the part cut short."""
    parts = dict(MEMBERS)
    data = parts[member]
    at = at % (len(data) + 1)
    parts[member] = data[:at] if cut else data[:at] + junk + data[at:]
    for folder in _scratch():
        path = folder / "e.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            for name, content in parts.items():
                z.writestr(name, content)
        _located_or_fine(lambda: load_sheets(path, "e.xlsx", EvidenceError))
        _located_or_fine(lambda: load_evidence(path))


@FUZZ
@given(at=st.integers(0, len(VALID_BOOK)), junk=st.binary(max_size=64))
@example(at=8833, junk=b"\x00@")  # once raised zipfile's NotImplementedError ("zip file version")
def test_xlsx_reader_on_damaged_bytes(at: int, junk: bytes) -> None:
    for folder in _scratch():
        path = folder / "e.xlsx"
        path.write_bytes(VALID_BOOK[:at] + junk + VALID_BOOK[at + len(junk):])
        _located_or_fine(lambda: load_evidence(path))


# -------------------------------------------------------------- evidence folder
FILES = ("partnership.yaml", "indicators.csv", "observations.csv", "consultation.yaml",
         "drivers.yaml")


@FUZZ
@given(name=st.sampled_from(FILES), data=DATA, text=st.one_of(CSV_TEXT, YAML_TEXT),
       structured=st.booleans(), keep_header=st.booleans())
def test_evidence_folder_reader(
    name: str, data: object, text: str, structured: bool, keep_header: bool
) -> None:
    """One file of a good folder replaced by garbage (its first line kept, or not)."""
    for folder in _scratch():
        shutil.copytree(MINI, folder, dirs_exist_ok=True)
        path = folder / name
        original = path.read_text(encoding="utf-8")
        if name.endswith(".yaml") and structured:
            if keep_header and isinstance(data, dict):
                head = yaml.safe_load(original)
                data = {"kind": head["kind"], "version": head["version"], **data}
            body = yaml.safe_dump(data, allow_unicode=True)
        else:
            body = (original.splitlines(keepends=True)[0] if keep_header else "") + text
        path.write_text(body, encoding="utf-8")
        _located_or_fine(lambda: load_evidence(folder))
