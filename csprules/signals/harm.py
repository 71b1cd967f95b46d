"""The harm-weight table (``csprules/data/harm.yaml``): versioned data, never code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
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


class HarmOffence(BaseModel):
    """One offence within a harm class, e.g. murder within serious violence.

    An indicator whose label names the offence (one of ``matches``, as whole words,
    any case) takes this weight rather than its class's.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: str
    label: str
    harm_class: str
    weight: float = Field(gt=0)
    basis: str
    source: str
    matches: tuple[str, ...] = Field(min_length=1)
    note: str


@dataclass(frozen=True)
class HarmLookup:
    """The weight an indicator takes, and where it came from (said in justifications)."""

    weight: float
    basis: str
    source: str
    """Plain English: the offence row named in the label, or the class fallback."""
    offence: str | None


class HarmTable(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    version: int
    name: str
    unit: str
    compiled: str
    sources: tuple[HarmSource, ...]
    classes: tuple[HarmClass, ...]
    offences: tuple[HarmOffence, ...] = ()

    def weight(self, harm_class: str) -> HarmClass | None:
        for row in self.classes:
            if row.id == harm_class:
                return row
        return None

    @cached_property
    def _phrases(self) -> tuple[tuple[re.Pattern[str], HarmOffence], ...]:
        """Every offence phrase as a whole-word pattern, longest first (built once)."""
        phrases = sorted(((p, o) for o in self.offences for p in o.matches),
                         key=lambda x: (-len(x[0]), x[0]))
        return tuple((re.compile(r"(?<![\w-])" + re.escape(p.lower()) + r"(?![\w-])"), o)
                     for p, o in phrases)

    def offence_for(self, label: str) -> tuple[HarmOffence, str] | None:
        """The one offence row the label names, with the words matched.

        Longest phrase first; a shorter phrase inside a longer match does not count.
        A label naming two different offences ("GBH, ABH and common assault") is a
        mix: no offence row, so the class weight applies.
        """
        text = label.lower()
        found: list[tuple[int, int, HarmOffence, str]] = []
        for pattern, offence in self._phrases:
            for m in pattern.finditer(text):
                if not any(a <= m.start() and m.end() <= b for a, b, _, _ in found):
                    found.append((m.start(), m.end(), offence, label[m.start():m.end()]))
        ids = {o.id for _, _, o, _ in found}
        if len(ids) != 1:
            return None
        first = min(found, key=lambda x: x[0])
        return first[2], first[3]

    def lookup(self, harm_class: str, label: str) -> HarmLookup | None:
        """The offence's weight where the table has the offence; else the class's."""
        hit = self.offence_for(label)
        if hit is not None:
            offence, words = hit
            return HarmLookup(offence.weight, offence.basis,
                              f"the offence '{offence.label}', named in the label as '{words}'",
                              offence.id)
        row = self.weight(harm_class)
        if row is None:
            return None
        return HarmLookup(row.weight, row.basis,
                          f"the '{row.id}' class, as no offence row matches the label", None)


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
    offence_ids = [o.id for o in table.offences]
    problems = [
        Problem(doc.location(("offences", i, "harm_class")),
                f"offence '{o.id}': unknown harm class '{o.harm_class}'", field="harm_class")
        for i, o in enumerate(table.offences) if o.harm_class not in ids
    ] + [
        Problem(doc.location(("offences", i, "id")), f"duplicate offence '{o.id}'", field="id")
        for i, o in enumerate(table.offences) if offence_ids.count(o.id) > 1
    ] + [
        Problem(doc.location(("offences", i, "source")),
                f"offence '{o.id}': unknown source '{o.source}'", field="source")
        for i, o in enumerate(table.offences)
        if o.source not in {src.id for src in table.sources}
    ]
    if problems:
        raise EvidenceError(problems)
    return table
