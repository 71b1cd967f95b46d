"""Weights a partnership agrees: pairwise answers per partner -> AHP weights, combined.

Each partner answers one question per pair of criteria ("which matters more for this
partnership, and how much: harm or public concern?"), in the terminal or on a sheet,
saved as a small YAML file::

    kind: csprules/answers
    version: 1
    partner: Police (BCU)
    answers:
      - {more: harm, than: volume, by: 3}     # harm matters 3 times as much as volume
      - {more: concern, than: harm, by: 1}    # 1: equally

``by`` is Saaty's 1-9 scale (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9
extremely more).  Every pair of the criteria the file names must be answered once.
Each partner's weights come from :func:`csprules.scoring.ahp.ahp_weights` with its
consistency ratio; the partnership's from the geometric mean of every partner's
judgements (the usual way to combine AHP judgements, which keeps reciprocity).  The
weights are scaled so that the asked criteria keep the ruleset's total weight: the
criteria nobody was asked about keep their influence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from csprules.errors import UsageError
from csprules.scoring.ahp import CONSISTENT_ENOUGH, ahp_weights, contradictions
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import validate
from csprules.sources.yaml_file import load_yaml
from csprules.sources.yaml_tables import check_header

SCALE = {1: "equally", 2: "slightly more", 3: "moderately more", 4: "moderately to strongly more",
         5: "strongly more", 6: "strongly to very strongly more", 7: "very strongly more",
         8: "very to extremely more", 9: "extremely more"}


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    more: str
    than: str
    by: int = Field(ge=1, le=9)


class Answers(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    version: int
    partner: str = Field(min_length=1)
    answers: tuple[Answer, ...] = Field(min_length=1)


class Contradiction(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    more: str
    than: str
    answered: float
    """The judgement given: ``more`` matters this many times as much as ``than``."""
    implied: float
    """What the partner's other answers, through the weights, imply instead."""


class PartnerResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    partner: str
    weights: dict[str, float]
    consistency_ratio: float
    consistent: bool
    contradictions: tuple[Contradiction, ...]


