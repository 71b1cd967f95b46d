"""pydantic errors in ruleset sections -> located problems with did-you-mean.

Like :mod:`csprules.sources.validation`, but it knows the ruleset models'
shapes (mappings of aliases, tagged unions of conditions and points) so that
an unknown key anywhere, e.g. ``pionts`` in a ``then`` item or ``valeu`` in a
nested condition, gets the list of allowed keys and a suggestion.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from csprules.errors import Location, Problem
from csprules.evidence.ids import ID_PATTERN
from csprules.rules.conditions import ALIAS_PATTERN, CONTAINS_PATTERN, FIELD_PATTERN, REF_PATTERN
from csprules.sources.suggest import did_you_mean

Locate = Callable[[tuple[str | int, ...]], Location | None]
Loc = tuple[str | int, ...]

_PATTERNS = {
    ID_PATTERN: "an id (lower-case letters, digits, '-' and '_')",
    ALIAS_PATTERN: "an alias (lower-case letters, digits and '_', starting with a letter)",
    FIELD_PATTERN: "a field name (letters, digits and '_')",
    REF_PATTERN: "'alias.field', e.g. 'signal.theme'",
    CONTAINS_PATTERN: "1-100 letters, digits, spaces, '-' or '_'",
}
_UNION_PARTS = {"bool", "int", "float", "str", "none", "dict", "list", "tuple"}


def problems_for(
    e: ValidationError, model: type[BaseModel], locate: Locate, rule_id: str | None = None
) -> list[Problem]:
    """Every error in ``e`` as a located Problem (one per location)."""
    grouped: dict[Loc, list[Any]] = {}
    raw_locs: dict[Loc, Loc] = {}
    errors = e.errors(include_url=False)
    deeper = {clean_loc(err["loc"])[:n] for err in errors
              for n in range(len(clean_loc(err["loc"])))}
    for err in errors:
        loc = clean_loc(err["loc"])
        if err["type"] == "too_short" and loc in deeper:
            continue  # "at least 1 item" only because an item was invalid: say why instead
        grouped.setdefault(loc, []).append(err)
        raw_locs.setdefault(loc, tuple(err["loc"]))
    problems: list[Problem] = []
    for loc, errs in grouped.items():
        field = next((p for p in reversed(loc) if isinstance(p, str)), None)
        suggestion = None
        err = errs[0]
        if err["type"] == "extra_forbidden":
            allowed = allowed_keys(model, raw_locs[loc][:-1])
            suggestion = did_you_mean(str(loc[-1]), allowed) if allowed else None
            text = "unknown field"
            if allowed:
                text += f"; expected one of {', '.join(sorted(allowed))}"
        elif len(errs) > 1 and all(x["type"] != "value_error" for x in errs):
            text = f"expected {_union_expectation(field)}; found {show(err.get('input'))}"
        else:
            text, suggestion = _message(err)
        problems.append(Problem(locate(loc), text, field=field, rule_id=rule_id,
                                suggestion=suggestion))
    return problems


def _message(err: Any) -> tuple[str, str | None]:
    kind = err["type"]
    found = err.get("input")
    if kind == "missing":
        return "required field is missing", None
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, "), None
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        wanted = _PATTERNS.get(pattern, f"text matching {pattern}")
        return f"expected {wanted}; found {show(found)}", None
    text = f"{_lower_first(str(err['msg']))}; found {show(found)}"
    suggestion = None
    if kind in ("enum", "literal_error") and isinstance(found, str):
        expected = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        suggestion = did_you_mean(found, expected)
    return text, suggestion


def _union_expectation(field: str | None) -> str:
    if field == "value":
        return "a constant (number, text, true or false) or, for 'in', a list of them"
    if field == "points":
        return "a number or {from: alias.field, scale, offset, min, max}"
    return "a number, text, true or false"


def clean_loc(loc: Any) -> Loc:
    """Drop pydantic's union-member and validator tags from an error location."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part in _UNION_PARTS
                                      or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def allowed_keys(model: type[BaseModel], loc: Loc) -> set[str]:
    """Keys allowed in the mapping at ``loc`` (a raw pydantic location) inside ``model``."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return set()
    target = _as_model(current)
    if target is None:
        return set()
    return {info.alias or name for name, info in target.model_fields.items()}


def _step(annotation: Any, part: str | int) -> Any:
    if isinstance(part, str) and part.startswith("["):
        return _tagged(annotation, part)
    for option in _options(annotation):
        model = _as_model(option)
        if model is not None and isinstance(part, str):
            for name, info in model.model_fields.items():
                if part in (name, info.alias):
                    return info.annotation
            continue
        origin = get_origin(option)
        args = get_args(option)
        if origin is dict and len(args) == 2:
            return args[1]
        if origin in (tuple, list) and args and isinstance(part, int):
            return args[0]
    return None


def _options(annotation: Any) -> list[Any]:
    """The members of a union (or the annotation itself), with Annotated peeled off."""
    annotation = _peel(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return [_peel(a) for a in get_args(annotation)]
    return [annotation]


def _peel(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _tagged(annotation: Any, tag: str) -> Any:
    """The member of a tagged union carrying ``Tag(tag)``."""
    if get_origin(annotation) is Annotated:
        base, *meta = get_args(annotation)
        if any(isinstance(m, Tag) and m.tag == tag for m in meta):
            return base
        return _tagged(base, tag)
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            found = _tagged(member, tag)
            if found is not None:
                return found
    return None


def _as_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    return repr(value)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
