"""Citations as numbered sources with lines, collapsed: ``[1] lines 427-431, 475``.

Rows cite a document line as ``file:line``.  The paper numbers each document
once, in order of first citation, and lists them in its appendix; the raw
``file:line`` pointers stay in the JSON and in ``explain``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from csprules.signals.model import EvidenceRef

_FILE_LINE = re.compile(r"^(?P<doc>.+?):(?P<line>\d+)$")


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


@dataclass
class Sources:
    """The documents a paper cites, numbered as they are first cited."""

    documents: list[str] = field(default_factory=list)

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
        for ref in refs:
            text = ref.cited or str(ref.row)
            m = _FILE_LINE.match(text)
            doc, line = (m.group("doc"), int(m.group("line"))) if m else (text, None)
            by_doc.setdefault(doc, set())
            if line is not None:
                by_doc[doc].add(line)
        parts = []
        for doc in sorted(by_doc, key=self._number):
            lines = sorted(by_doc[doc])
            n = self._number(doc)
            if not lines:
                parts.append(f"[{n}]")
            else:
                word = "line" if len(lines) == 1 else "lines"
                parts.append(f"[{n}] {word} {_ranges(lines)}")
        return "; ".join(parts)

    def _number(self, doc: str) -> int:
        if doc not in self.documents:
            self.documents.append(doc)
        return self.documents.index(doc) + 1
