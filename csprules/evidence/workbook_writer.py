"""Write evidence as the sheets of one workbook: what :mod:`workbook` reads back.

The workbook is written from validated :class:`Evidence`, so any evidence
csprules can load (a folder, a workbook, an importer's output) exports, and
loading the export gives the same evidence: the same signals, citing the same
``cited`` pointers.  Rows are sorted by content, so the bytes do not depend on
the order of the input rows, except where the order means something: two values
of one indicator for the same period keep their order (the signals take the
later one).  Values are written normalised (a period as its canonical label,
``1,234`` as the number 1234, ``tbc`` as ``TBC``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from csprules.errors import EvidenceError, Problem
from csprules.evidence.catalogue import default_catalogue
from csprules.evidence.evidence import Evidence
from csprules.evidence.indicator import Observation, Series
from csprules.evidence.periods import Period
from csprules.evidence.themes import Theme
from csprules.evidence.values import MissingState
from csprules.evidence.workbook_layout import PARTNERSHIP_FIELDS, columns
from csprules.sources.xlsx_write import BookWriter, Cell

_SERIES_ORDER = {s: i for i, s in enumerate(Series)}


def write_evidence(book: BookWriter, evidence: Evidence | None) -> None:
    """Add the evidence sheets; ``None`` writes them empty (a template)."""
    use_catalogue, themes = _local_themes(evidence)
    fields: dict[str, Cell] = {"format_version": 1, "catalogue": "default"}
    if evidence is not None:
        p = evidence.partnership
        fields.update({
            "name": p.name, "area": p.area, "assessment_date": p.assessment_date,
            "population": p.population, "population_cited": p.population_cited,
            "plan_period": p.plan_period, "cited": p.cited,
            "catalogue": "default" if use_catalogue else "none",
            "previous_plan": evidence.previous.plan if evidence.previous else None,
        })
    book.fields("partnership", [(c, fields.get(c.name)) for c in PARTNERSHIP_FIELDS])
    book.table("themes", columns("themes"), [_theme_row(t) for t in themes])
    indicators = evidence.indicators if evidence is not None else ()
    book.table("indicators", columns("indicators"), [
        (i.id, i.label, ";".join(i.themes), i.unit.value, i.per, i.period_kind.value,
         i.direction.value, i.total_of, i.harm_class, ";".join(f.value for f in i.flags),
         i.notes, i.cited)
        for i in indicators
    ])
    observations = sorted(
        (o for i in indicators for o in i.observations), key=_observation_key
    )
    book.table("observations", columns("observations"), [_observation_row(o) for o in observations])
    consultations = evidence.consultations if evidence is not None else ()
    book.table("consultations", columns("consultations"), [
        (c.id, c.source, c.date, c.method, c.respondents, c.representativeness, c.cited)
        for c in consultations
    ])
    book.table("consultation_measures", columns("consultation_measures"), [
        (c.id, m.theme, m.top_three, m.pct_problem, m.rank, m.wording, m.cited)
        for c in consultations
        for m in sorted(c.measures, key=lambda m: (m.theme, m.wording or "", m.cited or ""))
    ])
    drivers = evidence.drivers if evidence is not None else ()
    book.table("drivers", columns("drivers"), [
        (d.id, d.name, d.issuer, d.level.value, d.kind.value, ";".join(d.themes), d.valid_from,
         d.valid_to, d.successor, d.cited)
        for d in drivers
    ])
    previous = evidence.previous.items if evidence is not None and evidence.previous else ()
    # Stable: a theme listed twice keeps its first status first, as the loader reads it.
    book.table("previous_priorities", columns("previous_priorities"), [
        (p.theme, p.status.value, p.wording, p.cited)
        for p in sorted(previous, key=lambda p: p.theme)
    ])
    named = evidence.source_documents if evidence is not None else None
    book.table("sources", columns("sources"), [
        (d.document, d.title, d.publisher, d.date, d.url)
        for d in sorted(named or (), key=lambda d: d.document)
    ])


def workbook_themes(evidence: Evidence | None) -> tuple[Theme, ...]:
    """The themes a workbook's theme drop-down offers."""
    return evidence.themes if evidence is not None else default_catalogue()


def _local_themes(evidence: Evidence | None) -> tuple[bool, list[Theme]]:
    """Whether the catalogue was used, and the themes the workbook must declare itself.

    Loaded evidence holds the catalogue merged with local themes.  If every
    catalogue theme is there the catalogue was in use, and only themes that
    differ from (or are missing in) it are written; otherwise it was not, and
    all themes are.  Either way loading the export gives the same themes.
    """
    if evidence is None:
        return True, []
    catalogue = {t.id: t for t in default_catalogue()}
    present = {t.id for t in evidence.themes}
    if not set(catalogue) <= present:
        return False, list(evidence.themes)
    return True, [t for t in evidence.themes if catalogue.get(t.id) != t]


def _theme_row(theme: Theme) -> Sequence[Cell]:
    return (
        theme.id, theme.label, theme.kind.value, theme.parent,
        theme.pat_side.value if theme.pat_side else None,
        _joined(theme.aliases, f"theme '{theme.id}': alias"), theme.description,
    )


def _joined(items: Iterable[str], what: str) -> str:
    items = tuple(items)
    for item in items:
        if ";" in item:
            raise EvidenceError([Problem(None, (
                f"{what} {item!r} contains ';', which separates the items of a workbook "
                "cell; expected items without ';'"
            ))])
    return ";".join(items)


def _observation_key(o: Observation) -> tuple[str, int, str, tuple[date, date]]:
    # No finer key: signals order rows of one period by their input row (a later
    # printed change for the same period wins), so ties keep the input order.
    return (o.indicator, _SERIES_ORDER[o.series], o.area or "", o.period.sort_key)


def _observation_row(o: Observation) -> Sequence[Cell]:
    value: Cell
    if isinstance(o.value, float):
        value = o.value
    elif o.value is MissingState.BLANK:
        value = None
    else:
        value = o.value.label
    return (
        o.indicator, o.series.value, o.area, o.period.label, _label(o.base_period), value, o.of,
        o.note, o.cited,
    )


def _label(period: Period | None) -> str | None:
    return period.label if period is not None else None
