"""The documents an evidence folder cites, named: ``sources.yaml``.

Rows cite a line of a document as ``cited: "003_a825832bf6e36b8c.txt:24"``.  A
file name is a pointer, not a source a board member can look up, so a folder
may name each document once (optional file)::

    kind: csprules/sources
    version: 1
    documents:
      - document: 003_a825832bf6e36b8c.txt   # as the rows cite it, without ':line'
        title: Tower Hamlets Community Safety Partnership Plan 2013-2016 Year 4 (2016/17)
        publisher: Tower Hamlets Community Safety Partnership     # optional
        date: 2016                   # optional: YYYY, YYYY-MM or YYYY-MM-DD
        url: https://example.org/plan.pdf                          # optional

The paper then cites ``[1] Title (Publisher, 2016), lines 24, 427-429``; the raw
``file:line`` pointers stay in the JSON and in ``explain``.  When the file is
given, every cited document should have an entry: one without is a finding
(:func:`csprules.evidence.cited.undocumented_sources`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from csprules.errors import EvidenceError, Problem
from csprules.sources.records import Record, Table
from csprules.sources.validation import validate
from csprules.sources.yaml_file import load_yaml
from csprules.sources.yaml_tables import check_header

FILE_NAME = "sources.yaml"
FORMAT_VERSIONS = (1,)

_FILE_LINE = re.compile(r"^(?P<doc>.+?):(?P<line>\d+)$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_URL = re.compile(r"^https?://\S+$")
_LOCATOR = re.compile(r"^(?P<doc>[^()]*?\S) \((?P<where>[^()]+)\)$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def parse_cited(cited: str) -> tuple[str, int | None, str | None]:
    """A ``cited`` pointer as (document, line, locator).

    ``doc:24`` cites a line; ``doc (where)`` cites a place that is not a line (a
    page, the months of an archive); anything else cites the whole document.

    >>> parse_cited("003_a825832bf6e36b8c.txt:24")
    ('003_a825832bf6e36b8c.txt', 24, None)
    >>> parse_cited("police.uk street-level (2018-01..2018-12: 12 files, 840 rows)")
    ('police.uk street-level', None, '2018-01..2018-12: 12 files, 840 rows')
    >>> parse_cited("https://example.org/plan (contents: Fraud, p.10)")
    ('https://example.org/plan', None, 'contents: Fraud, p.10')
    >>> parse_cited("https://example.org/x")
    ('https://example.org/x', None, None)
    """
    m = _FILE_LINE.match(cited)
    if m:
        return m.group("doc"), int(m.group("line")), None
    m = _LOCATOR.match(cited)
    if m:
        return m.group("doc"), None, m.group("where")
    return cited, None, None


def split_cited(cited: str) -> tuple[str, int | None]:
    """A ``cited`` pointer as (document, line): ``"a.txt:24"`` -> ``("a.txt", 24)``.

    >>> split_cited("003_a825832bf6e36b8c.txt:24"), split_cited("https://example.org/x")
    (('003_a825832bf6e36b8c.txt', 24), ('https://example.org/x', None))
    """
    doc, line, _ = parse_cited(cited)
    return doc, line


def is_link(document: str) -> bool:
    """A document cited by its link: a reader can follow it without an entry."""
    return _URL.match(document) is not None


class SourceDocument(BaseModel):
    """One cited document, named the way a reader can find it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document: Text
    """The document as rows cite it (a file name, or the URL), without ``:line``."""
    title: Text
    publisher: Text | None = None
    date: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: as precise as the document says, no more."""
    url: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        # YAML reads 2016 as an int and 2016-03-01 as a date: both mean what they say.
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            value = str(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if isinstance(value, str) and not _DATE.match(value.strip()):
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD; found {value!r}")
        return value.strip() if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value.strip()):
            raise ValueError(f"expected a link starting http:// or https://; found {value!r}")
        return value.strip() if value is not None else None


class _SourcesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    version: int
    documents: tuple[SourceDocument, ...] = Field(default=())


def load_source_documents(path: Path, display: str) -> tuple[SourceDocument, ...]:
    """A ``sources.yaml`` file (shown as ``display`` in messages), validated.

    Every problem is located (``sources.yaml:7:5: field 'titel': unknown field ...
    (did you mean 'title'?)``); a document named twice is an error at its second entry.
    """
    doc = load_yaml(path, display, EvidenceError)
    data = check_header(doc, "sources", FORMAT_VERSIONS, EvidenceError)
    items = data.get("documents")
    if items is None:
        data = {**data, "documents": []}
    elif not isinstance(items, list):
        raise EvidenceError([Problem(
            doc.location(("documents",)), "expected a list of documents, each with 'document' "
            f"and 'title'; found {_shown(items)}", field="documents")])
    problems = [
        Problem(doc.location(("documents", i)), "expected a mapping with 'document' and "
                f"'title'; found {_shown(item)}", field="documents")
        for i, item in enumerate(items or []) if not isinstance(item, dict)
    ]
    if problems:
        raise EvidenceError(problems)
    parsed = validate(_SourcesFile, data, doc.location, EvidenceError)
    seen: dict[str, int] = {}
    for i, entry in enumerate(parsed.documents):
        if entry.document in seen:
            first = doc.location(("documents", seen[entry.document], "document"))
            problems.append(Problem(
                doc.location(("documents", i, "document")),
                f"expected each document once; {entry.document!r} is already named at line "
                f"{first.line}", field="document",
            ))
        seen.setdefault(entry.document, i)
    if problems:
        raise EvidenceError(problems)
    return parsed.documents


def source_documents_from_table(table: Table) -> tuple[SourceDocument, ...] | None:
    """The ``sources`` sheet of a workbook, validated; None when the sheet is empty.

    An empty sheet (a template's) names no documents, so no cited document is
    reported as unnamed, as when a folder has no ``sources.yaml``.
    """
    if not table.records:
        return None
    problems: list[Problem] = []
    out: list[SourceDocument] = []
    first: dict[str, Record] = {}
    for rec in table.records:
        values = {k: v for k, v in rec.values.items() if v not in (None, "")}
        name = str(values.get("document", "")).strip()
        if name in first:
            problems.append(Problem(
                rec.at("document"), f"expected each document once; {name!r} is "
                f"already named at {first[name].at('document')}", field="document"))
            continue
        first[name] = rec
        try:
            out.append(validate(SourceDocument, values, rec.locate, EvidenceError))
        except EvidenceError as err:
            problems += err.problems
    if problems:
        raise EvidenceError(problems)
    return tuple(out)


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str | int | float) else f"a {type(value).__name__}"


def by_document(documents: tuple[SourceDocument, ...] | None) -> Mapping[str, SourceDocument]:
    return {d.document: d for d in documents or ()}
