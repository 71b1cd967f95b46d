"""What an evaluation produced: contributions, each traceable to its rule and facts."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from csprules.rules.templates import plain_number

EngineName = Literal["durable", "reference"]


class Contribution(BaseModel):
    """Points one match of one rule gives one theme's criterion, with the justification."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_id: str
    theme: str
    criterion: str
    points: float
    text: str
    matched: tuple[tuple[str, str], ...]
    """(alias, fact id) pairs in the rule's alias order."""

    @classmethod
    def trusted(cls, rule_id: str, theme: str, criterion: str, points: float, text: str,
                matched: tuple[tuple[str, str], ...]) -> Contribution:
        """Build without validation, for values the evaluator computed itself.

        Evaluations can produce hundreds of thousands of contributions; this is
        what ``model_construct`` does, minus its per-call bookkeeping (~1 us
        instead of ~7 us).  A test checks it equals a validated instance.
        """
        c = _new(cls)
        _set(c, "__dict__", {"rule_id": rule_id, "theme": theme, "criterion": criterion,
                             "points": points, "text": text, "matched": matched})
        _set(c, "__pydantic_fields_set__", _FIELDS)
        _set(c, "__pydantic_extra__", None)
        _set(c, "__pydantic_private__", None)
        return c

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(fid for _, fid in self.matched)

    def explain(self) -> str:
        facts = ", ".join(f"{alias}={fid}" for alias, fid in self.matched)
        return (f"{self.theme} / {self.criterion}: {_signed(self.points)} from rule "
                f"'{self.rule_id}' [{facts}]: {self.text}")


_new = object.__new__
_set = object.__setattr__
_FIELDS = frozenset(Contribution.model_fields)


class Evaluation(BaseModel):
    """The result of :func:`csprules.rules.evaluate`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ruleset: str
    content_hash: str
    engine: EngineName
    facts: int
    """Facts given."""
    matches: int
    """Distinct (rule, matched facts) combinations that fired."""
    contributions: tuple[Contribution, ...]
    """In rule order (salience, then ruleset order), then by matched fact ids."""

    def for_theme(self, theme: str) -> tuple[Contribution, ...]:
        return tuple(c for c in self.contributions if c.theme == theme)

    def by_theme(self) -> dict[str, tuple[Contribution, ...]]:
        out: dict[str, list[Contribution]] = {}
        for c in self.contributions:
            out.setdefault(c.theme, []).append(c)
        return {t: tuple(cs) for t, cs in sorted(out.items())}

    def themes(self) -> tuple[str, ...]:
        return tuple(sorted({c.theme for c in self.contributions}))

    def explain(self, theme: str | None = None) -> str:
        """Each contribution (of ``theme``, or all) on a line: rule, facts, points, text."""
        return "\n".join(explain(self, theme))


def explain(evaluation: Evaluation, theme: str | None = None) -> list[str]:
    """Lines listing each contribution: theme / criterion, points, rule id, fact ids, text."""
    chosen = evaluation.contributions if theme is None else evaluation.for_theme(theme)
    return [c.explain() for c in chosen]


def _signed(points: float) -> str:
    text = plain_number(points)
    return text if text.startswith("-") else "+" + text
