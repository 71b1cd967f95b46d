"""Workshop scores: each partner's judgement per theme and criterion, MoRiLE-style.

A scoring workshop gives a CSV, one judgement a row::

    # csprules workshop 1
    partner,theme,criterion,score,note
    Police (BCU),burglary,harm,6,
    Council,burglary,harm,8,"repeat victims in the north"

``score`` is 0 (none) to 10 (the most serious); ``criterion`` is one of the ruleset's
criteria, the dimension the partner judged.  Per theme and criterion the judgements
aggregate to their median, with the lowest and highest (their spread is the
disagreement).  They join the rule scores as **a criterion of their own**, ``workshop``
(cap 10, weight ``--workshop-weight``, default 1): a theme's workshop points are the
mean, over the criteria judged for it, of the partners' median.  The rule scores are
untouched, so the workshop can raise or lower a theme only through that one weight,
and every judgement stays traceable to who gave it (a justification citing its row).
A judgement counts for the theme judged only: unlike rule points it is not rolled up
to parent themes (the workshop can judge the parent itself).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from csprules.assessment.pipeline import Evaluated
from csprules.errors import Location, Problem, UsageError
from csprules.rules.scoring_config import Criterion, Method
from csprules.scoring.matrix import ScoreMatrix
from csprules.scoring.model import Justification
from csprules.scoring.scorer import Scorer
from csprules.signals.model import EvidenceRef
from csprules.sources.csv_file import load_csv
from csprules.sources.suggest import did_you_mean

CRITERION = "workshop"
CAP = 10.0


class Judgement(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partner: str
    theme: str
    criterion: str
    score: float
    note: str
    row: Location


class Aggregate(BaseModel):
    """The partners' judgements on one theme and criterion."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    criterion: str
    median: float
    low: float
    high: float
    spread: float
    partners: tuple[str, ...]
    rows: tuple[str, ...]
    """Where each judgement was written, in partner order."""


