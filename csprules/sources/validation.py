"""Turn pydantic validation errors into located csprules problems: the one translator.

pydantic reports *every* invalid element (not just the first), each with a ``loc``
path into the data; the readers kept the line and column of every path, so each
error becomes ``file:line:col: field 'x': expected ...; found ...``.  Evidence,
governance, rulesets and every other file csprules reads go through here, so every
message has the same shape.  The translator knows tagged unions (a ruleset's
conditions and points), so an unknown key anywhere gets the keys allowed *there*
and a did-you-mean.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)

Loc = tuple[str | int, ...]
Locate = Callable[[Loc], Location]
LocateMaybe = Callable[[Loc], Location | None]

ID_TEXT = "an id of lower-case letters, digits, '-' and '_'"
ID_REGEX = r"^[a-z0-9][a-z0-9_-]*$"
"""The pattern of :data:`csprules.evidence.ids.ID_PATTERN` (a test keeps the two equal)."""

_UNION_PARTS = {"bool", "int", "float", "str", "none", "dict", "list", "tuple"}


def validate(
    model: type[M],
    data: Any,
    locate: Locate,
    error: type[CsprulesError],
    context: dict[str, Any] | None = None,
) -> M:
    """Validate ``data`` as ``model``; raise ``error`` listing all problems, located."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as e:
        raise error(problems_from(e, model, locate)) from None


def problems_from(
    e: ValidationError,
    model: type[BaseModel],
    locate: LocateMaybe,
    *,
    rule_id: str | None = None,
    patterns: Mapping[str, str] | None = None,
    union_hint: Callable[[str | None], str] | None = None,
) -> list[Problem]:
    """Every error in ``e`` as a located Problem, one per location.

    ``patterns`` describe regexes in words (``{pattern: "an alias (...)"}``);
    ``union_hint`` says what a field accepting several types expects.
    """
    errors = e.errors(include_url=False)
    cleaned = [clean_loc(err["loc"]) for err in errors]
    deeper = {loc[:n] for loc in cleaned for n in range(len(loc))}
    grouped: dict[Loc, list[Any]] = {}
    raw_locs: dict[Loc, Loc] = {}
    for err, loc in zip(errors, cleaned, strict=True):
        if err["type"] == "too_short" and loc in deeper:
            continue  # "at least 1 item" only because an item was invalid: say why instead
        grouped.setdefault(loc, []).append(err)
        raw_locs.setdefault(loc, tuple(err["loc"]))
    known = {ID_REGEX: ID_TEXT, **(patterns or {})}
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for loc, errs in grouped.items():
        field = next((p for p in reversed(loc) if isinstance(p, str)), None)
        err = errs[0]
        suggestion = None
        if err["type"] == "extra_forbidden":
            allowed = allowed_keys(model, raw_locs[loc][:-1])
            suggestion = did_you_mean(str(loc[-1]), allowed) if allowed else None
            text = "unknown field"
            if allowed:
                text += f"; expected one of {', '.join(sorted(allowed))}"
        elif len(errs) > 1 and all(x["type"] != "value_error" for x in errs):
            wanted = union_hint(field) if union_hint else "a number, text, true or false"
            text = f"expected {wanted}; found {show(err.get('input'))}"
        else:
            text, suggestion = _message(err, known)
        location = locate(loc)
        key = (str(location), f"{field}:{text}")
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(location, text, field=field, rule_id=rule_id,
                                suggestion=suggestion))
    return problems


def _message(err: Any, patterns: Mapping[str, str]) -> tuple[str, str | None]:
    kind = err["type"]
    found = err.get("input")
    if kind == "missing":
        return "required field is missing", None
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        wanted = patterns.get(pattern, f"text matching {pattern}")
        return f"expected {wanted}; found {show(found)}", None
    text = _expected(str(err["msg"]))
    # A check across several fields has the whole row as input: no "found" then, nor
    # where the message already says what it found.
    if not isinstance(found, dict) and "found" not in text:
        text += f"; found {show(found)}"
    suggestion = None
    if kind in ("enum", "literal_error") and isinstance(found, str):
        expected = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        suggestion = did_you_mean(found, expected)
    return text, suggestion


def _expected(msg: str) -> str:
    """pydantic's wording turned into ours: 'expected X'."""
    msg = msg.removeprefix("Value error, ")
    for prefix in ("Input should be ", "input should be "):
        if msg.startswith(prefix):
            return "expected " + msg[len(prefix):]
    if msg.startswith("String should have at least 1 character"):
        return "expected some text"
    return msg[:1].lower() + msg[1:] if msg else msg


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
    """A found value as a message shows it: short, typed, never a whole document."""
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
