"""Tiers of a partnership's structure and the roles a group can play for a theme."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    """Where a group sits in the partnership structure (BRIEF section 4)."""

    BOARD = "board"
    """The partnership board itself (CSP, CDRP, Safer ... Partnership)."""
    DELIVERY_GROUP = "delivery_group"
    """A priority delivery group or strategic sub-board."""
    OPERATIONAL = "operational"
    """An operational sub-group: panel, MARAC, tasking group."""
    CONSULTATION = "consultation"
    """A consultation group or forum."""
    LINKED_BOARD = "linked_board"
    """A board outside the partnership: Safeguarding Adults, Safeguarding Children,
    Health and Wellbeing, the Local Strategic Partnership."""


class Role(StrEnum):
    LEAD = "lead"
    SUPPORT = "support"


TBC = "TBC"
"""The owner a plan has not yet agreed; accepted in ``ownership`` and flagged."""

BOARD_TIERS = frozenset({Tier.BOARD, Tier.LINKED_BOARD})
"""Tiers a group's accountability chain may end at."""

STRATEGIC_TIERS = frozenset({Tier.BOARD, Tier.DELIVERY_GROUP})
"""Tiers that give a priority strategic ownership inside the partnership."""

LEAD_PREFERENCE: dict[Tier, int] = {
    Tier.BOARD: 0,
    Tier.DELIVERY_GROUP: 1,
    Tier.LINKED_BOARD: 2,
    Tier.OPERATIONAL: 3,
    Tier.CONSULTATION: 4,
}
"""When a theme has several lead groups, the most strategic one is named first."""

TIER_LABELS: dict[Tier, str] = {
    Tier.BOARD: "board",
    Tier.DELIVERY_GROUP: "delivery group",
    Tier.OPERATIONAL: "operational group",
    Tier.CONSULTATION: "consultation group",
    Tier.LINKED_BOARD: "linked board",
}
