"""Evidence and governance as one workbook, and the empty workbook to fill in.

The sheets, their notes and drop-downs are described in
``docs/evidence-format.md``; :func:`csprules.load_evidence` and
:func:`csprules.governance.load_governance` read the result back.
"""

from __future__ import annotations

from csprules.errors import EvidenceError
from csprules.evidence.evidence import Evidence
from csprules.evidence.workbook_layout import evidence_lists
from csprules.evidence.workbook_writer import workbook_themes, write_evidence
from csprules.governance.model import Governance
from csprules.governance.workbook_layout import governance_lists
from csprules.governance.workbook_writer import write_governance
from csprules.sources.xlsx_write import BookWriter, Lists


def evidence_workbook(
    evidence: Evidence | None, governance: Governance | None = None, *, display: str = "<workbook>"
) -> bytes:
    """The ``.xlsx`` bytes of ``evidence`` (and ``governance``); ``None`` gives a template.

    The same content always gives the same bytes.  ``display`` names the
    file in messages about a value a workbook cannot hold.

    >>> from csprules import load_evidence
    >>> from csprules.governance import load_governance
    >>> data = evidence_workbook(load_evidence("examples/havering-2017"),
    ...                          load_governance("examples/havering-2017"))
    >>> data[:2], data == evidence_workbook(load_evidence("examples/havering-2017"),
    ...                                     load_governance("examples/havering-2017"))
    (b'PK', True)
    """
    lists = Lists([*evidence_lists(workbook_themes(evidence)), *governance_lists()])
    book = BookWriter(display, lists, EvidenceError)
    write_evidence(book, evidence)
    write_governance(book, governance)
    return book.to_bytes()


def template_workbook() -> bytes:
    """An empty evidence workbook: every sheet with its headers, notes and drop-downs."""
    return evidence_workbook(None)
