"""The meeting paper's content, worked out once for every paper format.

Markdown, HTML and PDF render the same :class:`Paper`: page one (what the
board is asked to decide), the matrix (what each criterion contributed to
each score), theme cards (reasons by their effect on the score), the watch
list, and appendices (findings grouped by kind, the sources cited).  All
text here is already free of internal ids and hidden characters; renderers
only escape it for their format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from csprules.assessment.last_year import LastYearDecision
from csprules.assessment.model import Assessment
from csprules.evidence.decisions import Decision, DecisionEntry, DecisionRecord
from csprules.evidence.source_documents import by_document
from csprules.report.citations import Sources
from csprules.report.contribution import capped, criterion_effects
from csprules.report.findings_summary import FindingGroup, group_findings
from csprules.report.hygiene import visible
from csprules.report.labels import METHOD, STATUS, Labels
from csprules.report.reasons import Reason, theme_reasons
from csprules.report.wording import join_and, number, plural
from csprules.scoring.model import Recommendation, Status

MAX_REASONS = 6
"""Reasons shown on a theme card; the rest are summed in one line."""
LOW_CONFIDENCE = 50.0
"""Confidence (0-100) below which page one names the theme as an evidence gap."""
CHOSEN = (Status.PRIORITY, Status.CROSS_CUTTING)
NO_OWNER = "no owning group yet"


@dataclass(frozen=True)
class ThemeView:
    rec: Recommendation
    label: str
    status: str
    owner: str
    accountable_to: str
    """The groups above the owner, joined by arrows; empty when it reports to no one."""
    reasons: tuple[Reason, ...]
    hidden: int
    hidden_effect: float
    effects: Mapping[str, float]
    """Criterion id -> points of the score it contributed."""
    capped: tuple[str, ...]
    """Sentences, one per criterion whose evidence exceeds its cap."""
    why_status: str
    confidence: float | None
    decision: str | None = None
    """What the board decided on this theme, when a decision is recorded."""
    last_year: str | None = None
    """What the board decided on this theme last year, when last year's record is given."""
    departure: str | None = None
    """How this year's recommendation departs from last year's decision, if it does."""

    @property
    def headline(self) -> str:
        """One plain sentence of the strongest evidence.

        A long closing parenthesis (where a harm weight came from, say) is provenance:
        the theme card keeps it, page one gives the claim alone.
        """
        if not self.reasons:
            return "no rule fired for this theme"
        return _without_long_aside(self.reasons[0].text)


@dataclass(frozen=True)
class LastDecision:
    """One decision of last year's record, beside this year's recommendation."""

    theme: str
    label: str
    decided: str
    """``adopted as a priority``, ``amended to the watch list``, ..."""
    by: str
    date: str
    rationale: str
    now: str
    """This year's recommendation: ``priority``, ``watch list``, ``not assessed``."""
    departure: str | None
    """Why this year's recommendation departs from the decision; ``None`` when it follows it."""


@dataclass(frozen=True)
class Paper:
    title: str
    partnership: str
    marking: str
    assessment_date: str
    criteria: tuple[tuple[str, str], ...]
    """(id, label) of the criteria that count towards the score, in ruleset order."""
    additive: bool
    """True when the criterion contributions add up to the score (weighted sum)."""
    priorities: tuple[ThemeView, ...]
    cross_cutting: tuple[ThemeView, ...]
    watch: tuple[ThemeView, ...]
    others: tuple[ThemeView, ...]
    since_last: tuple[str, ...]
    gaps: tuple[str, ...]
    decisions: tuple[str, ...]
    findings: tuple[FindingGroup, ...]
    method: str
    sources: Sources = field(default_factory=Sources)
    last_decisions: tuple[LastDecision, ...] = ()
    """Last year's decisions (``previous_priorities: decisions: ...``), theme by theme."""
    last_record: str | None = None
    """Where last year's decisions were read from, shown as the plan they belong to."""

    @property
    def chosen(self) -> tuple[ThemeView, ...]:
        return self.priorities + self.cross_cutting


