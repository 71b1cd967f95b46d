"""Cross-reference checks over a governance file: duplicates and unknown ids.

The checks read the raw rows, so a row whose other fields are wrong (a bad
tier, say) still has its references checked: every problem is reported in one
pass.  Values that are not well-formed ids are left to field validation.  Each
problem is located at the value that made the reference, with a did-you-mean
drawn from the known ids.  Cycles are *not* problems here: a cyclic structure
loads, and is reported as a finding.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from csprules.errors import Location, Problem
from csprules.evidence.ids import ID_PATTERN
from csprules.governance.tiers import TBC
from csprules.sources.records import Record, Table
from csprules.sources.suggest import did_you_mean

_ID = re.compile(ID_PATTERN)


def _id(value: object) -> str | None:
    return value if isinstance(value, str) and _ID.match(value) else None


def _parents(rec: Record) -> Iterator[tuple[int, str]]:
    raw = rec.values.get("parents")
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    for i, item in enumerate(items):
        parent = _id(item)
        if parent is not None:
            yield i, parent


def reference_problems(
    groups: Table,
    ownership: Table,
    agencies: Table,
    related: Table,
    themes: Collection[str] | None = None,
) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Location] = {}
    for rec in groups.records:
        gid = _id(rec.values.get("id"))
        if gid is None:
            continue
        if gid in first:
            problems.append(Problem(
                rec.at("id"), f"duplicate group id '{gid}' (first defined at {first[gid]})",
                field="id",
            ))
        first.setdefault(gid, rec.at("id"))
    known = set(first)

    for rec in groups.records:
        listed: set[str] = set()
        for i, parent in _parents(rec):
            where = rec.at("parents", i)
            if parent in listed:
                problems.append(
                    Problem(where, f"parent '{parent}' is listed twice", field="parents")
                )
            listed.add(parent)
            if parent not in known:
                problems.append(Problem(
                    where, f"expected a known group id; found '{parent}'", field="parents",
                    suggestion=did_you_mean(parent, known),
                ))

    owned: dict[tuple[str, str], Location] = {}
    for rec in ownership.records:
        theme, group = rec.values.get("theme"), rec.values.get("group")
        if group != TBC:
            group = _id(group)
        if group is None:
            continue
        if isinstance(theme, str):
            key = (theme, group)
            if key in owned:
                problems.append(Problem(
                    rec.at("group"),
                    f"theme '{theme}' is already assigned to '{group}' (at {owned[key]})",
                    field="group",
                ))
            owned.setdefault(key, rec.at("group"))
        if group != TBC and group not in known:
            suggestion = TBC if group.lower() == "tbc" else did_you_mean(group, known)
            problems.append(Problem(
                rec.at("group"), f"expected a known group id or 'TBC'; found '{group}'",
                field="group", suggestion=suggestion,
            ))

    named: dict[tuple[str, str], Location] = {}
    for rec in agencies.records:
        theme, agency = rec.values.get("theme"), rec.values.get("agency")
        if not (isinstance(theme, str) and isinstance(agency, str)):
            continue
        if (theme, agency) in named:
            problems.append(Problem(
                rec.at("agency"),
                f"agency '{agency}' is already named for theme '{theme}' "
                f"(at {named[(theme, agency)]})",
                field="agency",
            ))
        named.setdefault((theme, agency), rec.at("agency"))

    rules: dict[tuple[str, str], Location] = {}
    for rec in related.records:
        theme, via = _id(rec.values.get("theme")), _id(rec.values.get("via"))
        if theme is None or via is None:
            continue
        if theme == via:
            problems.append(Problem(
                rec.at("via"), f"expected another theme; found '{via}', the theme itself",
                field="via",
            ))
        elif (theme, via) in rules:
            problems.append(Problem(
                rec.at("via"),
                f"rule '{theme}' via '{via}' is already given (at {rules[(theme, via)]})",
                field="via",
            ))
        rules.setdefault((theme, via), rec.at("via"))

    if themes is not None:
        problems.extend(_theme_problems(ownership, agencies, related, themes))
    return problems


def _theme_problems(
    ownership: Table, agencies: Table, related: Table, themes: Collection[str]
) -> list[Problem]:
    refs: list[tuple[Record, str]] = []
    refs.extend((rec, "theme") for rec in ownership.records)
    refs.extend((rec, "theme") for rec in agencies.records)
    for rec in related.records:
        refs.extend([(rec, "theme"), (rec, "via")])
    problems: list[Problem] = []
    for rec, field in refs:
        theme = _id(rec.values.get(field))
        if theme is not None and theme not in themes:
            problems.append(Problem(
                rec.at(field), f"expected a known theme id; found '{theme}'", field=field,
                suggestion=did_you_mean(theme, themes),
            ))
    return problems
