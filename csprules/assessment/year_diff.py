"""This year against last year: what changed in the evidence and in the recommendations.

Each moved theme's score change is decomposed exactly (:mod:`csprules.scoring.attribution`)
into the rules that fired, fell silent or changed points, each with the changed signals
behind it (a signal whose fields moved, or one present in only one year).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from csprules.assessment.move_text import render_move
from csprules.assessment.pipeline import Evaluated
from csprules.scoring.attribution import Part, Side, StatusCause, moves
from csprules.signals.model import Signal


class SignalMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    signal: str
    theme: str
    field: str
    before: str
    after: str


class StatusMove(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    label: str
    rank_before: int
    rank_after: int
    status_before: str
    status_after: str
    score_before: float
    score_after: float
    change: float = 0.0
    """score_after - score_before, unrounded: ``parts`` add up to it."""
    parts: tuple[Part, ...] = ()
    status_cause: StatusCause | None = None


class YearDiff(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    this_year: str
    last_year: str
    indicators_added: tuple[str, ...]
    indicators_removed: tuple[str, ...]
    signals_moved: tuple[SignalMove, ...]
    recommendations: tuple[StatusMove, ...]
    """Themes whose status, rank or score moved, with the causes."""


UNWATCHED = frozenset({"label", "theme_label"})
"""Signal fields that are wording, not evidence: a relabelled signal has not moved."""


def diff_years(this: Evaluated, last: Evaluated) -> YearDiff:
    ind_now = {i.id for i in this.analysis.evidence.indicators}
    ind_then = {i.id for i in last.analysis.evidence.indicators}
    now = this.analysis.signals.by_id()
    then = last.analysis.signals.by_id()
    moved = signal_moves(then, now)
    notes: dict[str, list[str]] = {}
    for m in moved:
        notes.setdefault(m.signal, []).append(
            f"{m.signal}: {'new this year' if m.before == 'absent' else 'gone this year'}"
            if m.field == "(signal)" else f"{m.signal} {m.field}: {m.before} -> {m.after}")
    facts_then = _facts(last)
    facts_now = _facts(this)

    def signal_notes(theme: str, rule: str) -> tuple[str, ...]:
        behind = sorted(facts_then.get((theme, rule), set()) | facts_now.get((theme, rule), set()))
        return tuple(n for sid in behind for n in notes.get(sid, ()))

    found = moves(Side(last.analysis), Side(this.analysis), signal_notes=signal_notes)
    statuses = [
        StatusMove(theme=m.theme, label=m.label, rank_before=m.rank_before,
                   rank_after=m.rank_after, status_before=m.status_before,
                   status_after=m.status_after, score_before=m.score_before,
                   score_after=m.score_after, change=m.change, parts=m.parts,
                   status_cause=m.status_cause)
        for m in found
    ]
    return YearDiff(
        this_year=this.analysis.evidence.source, last_year=last.analysis.evidence.source,
        indicators_added=tuple(sorted(ind_now - ind_then)),
        indicators_removed=tuple(sorted(ind_then - ind_now)),
        signals_moved=tuple(moved), recommendations=tuple(statuses),
    )


def signal_moves(then: dict[str, Signal], now: dict[str, Signal]) -> list[SignalMove]:
    """Every evidence field that moved, and every signal present in only one year."""
    out: list[SignalMove] = []
    for sid in sorted(set(now) | set(then)):
        a, b = then.get(sid), now.get(sid)
        if a is None or b is None:
            s = a or b
            assert s is not None
            out.append(SignalMove(signal=sid, theme=s.theme, field="(signal)",
                                  before="absent" if a is None else "present",
                                  after="present" if a is None else "absent"))
            continue
        for field in sorted((set(a.fields) | set(b.fields)) - UNWATCHED):
            va, vb = a.fields.get(field), b.fields.get(field)
            if va != vb:
                out.append(SignalMove(signal=sid, theme=b.theme, field=field,
                                      before=_show(va), after=_show(vb)))
    return out


def _facts(run: Evaluated) -> dict[tuple[str, str], set[str]]:
    """(theme, rule) -> the signal ids the rule's contributions to that theme cite."""
    out: dict[tuple[str, str], set[str]] = {}
    for theme, contributions in run.analysis.matrix.contributions.items():
        for c in contributions:
            out.setdefault((theme, c.rule_id), set()).update(c.fact_ids)
    return out


def _show(value: object) -> str:
    if value is None:
        return "absent"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def render_year_diff(d: YearDiff) -> str:
    lines = [f"since {d.last_year}: {d.this_year}"]
    lines.append("indicators added: " + _some(d.indicators_added))
    lines.append("indicators removed: " + _some(d.indicators_removed))
    lines.append(f"signals that moved: {len(d.signals_moved)} (each listed under the rules "
                 "it moved; --format json lists them all)")
    lines.append(f"themes that moved: {len(d.recommendations)} (score parts add up to the "
                 "change)" if d.recommendations else "themes that moved: none")
    for m in d.recommendations:
        lines += render_move(m)
    return "\n".join(lines) + "\n"


def _some(ids: tuple[str, ...], shown: int = 12) -> str:
    if not ids:
        return "none"
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return f"{len(ids)}: " + ", ".join(ids[:shown]) + more
