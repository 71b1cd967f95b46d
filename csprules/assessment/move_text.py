"""A moved theme and the parts of its move, as text (``diff --against`` and ``--since``)."""

from __future__ import annotations

from typing import Protocol

from csprules.scoring.attribution import Part, StatusCause


class MoveLike(Protocol):
    @property
    def theme(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def rank_before(self) -> int: ...
    @property
    def rank_after(self) -> int: ...
    @property
    def score_before(self) -> float: ...
    @property
    def score_after(self) -> float: ...
    @property
    def status_before(self) -> str: ...
    @property
    def status_after(self) -> str: ...
    @property
    def change(self) -> float: ...
    @property
    def parts(self) -> tuple[Part, ...]: ...
    @property
    def status_cause(self) -> StatusCause | None: ...


def render_move(m: MoveLike) -> list[str]:
    """A moved theme and its parts, as text (shared with ``diff --since``)."""
    lines = [f"{m.label} ({m.theme}): rank {m.rank_before} -> {m.rank_after}, score "
             f"{m.score_before:.1f} -> {m.score_after:.1f} ({m.change:+.2f}), "
             f"{m.status_before} -> {m.status_after}"]
    if m.status_cause is not None:
        lines.append(f"    status: {m.status_cause.text}")
    for p in m.parts:
        where = f" on {p.criterion}" if p.kind == "rule" else ""
        split = (f" (direct {p.direct:+.2f}, dilution {p.dilution:+.2f})"
                 if p.direct is not None and p.dilution is not None else "")
        lines.append(f"    {p.effect:+.2f}  {p.kind} {p.name}{where}: {p.change}{split}")
        lines += [f"           signal {s}" for s in p.signals]
    if not m.parts:
        lines.append("    its own score did not move: other themes moved around it")
    return lines
