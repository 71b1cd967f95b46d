"""Citations as numbered sources with lines, collapsed: ``[1] lines 427-431, 475``.

Rows cite a document line as ``file:line``.  The paper numbers each document
once, in order of first citation, and lists them as endnotes in its appendix:
``[1] Title (Publisher, March 2016), lines 24, 427-429`` when the evidence
names the document (``sources.yaml``), its file name otherwise.  The raw
``file:line`` pointers stay in the JSON and in ``explain``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from csprules.evidence.source_documents import SourceDocument, parse_cited
from csprules.report.hygiene import visible
from csprules.signals.model import EvidenceRef

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _ranges(lines: list[int]) -> str:
    """``[24, 427, 428, 429, 475]`` -> ``24, 427-429, 475``."""
    out: list[str] = []
    start = prev = lines[0]
    for n in lines[1:]:
        if n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    out.append(str(start) if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def _lines(lines: set[int]) -> str:
    if not lines:
        return ""
    return f"{'line' if len(lines) == 1 else 'lines'} {_ranges(sorted(lines))}"


ENDNOTE_PLACES = 6
"""An endnote lists this many places that are not lines, then counts the rest: an
archive cited for a hundred measures is one source, not a page of pointers (each
theme card names its own)."""


def _where(lines: set[int], places: Iterable[str], most: int | None = None) -> str:
    """``lines 24, 427-429; 2018-01..2018-12: 12 files, 840 rows``: lines, then places."""
    shown = list(places)
    rest = len(shown) - most if most is not None and len(shown) > most else 0
    if rest:
        shown = [*shown[:most], f"and {rest} more"]
    return "; ".join(p for p in (_lines(lines), *shown) if p)


def date_words(value: str) -> str:
    """``2016`` -> ``2016``; ``2016-03`` -> ``March 2016``; ``2012-06-11`` -> ``11 June 2012``.

    >>> date_words("2016"), date_words("2016-03"), date_words("2012-06-11")
    ('2016', 'March 2016', '11 June 2012')
    """
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def describe(doc: SourceDocument) -> str:
    """``Title (Publisher, March 2016)``: as a reader would look the document up.

    >>> describe(SourceDocument(document="a.txt", title="Plan", publisher="CSP", date="2016"))
    'Plan (CSP, 2016)'
    >>> describe(SourceDocument(document="a.txt", title="Plan"))
    'Plan'
    """
    about = [p for p in (doc.publisher, date_words(doc.date) if doc.date else None) if p]
    return doc.title + (f" ({', '.join(about)})" if about else "")


@dataclass(frozen=True)
class Endnote:
    """One cited document as the appendix lists it."""

    number: int
    document: str
    """The document as rows cite it (the file name or the URL)."""
    text: str
    """``Title (Publisher, date), lines ...``, or the file name when it is not named."""
    url: str | None
    named: bool


@dataclass
class Sources:
    """The documents a paper cites, numbered as they are first cited."""

    named: Mapping[str, SourceDocument] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    lines: dict[str, set[int]] = field(default_factory=dict)
    """Every line the paper cites, per document (the endnote lists them all)."""
    places: dict[str, dict[str, None]] = field(default_factory=dict)
    """Every place that is not a line (``doc (where)``), per document, first cited first."""

    def cite(self, refs: Iterable[EvidenceRef]) -> str:
        """``[1] lines 24, 427-429; [2] line 5``; empty when nothing is cited.

        >>> from csprules.errors import Location
        >>> s = Sources()
        >>> refs = [EvidenceRef(row=Location("o.csv", 3), cited=c) for c in
        ...         ["a.txt:429", "a.txt:24", "a.txt:427", "a.txt:428", "a.txt:428", "b.pdf"]]
        >>> s.cite(refs), s.documents
        ('[1] lines 24, 427-429; [2]', ['a.txt', 'b.pdf'])
        """
        by_doc: dict[str, set[int]] = {}
        places: dict[str, dict[str, None]] = {}
        for ref in refs:
            doc, line, where = parse_cited(ref.cited or str(ref.row))
            by_doc.setdefault(doc, set())
            if line is not None:
                by_doc[doc].add(line)
            if where is not None:
                places.setdefault(doc, {})[where] = None
        parts = []
        for doc in sorted(by_doc, key=self._number):
            n = self._number(doc)
            self.lines.setdefault(doc, set()).update(by_doc[doc])
            self.places.setdefault(doc, {}).update(places.get(doc, {}))
            parts.append(f"[{n}] {_where(by_doc[doc], places.get(doc, {}))}".rstrip())
        return "; ".join(parts)

    def endnotes(self) -> list[Endnote]:
        """The appendix's list: ``[1] Title (Publisher, 2016), lines 24, 427-429``.

        >>> s = Sources(named={"a.txt": SourceDocument(
        ...     document="a.txt", title="Plan 2016/17", publisher="CSP", date="2016-03")})
        >>> from csprules.errors import Location
        >>> _ = s.cite([EvidenceRef(row=Location("o.csv", 3), cited=c)
        ...             for c in ("a.txt:24", "a.txt:427", "a.txt:428", "b.txt:5")])
        >>> [(e.number, e.text) for e in s.endnotes()]
        [(1, 'Plan 2016/17 (CSP, March 2016), lines 24, 427-428'), (2, 'b.txt, line 5')]
        """
        out = []
        for n, doc in enumerate(self.documents, start=1):
            entry = self.named.get(doc)
            head = describe(entry) if entry is not None else doc
            where = _where(self.lines.get(doc, set()), self.places.get(doc, {}), ENDNOTE_PLACES)
            out.append(Endnote(n, doc, visible(head + (f", {where}" if where else "")),
                               visible(entry.url) if entry and entry.url else None,
                               entry is not None))
        return out

    def _number(self, doc: str) -> int:
        if doc not in self.documents:
            self.documents.append(doc)
        return self.documents.index(doc) + 1