class CriterionDisagreement(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    low: float
    high: float
    spread: float
    """high - low, in weight units: how far apart the partners are."""


class Elicited(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criteria: tuple[str, ...]
    partners: tuple[PartnerResult, ...]
    combined: PartnerResult
    """The partnership: the geometric mean of every partner's judgements."""
    disagreement: tuple[CriterionDisagreement, ...]
    """Most disputed criterion first."""


def pairs(criteria: Sequence[str]) -> list[tuple[str, str]]:
    return list(combinations(criteria, 2))


def load_answers(path: Path, known: Sequence[str]) -> tuple[Answers, tuple[str, ...]]:
    """A partner's answers, checked: known criteria, every pair once, none twice."""
    doc = load_yaml(path, str(path), UsageError)
    check_header(doc, "answers", (1,), UsageError)
    answers = validate(Answers, doc.data, doc.location, UsageError)
    named: list[str] = []
    seen: dict[frozenset[str], int] = {}
    for k, a in enumerate(answers.answers):
        for field, name in (("more", a.more), ("than", a.than)):
            if name not in known:
                hint = did_you_mean(name, known)
                raise UsageError(f"{doc.location(('answers', k, field))}: expected a criterion "
                                 f"of the ruleset ({', '.join(known)}); found '{name}'"
                                 + (f" (did you mean '{hint}'?)" if hint else ""))
            if name not in named:
                named.append(name)
        if a.more == a.than:
            raise UsageError(f"{doc.location(('answers', k))}: expected two different "
                             f"criteria; found '{a.more}' twice")
        key = frozenset((a.more, a.than))
        if key in seen:
            raise UsageError(f"{doc.location(('answers', k))}: expected each pair once; "
                             f"found {a.more} and {a.than} again (first at answer "
                             f"{seen[key] + 1})")
        seen[key] = k
    criteria = tuple(c for c in known if c in named)
    missing = [(x, y) for x, y in pairs(criteria) if frozenset((x, y)) not in seen]
    if missing:
        shown = ", ".join(f"{x} / {y}" for x, y in missing[:5])
        raise UsageError(f"{doc.location(('answers',))}: expected an answer for every pair of "
                         f"{', '.join(criteria)}; found {len(missing)} missing: {shown}"
                         + (" ..." if len(missing) > 5 else ""))
    return answers, criteria


def judgement_matrix(answers: Answers, criteria: Sequence[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(criteria)}
    m = np.ones((len(criteria), len(criteria)))
    for a in answers.answers:
        i, j = index[a.more], index[a.than]
        m[i, j], m[j, i] = float(a.by), 1.0 / a.by
    return m


def elicit(partners: Sequence[tuple[Answers, tuple[str, ...]]],
           ruleset_weights: Mapping[str, float]) -> Elicited:
    """Every partner's AHP weights, the partnership's, and where they disagree."""
    if not partners:
        raise UsageError("csprules elicit weigh: expected at least one answers file")
    criteria = partners[0][1]
    for answers, own in partners[1:]:
        if own != criteria:
            raise UsageError(f"{answers.partner}: expected answers on the same criteria as "
                             f"{partners[0][0].partner} ({', '.join(criteria)}); found "
                             f"{', '.join(own)}")
    total = sum(ruleset_weights[c] for c in criteria) or float(len(criteria))
    matrices = [judgement_matrix(a, criteria) for a, _ in partners]
    results = [_result(a.partner, m, criteria, total) for (a, _), m in zip(partners, matrices,
                                                                           strict=True)]
    group = np.exp(np.mean([np.log(m) for m in matrices], axis=0))
    combined = _result("partnership (geometric mean of every partner's answers)", group,
                       criteria, total)
    spread = [
        CriterionDisagreement(criterion=c, low=min(r.weights[c] for r in results),
                              high=max(r.weights[c] for r in results),
                              spread=_round(max(r.weights[c] for r in results)
                                            - min(r.weights[c] for r in results)))
        for c in criteria
    ]
    spread.sort(key=lambda d: (-d.spread, d.criterion))
    return Elicited(criteria=criteria, partners=tuple(results), combined=combined,
                    disagreement=tuple(spread))


def _result(partner: str, matrix: np.ndarray, criteria: Sequence[str],
            total: float) -> PartnerResult:
    r = ahp_weights(matrix)
    found = tuple(
        Contradiction(more=criteria[i], than=criteria[j], answered=_round(matrix[i, j]),
                      implied=_round(float(r.weights[i] / r.weights[j])))
        for i, j, _ in contradictions(matrix, r.weights)
    )
    return PartnerResult(
        partner=partner,
        weights={c: _round(float(w) * total) for c, w in zip(criteria, r.weights, strict=True)},
        consistency_ratio=_round(r.consistency_ratio),
        consistent=r.consistency_ratio <= CONSISTENT_ENOUGH,
        contradictions=found if r.consistency_ratio > CONSISTENT_ENOUGH else (),
    )


def weights_file(result: PartnerResult) -> str:
    """A partner weights file (``kind: csprules/weights``) for ``weights`` and the reports."""
    body = ", ".join(f"{c}: {w:g}" for c, w in result.weights.items())
    return ("# Written by csprules elicit from pairwise answers (AHP, consistency ratio "
            f"{result.consistency_ratio:.3f}).\nkind: csprules/weights\nversion: 1\n"
            f"partner: {_yaml_string(result.partner)}\nweights: {{{body}}}\n")


def sheet(criteria: Sequence[str], labels: Mapping[str, str], partner: str = "") -> str:
    """A printable, fillable answers file: one question per pair, as YAML comments."""
    lines = [
        "# csprules elicit: which matters more for this partnership, and how much?",
        "# For each pair, set 'more' to the criterion that matters more (either one if",
        "# equal) and 'by' to how much more, on Saaty's scale:",
        "#   1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely (2, 4, 6, 8",
        "#   in between).  Then: csprules elicit weigh THIS_FILE [OTHER PARTNERS' FILES].",
        "kind: csprules/answers",
        "version: 1",
        f"partner: {_yaml_string(partner or 'WHO IS ANSWERING')}",
        "answers:",
    ]
    for a, b in pairs(criteria):
        lines.append(f"  # {labels.get(a, a)} or {labels.get(b, b)}?")
        lines.append(f"  - {{more: {a}, than: {b}, by: 1}}")
    return "\n".join(lines) + "\n"


def sheet_markdown(criteria: Sequence[str], labels: Mapping[str, str]) -> str:
    """The same questions as a table to print and fill in by hand."""
    lines = ["# Which matters more for this partnership, and how much?", "",
             "Partner: ______________________", "",
             "Tick the one that matters more (or 'equal'), then circle how much more: "
             "1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely.", "",
             "| # | A | B | More: A / B / equal | How much (1-9) |", "|---:|---|---|---|---|"]
    for k, (a, b) in enumerate(pairs(criteria), start=1):
        lines.append(f"| {k} | {labels.get(a, a)} | {labels.get(b, b)} | A / B / equal | "
                     "1 2 3 4 5 6 7 8 9 |")
    return "\n".join(lines) + "\n"


def render_elicited(e: Elicited) -> str:
    lines = [f"AHP weights from pairwise answers on {', '.join(e.criteria)} (scaled to the "
             "ruleset's total weight for these criteria):"]
    for r in (*e.partners, e.combined):
        flag = "consistent" if r.consistent else "INCONSISTENT: look again at the answers below"
        lines.append(f"  {r.partner}: " + ", ".join(f"{c} {w:.3g}" for c, w in r.weights.items())
                     + f"  (consistency ratio {r.consistency_ratio:.3f}, {flag})")
        for c in r.contradictions:
            lines.append(f"      answered {c.more} {c.answered:.3g} x {c.than}; the other "
                         f"answers imply {c.implied:.3g} x")
    lines.append("where partners disagree most (criterion: lowest-highest weight):")
    for d in e.disagreement:
        lines.append(f"  {d.criterion}: {d.low:.3g}-{d.high:.3g} (spread {d.spread:.3g})")
    return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    # Double-quoted YAML with JSON escapes is always valid YAML, whatever the name holds.
    import json

    return json.dumps(text, ensure_ascii=False)


def _round(x: float) -> float:
    value = round(x, 6)
    return 0.0 if value == 0 or math.isnan(value) else value
