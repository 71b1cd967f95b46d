"""Catalogue themes plans choose, aliases that map one way, free-text matching."""

from __future__ import annotations

from collections import Counter

from csprules.evidence.catalogue import default_catalogue, match_themes


def test_each_alias_names_one_theme() -> None:
    counts = Counter(a.lower() for t in default_catalogue() for a in t.aliases)
    assert [a for a, n in counts.items() if n > 1] == []


def test_themes_plans_choose_are_in_the_catalogue() -> None:
    ids = {t.id for t in default_catalogue()}
    assert {"mental-health", "organised-crime", "modern-slavery", "public-order", "weapons",
            "youth-violence", "fraud"} <= ids
    kinds = {t.id: t.kind.value for t in default_catalogue()}
    assert kinds["all-crime"] == "aggregate"


def test_aliases_plans_use() -> None:
    catalogue = default_catalogue()

    def one(text: str) -> list[tuple[str, str]]:
        return match_themes(text, catalogue)

    assert one("Tackling youth violence") == [("youth-violence", "youth violence")]
    assert one("drug related offending") == [("substance-misuse", "drug related offending")]
    assert one("Women's safety at night") == [("vawg", "Women's safety")]
    assert one("Building community resilience") == [("hate-crime", "community resilience")]
    assert one("Resilience and counter-terrorism") == [
        ("prevent", "Resilience and counter-terrorism")]
    # Longest phrase first: serious youth violence is serious violence, not youth violence.
    assert one("gangs and serious youth violence") == [
        ("gangs-exploitation", "gangs and serious youth violence")]
    assert one("Serious youth violence and burglary") == [
        ("serious-violence", "Serious youth violence"), ("burglary", "burglary")]
    assert one("Grapes") == []
