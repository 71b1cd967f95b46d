"""The harm-weight table (``csprules/data/harm.yaml``): versioned data, never code."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from csprules.errors import EvidenceError, Problem
from csprules.sources.validation import problems_from
from csprules.sources.yaml_file import parse_yaml
from csprules.sources.yaml_tables import check_header

HARM_DISPLAY = "csprules/data/harm.yaml"


class HarmSource(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    citation: str
    where: str | None = None


class HarmClass(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: str
    label: str
    weight: float = Field(gt=0)
    basis: str
    source: str
    note: str


class HarmTable(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    version: int
    name: str
    unit: str
    compiled: str
    sources: tuple[HarmSource, ...]
    classes: tuple[HarmClass, ...]

    def weight(self, harm_class: str) -> HarmClass | None:
        for row in self.classes:
            if row.id == harm_class:
                return row
        return None


@cache
def default_harm_table() -> HarmTable:
    text = resources.files("csprules").joinpath("data/harm.yaml").read_text(encoding="utf-8")
    return parse_harm_table(text, HARM_DISPLAY)


def parse_harm_table(text: str, display: str) -> HarmTable:
    doc = parse_yaml(text, display, EvidenceError)
    data = check_header(doc, "harm", (1,), EvidenceError)
    try:
        table = HarmTable.model_validate({**data, "compiled": str(data.get("compiled"))})
    except ValidationError as e:
        raise EvidenceError(problems_from(e, HarmTable, doc.location)) from None
    ids = [c.id for c in table.classes]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise EvidenceError(
            [Problem(doc.location(("classes",)), f"duplicate harm class '{dupes[0]}'")]
        )
    return table
