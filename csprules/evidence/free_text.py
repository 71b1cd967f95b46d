"""Themes from free text: a consultation measure or driver that gives no theme id.

Plans word their concerns and drivers in their own words ("tackling youth
violence", "women's safety").  Where a consultation measure has a ``wording``
but no ``theme``, or a driver has a ``name`` but no ``themes``, the catalogue's
labels and aliases find the theme (:func:`match_themes`), and the words matched
are kept (``matched``) so the justification can show them.  A measure whose
wording names no theme, or several, is a located problem: never a guess.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from csprules.errors import Problem
from csprules.evidence.catalogue import match_themes
from csprules.evidence.themes import Theme
from csprules.sources.records import Record, Table


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def resolve_measures(table: Table, themes: tuple[Theme, ...],
                     problems: list[Problem]) -> Table:
    out: list[Record] = []
    for rec in table.records:
        wording = rec.values.get("wording")
        if not _blank(rec.values.get("theme")) or not isinstance(wording, str) or \
                not wording.strip():
            out.append(rec)
            continue
        found = match_themes(wording, themes)
        if len(found) != 1:
            named = ", ".join(f"{t} ('{w}')" for t, w in found) or "none"
            problems.append(Problem(
                rec.at("wording"),
                f"no theme given and the wording '{wording}' names {named}: give the "
                "theme id", field="theme"))
            out.append(rec)
            continue
        theme, words = found[0]
        out.append(replace(rec, values={**rec.values, "theme": theme, "matched": words}))
    return replace(table, records=tuple(out))


def resolve_drivers(table: Table, themes: tuple[Theme, ...],
                    problems: list[Problem]) -> Table:
    out: list[Record] = []
    for rec in table.records:
        name = rec.values.get("name")
        if not _blank(rec.values.get("themes")) or not isinstance(name, str):
            out.append(rec)
            continue
        found = match_themes(name, themes)
        if not found:
            problems.append(Problem(
                rec.at("name"),
                f"no themes given and the name '{name}' names none: give themes "
                "(catalogue ids)", field="themes"))
            out.append(rec)
            continue
        out.append(replace(rec, values={
            **rec.values, "themes": [t for t, _ in found],
            "matched": "; ".join(f"'{w}' -> {t}" for t, w in found)}))
    return replace(table, records=tuple(out))