def _owner(rec: Recommendation, labels: Labels) -> tuple[str, str]:
    if rec.owner is None:
        return "no governance given", ""
    o = rec.owner
    if o.group is None:
        if o.agency:
            agency = o.agency
            return (agency if agency.endswith("(agency)") else f"{agency} (lead agency)"), ""
        return NO_OWNER, ""
    above = [labels.name(g) for g in rec.chain[1:]]
    return o.name or labels.name(o.group), " → ".join(above)


def _date(d: object) -> str:
    from datetime import date

    assert isinstance(d, date)
    return f"{d.day} {d:%B %Y}"


def build_paper(assessment: Assessment, marking: str = "OFFICIAL") -> Paper:
    run = assessment.run
    a = run.analysis
    labels = Labels.of(run)
    m = a.matrix
    effects = criterion_effects(a, assessment.weight_overrides)
    over = capped(a)
    mask = a.scorer.score_mask
    if a.scorer.position is not None:
        mask = mask.copy()
        mask[a.scorer.position] = 1.0
    criteria = tuple((c, a.criteria[c].label) for j, c in enumerate(m.criteria) if mask[j])
    crit_label = {c: a.criteria[c].label for c in m.criteria}

    decided = _decided(run.decisions)
    previous = a.evidence.previous
    last_record = previous.decisions if previous is not None else None
    by_theme = {r.theme: r for r in assessment.recommendations}
    last = tuple(_last_decision(d, by_theme.get(d.theme), labels)
                 for d in assessment.last_year_decisions)
    last_of = {d.theme: d for d in last}

    def view(rec: Recommendation) -> ThemeView:
        i = m.themes.index(rec.theme)
        eff = {c: float(effects[i, j]) for j, c in enumerate(m.criteria)}
        pts = {c: float(m.points[i, j]) for j, c in enumerate(m.criteria)}
        reasons = [r for r in theme_reasons(rec.theme, rec.justifications, pts, eff,
                                            crit_label, labels) if round(r.effect, 1) != 0]
        shown, rest = reasons[:MAX_REASONS], reasons[MAX_REASONS:]
        notes = tuple(
            f"{crit_label[c]} is capped: the evidence gives {number(pts[c], 0)} points and "
            f"at most {number(float(m.caps[j]), 0)} count"
            for j, c in enumerate(m.criteria) if over[i, j] and mask[j] and eff[c] > 0
        )
        owner, above = _owner(rec, labels)
        return ThemeView(
            rec=rec, label=visible(rec.label), status=STATUS[rec.status],
            owner=visible(owner), accountable_to=visible(above), reasons=tuple(shown),
            hidden=len(rest), hidden_effect=sum(r.effect for r in rest),
            effects={c: eff[c] for c, _ in criteria}, capped=notes,
            why_status=visible(labels.humanise("; ".join(rec.reasons))),
            confidence=rec.confidence, decision=decided.get(rec.theme),
            last_year=_last_year_text(last_of[rec.theme]) if rec.theme in last_of else None,
            departure=last_of[rec.theme].departure if rec.theme in last_of else None,
        )

    views = {r.theme: view(r) for r in assessment.recommendations}

    def of(status: Status) -> tuple[ThemeView, ...]:
        return tuple(views[r.theme] for r in assessment.by_status(status))

    priorities, cross, watch = of(Status.PRIORITY), of(Status.CROSS_CUTTING), of(Status.WATCH)
    findings = tuple(group_findings(assessment.findings, labels))
    return Paper(
        title=f"{visible(assessment.partnership)}: strategic priorities",
        partnership=visible(assessment.partnership), marking=visible(marking),
        assessment_date=_date(assessment.assessment_date), criteria=criteria,
        additive=a.config.method.value == "weighted_sum",
        priorities=priorities, cross_cutting=cross, watch=watch,
        others=of(Status.NOT_RECOMMENDED),
        since_last=tuple(_since_last(assessment, labels) + _departures(last)),
        gaps=tuple(_gaps(priorities + cross, watch, findings, crit_label)),
        decisions=tuple(_decisions(priorities, cross, views)),
        findings=findings,
        method=METHOD.get(a.config.method.value, a.config.method.value),
        sources=Sources(named=by_document(a.evidence.source_documents)),
        last_decisions=last,
        last_record=None if previous is None or last_record is None else visible(
            previous.plan or "last year's decision record"),
    )


