"""Naive strategies a meeting could follow without csprules, scored like the ruleset.

Each baseline scores every candidate theme from the same evidence the ruleset
saw (higher is chosen first); ties are resolved by expectation in
:mod:`csprules.assessment.ranking_metrics`, never by theme id.

- ``volume``: the largest latest count among the theme's count indicators;
- ``concern``: the theme's best standing in any consultation, as a percentile
  of the themes that consultation measured (so surveys of any size compare);
- ``drivers``: how many active external drivers name the theme;
- ``previous``: last plan's priorities (2), cross-cutting themes (1), the rest (0);
- ``random``: every theme equally likely; its expected values are exact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from csprules.signals.model import Signal, Signals

Scores = dict[str, float]
RANDOM = "random"


def volume(themes: tuple[str, ...], signals: Signals) -> Scores:
    out = dict.fromkeys(themes, 0.0)
    for s in _kind(signals, "indicator"):
        latest = s.fields.get("latest")
        if s.fields.get("unit") == "count" and isinstance(latest, float) and s.theme in out:
            out[s.theme] = max(out[s.theme], latest)
    return out


def concern(themes: tuple[str, ...], signals: Signals) -> Scores:
    out = dict.fromkeys(themes, 0.0)
    by_consultation: dict[str, list[Signal]] = {}
    for s in _kind(signals, "concern"):
        by_consultation.setdefault(str(s.fields.get("consultation")), []).append(s)
    for measured in by_consultation.values():
        keys = [_concern_key(s) for s in measured]
        n = len(measured)
        for s, key in zip(measured, keys, strict=True):
            better = sum(1 for other in keys if other < key)  # equal measures share a place
            if s.theme in out:
                out[s.theme] = max(out[s.theme], (n - better) / n)
    return out


def drivers(themes: tuple[str, ...], signals: Signals) -> Scores:
    out = dict.fromkeys(themes, 0.0)
    for s in _kind(signals, "driver"):
        if s.fields.get("active") is True and s.theme in out:
            out[s.theme] += 1.0
    return out


def previous(themes: tuple[str, ...], signals: Signals) -> Scores:
    out = dict.fromkeys(themes, 0.0)
    points = {"priority": 2.0, "cross_cutting": 1.0}
    for s in _kind(signals, "theme"):
        if s.theme in out:
            out[s.theme] = points.get(str(s.fields.get("previous_status")), 0.0)
    return out


BASELINES: Mapping[str, Callable[[tuple[str, ...], Signals], Scores]] = {
    "volume": volume, "concern": concern, "drivers": drivers, "previous": previous,
}


def _kind(signals: Signals, kind: str) -> list[Signal]:
    return [s for s in signals.signals if s.kind == kind]


def _concern_key(s: Signal) -> float:
    """Smaller is more concern: a larger share choosing it, a larger share seeing it as a
    problem, else a better (smaller) rank."""
    for name, sign in (("share_pct", -1.0), ("pct_problem", -1.0), ("rank", 1.0)):
        value = s.fields.get(name)
        if isinstance(value, float):
            return sign * value
    return float("inf")
