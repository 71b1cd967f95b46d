"""Justification templates: ``"{signal.label} rose {signal.change_pct:.1f}% in {signal.period}"``.

Templates are written by analysts, so they are never given to ``str.format``
(which would allow ``{x.__class__...}`` attribute walks) or ``eval``.  A
placeholder is exactly ``{alias.field}`` or ``{alias.field:spec}``, where the
spec is a small subset of Python's format mini-language (width up to 3 digits,
precision up to 2): ``{{`` and ``}}`` write literal braces.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\{\{|\}\}"
    r"|\{(?P<alias>[a-z][a-z0-9_]*)\.(?P<field>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<spec>[^{}]*))?\}"
    r"|[{}]"
)
_SPEC = re.compile(r"^[<>^]?[+ -]?\d{0,3}[,_]?(?:\.\d{1,2})?[dfeEgG%s]?$")

UNKNOWN = "unknown"
"""What a placeholder renders as when the matched fact lacks the field."""


@dataclass(frozen=True)
class Placeholder:
    alias: str
    field: str
    spec: str
    start: int
    """Offset of the ``{`` in the template (for error columns)."""

    @property
    def source(self) -> str:
        return f"{{{self.alias}.{self.field}{':' + self.spec if self.spec else ''}}}"


@dataclass(frozen=True)
class Template:
    """A parsed template: literal text and placeholders, in order."""

    parts: tuple[str | Placeholder, ...]

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        return tuple(p for p in self.parts if isinstance(p, Placeholder))

    @property
    def constant(self) -> str | None:
        """The text itself when the template has no placeholders."""
        if self.placeholders:
            return None
        return "".join(p for p in self.parts if isinstance(p, str))


class TemplateSyntaxError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def parse_template(text: str) -> Template:
    """Split ``text`` into literals and placeholders; raise TemplateSyntaxError on stray braces."""
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        literal.append(text[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
        elif token in ("{", "}"):
            raise TemplateSyntaxError(
                f"stray '{token}' at offset {m.start()}: a placeholder is {{alias.field}} or "
                "{alias.field:spec}; write '{{' or '}}' for a literal brace",
                m.start(),
            )
        else:
            spec = m.group("spec") or ""
            if spec and not _SPEC.match(spec):
                raise TemplateSyntaxError(
                    f"format spec '{spec}' in '{token}' is not supported; expected e.g. "
                    "'.1f', ',.0f', '>8', '.0%'",
                    m.start(),
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Placeholder(m.group("alias"), m.group("field"), spec, m.start()))
    literal.append(text[pos:])
    tail = "".join(literal)
    if tail:
        parts.append(tail)
    return Template(tuple(parts))


def plan(template: Template, aliases: tuple[str, ...]) -> tuple[str | tuple[int, str, str], ...]:
    return tuple(
        part if isinstance(part, str) else (aliases.index(part.alias), part.field, part.spec)
        for part in template.parts
    )


def render_plan(
    parts: tuple[str | tuple[int, str, str], ...], facts: list[dict[str, object]]
) -> str:
    """Substitute placeholders with the matched facts' values (never str.format on templates)."""
    if len(parts) == 1 and not isinstance(parts[0], str):  # e.g. "{signal.theme}"
        pos, field, spec = parts[0]
        return format_value(facts[pos].get(field), spec)
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            pos, field, spec = part
            out.append(format_value(facts[pos].get(field), spec))
    return "".join(out)


def format_value(value: object, spec: str = "") -> str:
    """A fact value as justification text: numbers plainly, flags as yes/no."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        shown: object = "yes" if value else "no"
    else:
        shown = value
    if spec:
        return format(shown, spec)
    if type(shown) is str:
        return shown
    if isinstance(shown, float):
        return plain_number(shown)
    return str(shown)


def plain_number(value: float) -> str:
    """12.0 -> '12', 12.345 -> '12.35', 0.5 -> '0.5'; never exponent notation for usual sizes."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def check_spec(spec: str, sample: object) -> str | None:
    """Why ``spec`` cannot format ``sample`` (a value of the field's type), or None."""
    try:
        format_value(sample, spec)
    except (ValueError, TypeError) as e:
        return str(e)
    return None
