"""Ruleset diff attribution, year-on-year diff, group weights and the decision record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from csprules import load_evidence, load_governance
from csprules.assessment.decide import record_decision
from csprules.assessment.partner_weights import PartnerWeights, combine
from csprules.assessment.pipeline import evaluate_evidence
from csprules.assessment.ruleset_diff import diff_rulesets
from csprules.assessment.year_diff import diff_years
from csprules.cli.common import ruleset_from
from csprules.evidence.decisions import (
    Decision,
    DecisionEntry,
    DecisionRecord,
    load_decisions,
)
from csprules.rules import parse_ruleset
from csprules.rules.extends import DEFAULT_RULESET

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tower-hamlets-2016"


def _run(ruleset_text: str | None = None, example: Path = EXAMPLE):  # type: ignore[no-untyped-def]
    ruleset = (parse_ruleset(ruleset_text, display="local.yaml", base=DEFAULT_RULESET.parent)
               if ruleset_text else ruleset_from("default"))
    return evaluate_evidence(load_evidence(example), ruleset, load_governance(example))


def test_diff_attributes_a_rank_change_to_the_responsible_rule() -> None:
    local = ("kind: csprules/ruleset\nversion: 1\nname: local\nruleset_version: '0.1'\n"
             "extends: default\ndisable: [concern-top-ranked]\n")
    d = diff_rulesets(_run(), _run(local))
    assert [(c.rule, c.change) for c in d.rule_changes] == [("concern-top-ranked", "disabled")]
    # Serious acquisitive crime was ranked 2nd by residents (6 points); ASB, ranked 1st,
    # keeps its capped concern from the share, perception and raised-concern rules.
    sac = next(m for m in d.moves if m.theme == "serious-acquisitive")
    assert sac.rank_after > sac.rank_before
    assert [(a.rule, a.change, a.criterion, a.points_after) for a in sac.because] == [
        ("concern-top-ranked", "disabled", "concern", 0.0)]
    assert sac.because[0].points_before == 6.0


def test_year_on_year_diff() -> None:
    d = diff_years(_run(), _run(example=ROOT / "examples" / "tower-hamlets-2008"))
    assert "tno" in d.indicators_added
    assert "ni-16" in d.indicators_removed
    assert any(m.theme == "violence" for m in d.recommendations)


def test_group_weights() -> None:
    run = _run()
    police = PartnerWeights(kind="csprules/weights", version=1, partner="Police",
                            weights={"harm": 6, "concern": 0})
    council = PartnerWeights(kind="csprules/weights", version=1, partner="Council",
                             weights={"harm": 0, "concern": 6})
    g = combine(run, [police, council])
    assert [v.partner for v in g.partners] == ["Police", "Council"]
    top = {s.criterion: s for s in g.criteria}
    assert (top["harm"].low, top["harm"].high, top["harm"].mean) == (0, 6, 3)
    assert g.criteria[0].criterion in ("concern", "harm")
    assert set(g.agreed) | set(g.contested) == set(g.partners[0].priorities) | set(
        g.partners[1].priorities)
    assert g.mean.weights["harm"] == 3


def test_decision_record_round_trip(tmp_path: Path) -> None:
    recs = _run().recommendations()
    path = tmp_path / "decisions.yaml"
    record_decision(path, recs, DecisionEntry(
        theme="asb", decision=Decision.ADOPTED_PRIORITY, rationale="residents' top concern",
        date="2016-05-01", by="CSP Board"))
    record = record_decision(path, recs, DecisionEntry(
        theme="vawg", decision=Decision.REJECTED, rationale="covered by violence",
        date="2016-05-01", by="CSP Board"))
    again = load_decisions(path)
    assert again == record
    assert [d.theme for d in again.decisions] == ["asb", "vawg"]
    assert again.decisions[1].recommended == "priority"
    assert [d.theme for d in again.departures()] == ["asb", "vawg"]
    assert again.chosen() == {"asb": "priority"}


def test_next_year_reads_decisions_as_previous_priorities(tmp_path: Path) -> None:
    import shutil

    recs = _run().recommendations()
    target = ROOT / "tests" / "fixtures" / "_tmp" / "next-year"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", target)
    try:
        record_decision(target / "last.yaml", recs, DecisionEntry(
            theme="burglary", decision=Decision.ADOPTED_PRIORITY, rationale="r",
            date="2016-05-01", by="Board"))
        p = target / "partnership.yaml"
        p.write_text(p.read_text().replace("  plan: Mini CSP Plan 2015/16\n",
                                           "  plan: Mini CSP Plan 2015/16\n"
                                           "  decisions: last.yaml\n"), encoding="utf-8")
        evidence = load_evidence(target)
        assert evidence.previous is not None
        assert {(i.theme, i.status.value) for i in evidence.previous.items} == {
            ("asb", "priority"), ("burglary", "priority")}
    finally:
        shutil.rmtree(target, ignore_errors=True)


WRITER = """
import sys, itertools
from pathlib import Path
from csprules.evidence.decisions import DecisionRecord, DecisionEntry, save
path = Path(sys.argv[1])
for n in itertools.count():
    entries = [DecisionEntry(theme=f"t{i}", decision="rejected", rationale="x" * 2000,
                             date="2016-05-01", by=f"writer {n}") for i in range(200)]
    save(path, DecisionRecord(partnership="P", decisions=tuple(entries)))
"""


def test_killing_the_writer_never_leaves_a_corrupt_record(tmp_path: Path) -> None:
    path = tmp_path / "decisions.yaml"
    from csprules.evidence.decisions import save

    save(path, DecisionRecord(partnership="P"))
    for attempt in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT)
        time.sleep(0.6 + attempt * 0.13)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        record = load_decisions(path)  # raises if the file were half-written
        assert record.partnership == "P"
        assert len(record.decisions) in (0, 200)
        assert not [p for p in tmp_path.iterdir() if p.name != "decisions.yaml"
                    and not p.name.endswith(".tmp")]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["kind"] == "csprules/decisions"