class Workshop(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    judgements: tuple[Judgement, ...]
    aggregates: tuple[Aggregate, ...]
    """By theme, then criterion."""

    def points(self) -> dict[str, float]:
        """Per theme, the workshop criterion's points: the mean of its criterion medians."""
        by_theme: dict[str, list[float]] = {}
        for a in self.aggregates:
            by_theme.setdefault(a.theme, []).append(a.median)
        return {t: statistics.fmean(v) for t, v in sorted(by_theme.items())}

    def contested(self, top: int = 10) -> list[Aggregate]:
        """Where partners disagree most (spread 3 or more), widest first."""
        wide = [a for a in self.aggregates if a.spread >= 3]
        wide.sort(key=lambda a: (-a.spread, a.theme, a.criterion))
        return wide[:top]


def load_workshop(path: Path, themes: Sequence[str], criteria: Sequence[str]) -> Workshop:
    display = str(path)
    table = load_csv(path, display, "workshop", (1,), ("partner", "theme", "criterion",
                                                        "score"),
                     ("partner", "theme", "criterion", "score", "note"), UsageError)
    problems: list[Problem] = []
    judgements: list[Judgement] = []
    seen: dict[tuple[str, str, str], Location] = {}
    for rec in table.records:
        v = rec.values
        partner, theme, criterion = v["partner"], v["theme"], v["criterion"]
        if not partner:
            problems.append(Problem(rec.at("partner"), "expected who gave the judgement; "
                                    "found an empty cell"))
        if theme not in themes:
            problems.append(Problem(rec.at("theme"), f"expected a theme id; found '{theme}'",
                                    suggestion=did_you_mean(theme, themes)))
        if criterion not in criteria:
            problems.append(Problem(rec.at("criterion"), f"expected a criterion of the "
                                    f"ruleset; found '{criterion}'",
                                    suggestion=did_you_mean(criterion, criteria)))
        try:
            score = float(v["score"])
        except ValueError:
            score = float("nan")
        if not 0 <= score <= CAP:
            problems.append(Problem(rec.at("score"), f"expected a score from 0 to {CAP:g}; "
                                    f"found {v['score']!r}"))
        key = (partner, theme, criterion)
        if key in seen:
            problems.append(Problem(rec.row, f"expected one judgement per partner, theme and "
                                    f"criterion; found {partner} on {theme} {criterion} again "
                                    f"(first at {seen[key]})"))
        seen.setdefault(key, rec.row)
        judgements.append(Judgement(partner=partner, theme=theme, criterion=criterion,
                                    score=score if score == score else 0.0,
                                    note=v.get("note", ""), row=rec.row))
    if problems:
        raise UsageError(problems)
    if not judgements:
        raise UsageError([Problem(Location(display, 3, 1), "expected at least one judgement; "
                                  "found none")])
    # Sorted by content, not row order: the same judgements give the same result.
    judgements.sort(key=lambda j: (j.theme, j.criterion, j.partner))
    groups: dict[tuple[str, str], list[Judgement]] = {}
    for j in judgements:
        groups.setdefault((j.theme, j.criterion), []).append(j)
    aggregates = [
        Aggregate(theme=t, criterion=c, median=float(statistics.median(x.score for x in js)),
                  low=min(x.score for x in js), high=max(x.score for x in js),
                  spread=max(x.score for x in js) - min(x.score for x in js),
                  partners=tuple(x.partner for x in js), rows=tuple(str(x.row) for x in js))
        for (t, c), js in sorted(groups.items())
    ]
    return Workshop(source=display, judgements=tuple(judgements), aggregates=tuple(aggregates))


@dataclass(frozen=True)
class _Contribution:
    rule_id: str
    theme: str
    criterion: str
    points: float
    text: str
    fact_ids: tuple[str, ...] = ()


def with_workshop(run: Evaluated, workshop: Workshop, weight: float = 1.0) -> Evaluated:
    """The same run with the workshop as a criterion of its own (no rule fires again)."""
    a = run.analysis
    if a.config.method is not Method.WEIGHTED_SUM:
        raise UsageError("workshop scores join the weighted sum as a criterion of their own; "
                         f"this ruleset combines by '{a.config.method.value}'")
    if CRITERION in a.matrix.criteria:
        raise UsageError(f"the ruleset already has a criterion '{CRITERION}'")
    if not weight >= 0:
        raise UsageError(f"--workshop-weight: expected 0 or more; found {weight:g}")
    m = a.matrix
    points = workshop.points()
    column = np.array([points.get(t, 0.0) for t in m.themes])
    contributions = dict(m.contributions)
    justifications = dict(a.justifications)
    by_theme: dict[str, list[Aggregate]] = {}
    for agg in workshop.aggregates:
        by_theme.setdefault(agg.theme, []).append(agg)
    rows = {str(j.row): j.row for j in workshop.judgements}
    for theme, aggs in by_theme.items():
        text = "; ".join(f"{x.criterion} median {x.median:g} (from {x.low:g} to {x.high:g}: "
                         + ", ".join(x.partners) + ")" for x in aggs)
        c = _Contribution("workshop", theme, CRITERION, points[theme],
                          f"workshop judgement: {text}")
        contributions[theme] = (*contributions.get(theme, ()), c)
        j = Justification.model_construct(
            rule="workshop", criterion=CRITERION, points=round(points[theme], 6), text=c.text,
            theme=theme, facts=(),
            evidence=tuple(EvidenceRef(row=rows[r]) for x in aggs for r in x.rows))
        justifications[theme] = tuple(sorted(
            (*justifications.get(theme, ()), j),
            key=lambda j: (-j.points, j.criterion, j.rule, j.theme, j.facts)))
    matrix = ScoreMatrix(
        themes=m.themes, criteria=(*m.criteria, CRITERION),
        points=np.column_stack([m.points, column]), caps=np.append(m.caps, CAP),
        weights=np.append(m.weights, weight), contributions=contributions)
    criteria = {**a.criteria, CRITERION: Criterion(label="Workshop judgement", weight=weight,
                                                   cap=CAP)}
    analysis = replace(a, criteria=criteria, matrix=matrix,
                       scorer=Scorer.for_matrix(a.config, matrix), justifications=justifications,
                       judgement=a.judgement | {CRITERION})
    return replace(run, analysis=analysis)


def render_workshop(w: Workshop) -> str:
    lines = [f"{w.source}: {len(w.judgements)} judgements by "
             f"{len({j.partner for j in w.judgements})} partners on "
             f"{len({a.theme for a in w.aggregates})} themes",
             "per theme and criterion: median (lowest-highest) and who judged:"]
    for a in w.aggregates:
        lines.append(f"  {a.theme} {a.criterion}: {a.median:g} ({a.low:g}-{a.high:g}) "
                     f"{', '.join(a.partners)}")
    contested = w.contested()
    lines.append("where partners disagree most (spread of 3 or more): "
                 + (", ".join(f"{a.theme} {a.criterion} {a.low:g}-{a.high:g}"
                              for a in contested) or "none"))
    return "\n".join(lines) + "\n"
