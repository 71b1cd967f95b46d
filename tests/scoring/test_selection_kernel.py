"""The selection kernel: a hand-checked case, its front door's errors, and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from csprules.errors import RulesetError, UsageError
from csprules.rules.scoring_config import HighOnAny, ScoringConfig, Selection
from csprules.scoring.aggregate import Array
from csprules.scoring.select import ThemeFacts
from csprules.scoring.selection_kernel import Outcome
from csprules.scoring.selector import Selector


def _facts(kind: str = "crime", statutory: tuple[str, ...] = (),
           links: frozenset[str] = frozenset()) -> ThemeFacts:
    return ThemeFacts(label="x", kind=kind, statutory=statutory, links=links)


THEMES = ("a", "b", "c", "d", "e", "f", "g")
FACTS = {
    "a": _facts(), "b": _facts(), "c": _facts(),
    "d": _facts(links=frozenset({"a", "b", "zz"})),  # "zz" is no theme here: ignored
    "e": _facts(kind="cross_cutting"),
    "f": _facts(statutory=("Crime and Disorder Act 1998",)),
    "g": _facts(),
}
CRITERIA = ("harm", "trend")
NORMALISED = np.array([[0.2, 0.1], [0.3, 0.0], [1.0, 0.0], [0.0, 0.0], [0.0, 0.0],
                       [0.0, 0.0], [0.0, 0.0]])


def _selector(**selection: object) -> Selector:
    config = ScoringConfig(selection=Selection.model_validate(
        {"max_priorities": 2, **selection}), high_on_any=HighOnAny(criteria=("harm",),
                                                                  at_least=1.0))
    return Selector.build(THEMES, NORMALISED, CRITERIA, FACTS, config)


def test_hand_checked_case() -> None:
    """Scores a..g = 80, 60, 20, 50, 30, 1, 60; two priority slots; c overridden (harm 1.0).

    Top 80: priority threshold max(10, 0.5 x 80) = 40, watch max(5, 0.3 x 80) = 24.
    Ranks: a 80, b 60, g 60 (ties keep theme order: b before g), d 50, e 30, c 20, f 1.
    c takes one slot by override, so one slot is left: a.  b and g reach 40 but the
    cap is full; d (50) is linked to a (a priority) and b (not), one link < 2; e is a
    cross-cutting kind at 30 >= 24; f has a statutory duty.
    """
    decided = _selector().decide(np.array([[80.0, 60.0, 20.0, 50.0, 30.0, 1.0, 60.0]]))
    assert decided.order[0].tolist() == [0, 1, 6, 3, 4, 2, 5]
    assert decided.ranks[0].tolist() == [1, 2, 6, 4, 5, 7, 3]
    assert (decided.priority_at[0], decided.watch_at[0]) == (40.0, 24.0)
    assert [Outcome(int(x)) for x in decided.outcome[0]] == [
        Outcome.PRIORITY, Outcome.WATCH, Outcome.PRIORITY_OVERRIDE, Outcome.WATCH,
        Outcome.CROSS_CUTTING_KIND, Outcome.CROSS_CUTTING_STATUTORY, Outcome.WATCH]


def test_links_to_two_priorities_make_a_theme_cross_cutting() -> None:
    """With three slots, a and b are both priorities (with c by override): d feeds two."""
    decided = _selector(max_priorities=3).decide(
        np.array([[80.0, 60.0, 20.0, 50.0, 30.0, 1.0, 10.0]]))
    assert Outcome(int(decided.outcome[0, 3])) is Outcome.CROSS_CUTTING_LINKS
    assert Outcome(int(decided.outcome[0, 1])) is Outcome.PRIORITY


def test_a_score_a_hair_below_the_threshold_reaches_it() -> None:
    """40 - 1e-10 counts as 40 (float sums); 40 - 1e-8 does not."""
    s = _selector(max_priorities=6)
    near = s.decide(np.array([[80.0, 40.0 - 1e-10, 0, 0, 0, 0, 0]]))
    far = s.decide(np.array([[80.0, 40.0 - 1e-8, 0, 0, 0, 0, 0]]))
    assert Outcome(int(near.outcome[0, 1])) is Outcome.PRIORITY
    assert Outcome(int(far.outcome[0, 1])) is Outcome.WATCH


def test_front_door_errors() -> None:
    config = ScoringConfig()
    with pytest.raises(UsageError, match=r"^selection: expected criterion scores of shape "
                                         r"\(7, 2\) \(themes x criteria\); found \(7, 3\)$"):
        Selector.build(THEMES, np.zeros((7, 3)), CRITERIA, FACTS, config)
    with pytest.raises(UsageError, match=r"^selection: no theme facts for g$"):
        Selector.build(THEMES, NORMALISED, CRITERIA, {t: FACTS[t] for t in THEMES[:-1]},
                       config)
    unknown = ScoringConfig(high_on_any=HighOnAny(criteria=("harms",), at_least=1.0))
    with pytest.raises(RulesetError, match=r"^scoring.high_on_any.criteria: expected one of "
                                           r"harm, trend; found harms$"):
        Selector.build(THEMES, NORMALISED, CRITERIA, FACTS, unknown)
    s = Selector.build(THEMES, NORMALISED, CRITERIA, FACTS, config)
    with pytest.raises(UsageError, match=r"^selection: expected scores of shape "
                                         r"\(rankings, 7\); found \(7,\)$"):
        s.decide(np.zeros(7))
    with pytest.raises(UsageError, match=r"^selection: expected finite theme scores; "
                                         r"found NaN or inf$"):
        s.decide(np.full((1, 7), np.nan))


def test_page_data_carries_every_kernel_input() -> None:
    data = _selector().page_data()
    assert data["override"] == [False, False, True, False, False, False, False]
    assert data["statutory"] == [False] * 5 + [True, False]
    assert data["crossKind"] == [False] * 4 + [True, False, False]
    links = data["links"]
    assert isinstance(links, list)
    assert links[3] == [1, 1, 0, 0, 0, 0, 0]
    assert data["outcomeStatus"] == ["priority", "priority", "cross_cutting", "cross_cutting",
                                     "cross_cutting", "watch", "not_recommended",
                                     "not_recommended"]
    assert data["context"] == [False] * 7
    assert (data["rankDecimals"], data["scoreTolerance"]) == (9, 1e-9)
    assert data["selection"] == Selection(max_priorities=2).model_dump()


score_rows = hnp.arrays(np.float64, st.tuples(st.integers(1, 12), st.just(len(THEMES))),
                        elements=st.sampled_from([0.0, 5.0, 12.5, 30.0, 40.0, 60.0, 80.0])
                        | st.floats(0, 100))
slots = st.integers(1, 8)


@settings(max_examples=80, deadline=None)
@given(score_rows, slots)
def test_each_row_is_decided_on_its_own(scores: Array, cap: int) -> None:
    s = _selector(max_priorities=cap)
    together = s.decide(scores)
    for k in range(len(scores)):
        alone = s.decide(scores[k:k + 1])
        assert alone.outcome[0].tolist() == together.outcome[k].tolist()
        assert alone.ranks[0].tolist() == together.ranks[k].tolist()


@settings(max_examples=80, deadline=None)
@given(score_rows, slots)
def test_priorities_are_the_overrides_and_the_best_eligible(
    scores: Array, cap: int
) -> None:
    s = _selector(max_priorities=cap)
    d = s.decide(scores)
    for k in range(len(scores)):
        chosen = d.priority[k]
        assert chosen[s.override].all()
        eligible = [int(i) for i in d.order[k]
                    if scores[k, i] >= d.priority_at[k] - 1e-9 and not s.override[i]]
        room = max(cap - int(s.override.sum()), 0)
        assert sorted(np.flatnonzero(chosen & ~s.override).tolist()) == sorted(eligible[:room])


@settings(max_examples=80, deadline=None)
@given(score_rows, slots, st.integers(0, len(THEMES) - 1), st.floats(0, 50))
def test_a_priority_scoring_more_stays_a_priority(
    scores: Array, cap: int, theme: int, more: float
) -> None:
    s = _selector(max_priorities=cap)
    before = s.decide(scores)
    raised = scores.copy()
    raised[:, theme] += more
    after = s.decide(raised)
    assert (after.priority[:, theme] >= before.priority[:, theme]).all()


def test_an_aggregate_is_context_never_selected_and_sets_no_threshold() -> None:
    """Total crime scores 90, the others 40 / 30 / 5.  As context it is ranked first but
    takes no slot and sets no threshold: the top is 40, so the priority bar is
    max(10, 0.5 x 40) = 20 and the watch bar max(5, 0.3 x 40) = 12; without it the
    bar would be 45 and nothing else would be a priority."""
    from csprules.rules.scoring_config import ScoringConfig
    from csprules.scoring.select import ThemeFacts
    from csprules.scoring.selection_kernel import Outcome
    from csprules.scoring.selector import Selector

    themes = ("all-crime", "a", "b", "c")
    facts = {t: ThemeFacts(label=t, kind="aggregate" if t == "all-crime" else "crime_type",
                           statutory=(), links=frozenset()) for t in themes}
    config = ScoringConfig.model_validate({"selection": {"max_priorities": 1}})
    selector = Selector.build(themes, np.zeros((4, 1)), ("harm",), facts, config)
    decided = selector.decide(np.array([[90.0, 40.0, 30.0, 5.0]]))
    assert decided.ranks[0].tolist() == [1, 2, 3, 4]
    assert (float(decided.top[0]), float(decided.priority_at[0]),
            float(decided.watch_at[0])) == (40.0, 20.0, 12.0)
    assert [Outcome(o) for o in decided.outcome[0]] == [
        Outcome.CONTEXT, Outcome.PRIORITY, Outcome.WATCH, Outcome.NOT_RECOMMENDED]
