"""A small trend chart for one indicator: axes, unit, and its target, baseline and comparator.

The chart says what the reader needs to judge the line: the value scale (zero
to the highest value, labelled), the first and last periods, the unit, a
dashed line for the latest target or baseline, and a grey line for the first
comparator area (London, the MSG average, ...) where the evidence has one.
"""

from __future__ import annotations

from html import escape

from csprules.evidence.indicator import Indicator, Series, Unit
from csprules.report.hygiene import visible
from csprules.report.wording import number

W, H, LEFT, BOTTOM, TOP = 220.0, 60.0, 44.0, 14.0, 6.0


def _e(text: str) -> str:
    return escape(visible(text), quote=True)


def _unit(ind: Indicator) -> str:
    if ind.unit is Unit.RATE and ind.per:
        return f"per {ind.per:,}"
    return {Unit.PERCENTAGE: "%", Unit.COUNT: "count"}.get(ind.unit, ind.unit.value)


def trend_chart(ind: Indicator) -> str | None:
    """An inline SVG figure, or None when the indicator has fewer than two actual values."""
    series: dict[tuple[Series, str], list[tuple[tuple[object, ...], str, float]]] = {}
    for o in ind.observations:
        if isinstance(o.value, float) and o.series in (
                Series.ACTUAL, Series.TARGET, Series.BASELINE, Series.COMPARATOR):
            series.setdefault((o.series, o.area or ""), []).append(
                (o.period.sort_key, o.period.label, float(o.value)))
    actual = sorted(series.get((Series.ACTUAL, ""), []))
    if len(actual) < 2:
        return None
    periods = [label for _, label, _ in actual]
    comparator_key = next((k for k in sorted(series) if k[0] is Series.COMPARATOR), None)
    comparator = {label: v for _, label, v in series.get(comparator_key, [])} \
        if comparator_key else {}
    level = next((sorted(series[k])[-1] for k in sorted(series)
                  if k[0] in (Series.TARGET, Series.BASELINE)), None)
    level_kind = next((k[0].value for k in sorted(series)
                       if k[0] in (Series.TARGET, Series.BASELINE)), "")
    values = [v for _, _, v in actual] + [comparator[p] for p in periods if p in comparator]
    if level is not None:
        values.append(level[2])
    lo, hi = min(0.0, *values), max(values)
    span = hi - lo or 1.0
    step = (W - LEFT - 4) / (len(actual) - 1)

    def y(v: float) -> float:
        return H - BOTTOM - (v - lo) / span * (H - BOTTOM - TOP)

    def line(points: list[tuple[int, float]], attrs: str) -> str:
        coords = " ".join(f"{LEFT + i * step:.1f},{y(v):.1f}" for i, v in points)
        return f'<polyline fill="none" points="{coords}" {attrs}/>'

    parts = [
        f'<line x1="{LEFT:g}" y1="{H - BOTTOM:g}" x2="{W - 2:g}" y2="{H - BOTTOM:g}" '
        'stroke="#767676"/>',
        f'<line x1="{LEFT:g}" y1="{TOP:g}" x2="{LEFT:g}" y2="{H - BOTTOM:g}" stroke="#767676"/>',
        f'<text x="{LEFT - 3:g}" y="{TOP + 4:g}" text-anchor="end" font-size="9">'
        f"{number(hi, 0)}</text>",
        f'<text x="{LEFT - 3:g}" y="{H - BOTTOM:g}" text-anchor="end" font-size="9">'
        f"{number(lo, 0)}</text>",
        f'<text x="{LEFT:g}" y="{H - 2:g}" font-size="9">{_e(periods[0])}</text>',
        f'<text x="{W - 2:g}" y="{H - 2:g}" text-anchor="end" font-size="9">'
        f"{_e(periods[-1])}</text>",
    ]
    notes = []
    if level is not None:
        parts.append(f'<line x1="{LEFT:g}" y1="{y(level[2]):.1f}" x2="{W - 2:g}" '
                     f'y2="{y(level[2]):.1f}" stroke="#8a4b00" stroke-dasharray="4 3"/>')
        digits = 0 if ind.unit is Unit.COUNT else 1
        notes.append(f"dashed: {level_kind} {number(level[2], digits)} ({level[1]})")
    if comparator:
        pts = [(i, comparator[p]) for i, p in enumerate(periods) if p in comparator]
        if len(pts) >= 2:
            parts.append(line(pts, 'stroke="#767676" stroke-width="1.2"'))
            notes.append(f"grey: {comparator_key[1] if comparator_key else ''}")
    parts.append(line(list(enumerate(v for _, _, v in actual)),
                      'stroke="currentColor" stroke-width="1.6"'))
    first, last = actual[0], actual[-1]
    desc = (f"{ind.label} ({_unit(ind)}): {first[1]} {number(first[2], 0)} to {last[1]} "
            f"{number(last[2], 0)}" + (f"; {'; '.join(notes)}" if notes else ""))
    return (f'<figure class="spark"><svg width="{W:g}" height="{H:g}" role="img" '
            f'aria-label="{_e(desc)}">{"".join(parts)}</svg>'
            f"<figcaption>{_e(desc)}</figcaption></figure>")
