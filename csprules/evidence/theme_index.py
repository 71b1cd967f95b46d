"""What every later stage needs to know about the candidate themes, computed once per run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from csprules.evidence.drivers import DriverKind
from csprules.evidence.evidence import Evidence


@dataclass(frozen=True)
class ThemeIndex:
    """Theme ids in catalogue order, their parents and the statutory duties on them.

    Built once by the pipeline and handed to signals, scoring and governance, so
    no stage re-derives (and possibly disagrees about) the theme tree.
    """

    ids: tuple[str, ...]
    position: Mapping[str, int]
    parents: Mapping[str, str | None]
    statutory: Mapping[str, tuple[str, ...]]
    """Theme -> names of the statutory duties active on the assessment date, sorted."""

    @classmethod
    def of(cls, evidence: Evidence) -> ThemeIndex:
        ids = tuple(t.id for t in evidence.themes)
        day = evidence.partnership.assessment_date
        duties: dict[str, list[str]] = {}
        for d in evidence.drivers:
            if d.kind is DriverKind.STATUTORY_DUTY and d.active_on(day):
                for theme in d.themes:
                    duties.setdefault(theme, []).append(d.name)
        return cls(
            ids=ids,
            position={t: i for i, t in enumerate(ids)},
            parents={t.id: t.parent for t in evidence.themes},
            statutory={t: tuple(sorted(names)) for t, names in duties.items()},
        )
