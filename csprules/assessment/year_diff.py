"""This year against last year: what changed in the evidence and in the recommendations."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from csprules.assessment.pipeline import Evaluated


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


class YearDiff(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    this_year: str
    last_year: str
    indicators_added: tuple[str, ...]
    indicators_removed: tuple[str, ...]
    signals_moved: tuple[SignalMove, ...]
    recommendations: tuple[StatusMove, ...]

WATCHED = ("latest", "change_pct", "worsening", "trend_direction", "gap_pct", "rank",
           "top_three", "share_pct", "active")
"""Signal fields whose movement is reported."""


def diff_years(this: Evaluated, last: Evaluated) -> YearDiff:
    ind_now = {i.id for i in this.analysis.evidence.indicators}
    ind_then = {i.id for i in last.analysis.evidence.indicators}
    now = this.analysis.signals.by_id()
    then = last.analysis.signals.by_id()
    moved = []
    for sid in sorted(set(now) & set(then)):
        for field in WATCHED:
            a, b = then[sid].fields.get(field), now[sid].fields.get(field)
            if a != b:
                moved.append(SignalMove(signal=sid, theme=now[sid].theme, field=field,
                                        before=_show(a), after=_show(b)))
    recs_now, recs_then = this.recommendations(), last.recommendations()
    themes_then = {r.theme for r in recs_then.recommendations}
    statuses = []
    for r in recs_now.recommendations:
        if r.theme not in themes_then:
            continue
        p = recs_then.get(r.theme)
        if (p.status, p.rank) != (r.status, r.rank):
            statuses.append(StatusMove(
                theme=r.theme, label=r.label, rank_before=p.rank, rank_after=r.rank,
                status_before=p.status.value, status_after=r.status.value,
                score_before=p.score, score_after=r.score,
            ))
    return YearDiff(
        this_year=this.analysis.evidence.source, last_year=last.analysis.evidence.source,
        indicators_added=tuple(sorted(ind_now - ind_then)),
        indicators_removed=tuple(sorted(ind_then - ind_now)),
        signals_moved=tuple(moved), recommendations=tuple(statuses),
    )


def _show(value: object) -> str:
    if value is None:
        return "absent"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def render_year_diff(d: YearDiff) -> str:
    lines = [f"since {d.last_year}: {d.this_year}"]
    lines.append("indicators added: " + (", ".join(d.indicators_added) or "none"))
    lines.append("indicators removed: " + (", ".join(d.indicators_removed) or "none"))
    lines.append("recommendations that changed:")
    for m in d.recommendations or ():
        lines.append(f"  {m.label}: {m.status_before} (rank {m.rank_before}, "
                     f"{m.score_before:.1f}) -> {m.status_after} (rank {m.rank_after}, "
                     f"{m.score_after:.1f})")
    if not d.recommendations:
        lines.append("  none")
    lines.append(f"signals that moved: {len(d.signals_moved)}")
    for s in d.signals_moved:
        lines.append(f"  {s.signal} {s.field}: {s.before} -> {s.after}")
    return "\n".join(lines) + "\n"
