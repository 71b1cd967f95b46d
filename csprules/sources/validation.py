"""Turn pydantic validation errors into located csprules problems.

pydantic reports *every* invalid element (not just the first), each with a
``loc`` path into the data; the YAML reader kept the line and column of every
path, so each error becomes ``file:line:col: field 'x': expected ...; found ...``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)

Locate = Callable[[tuple[str | int, ...]], Location]


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
        raise error(problems_from(e, model, data, locate)) from None


def problems_from(
    e: ValidationError, model: type[BaseModel], data: Any, locate: Locate
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Location, str]] = set()
    for err in e.errors(include_url=False):
        loc = _clean_loc(err["loc"])
        field = _field_name(loc)
        suggestion = None
        kind = err["type"]
        found = err.get("input")
        if kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc[:-1], data)
            suggestion = did_you_mean(str(loc[-1]), allowed) if allowed else None
            text = "unknown field"
            if allowed:
                text += f"; expected one of {', '.join(sorted(allowed))}"
        elif kind == "missing":
            text = "required field is missing"
        else:
            text = _expected(str(err["msg"]))
            if not isinstance(found, dict):
                # A check across several fields has the whole row as input: no "found".
                text += f"; found {_show(found)}"
        location = locate(loc)
        key = (location, f"{field}:{text}")
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(location, text, field=field, suggestion=suggestion))
    return problems


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    # pydantic inserts union-member and function-validator tags into loc; drop them.
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def _field_name(loc: tuple[str | int, ...]) -> str | None:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return None


def _allowed_fields(model: type[BaseModel], loc: tuple[str | int, ...], data: Any) -> set[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return set()
            current = _inner_model(info.annotation)
        else:
            return set()
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {info.alias or name for name, info in current.model_fields.items()}
    return set()


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _expected(msg: str) -> str:
    """pydantic's wording turned into ours: 'expected X'."""
    msg = msg.removeprefix("Value error, ")
    if msg.startswith("String should match pattern '^[a-z0-9][a-z0-9_-]*$'"):
        return "expected an id of lower-case letters, digits, '-' and '_'"
    for prefix in ("Input should be ", "input should be "):
        if msg.startswith(prefix):
            return "expected " + msg[len(prefix):]
    if msg.startswith("String should have at least 1 character"):
        return "expected some text"
    return msg[:1].lower() + msg[1:] if msg else msg


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)
