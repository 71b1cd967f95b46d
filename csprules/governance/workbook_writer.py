"""Write governance as workbook sheets that :mod:`workbook_reader` reads back.

Rows are sorted by content (groups by id, ownership by theme and group, ...),
so the sheets do not depend on the order of ``governance.yaml``; who owns what
does not either (several leads are ordered by tier, then id).
"""

from __future__ import annotations

from collections.abc import Sequence

from csprules.governance.model import Governance
from csprules.governance.workbook_layout import COLUMNS, FIELDS, FIELDS_SHEET
from csprules.sources.xlsx_write import BookWriter, Cell


def write_governance(book: BookWriter, governance: Governance | None) -> None:
    """Add the governance sheets; ``None`` writes them empty (a template)."""
    plan = governance.plan if governance is not None else None
    book.fields(FIELDS_SHEET, [(FIELDS[0], 1), (FIELDS[1], plan)])
    rows: dict[str, list[Sequence[Cell]]] = {name: [] for name in COLUMNS}
    if governance is not None:
        rows["groups"] = [
            (g.id, g.name, g.tier.value, g.chair, g.meets, g.statutory, ";".join(g.parents),
             g.cited, g.note)
            for g in sorted(governance.groups, key=lambda g: g.id)
        ]
        rows["ownership"] = [
            (o.theme, o.group, o.role.value, o.cited, o.note)
            for o in sorted(governance.ownership, key=lambda o: (o.theme, o.group, o.role))
        ]
        rows["lead_agencies"] = [
            (a.theme, a.agency, a.cited, a.note)
            for a in sorted(governance.lead_agencies, key=lambda a: (a.theme, a.agency))
        ]
        rows["related"] = [
            (r.theme, r.via, r.reason, r.cited)
            for r in sorted(governance.related, key=lambda r: (r.theme, r.via))
        ]
    for name, columns in COLUMNS.items():
        book.table(name, columns, rows[name])