_DECISION = {
    "adopted_priority": "adopted as a priority",
    "adopted_cross_cutting": "adopted as a cross-cutting theme",
    "rejected": "rejected",
    "amended": "amended",
}


def _decided(record: DecisionRecord | None) -> dict[str, str]:
    if record is None:
        return {}
    out: dict[str, str] = {}
    for d in record.decisions:
        out[d.theme] = visible(f"{d.by}, {_date(d.date)}: {decision_words(d)}. {d.rationale}")
    return out


_NOW = {
    Status.PRIORITY: "a priority",
    Status.CROSS_CUTTING: "a cross-cutting theme",
    Status.WATCH: "on the watch list",
    Status.NOT_RECOMMENDED: "not recommended",
}


def decision_words(d: DecisionEntry) -> str:
    """``adopted as a priority``, ``amended to watch list``: a decision as the paper words it."""
    return _decision_words(d.decision, d.amended_to)


def _decision_words(decision: Decision, amended_to: str | None) -> str:
    what = _DECISION.get(decision.value, decision.value)
    if decision is Decision.AMENDED and amended_to:
        what += f" to {STATUS_TEXT.get(amended_to, amended_to)}"
    return what


def _last_decision(d: LastYearDecision, rec: Recommendation | None,
                   labels: Labels) -> LastDecision:
    """Words for one of the assessment's last-year decisions (it decides what departs)."""
    what = _decision_words(d.decision, d.amended_to)
    departure = None
    if d.status_now is None:
        now = "not assessed"
        departure = "this year's evidence does not assess the theme"
    else:
        now = STATUS[d.status_now]
        if d.departs and d.decision is Decision.REJECTED:
            departure = f"rejected last year, recommended as {_NOW[d.status_now]} this year"
        elif d.departs:
            departure = f"{what} last year, {_NOW[d.status_now]} this year"
    label = visible(rec.label) if rec is not None else visible(labels.name(d.theme))
    return LastDecision(
        theme=d.theme, label=label, decided=what, by=visible(d.decided_by),
        date=_date(d.decided_on), rationale=visible(d.rationale), now=now, departure=departure,
    )


def _last_year_text(d: LastDecision) -> str:
    return f"{d.by}, {d.date}: {d.decided}. {d.rationale}"


def _departures(last: tuple[LastDecision, ...]) -> list[str]:
    if not last:
        return []
    departing = [d for d in last if d.departure is not None]
    if not departing:
        which = "the decision" if len(last) == 1 else f"all {len(last)} decisions"
        return [f"This year's recommendations follow {which} the board recorded last year."]
    named = [f"{d.label} ({d.departure})" for d in departing]
    return [f"Departs from last year's decisions on {plural(len(departing), 'theme')} of "
            f"{len(last)}: {join_and(named)}."]


