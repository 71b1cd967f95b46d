"""Which documents the evidence cites, and which of them ``sources.yaml`` does not name."""

from __future__ import annotations

from collections.abc import Iterator

from csprules.evidence.evidence import Evidence
from csprules.evidence.source_documents import by_document, is_link, split_cited


def _pointers(evidence: Evidence) -> Iterator[str | None]:
    p = evidence.partnership
    yield p.cited
    yield p.population_cited
    for ind in evidence.indicators:
        yield ind.cited
        for obs in ind.observations:
            yield obs.cited
    for c in evidence.consultations:
        yield c.cited
        for m in c.measures:
            yield m.cited
    for d in evidence.drivers:
        yield d.cited
    previous = evidence.previous
    if previous is not None:
        # Items read from last year's decision record cite the record, csprules' own file.
        yield from (i.cited for i in previous.items
                    if previous.decisions is None or not (i.cited or "").endswith("(decision)"))


def cited_documents(evidence: Evidence) -> dict[str, int]:
    """Document -> how many pointers cite it, in order of first citation."""
    out: dict[str, int] = {}
    for cited in _pointers(evidence):
        if cited and cited.strip():
            doc, _ = split_cited(cited.strip())
            out[doc] = out.get(doc, 0) + 1
    return out


def undocumented_sources(evidence: Evidence) -> list[tuple[str, int]]:
    """(document, citations) for each cited document ``sources.yaml`` has no entry for.

    Empty when the evidence has no ``sources.yaml``: naming documents is optional,
    but once a folder names them, a document left out is a gap the paper shows.  A
    document cited by its link needs no entry: a reader can follow it.
    """
    if evidence.source_documents is None:
        return []
    named = by_document(evidence.source_documents)
    return sorted((doc, n) for doc, n in cited_documents(evidence).items()
                  if doc not in named and not is_link(doc))
