"""The fact kinds the rules see, and the type of each of their fields.

This is the contract between signal derivation and rulesets: the ruleset
linter checks every condition and every justification placeholder against it,
so a rule comparing a text field with a number, or naming a field a fact does
not have, is rejected before it runs.

Facts are flat: every value is a number (float), a text (str) or a flag
(bool).  A field whose value is unknown is *absent* from the fact (and a
comparison on an absent field is false), never a sentinel number.
"""

from __future__ import annotations

from enum import StrEnum


class FieldType(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    FLAG = "flag"


N, T, F = FieldType.NUMBER, FieldType.TEXT, FieldType.FLAG

_COMMON: dict[str, FieldType] = {"id": T, "kind": T, "theme": T, "theme_label": T}

FACT_SCHEMA: dict[str, dict[str, FieldType]] = {
    # One per (indicator, theme): the latest value and how it moved.
    "indicator": {
        **_COMMON,
        "indicator": T, "label": T, "unit": T, "direction": T,
        "period": T, "previous_period": T,
        "latest": N, "latest_state": T, "previous": N,
        "change": N, "change_pct": N, "change_pp": N,
        "worsening": F, "improving": F,
        "trend_periods": N, "trend_direction": T, "trend_pct": N, "trend_worsening": F,
        "baseline_period": T, "baseline": N, "baseline_change_pct": N,
        "target": N, "target_gap_pct": N, "off_target": F, "target_period": T,
        "target_miss_pct": N,
        "rate_per_1000": N, "share_pct": N, "total_label": T,
        "harm_weight": N, "harm_volume": N, "harm_basis": T,
        "harm_source": T, "harm_offence": T,
        "under_reported": F,
        "printed_change_pct": N, "printed_mismatch": F,
        "missing_periods": N, "not_comparable": F, "recording_change": F, "stale": F,
        "observations": N,
        "perception": F, "perceived_pct": N, "perceived_period": T, "perceived_series": T,
    },
    # One per (indicator, theme, comparator area), on the latest common period.
    "comparator": {
        **_COMMON,
        "indicator": T, "label": T, "direction": T, "comparator": T, "period": T,
        "value": N, "comparator_value": N, "gap_pct": N, "worse": F,
    },
    # One per (indicator, theme) that has ranks among N areas.
    "rank": {
        **_COMMON,
        "indicator": T, "label": T, "period": T, "rank": N, "of": N, "rank_pct": N,
        "previous_rank": N, "previous_period": T, "rank_change": N, "rank_worsening": F,
    },
    # One per (consultation, theme).
    "concern": {
        **_COMMON,
        "consultation": T, "source": T, "method": T, "respondents": N,
        "top_three": N, "share_pct": N, "pct_problem": N, "rank": N, "of": N, "wording": T,
    },
    # One per (driver, theme).
    "driver": {
        **_COMMON,
        "driver": T, "name": T, "issuer": T, "level": T, "driver_kind": T,
        "active": F, "valid_to": T,
    },
    # One per theme in the catalogue: what is (and is not) known about it.
    "theme": {
        **_COMMON,
        "label": T, "theme_kind": T, "parent": T,
        "indicators": N, "worsening_indicators": N, "active_drivers": N,
        "statutory_duty": F, "concern_rank": N, "previous_status": T,
        "missing_values": N, "sources": N, "local_evidence": N,
        # Set by recommend() when a governance graph is given (organisational position).
        "owned": F, "owner_tier": T, "owner_via": T,
    },
}