def _since_last(assessment: Assessment, labels: Labels) -> list[str]:
    out = []
    if assessment.run.analysis.evidence.previous is not None:
        for change, words in (("continued", "Continued from the last plan"),
                              ("new", "New"), ("dropped", "Dropped since the last plan")):
            names = [visible(r.label) for r in assessment.recommendations
                     if r.change.value == change]
            if len(names) > MAX_NAMED:
                # Page one must fit: a plan refreshed from a short list makes most themes new.
                out.append(f"{words}: {len(names)} themes: {', '.join(names[:MAX_NAMED])} "
                           f"and {len(names) - MAX_NAMED} more, in rank order.")
            elif names:
                out.append(f"{words}: {join_and(names)}.")
    c = assessment.changes_since
    if c is not None:
        moves = c.recommendations
        for move in moves[:MAX_MOVES]:
            before = STATUS_TEXT.get(move.status_before, move.status_before)
            after = STATUS_TEXT.get(move.status_after, move.status_after)
            out.append(f"{visible(labels.humanise(move.label))}: {before} (rank "
                       f"{move.rank_before}) last year, now {after} (rank {move.rank_after}).")
        if len(moves) > MAX_MOVES:
            out.append(f"{len(moves) - MAX_MOVES} more themes changed status or rank (see "
                       "Changes since last year).")
        if not moves:
            out.append("No theme changed status or rank since last year's evidence.")
    if not out:
        out.append("No previous priorities were given, so the paper does not compare with "
                   "the last plan.")
    return out


MAX_MOVES = 5
MAX_NAMED = 6
"""Themes a page-one line names before it counts the rest."""
"""Changes since last year listed on page one; the rest are in their own section."""
STATUS_TEXT = {s.value: label for s, label in STATUS.items()}


def _gaps(chosen: tuple[ThemeView, ...], watch: tuple[ThemeView, ...],
          findings: tuple[FindingGroup, ...], crit_label: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    low = sorted((v.confidence, v.label) for v in chosen
                 if v.confidence is not None and v.confidence < LOW_CONFIDENCE)
    if low:
        weakest = [f"{label} ({number(c, 0)})" for c, label in low[:3]]
        out.append(f"Confidence in the evidence is below {LOW_CONFIDENCE:g} of 100 for "
                   f"{len(low)} of the {len(chosen)} chosen themes; lowest: "
                   f"{join_and(weakest)}.")
    driven = [v.label for v in chosen if v.effects and max(
        v.effects, key=lambda c: (v.effects[c], c)) == "drivers"]
    if driven:
        out.append(f"Led by external drivers (national and regional plans) more than by local "
                   f"data: {join_and(driven)}.")
    unowned = [v.label for v in chosen if v.owner == NO_OWNER]
    if unowned:
        out.append(f"No group owns {join_and(unowned)}.")
    lowest = min((v.rec.score for v in chosen if v.rec.status is Status.CROSS_CUTTING),
                 default=None)
    above = [f"{v.label} ({number(v.rec.score)})" for v in watch
             if lowest is not None and v.rec.score > lowest]
    if above:
        named = join_and(above[:3]) + (f" and {len(above) - 3} more" if len(above) > 3 else "")
        out.append("Cross-cutting themes are chosen because their evidence feeds the "
                   f"priorities, not by score: {plural(len(above), 'watch-list theme')} "
                   f"score higher than the lowest of them ({named}).")
    if findings:
        counts = [f"{g.count} {g.label}" for g in findings]
        out.append(f"Data-quality and governance findings: {join_and(counts)} (detail in "
                   "the appendix).")
    return out


def _decisions(priorities: tuple[ThemeView, ...], cross: tuple[ThemeView, ...],
               views: Mapping[str, ThemeView]) -> list[str]:
    out = []
    if priorities:
        out.append(f"Agree {plural(len(priorities), 'priority', 'priorities')}: "
                   f"{join_and([v.label for v in priorities])}, or amend the list.")
    if cross:
        out.append(f"Agree {plural(len(cross), 'cross-cutting theme')}: "
                   f"{join_and([v.label for v in cross])}.")
    unowned = [v.label for v in priorities + cross if v.owner == NO_OWNER]
    if unowned:
        out.append(f"Name an owning group for {join_and(unowned)}.")
    out.append("Note the evidence gaps above, and ask owners to close them before the next "
               "assessment.")
    return out


def _without_long_aside(text: str) -> str:
    if not text.endswith(")"):
        return text
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            aside = text[i:]
            return text[:i].rstrip() if len(aside) > 30 and i > 0 else text
    return text
