"""The exact test for a change in counts, against values worked by hand."""

from __future__ import annotations

from math import comb, erfc, sqrt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csprules.importers.police_uk.significance import binomial_two_sided, change_test


def test_worked_values() -> None:
    # 7 of 10 at p = 1/2: 2 * (C(10,0)+C(10,1)+C(10,2)+C(10,3)) / 2^10 = 2 * 176 / 1024.
    assert binomial_two_sided(7, 10) == 0.34375
    # 9 of 10: 2 * (1 + 10) / 1024.
    assert binomial_two_sided(9, 10) == 0.021484375
    # 15 of 20: 2 * (15504 + 4845 + 1140 + 190 + 20 + 1) / 2^20 = 43400 / 1048576.
    assert binomial_two_sided(15, 20) == pytest.approx(43400 / 1048576, rel=1e-15)
    assert binomial_two_sided(5, 10) == 1.0
    assert binomial_two_sided(2, 5) == 1.0  # the two most likely outcomes
    assert binomial_two_sided(0, 0) == 1.0


def test_large_counts_use_the_same_distribution() -> None:
    # Above the integer limit the tail is summed in floating point: it must agree
    # with exact integers, and sit near the normal approximation.
    k, n = 2_700, 5_200
    exact = 2 * sum(comb(n, i) for i in range(n - k + 1)) / 2**n
    assert binomial_two_sided(k, n) == pytest.approx(exact, rel=1e-12)
    k, n = 52_000, 100_000
    normal = erfc((abs(k - n / 2) - 0.5) / (sqrt(n) / 2) / sqrt(2))
    assert binomial_two_sided(k, n) == pytest.approx(normal, rel=0.02)


def test_verdicts_read_as_plain_english() -> None:
    # City of London, violence and sexual offences, 12 months to Dec 2018 vs 2017.
    rise = change_test(1100, 835)
    assert rise.verdict == "a statistically significant rise"
    assert rise.sentence().endswith("two-sided p < 0.0001)")
    assert change_test(835, 1100).verdict == "a statistically significant fall"
    flat = change_test(1700, 1600)
    assert flat.verdict == "within normal variation"
    assert "p = 0.0848" in flat.sentence()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match=r"^expected 0 <= k <= n; found k=3, n=2$"):
        binomial_two_sided(3, 2)


@given(st.integers(0, 400), st.integers(0, 400))
def test_p_is_a_symmetric_probability(a: int, b: int) -> None:
    p = binomial_two_sided(a, a + b)
    assert 0.0 < p <= 1.0
    assert p == binomial_two_sided(b, a + b)


@given(st.integers(1, 300), st.integers(0, 300))
def test_further_from_even_is_less_likely(n: int, k: int) -> None:
    k = min(k, n)
    if abs(2 * k - n) >= 2 and k != 0 and k != n:
        closer = k - 1 if 2 * k > n else k + 1
        assert binomial_two_sided(k, n) <= binomial_two_sided(closer, n)
