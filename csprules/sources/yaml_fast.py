"""The fast path of :mod:`csprules.sources.yaml_file`: libyaml's parser, our composer.

PyYAML's pure-Python scanner was most of the cost of reading a ruleset (about
90 ms of the 165 ms that loading ``rulesets/default.yaml`` took).  libyaml
scans and parses in C, but its composer is C too and cannot be told to refuse
anchors, so this module reads libyaml's *events* and composes plain data and
locations from them itself, the way ``yaml_file._convert`` does from nodes.

It only ever says "this document is plain and here it is" or "not sure"
(``None``).  Anything unusual - an anchor or alias, any explicit tag, a
duplicate or complex key, a second document, a bare scalar, a tab, a byte
order mark or non-printable character, ``?`` in a flow collection, an empty
flow value, a block header like ``|#``, any error - answers ``None``, and the
caller reads the text again with the pure loader, whose located messages the
tests pin.  So libyaml can only make a file faster, never change what a bad
file is told.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.reader import Reader

Path_ = tuple[str | int, ...]
Locations = dict[Path_, tuple[int, int]]

_CLoader: Any = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader, or None where PyYAML was built without libyaml."""

_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_STR = "tag:yaml.org,2002:str"

_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*(?:[ \r\n\x85\u2028\u2029]|\Z)")
"""A block scalar's header as PyYAML reads it (libyaml also takes ``|#``)."""


class _Unsure(Exception):
    """The fast path stepped off plain YAML; the pure loader decides."""


MAX_DEPTH = 50
"""Deepest nesting accepted (the pure loader reports deeper files; see yaml_file)."""


def available() -> bool:
    return _CLoader is not None


def fast_parse(text: str) -> tuple[Any, Locations] | None:
    """Plain data and locations of ``text``, or None when the pure loader must decide."""
    # PyYAML's reader refuses these before scanning and skips a leading BOM
    # while counting it as a column; libyaml does neither quite the same way.
    # PyYAML also refuses a tab between tokens, where libyaml takes it as space.
    if (_CLoader is None or "\t" in text or "\ufeff" in text
            or Reader.NON_PRINTABLE.search(text)):
        return None
    loader = _CLoader(text)
    try:
        return _Composer(loader, text).document()
    except (_Unsure, yaml.YAMLError, ValueError, TypeError, KeyError, RecursionError):
        return None
    finally:
        loader.dispose()


class _Composer:
    def __init__(self, loader: Any, text: str) -> None:
        self.loader = loader
        self.text = text
        self.locations: Locations = {}
        # A ``?`` means trouble (found by the differential tests): the parsers
        # differ on ``?`` inside flow collections and on where the empty value
        # after an explicit ``? key`` sits.  Empty values in flow collections
        # differ by a column too.
        self.question_mark = "?" in text
        self.quoted: list[tuple[int, int]] = []
        """Source spans of quoted scalars: a "?" inside quotes is text to both parsers."""

    def document(self) -> tuple[Any, Locations]:
        get = self.loader.get_event
        _expect(get(), yaml.StreamStartEvent)
        start = get()
        _expect(start, yaml.DocumentStartEvent)
        if start.version is not None and start.version[0] != 1:
            raise _Unsure
        root = get()
        # A bare scalar is never a csprules file, and an empty one is placed
        # differently by the two parsers: the pure loader says what is wrong.
        if isinstance(root, yaml.ScalarEvent):
            raise _Unsure
        data = self.value(root, (), flow=False)
        _expect(get(), yaml.DocumentEndEvent)
        _expect(get(), yaml.StreamEndEvent)
        return data, self.locations

    def value(self, event: Any, path: Path_, flow: bool) -> Any:
        # Explicit tags (even ``!!str`` or ``!``) are rare in planning files and
        # the parsers flag some of them differently (empty ``!`` values).
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None or event.tag:
            raise _Unsure
        mark = event.start_mark
        self.locations[path] = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, flow)
        get = self.loader.get_event
        if len(path) >= MAX_DEPTH - 1:
            raise _Unsure  # near the depth limit: the pure loader words the refusal
        # A "?" inside a flow collection is read differently by the two parsers; one
        # elsewhere (in a URL in a block value, say) is not.
        flow_from = event.start_mark.index if event.flow_style and self.question_mark else None
        if isinstance(event, yaml.MappingStartEvent):
            inner = flow or bool(event.flow_style)
            out: dict[str, Any] = {}
            while not isinstance(key := get(), yaml.MappingEndEvent):
                # Like the pure path: a key is its raw text, whatever it resolves to.
                if not isinstance(key, yaml.ScalarEvent) or key.anchor is not None or key.tag:
                    raise _Unsure
                name = str(key.value)
                if name in out:
                    raise _Unsure
                out[name] = self.value(get(), (*path, name), inner)
            self._check_flow(flow_from, key)
            return out
        if isinstance(event, yaml.SequenceStartEvent):
            inner = flow or bool(event.flow_style)
            items: list[Any] = []
            while not isinstance(item := get(), yaml.SequenceEndEvent):
                items.append(self.value(item, (*path, len(items)), inner))
            self._check_flow(flow_from, item)
            return items
        raise _Unsure

    def _check_flow(self, start: int | None, end: Any) -> None:
        if start is None:
            return
        stop = end.end_mark.index
        at = self.text.find("?", start, stop)
        while at >= 0:
            if not any(a <= at < b for a, b in self.quoted):
                raise _Unsure
            at = self.text.find("?", at + 1, stop)

    def scalar(self, event: Any, flow: bool) -> Any:
        value = event.value
        if event.style in ("'", '"'):
            self.quoted.append((event.start_mark.index, event.end_mark.index))
        if event.style in ("|", ">") and not _BLOCK_HEADER.match(self.text, event.start_mark.index):
            raise _Unsure
        if value == "" and not event.style and (flow or self.question_mark):
            raise _Unsure
        tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        if tag not in _SCALAR_TAGS:
            raise _Unsure
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return self.loader.yaml_constructors[tag](self.loader, node)


def _expect(event: Any, kind: type) -> None:
    if not isinstance(event, kind):
        raise _Unsure
