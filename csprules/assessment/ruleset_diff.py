"""Same evidence, two rulesets: what moved, and which rule changes moved it."""

from __future__ import annotations

import json
from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from csprules.assessment.pipeline import Evaluated
from csprules.rules import Ruleset
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
    weight_changes: tuple[str, ...]


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


def diff_rulesets(before: Evaluated, after: Evaluated) -> RulesetDiff:
    changed = rule_changes(before.ruleset, after.ruleset)
    weights = weight_changes(before.ruleset, after.ruleset)
    recs_a, recs_b = before.recommendations(), after.recommendations()
    points_a = _rule_points(before)
    points_b = _rule_points(after)
    moves = []
    for rb in recs_b.recommendations:
        ra = recs_a.get(rb.theme)
        if (ra.rank, ra.score, ra.status) == (rb.rank, rb.score, rb.status):
            continue
        because = []
        for (rule, criterion) in sorted(set(points_a[rb.theme]) | set(points_b[rb.theme])):
            pa = points_a[rb.theme].get((rule, criterion), 0.0)
            pb = points_b[rb.theme].get((rule, criterion), 0.0)
            if abs(pa - pb) > 1e-9:
                because.append(Attribution(
                    rule=rule, change=changed.get(rule, "unchanged rule"),
                    criterion=criterion, points_before=round(pa, 6), points_after=round(pb, 6),
                ))
        moves.append(ThemeMove(
            theme=rb.theme, label=rb.label, rank_before=ra.rank, rank_after=rb.rank,
            score_before=ra.score, score_after=rb.score, status_before=ra.status.value,
            status_after=rb.status.value, because=tuple(because),
            weight_changes=tuple(weights),
        ))
    moves.sort(key=lambda m: (-abs(m.rank_after - m.rank_before), m.rank_after, m.theme))
    return RulesetDiff(
        before=_name(recs_a), after=_name(recs_b),
        rule_changes=tuple(RuleChange(rule=r, change=c) for r, c in changed.items()),
        weight_changes=tuple(weights), moves=tuple(moves),
    )


def _name(recs: Recommendations) -> str:
    return f"{recs.ruleset.name} {recs.ruleset.version} ({recs.ruleset.hash[:12]})"


def _rule_points(run: Evaluated) -> dict[str, dict[tuple[str, str], float]]:
    """Per theme, the points each (rule, criterion) gave, as the matrix counts them."""
    from csprules.scoring.matrix import rule_points

    grouped: dict[str, dict[tuple[str, str], list[float]]] = defaultdict(lambda: defaultdict(list))
    for theme, contributions in run.analysis.matrix.contributions.items():
        for c in contributions:
            grouped[theme][(c.rule_id, c.criterion)].append(c.points)
    out: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
    for theme, per_rule in grouped.items():
        for key, values in per_rule.items():
            out[theme][key] = rule_points(values)
    return out


def render_diff(d: RulesetDiff) -> str:
    lines = [f"ruleset diff: {d.before} -> {d.after}"]
    lines += [f"  rule {c.rule}: {c.change}" for c in d.rule_changes] or ["  no rule changes"]
    lines += [f"  {w}" for w in d.weight_changes]
    if not d.moves:
        lines.append("no theme moved")
    for m in d.moves:
        lines.append(f"{m.label} ({m.theme}): rank {m.rank_before} -> {m.rank_after}, score "
                     f"{m.score_before:.1f} -> {m.score_after:.1f}, {m.status_before} -> "
                     f"{m.status_after}")
        for a in m.because:
            lines.append(f"    because rule {a.rule} ({a.change}) gave {a.criterion} "
                         f"{a.points_before:+g} -> {a.points_after:+g}")
        if not m.because and m.weight_changes:
            lines.append("    because of weight changes: " + "; ".join(m.weight_changes))
    return "\n".join(lines) + "\n"
