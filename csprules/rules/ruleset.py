"""A resolved ruleset: metadata, criteria, scoring and rules, after ``extends`` and ``disable``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

from csprules.errors import Location
from csprules.rules.rule import Rule
from csprules.rules.scoring_config import Criterion, ScoringConfig

Locate = Callable[[tuple[str | int, ...]], Location]
"""Where a part of a section was written: path inside the section -> file:line:col."""


class Ruleset(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    ruleset_version: str
    description: str | None = None
    authors: tuple[str, ...] = ()
    criteria: dict[str, Criterion]
    scoring: ScoringConfig = ScoringConfig()
    rules: tuple[Rule, ...]
    sources: tuple[str, ...] = ()
    """The files this ruleset was read from: the file itself first, then what it extends."""
    content_hash: str = ""
    """sha256 of the canonical JSON of the resolved ruleset (see :func:`content_hash_of`)."""

    _locators: dict[str, Locate] = PrivateAttr(default_factory=dict)
    _compiled: dict[int, Any] = PrivateAttr(default_factory=dict)
    _singles: dict[str, tuple[Rule, Ruleset]] = PrivateAttr(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def enabled_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    def locate(self, section: str, path: tuple[str | int, ...] = ()) -> Location | None:
        """Where ``path`` inside ``section`` (``"criteria"``, ``"rule:<id>"``, ...) was written."""
        locate = self._locators.get(section)
        return locate(path) if locate is not None else None

    def with_locators(self, locators: dict[str, Locate]) -> Ruleset:
        self._locators.update(locators)
        return self

    def only(self, rule_id: str) -> Ruleset:
        """This ruleset reduced to one rule (enabled), e.g. to run that rule's cases alone.

        Kept, so that running the cases again reuses its compiled form.
        """
        rule = self.rule(rule_id)
        hit = self._singles.get(rule_id)
        if hit is not None and hit[0] is rule:
            return hit[1]
        enabled = rule if rule.enabled else rule.model_copy(update={"enabled": True})
        single = self.model_copy(update={"rules": (enabled,)})
        single._locators = dict(self._locators)
        single._compiled = {}
        single._singles = {}
        self._singles[rule_id] = (rule, single)
        return single


def canonical_json(ruleset: Ruleset) -> str:
    data = ruleset.model_dump(mode="json", by_alias=True, exclude={"sources", "content_hash"})
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash_of(ruleset: Ruleset) -> str:
    """sha256 hex digest of the resolved content; file names and locations do not count."""
    return hashlib.sha256(canonical_json(ruleset).encode("utf-8")).hexdigest()
