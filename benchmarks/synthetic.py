"""Synthetic but plausible partnerships for benchmarks (seeded, reproducible)."""

from __future__ import annotations

from datetime import date

import numpy as np

from csprules import (
    ConsultationMeasure,
    ConsultationResult,
    Direction,
    DriverKind,
    DriverLevel,
    Evidence,
    ExternalDriver,
    Indicator,
    Location,
    Observation,
    Partnership,
    PeriodKind,
    Series,
    Theme,
    ThemeKind,
    Unit,
)
from csprules.evidence.catalogue import default_catalogue
from csprules.evidence.periods import parse_period

YEARS = ["2012/13", "2013/14", "2014/15", "2015/16"]


def synthetic_evidence(seed: int, themes: int | None = None, indicators: int = 60) -> Evidence:
    rng = np.random.default_rng(seed)
    catalogue = list(default_catalogue())
    extra = [
        Theme(id=f"local-{i}", label=f"Local theme {i}", kind=ThemeKind.PLACE)
        for i in range(max((themes or 0) - len(catalogue), 0))
    ]
    all_themes = (catalogue + extra)[:themes] if themes else catalogue + extra
    ids = [t.id for t in all_themes]
    where = f"synthetic-{seed}"
    inds: list[Indicator] = []
    line = 1
    for k in range(indicators):
        theme = ids[int(rng.integers(len(ids)))]
        base = float(rng.integers(50, 5000))
        observations = []
        for year in YEARS:
            line += 1
            observations.append(Observation(
                indicator=f"i{k}", series=Series.ACTUAL,
                period=parse_period(year, PeriodKind.FINANCIAL_YEAR),
                value=round(base * float(rng.uniform(0.8, 1.25)), 0),
                row=Location(where, line),
            ))
        direction = Direction.UP_UNDER_REPORTED if rng.random() < 0.15 else Direction.DOWN
        inds.append(Indicator(
            id=f"i{k}", label=f"Indicator {k}", themes=(theme,), unit=Unit.COUNT,
            period_kind=PeriodKind.FINANCIAL_YEAR, direction=direction,
            harm_class=theme, row=Location(where, k + 1), observations=tuple(observations),
        ))
    measures = tuple(
        ConsultationMeasure(theme=t, top_three=int(rng.integers(10, 300)),
                            row=Location(where, 1000 + i))
        for i, t in enumerate(rng.choice(ids, size=8, replace=False))
    )
    drivers = tuple(
        ExternalDriver(
            id=f"d{i}", name=f"Driver {i}", issuer="PCC", level=DriverLevel.REGIONAL,
            kind=[DriverKind.PLAN_PRIORITY, DriverKind.STRATEGY, DriverKind.FUNDING][i % 3],
            themes=tuple(str(t) for t in rng.choice(ids, size=3, replace=False)),
            row=Location(where, 2000 + i),
        )
        for i in range(6)
    )
    return Evidence(
        partnership=Partnership(name=f"Synthetic CSP {seed}", area=f"Area {seed}",
                                assessment_date=date(2016, 4, 1),
                                population=int(rng.integers(100_000, 400_000))),
        themes=tuple(sorted(all_themes, key=lambda t: t.id)),
        indicators=tuple(inds),
        consultations=(ConsultationResult(id="survey", source="Survey", method="survey",
                                          respondents=1000, row=Location(where, 999),
                                          measures=measures),),
        drivers=drivers,
        source=where,
    )
