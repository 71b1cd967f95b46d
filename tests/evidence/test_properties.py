"""Properties of loading and derivation that must hold for any row order."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csprules import MissingState, derive_signals, load_evidence

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def _rows(name: str) -> tuple[list[str], list[str]]:
    lines = (MINI / name).read_text(encoding="utf-8").splitlines()
    return lines[:2], lines[2:]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.permutations(_rows("observations.csv")[1]),
    st.permutations(_rows("indicators.csv")[1]),
)
def test_shuffling_rows_changes_no_signal(observations: list[str], indicators: list[str]) -> None:
    target = ROOT / "tests" / "fixtures" / "_tmp" / "shuffled"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(MINI, target)
    try:
        for name, rows in (("observations.csv", observations), ("indicators.csv", indicators)):
            head, _ = _rows(name)
            (target / name).write_text("\n".join(head + rows) + "\n", encoding="utf-8")
        shuffled = derive_signals(load_evidence(target))
    finally:
        shutil.rmtree(target, ignore_errors=True)
    original = derive_signals(load_evidence(MINI))
    assert shuffled.facts() == original.facts()
    assert [s.id for s in shuffled.signals] == [s.id for s in original.signals]
    assert sorted(f.message for f in shuffled.flags) == sorted(f.message for f in original.flags)
    cited = sorted(r.cited or "" for s in original.signals for r in s.evidence)
    assert sorted(r.cited or "" for s in shuffled.signals for r in s.evidence) == cited


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(list(MissingState)), st.sampled_from(["burglary", "tno", "dv"]))
def test_missing_state_never_becomes_a_number_in_signals(
    state: MissingState, indicator: str
) -> None:
    """Replacing a value by a missing state removes it from every numeric field."""
    target = ROOT / "tests" / "fixtures" / "_tmp" / "missing"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(MINI, target)
    try:
        path = target / "observations.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            cells = line.split(",")
            if cells[0] == indicator and cells[1] == "actual":
                cells[5] = state.label if state is not MissingState.BLANK else ""
                lines[i] = ",".join(cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        signals = derive_signals(load_evidence(target))
    finally:
        shutil.rmtree(target, ignore_errors=True)
    fields = signals.by_id()[f"ind:{indicator}:" + {
        "burglary": "burglary", "tno": "all-crime", "dv": "domestic-abuse"}[indicator]].fields
    for key in ("latest", "previous", "change", "rate_per_1000"):
        assert key not in fields
    printed_only = [f for f in signals.flags if f.kind == "printed_only"]
    if "change_pct" in fields or "trend_pct" in fields:
        # Only a change the document printed may stand in for missing counts (over one
        # period a change, over several a direction of travel), and it is said.
        assert [f.indicator for f in printed_only] == [indicator]
        assert float(fields.get("change_pct", fields.get("trend_pct", 0.0))) == float(
            fields["printed_change_pct"])
    assert float(fields["missing_periods"]) >= 1.0
    assert fields["latest_state"] == state.value
