"""``derive_signals``: evidence in, the flat facts the rules see out."""

from __future__ import annotations

from collections.abc import Mapping

from csprules.evidence.consultation import ConsultationResult
from csprules.evidence.evidence import Evidence
from csprules.evidence.theme_index import ThemeIndex
from csprules.signals.harm import HarmTable, default_harm_table
from csprules.signals.indicator_signals import IndicatorDeriver
from csprules.signals.model import (
    DataQualityFlag,
    EvidenceRef,
    OwnershipFact,
    Scalar,
    Signal,
    Signals,
)

_ORDER = {"theme": 0, "indicator": 1, "comparator": 2, "rank": 3, "concern": 4, "driver": 5}


def derive_signals(
    evidence: Evidence,
    harm: HarmTable | None = None,
    *,
    themes: ThemeIndex | None = None,
    ownership: Mapping[str, OwnershipFact] | None = None,
) -> Signals:
    """Every signal the rules can match, each citing its input rows.

    ``themes`` is the run's theme index (built here when not given);
    ``ownership`` gives theme signals their ``owned``, ``owner_via`` and
    ``owner_tier`` fields, from the governance graph.

    The result does not depend on the order of the input rows: observations
    are ordered by period, signals by kind and id.

    >>> from csprules import load_evidence, derive_signals
    >>> signals = derive_signals(load_evidence("examples/tower-hamlets-2016"))
    >>> tno = signals.by_id()["ind:tno:all-crime"].fields
    >>> tno["latest"], round(float(tno["change_pct"]), 1)
    (28618.0, 4.7)
    """
    harm = harm if harm is not None else default_harm_table()
    labels = {t.id: t.label for t in evidence.themes}
    totals = {i.id: i for i in evidence.indicators}
    signals: list[Signal] = []
    flags: list[DataQualityFlag] = []
    for indicator in evidence.indicators:
        deriver = IndicatorDeriver(
            indicator, totals, evidence.partnership.population, harm,
            evidence.partnership.assessment_date,
        )
        signals += deriver.derive(labels)
        flags += deriver.flags
    for consultation in evidence.consultations:
        signals += _concerns(consultation, labels)
    day = evidence.partnership.assessment_date
    for driver in evidence.drivers:
        for theme in driver.themes:
            fields: dict[str, Scalar] = {
                "theme_label": labels.get(theme, theme), "driver": driver.id,
                "name": driver.name if driver.matched is None
                else f"{driver.name} (themes read from its name: {driver.matched})",
                "issuer": driver.issuer, "level": driver.level.value,
                "driver_kind": driver.kind.value, "active": driver.active_on(day),
            }
            if driver.valid_to is not None:
                fields["valid_to"] = driver.valid_to.isoformat()
            signals.append(Signal.model_construct(
                id=f"drv:{driver.id}:{theme}", kind="driver", theme=theme, fields=fields,
                evidence=(EvidenceRef.model_construct(row=driver.row, cited=driver.cited),),
            ))
    signals += _theme_signals(evidence, signals, themes or ThemeIndex.of(evidence), ownership or {})
    signals.sort(key=lambda s: (_ORDER[s.kind], s.id))
    # Ordered by content, not by row number: reordering input rows must change nothing.
    flags.sort(key=lambda f: (f.indicator or "", f.kind, f.message, str(f.row)))
    return Signals(signals=tuple(signals), flags=tuple(flags))


def _concerns(result: ConsultationResult, labels: dict[str, str]) -> list[Signal]:
    counted = sorted(
        (m.top_three for m in result.measures if m.top_three is not None), reverse=True
    )
    out: list[Signal] = []
    for m in result.measures:
        fields: dict[str, Scalar] = {
            "theme_label": labels.get(m.theme, m.theme), "consultation": result.id,
            "source": result.source if m.matched is None
            else f"{result.source} (wording '{m.matched}' read as {labels.get(m.theme, m.theme)})",
            "method": result.method,
            "of": float(len(result.measures)),
        }
        if result.respondents is not None:
            fields["respondents"] = float(result.respondents)
        if m.top_three is not None:
            fields["top_three"] = float(m.top_three)
            # Competition ranking: ties share a rank ("1224"), whatever the row order.
            fields["rank"] = float(counted.index(m.top_three) + 1)
            if result.respondents:
                fields["share_pct"] = m.top_three / result.respondents * 100.0
        if m.rank is not None:
            fields["rank"] = float(m.rank)
        if m.pct_problem is not None:
            fields["pct_problem"] = m.pct_problem
        if m.wording:
            fields["wording"] = m.wording
        out.append(Signal.model_construct(
            id=f"con:{result.id}:{m.theme}", kind="concern", theme=m.theme, fields=fields,
            evidence=(EvidenceRef.model_construct(row=m.row, cited=m.cited),),
        ))
    return out


def _theme_signals(
    evidence: Evidence, signals: list[Signal], index: ThemeIndex,
    ownership: Mapping[str, OwnershipFact],
) -> list[Signal]:
    by_theme: dict[str, list[Signal]] = {}
    for s in signals:
        by_theme.setdefault(s.theme, []).append(s)
    out: list[Signal] = []
    for theme in evidence.themes:
        mine = by_theme.get(theme.id, [])
        indicators = [s for s in mine if s.kind == "indicator"]
        concern_ranks = [float(s.fields["rank"]) for s in mine
                         if s.kind == "concern" and "rank" in s.fields]
        fields: dict[str, Scalar] = {
            "theme_label": theme.label, "label": theme.label, "theme_kind": theme.kind.value,
            "indicators": float(len(indicators)),
            # Went the wrong way over the last year or over its direction of travel.
            "worsening_indicators": float(sum(
                1 for s in indicators
                if s.fields.get("worsening") or s.fields.get("trend_worsening"))),
            "active_drivers": float(sum(1 for s in mine
                                        if s.kind == "driver" and s.fields.get("active"))),
            "statutory_duty": theme.id in index.statutory,
            "missing_values": float(sum(float(s.fields.get("missing_periods", 0.0))
                                        for s in indicators)),
            "sources": float(len({s.kind for s in mine} & {"indicator", "concern", "driver"})),
            # Local evidence: indicators with a number, and consultation measures with a
            # result (not "asked about, no result printed"; not drivers, which are policy).
            "local_evidence": float(sum(1 for s in indicators if "latest" in s.fields)
                                    + sum(1 for s in mine if s.kind == "concern"
                                          and _has_result(s))),
        }
        if theme.parent:
            fields["parent"] = theme.parent
        if concern_ranks:
            fields["concern_rank"] = min(concern_ranks)
        status = evidence.previous.status_of(theme.id) if evidence.previous else None
        fields["previous_status"] = status.value if status else "none"
        owner = ownership.get(theme.id)
        if owner is not None:
            fields["owned"] = owner.owned
            fields["owner_via"] = owner.via
            if owner.tier is not None:
                fields["owner_tier"] = owner.tier
        out.append(Signal.model_construct(id=f"thm:{theme.id}", kind="theme", theme=theme.id,
                                          fields=fields))
    return out


def _has_result(concern: Signal) -> bool:
    """A consultation measure that reports a result (a rank, a share, a % problem)."""
    return any(k in concern.fields for k in ("rank", "share_pct", "pct_problem", "top_three"))
