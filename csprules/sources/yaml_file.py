"""Safe YAML reading that keeps the line and column of every value.

Rulesets, evidence and governance are data written by people; they are read
with PyYAML's safe loader only.  Anchors and aliases are refused outright (a
planning file never needs them and they are the vehicle of "billion laughs"
bombs), and so are duplicate keys, which YAML would otherwise silently let the
last one win.

Plain files are read by libyaml where PyYAML has it (:mod:`yaml_fast`, about
eight times faster); anything else, and every file with a problem, is read by
the pure loader below, so each bad file gets the same located message either
way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.limits import read_text
from csprules.sources.yaml_fast import MAX_DEPTH, fast_parse

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)
"""Tags the safe loader resolves plain scalars and collections to; anything else
(``!!python/...``, ``!!binary``, custom ``!tags``) is refused, not silently read."""


@dataclass
class YamlDocument:
    """Plain data from one YAML file plus where each part of it was written."""

    display: str
    data: Any
    locations: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: Path_) -> Location:
        """Location of the value at ``path``, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.locations:
                line, col = self.locations[probe]
                return Location(self.display, line, col)
            probe = probe[:-1]
        line, col = self.locations.get((), (1, 1))
        return Location(self.display, line, col)

# MAX_DEPTH (from yaml_fast): planning files need five or six levels of nesting, and
# PyYAML's composer recurses, so a deeper file would exhaust the stack.


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and nesting deeper than MAX_DEPTH."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            mark = event.start_mark
            raise _AliasRefused(mark.line + 1, mark.column + 1)
        if self._depth >= MAX_DEPTH:
            mark = event.start_mark
            raise _TooDeep(mark.line + 1, mark.column + 1)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _TooDeep(Exception):
    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column


class _AliasRefused(Exception):
    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column


def load_yaml(path: Path, display: str, error: type[CsprulesError]) -> YamlDocument:
    """Read ``path`` as YAML; every problem becomes ``error`` located in ``display``."""
    text = read_text(path, display, error)
    return parse_yaml(text, display, error)


def parse_yaml(text: str, display: str, error: type[CsprulesError]) -> YamlDocument:
    fast = fast_parse(text)
    if fast is not None:
        return YamlDocument(display, fast[0], fast[1])
    return parse_yaml_pure(text, display, error)


def parse_yaml_pure(text: str, display: str, error: type[CsprulesError]) -> YamlDocument:
    """The reference reader: PyYAML's pure loader, the judge of every bad file."""
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
    except _AliasRefused as e:
        raise error(
            [
                Problem(
                    Location(display, e.line, e.column),
                    "expected plain YAML; found an anchor or alias (&/*), "
                    "which csprules does not allow",
                )
            ]
        ) from None
    except _TooDeep as e:
        raise error([Problem(
            Location(display, e.line, e.column),
            f"expected YAML nested at most {MAX_DEPTH} levels deep; found deeper nesting",
        )]) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        raise error([Problem(loc, f"invalid YAML: {e.problem or e.context}")]) from None
    except yaml.YAMLError as e:
        raise error([Problem(Location(display), f"invalid YAML: {e}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise error(
            [Problem(Location(display, 1, 1), "expected a YAML mapping; found an empty file")]
        )
    doc = YamlDocument(display, None)
    doc.data = _convert(node, (), doc, loader, error)
    return doc


def _convert(
    node: yaml.Node,
    path: Path_,
    doc: YamlDocument,
    loader: _NoAliasLoader,
    error: type[CsprulesError],
) -> Any:
    doc.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _PLAIN_TAGS:
        raise error(
            [
                Problem(
                    _mark(doc, node),
                    f"expected plain YAML; found the tag '{node.tag}', "
                    "which csprules does not allow",
                )
            ]
        )
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise error(
                    [Problem(_mark(doc, key_node), "expected a plain key; found a complex key")]
                )
            key = str(loader.construct_scalar(key_node))
            if key in out:
                raise error([Problem(_mark(doc, key_node), f"duplicate key '{key}'")])
            out[key] = _convert(value_node, (*path, key), doc, loader, error)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, loader, error) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as e:
        raise error([Problem(_mark(doc, node), f"invalid YAML value: {e}")]) from None


def _mark(doc: YamlDocument, node: yaml.Node) -> Location:
    return Location(doc.display, node.start_mark.line + 1, node.start_mark.column + 1)
