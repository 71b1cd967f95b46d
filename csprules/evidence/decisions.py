"""The meeting's decision record: what it adopted, rejected or amended, and why.

Saved as a versioned YAML file, written atomically (a crash mid-write leaves
the previous record, never half of one).  Next year, ``partnership.yaml`` can
name it as the source of previous priorities::

    previous_priorities:
      decisions: ../tower-hamlets-2016/decisions.yaml
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from csprules.errors import EvidenceError
from csprules.evidence.ids import Id
from csprules.sources.atomic import write_atomic
from csprules.sources.validation import validate
from csprules.sources.yaml_file import load_yaml
from csprules.sources.yaml_tables import check_header


class Decision(StrEnum):
    ADOPTED_PRIORITY = "adopted_priority"
    ADOPTED_CROSS_CUTTING = "adopted_cross_cutting"
    REJECTED = "rejected"
    AMENDED = "amended"


class DecisionEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: Id
    decision: Decision
    rationale: str = Field(min_length=1)
    date: date
    by: str = Field(min_length=1)
    recommended: str | None = None
    """The status csprules recommended when the decision was taken."""
    amended_to: str | None = None


class DecisionRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str = "csprules/decisions"
    version: int = 1
    partnership: str
    ruleset: str | None = None
    decisions: tuple[DecisionEntry, ...] = ()

    def departures(self) -> list[DecisionEntry]:
        """Decisions that differ from what was recommended."""
        # Recommendation statuses as written in the record (scoring's Status values).
        expected = {
            Decision.ADOPTED_PRIORITY: "priority",
            Decision.ADOPTED_CROSS_CUTTING: "cross_cutting",
        }
        return [
            d for d in self.decisions
            if d.recommended is not None and expected.get(d.decision) != d.recommended
            and not (d.decision is Decision.REJECTED
                     and d.recommended in ("watch", "not_recommended"))
        ]

    def chosen(self) -> dict[str, str]:
        """Theme -> previous status (priority or cross_cutting) for next year's run."""
        out: dict[str, str] = {}
        for d in self.decisions:
            if d.decision is Decision.ADOPTED_PRIORITY:
                out[d.theme] = "priority"
            elif d.decision is Decision.ADOPTED_CROSS_CUTTING:
                out[d.theme] = "cross_cutting"
            elif d.decision is Decision.AMENDED and d.amended_to in ("priority", "cross_cutting"):
                out[d.theme] = d.amended_to
        return out


def load_decisions(path: Path) -> DecisionRecord:
    doc = load_yaml(path, str(path), EvidenceError)
    check_header(doc, "decisions", (1,), EvidenceError)
    return validate(DecisionRecord, doc.data, doc.location, EvidenceError)


def save(path: Path, record: DecisionRecord) -> None:
    data = record.model_dump(mode="json", exclude_none=True)
    # The record is read, then updated in place: that is the point of reading it.
    write_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                 updates_input=True)
