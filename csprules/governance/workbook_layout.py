"""Governance as workbook sheets: ``governance`` (field | value) and one sheet per table.

The sheets mirror ``governance.yaml``: ``groups``, ``ownership``,
``lead_agencies`` and ``related`` hold its lists, one row per entry;
``parents`` is ``;``-separated.  They may stand alone in a workbook given with
``--governance FILE`` or sit beside the evidence sheets of one workbook.
"""

from __future__ import annotations

from csprules.governance.tiers import TBC, Role, Tier
from csprules.sources.xlsx_write import Check, Choices, Column

FIELDS_SHEET = "governance"
TABLES = ("groups", "ownership", "lead_agencies", "related")
SHEETS = (FIELDS_SHEET, *TABLES)
"""The evidence reader passes over these (``csprules.evidence.workbook.OTHER_SHEETS``)."""

_THEME = "Theme id from the 'themes' list, or one declared on the themes sheet."
_CITED = "Pointer into the source document, e.g. 004_24ff2e722479ed65.txt:254."

FIELDS = (
    Column("format_version", "Governance format version: 1."),
    Column("plan", "Optional: the document the structure comes from."),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "groups": (
        Column("id", "Group id: lower-case letters, digits, '-', '_'."),
        Column("name", "The group's name as the plan gives it."),
        Column("tier", "board, delivery_group, operational, consultation or linked_board.",
               "tiers"),
        Column("chair", "Optional: who chairs it."),
        Column("meets", "Optional, free text: monthly, bi-monthly, at least quarterly, ..."),
        Column("statutory", "TRUE where the plan says the group is statutory; blank is FALSE.",
               "booleans"),
        Column("parents", "Ids of the groups it reports to, ';'-separated; blank for a board."),
        Column("cited", _CITED),
        Column("note", "Optional: how the entry was read, e.g. a parent inferred from a chart."),
    ),
    "ownership": (
        Column("theme", _THEME, "themes", Check.WARN),
        Column("group", f"Id of a group on the groups sheet, or {TBC} (not yet agreed)."),
        Column("role", "lead (default) or support; several leads are allowed.", "roles"),
        Column("cited", _CITED),
        Column("note", "Optional, free text."),
    ),
    "lead_agencies": (
        Column("theme", _THEME, "themes", Check.WARN),
        Column("agency", "The agency the plan names as lead, where it names no group."),
        Column("cited", _CITED),
        Column("note", "Optional, free text."),
    ),
    "related": (
        Column("theme", "Theme handled through another theme's owner. " + _THEME, "themes",
               Check.WARN),
        Column("via", "The theme whose owner handles it. " + _THEME, "themes", Check.WARN),
        Column("reason", "Why, as the plan words it."),
        Column("cited", _CITED),
    ),
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "groups": ("id", "name", "tier"),
    "ownership": ("theme", "group"),
    "lead_agencies": ("theme", "agency"),
    "related": ("theme", "via"),
}

LIST_FIELDS = frozenset({"parents"})


def governance_lists() -> list[Choices]:
    """The drop-down lists governance sheets use besides ``themes``."""
    return [
        Choices("tiers", tuple(t.value for t in Tier)),
        Choices("roles", tuple(r.value for r in Role)),
        Choices("booleans", ("TRUE", "FALSE")),
    ]
