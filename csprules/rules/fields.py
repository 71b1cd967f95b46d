"""Which fields a rule reads and which it requires, read from the rule model.

Fields a rule's output needs (points ``from``, placeholders of a ``theme``
template) and both sides of every ref are *required*: a rule never matches a
fact it could not score.  The compiler turns them into ``exists`` tests, the
reference evaluator checks them directly, and the linter uses them to size
what the engine will be given.
"""

from __future__ import annotations

from collections.abc import Mapping

from csprules.rules.conditions import Comparison, Condition, Group, Pattern
from csprules.rules.rule import PointsFrom, Rule
from csprules.rules.templates import parse_template
from csprules.signals.schema import FieldType
from csprules.sources.suggest import did_you_mean

Schema = Mapping[str, Mapping[str, FieldType]]
"""Fact kind -> field -> type (csprules.signals.schema.FACT_SCHEMA by default)."""


def required_fields(rule: Rule) -> dict[str, set[str]]:
    """alias -> fields that must be present: both sides of every ref, points ``from`` and
    theme placeholders."""
    out: dict[str, set[str]] = {}
    for own, pattern in rule.when.items():
        for c in comparisons(pattern):
            if c.ref is not None:
                alias, f = c.ref.split(".", 1)
                out.setdefault(alias, set()).add(f)
                # refs sit only under 'all', where an absent field already fails the
                # comparison; saying so keeps durable from reading a missing field in a
                # join (error 311) and lets post-tests (engine/joins.py) read both sides
                out.setdefault(own, set()).add(c.field)
    for then in rule.then:
        if isinstance(then.points, PointsFrom):
            alias, f = then.points.from_.split(".", 1)
            out.setdefault(alias, set()).add(f)
        for p in parse_template(then.theme).placeholders:
            out.setdefault(p.alias, set()).add(p.field)
    return out


def read_fields(rule: Rule, alias: str) -> set[str]:
    """Fields of ``alias`` the rule's output reads (placeholders and points)."""
    out = {"id", "kind"}
    for then in rule.then:
        for template in (then.theme, then.text):
            out.update(p.field for p in parse_template(template).placeholders if p.alias == alias)
        if isinstance(then.points, PointsFrom) and then.points.from_.startswith(alias + "."):
            out.add(then.points.from_.split(".", 1)[1])
    return out


def condition_fields(pattern: Pattern) -> set[str]:
    return {c.field for c in comparisons(pattern)}


def comparisons(pattern: Pattern) -> list[Comparison]:
    """Every comparison of ``pattern``, at any depth."""
    out: list[Comparison] = []

    def walk(items: tuple[Condition, ...]) -> None:
        for c in items:
            if isinstance(c, Group):
                walk(c.items)
            else:
                out.append(c)

    for _, items in pattern.groups():
        walk(items)
    return out


FIELD_NOTES: dict[tuple[str, str], str] = {
    ("comparator", "gap_pct"): "the gap, in %, between the area's value and one comparator "
                               "area's",
    ("indicator", "target_gap_pct"): "the gap, in %, between the latest value and the "
                                     "indicator's target",
    ("indicator", "change_pct"): "the change, in %, since the previous period",
    ("indicator", "share_pct"): "the indicator's share, in %, of its total",
    ("concern", "share_pct"): "the share, in %, of respondents naming the theme",
    ("concern", "rank"): "the theme's rank among the consultation's concerns",
    ("rank", "rank"): "the area's rank among the areas compared",
    ("indicator", "latest"): "the latest value of the indicator",
    ("comparator", "value"): "the area's own value on the comparator's period",
    ("indicator", "worsening"): "true when the indicator moved the wrong way",
    ("comparator", "worse"): "true when the area does worse than the comparator area",
    ("rank", "rank_worsening"): "true when the area's rank got worse",
    ("driver", "active"): "true when the driver applies in the assessment's period",
    ("theme", "active_drivers"): "how many active drivers name the theme",
}
"""What the fields analysts confuse mean, so a message can say why a suggestion fits."""


def unknown_field(schema: Schema, kind: str, name: str) -> tuple[str, str | None]:
    """The message and suggestion for ``name``, a field fact kind ``kind`` does not have.

    A field other kinds have is named as theirs, and the suggested field of ``kind``
    says what it means, so the analyst sees which one they wanted::

        expected a field of indicator facts; found 'gap_pct', a field of comparator
        facts only (the gap, in %, between the area's value and one comparator area's);
        indicator facts have 'target_gap_pct' (the gap, in %, between the latest value
        and the indicator's target)
    """
    fields = schema.get(kind, {})
    suggestion = did_you_mean(name, fields)
    owners = sorted(k for k, f in schema.items() if k != kind and name in f)
    text = f"expected a field of {kind} facts; found '{name}'"
    if owners:
        note = FIELD_NOTES.get((owners[0], name)) if len(owners) == 1 else None
        text += (f", a field of {' and '.join(owners)} facts only"
                 + (f" ({note})" if note else ""))
        if suggestion is not None:
            mine = FIELD_NOTES.get((kind, suggestion))
            text += f"; {kind} facts have '{suggestion}'" + (f" ({mine})" if mine else "")
    return text, suggestion
