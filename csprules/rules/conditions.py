"""Conditions of a rule's ``when``: comparisons, groups and the pattern over one fact kind.

A pattern names a fact kind and three optional groups::

    kind: indicator
    all:  [...]     # every item is true
    any:  [...]     # at least one item is true
    none: [...]     # no item is true

Items are comparisons ``{field, op, value | ref}`` or nested groups
``{all | any | none: [...]}``.  A comparison on a field the fact does not have
is false, and ``none`` is plain logical negation, so ``none: [{field: x, op:
">", value: 5}]`` holds when ``x <= 5`` *or* ``x`` is absent.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Strict, Tag, model_validator

ALIAS_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Aliases name matched facts in refs and placeholders: ``{signal.theme}``."""

FIELD_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
REF_PATTERN = r"^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$"

CONTAINS_PATTERN = r"^[A-Za-z0-9 _-]{1,100}$"
"""``contains`` literals: durable-rules' regex dialect is its own, so keep to plain characters."""

Number = Annotated[float, Strict()]
"""A number written as a number (never ``"3"`` or ``true``)."""

Scalar = bool | int | float | str
"""A constant in a condition or a fact; the schema decides which type a field wants."""


class Op(StrEnum):
    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    NOT_IN = "not in"
    EXISTS = "exists"
    MISSING = "missing"
    CONTAINS = "contains"


ORDERING = frozenset({Op.LT, Op.LE, Op.GT, Op.GE})
EQUALITY = frozenset({Op.EQ, Op.NE})
SET_OPS = frozenset({Op.IN, Op.NOT_IN})
PRESENCE = frozenset({Op.EXISTS, Op.MISSING})


class Comparison(BaseModel):
    """``{field, op, value}`` or ``{field, op, ref: alias.field}`` (a join to an earlier alias)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    field: str = Field(pattern=FIELD_PATTERN)
    op: Op
    value: Scalar | tuple[Scalar, ...] | None = None
    ref: str | None = Field(default=None, pattern=REF_PATTERN)

    @model_validator(mode="after")
    def _shape(self) -> Comparison:
        op, value, ref = self.op, self.value, self.ref
        if op in PRESENCE:
            if value is not None or ref is not None:
                raise ValueError(f"operator '{op}' takes no 'value' or 'ref'")
        elif op in SET_OPS:
            if ref is not None or not isinstance(value, tuple):
                raise ValueError(f"operator '{op}' needs 'value' as a list of constants")
        elif op is Op.CONTAINS:
            if ref is not None or not isinstance(value, str):
                raise ValueError("operator 'contains' needs 'value' as a text")
        else:
            if (value is None) == (ref is None):
                raise ValueError(f"operator '{op}' needs exactly one of 'value' or 'ref'")
            if isinstance(value, tuple):
                raise ValueError(f"operator '{op}' needs one constant; use 'in' for a list")
        return self

    def describe(self) -> str:
        """The comparison as an analyst would write it: ``change_pct > 10``."""
        if self.op in PRESENCE:
            return f"{self.field} {self.op}"
        if self.ref is not None:
            return f"{self.field} {self.op} {self.ref}"
        return f"{self.field} {self.op} {show_value(self.value)}"


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return f"{value:g}" if isinstance(value, float) else repr(value)


class Group(BaseModel):
    """A nested group: exactly one of ``all``, ``any`` or ``none``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    all_: tuple[Condition, ...] | None = Field(default=None, alias="all")
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any")
    none: tuple[Condition, ...] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Group:
        present = [k for k, v in self.groups() if v is not None]
        if len(present) != 1:
            raise ValueError("a group needs exactly one of 'all', 'any' or 'none'")
        return self

    def groups(self) -> list[tuple[str, tuple[Condition, ...] | None]]:
        return [("all", self.all_), ("any", self.any_), ("none", self.none)]

    @property
    def key(self) -> str:
        return next(k for k, v in self.groups() if v is not None)

    @property
    def items(self) -> tuple[Condition, ...]:
        return next(v for _, v in self.groups() if v is not None)


COMPARISON_TAG = "[comparison]"
GROUP_TAG = "[group]"
"""Union tags; in brackets so that located errors skip them (see csprules.sources.validation)."""


def _condition_tag(value: Any) -> str:
    if isinstance(value, Group):
        return GROUP_TAG
    keys = value.keys() if isinstance(value, dict) else set()
    if {"all", "any", "none"} & keys and not {"field", "op"} & keys:
        return GROUP_TAG
    return COMPARISON_TAG


Condition = Annotated[
    Annotated[Comparison, Tag(COMPARISON_TAG)] | Annotated[Group, Tag(GROUP_TAG)],
    Discriminator(_condition_tag),
]


class Pattern(BaseModel):
    """The facts one alias of a rule matches: a fact kind and its conditions."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    kind: str = Field(min_length=1)
    all_: tuple[Condition, ...] | None = Field(default=None, alias="all")
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any")
    none: tuple[Condition, ...] | None = None

    def groups(self) -> list[tuple[str, tuple[Condition, ...]]]:
        """The groups present, in the order all, any, none."""
        pairs = [("all", self.all_), ("any", self.any_), ("none", self.none)]
        return [(k, v) for k, v in pairs if v is not None]


Group.model_rebuild()
Pattern.model_rebuild()
