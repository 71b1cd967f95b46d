"""Small builders for scoring tests: contributions without firing any rule."""

from __future__ import annotations

from dataclasses import dataclass

from csprules import Evidence, load_evidence
from csprules.rules.scoring_config import Criterion
from csprules.signals.derive import derive_signals
from csprules.signals.model import Signals


@dataclass(frozen=True)
class C:
    theme: str
    criterion: str
    points: float
    rule_id: str = "r"
    text: str = "t"
    fact_ids: tuple[str, ...] = ()


def crit(weight: float, cap: float = 10.0, label: str | None = None) -> Criterion:
    return Criterion(label=label or "x", weight=weight, cap=cap)


_CACHE: dict[str, tuple[Evidence, Signals]] = {}


def mini() -> tuple[Evidence, Signals]:
    if "mini" not in _CACHE:
        evidence = load_evidence("tests/fixtures/mini")
        _CACHE["mini"] = (evidence, derive_signals(evidence))
    return _CACHE["mini"]
