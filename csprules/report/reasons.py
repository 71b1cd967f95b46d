"""A theme's reasons as a person reads them: strongest effect on the score first, each once.

A rule counts once per theme and criterion (its strongest match: see
:func:`csprules.scoring.matrix.build_matrix`), so its other matches are shown
as "also", not as more bullets; the same sentence counted through a child
theme is one reason that "counts through" the child.  A reason's effect is
its share of what its criterion contributed to the score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from csprules.report.hygiene import visible
from csprules.report.labels import Labels
from csprules.report.wording import tidy
from csprules.scoring.matrix import rule_points
from csprules.scoring.model import Justification
from csprules.signals.model import EvidenceRef


@dataclass(frozen=True)
class Reason:
    criterion: str
    """The criterion's label."""
    effect: float
    """Points of the 0-100 score this reason is worth."""
    text: str
    also: tuple[str, ...]
    """Other evidence the same rule matched (not counted again)."""
    through: tuple[str, ...]
    """Labels of the child themes it counts through."""
    evidence: tuple[EvidenceRef, ...]


def _subject(text: str) -> str:
    """The part of a rule sentence naming its evidence: ``Knife Crime: ...`` -> ``Knife Crime``."""
    head, sep, _ = text.partition(": ")
    return head if sep else text


def theme_reasons(
    theme: str,
    justifications: Sequence[Justification],
    criterion_points: Mapping[str, float],
    criterion_effect: Mapping[str, float],
    criterion_label: Mapping[str, str],
    labels: Labels,
) -> list[Reason]:
    """Reasons for ``theme``, ordered by effect (largest first), then criterion and text."""
    by_rule: dict[tuple[str, str], list[Justification]] = {}
    for j in justifications:
        by_rule.setdefault((j.criterion, j.rule), []).append(j)
    out: list[Reason] = []
    for (criterion, _rule), group in sorted(by_rule.items()):
        counted = rule_points([j.points for j in group])
        total = criterion_points.get(criterion, 0.0)
        effect = criterion_effect.get(criterion, 0.0) * counted / total if total else 0.0
        # The strongest match (deepest deduction) leads; ties go to the theme's own evidence.
        lead = sorted(group, key=lambda j: (
            -j.points if counted >= 0 else j.points, j.theme != theme, j.text))[0]
        lead_text = visible(labels.humanise(tidy(lead.text)))
        through = sorted({labels.name(j.theme) for j in group
                          if j.text == lead.text and j.theme != theme})
        also = sorted({_subject(visible(labels.humanise(tidy(j.text)))) for j in group
                       if j.text != lead.text} - {_subject(lead_text)})
        refs: dict[str, EvidenceRef] = {}
        for j in group:
            if j.text == lead.text:
                for ref in j.evidence:
                    refs.setdefault(str(ref), ref)
        out.append(Reason(
            criterion=criterion_label.get(criterion, criterion), effect=effect,
            text=lead_text, also=tuple(also), through=tuple(through),
            evidence=tuple(refs[k] for k in sorted(refs)),
        ))
    out.sort(key=lambda r: (-round(r.effect, 6), r.criterion, r.text))
    return out
