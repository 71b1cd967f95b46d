"""Same evidence, two rulesets (or two sets of weights): what moved, and exactly why.

Only themes whose status, rank or score moved are listed; each move is decomposed
by :mod:`csprules.scoring.attribution` into per-rule, per-cap and per-weight parts
that add up to the score change, and a status change names the threshold crossed.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

from csprules.assessment.move_text import render_move
from csprules.assessment.pipeline import Evaluated
from csprules.rules import Ruleset
from csprules.scoring.attribution import Move, Part, Side, StatusCause, moves
from csprules.scoring.model import Recommendations


class RuleChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    change: str
    """``added``, ``removed``, ``changed``, ``enabled`` or ``disabled``."""


class Attribution(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    change: str
    criterion: str
    points_before: float
    points_after: float


class ThemeMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    rank_before: int
    rank_after: int
    score_before: float
    score_after: float
    status_before: str
    status_after: str
    because: tuple[Attribution, ...]
    """The rule point changes behind the move (the ``rule`` parts, in points)."""
    weight_changes: tuple[str, ...]
    """The weight changes that moved this theme's score (not every weight change)."""
    change: float = 0.0
    """score_after - score_before, unrounded: ``parts`` add up to it."""
    parts: tuple[Part, ...] = ()
    status_cause: StatusCause | None = None


class RulesetDiff(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    before: str
    after: str
    rule_changes: tuple[RuleChange, ...]
    weight_changes: tuple[str, ...]
    moves: tuple[ThemeMove, ...]


def rule_changes(a: Ruleset, b: Ruleset) -> dict[str, str]:
    rules_a = {r.id: r for r in a.rules}
    rules_b = {r.id: r for r in b.rules}
    out: dict[str, str] = {}
    for rid in sorted(set(rules_a) | set(rules_b)):
        ra, rb = rules_a.get(rid), rules_b.get(rid)
        if ra is None:
            out[rid] = "added"
        elif rb is None:
            out[rid] = "removed"
        elif ra.enabled != rb.enabled:
            out[rid] = "enabled" if rb.enabled else "disabled"
        elif _canonical(ra) != _canonical(rb):
            out[rid] = "changed"
    return out


def _canonical(rule: object) -> str:
    dump = rule.model_dump(mode="json", by_alias=True, exclude={"cases", "description"})  # type: ignore[attr-defined]
    return json.dumps(dump, sort_keys=True)


def weight_changes(a: Ruleset, b: Ruleset) -> list[str]:
    out = []
    for cid in sorted(set(a.criteria) | set(b.criteria)):
        wa = a.criteria[cid].weight if cid in a.criteria else None
        wb = b.criteria[cid].weight if cid in b.criteria else None
        ca = a.criteria[cid].cap if cid in a.criteria else None
        cb = b.criteria[cid].cap if cid in b.criteria else None
        if wa != wb:
            out.append(f"{cid} weight {_show(wa)} -> {_show(wb)}")
        if ca != cb:
            out.append(f"{cid} cap {_show(ca)} -> {_show(cb)}")
    return out


def _show(x: float | None) -> str:
    return "none" if x is None else f"{x:g}"


def diff_rulesets(before: Evaluated, after: Evaluated,
                  weights_before: dict[str, float] | None = None,
                  weights_after: dict[str, float] | None = None) -> RulesetDiff:
    """Two runs on the same evidence (two rulesets, or one ruleset under two weightings)."""
    changed = rule_changes(before.ruleset, after.ruleset)
    weights = weight_changes(before.ruleset, after.ruleset)
    recs_a = before.recommendations(weights_before)
    recs_b = after.recommendations(weights_after)
    for c in sorted(set(weights_before or {}) | set(weights_after or {})):
        wa, wb = recs_a.weights.get(c), recs_b.weights.get(c)
        if wa != wb and not any(w.startswith(f"{c} weight ") for w in weights):
            weights.append(f"{c} weight {_show(wa)} -> {_show(wb)}")
    found = moves(Side(before.analysis, weights_before), Side(after.analysis, weights_after),
                  rule_label=changed.get)
    return RulesetDiff(
        before=_name(recs_a), after=_name(recs_b),
        rule_changes=tuple(RuleChange(rule=r, change=c) for r, c in changed.items()),
        weight_changes=tuple(sorted(weights)), moves=tuple(_theme_move(m, changed) for m in found),
    )


def _theme_move(m: Move, changed: dict[str, str]) -> ThemeMove:
    because = tuple(
        Attribution(rule=p.name, change=changed.get(p.name, "unchanged rule"),
                    criterion=p.criterion or "", points_before=p.before or 0.0,
                    points_after=p.after or 0.0)
        for p in m.parts if p.kind == "rule"
    )
    return ThemeMove(
        theme=m.theme, label=m.label, rank_before=m.rank_before, rank_after=m.rank_after,
        score_before=m.score_before, score_after=m.score_after,
        status_before=m.status_before, status_after=m.status_after, because=because,
        weight_changes=tuple(f"{p.name} {p.change}" for p in m.parts if p.kind == "weight"),
        change=m.change, parts=m.parts, status_cause=m.status_cause,
    )


def _name(recs: Recommendations) -> str:
    return f"{recs.ruleset.name} {recs.ruleset.version} ({recs.ruleset.hash[:12]})"


def render_diff(d: RulesetDiff) -> str:
    lines = [f"diff: {d.before} -> {d.after}"]
    lines += [f"  rule {c.rule}: {c.change}" for c in d.rule_changes] or ["  no rule changes"]
    lines += [f"  {w}" for w in d.weight_changes]
    if not d.moves:
        lines.append("no theme moved")
    else:
        lines.append(f"{len(d.moves)} themes moved (score parts add up to the change; rules "
                     "first at the old weights, then caps, then weights):")
    for m in d.moves:
        lines += render_move(m)
    return "\n".join(lines) + "\n"
