"""Versioned YAML files: check the ``kind``/``version`` header, then expose lists as tables."""

from __future__ import annotations

from typing import Any

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.records import Locate, Record, Table
from csprules.sources.yaml_file import YamlDocument


def check_header(
    doc: YamlDocument, kind: str, versions: tuple[int, ...], error: type[CsprulesError]
) -> dict[str, Any]:
    """The document's mapping, once its ``kind: csprules/<kind>`` and ``version`` are right."""
    data = doc.data
    if not isinstance(data, dict):
        raise error([Problem(doc.location(()), "expected a YAML mapping at the top level")])
    found_kind = data.get("kind")
    if found_kind != f"csprules/{kind}":
        raise error([Problem(
            doc.location(("kind",)),
            f"expected 'kind: csprules/{kind}'; found {found_kind!r}",
            field="kind",
        )])
    version = data.get("version")
    if version not in versions:
        supported = ", ".join(str(v) for v in versions)
        raise error([Problem(
            doc.location(("version",)),
            f"unknown {kind} format version {version!r}; supported: {supported}",
            field="version",
        )])
    return data


def yaml_table(doc: YamlDocument, key: str, error: type[CsprulesError]) -> Table:
    items = doc.data.get(key, []) if isinstance(doc.data, dict) else []
    if items is None:
        items = []
    if not isinstance(items, list):
        raise error([Problem(doc.location((key,)), f"expected a list; found {type(items).__name__}",
                             field=key)])
    records = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise error([Problem(doc.location((key, i)), "expected a mapping", field=key)])
        records.append(Record(item, _locator(doc, (key, i)), doc.location((key, i))))
    return Table(key, doc.display, tuple(records))


def _locator(doc: YamlDocument, prefix: tuple[str | int, ...]) -> Locate:
    def locate(path: tuple[str | int, ...]) -> Location:
        return doc.location((*prefix, *path))

    return locate
