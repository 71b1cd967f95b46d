"""The ``extends`` chain: which files a ruleset builds on, read child first.

``extends: default`` means the shipped ``rulesets/default.yaml``; any other
value is a path relative to the extending file's folder and must stay inside
that folder (no ``..`` escapes, no absolute paths).  A cycle is an error that
shows the whole cycle.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csprules.errors import Location, Problem, RulesetError
from csprules.sources.yaml_file import YamlDocument, load_yaml
from csprules.sources.yaml_tables import check_header

DEFAULT_RULESET = Path(__file__).resolve().parents[2] / "rulesets" / "default.yaml"
"""``<repo>/rulesets/default.yaml``, what ``extends: default`` names."""

FORMAT_VERSIONS = (1,)


@dataclass(frozen=True)
class Source:
    """One ruleset file (or text) of a chain."""

    doc: YamlDocument
    path: Path | None
    """Resolved absolute path; None for text."""
    base: Path | None
    """Folder that relative ``extends`` paths are read from."""

    @property
    def data(self) -> dict[str, Any]:
        data = self.doc.data
        return data if isinstance(data, dict) else {}

    @property
    def extends(self) -> tuple[str | None, Location]:
        value = self.data.get("extends")
        return value if isinstance(value, str) else None, self.doc.location(("extends",))


def read_source(doc: YamlDocument, path: Path | None, base: Path | None) -> Source:
    check_header(doc, "ruleset", FORMAT_VERSIONS, RulesetError)
    return Source(doc, path, base)


def resolve_chain(first: Source) -> tuple[list[Source], list[Problem]]:
    """``first`` and everything it extends, child first; problems instead of raising."""
    chain = [first]
    problems: list[Problem] = []
    current = first
    while True:
        value, where = current.extends
        if value is None:
            return chain, problems
        target, display, problem = _target(value, current, where)
        if problem is not None:
            problems.append(problem)
            return chain, problems
        assert target is not None
        seen = [s.path for s in chain]
        if target in seen:
            names = [s.doc.display for s in chain[seen.index(target):]] + [display]
            problems.append(Problem(
                where, f"extends cycle: {' -> '.join(names)}; a ruleset cannot extend itself",
                field="extends",
            ))
            return chain, problems
        if not target.is_file():
            problems.append(Problem(
                where, f"extends {value!r}: no such file {display}", field="extends",
            ))
            return chain, problems
        try:
            parent = read_source(load_yaml(target, display, RulesetError), target, target.parent)
        except RulesetError as e:
            problems.extend(e.problems)
            return chain, problems
        chain.append(parent)
        current = parent


def _target(
    value: str, source: Source, where: Location
) -> tuple[Path | None, str, Problem | None]:
    if value == "default":
        return DEFAULT_RULESET, default_display(), None
    if source.base is None:
        return None, value, Problem(
            where,
            f"a ruleset read from text can only extend 'default'; found {value!r}",
            field="extends",
        )
    base = source.base.resolve()
    target = (base / value).resolve()
    if Path(value).is_absolute() or not target.is_relative_to(base):
        return None, value, Problem(
            where,
            f"expected a path inside the ruleset's folder {_display_dir(source)} or 'default'; "
            f"found {value!r}, which is outside it",
            field="extends",
        )
    display = os.path.normpath(os.path.join(os.path.dirname(source.doc.display), value))
    return target, display, None


def _display_dir(source: Source) -> str:
    folder = os.path.dirname(source.doc.display)
    return (folder or ".") + "/"


def default_display() -> str:
    """How the default ruleset's path is shown: relative to the working folder if inside it."""
    try:
        return os.path.relpath(DEFAULT_RULESET)
    except ValueError:  # another drive on Windows
        return str(DEFAULT_RULESET)


def chain_locate(
    chain: list[Source], prefix: tuple[str | int, ...]
) -> Any:
    """A locator for merged data: the most specific location, preferring the child."""

    def locate(path: tuple[str | int, ...]) -> Location:
        full = (*prefix, *path)
        for depth in range(len(full), 0, -1):
            probe = full[:depth]
            for source in chain:
                if probe in source.doc.locations:
                    return source.doc.location(probe)
        return chain[0].doc.location(())

    return locate


def deep_merge(base: Any, patch: Any) -> Any:
    """``patch`` over ``base``: mappings merge key by key, anything else replaces."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = deep_merge(base.get(key), value) if key in base else value
        return merged
    return patch
