"""Record the meeting's decision on one theme, next to what csprules recommended."""

from __future__ import annotations

from pathlib import Path

from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence.decisions import DecisionEntry, DecisionRecord, load_decisions, save
from csprules.scoring.model import Recommendations


def record_decision(path: Path, recs: Recommendations, entry: DecisionEntry) -> DecisionRecord:
    """Add (or replace) the decision on one theme and save the record atomically."""
    if path.exists():
        record = load_decisions(path)
        if record.partnership != recs.partnership:
            raise EvidenceError([Problem(Location(str(path)), f"this record is for "
                                         f"'{record.partnership}', not '{recs.partnership}'")])
    else:
        record = DecisionRecord(partnership=recs.partnership)
    entry = entry.model_copy(update={"recommended": recs.get(entry.theme).status.value})
    kept = [d for d in record.decisions if d.theme != entry.theme]
    record = record.model_copy(update={
        "ruleset": f"{recs.ruleset.name} {recs.ruleset.version} {recs.ruleset.hash}",
        "decisions": tuple(sorted([*kept, entry], key=lambda d: d.theme)),
    })
    save(path, record)
    return record


