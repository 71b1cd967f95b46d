"""Is a change in a count more than normal variation?  An exact test for counts.

Two Poisson counts over equal exposures (12 months against the previous 12),
``x`` now and ``y`` before: conditional on ``n = x + y``, ``x`` is
Binomial(n, 1/2) when the underlying rate has not changed.  The two-sided
p-value sums the probabilities of every outcome no more likely than the one
seen (the same rule as R's ``binom.test`` and ``poisson.test``).  Exact
integer arithmetic: no approximation, no dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb, exp, lgamma, log

ALPHA = 0.05
"""Significance level of the verdicts."""
_EXACT_INTEGER_N = 5_000
"""Up to this many events the tail is summed in integers; above it, in floating point."""


@dataclass(frozen=True)
class ChangeTest:
    now: int
    before: int
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < ALPHA

    @property
    def verdict(self) -> str:
        if not self.significant or self.now == self.before:
            return "within normal variation"
        return "a statistically significant rise" if self.now > self.before else \
            "a statistically significant fall"

    def sentence(self) -> str:
        return (f"{self.verdict} ({self.now:,} against {self.before:,}; exact conditional "
                f"binomial test for Poisson counts, two-sided {_p_text(self.p_value)})")


def _p_text(p: float) -> str:
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.4f}"


def binomial_two_sided(k: int, n: int) -> float:
    """Exact two-sided p-value of ``k`` successes in ``n`` trials at probability 1/2."""
    if not 0 <= k <= n:
        raise ValueError(f"expected 0 <= k <= n; found k={k}, n={n}")
    # At p = 1/2 the distribution is symmetric: the outcomes no more likely than
    # k are those at least as far from n/2, i.e. both tails beyond min(k, n-k).
    low = min(k, n - k)
    if n - 2 * low <= 1:
        return 1.0
    if n <= _EXACT_INTEGER_N:
        tail = sum(comb(n, i) for i in range(low + 1))
        return float(min(Fraction(2 * tail, 2**n), Fraction(1)))
    return min(2.0 * _lower_tail(low, n), 1.0)


def _lower_tail(low: int, n: int) -> float:
    # P(X <= low) summed downwards from its largest term; each term is the one
    # above times i / (n - i + 1), so nothing overflows or is approximated.
    log_term = lgamma(n + 1) - lgamma(low + 1) - lgamma(n - low + 1) - n * log(2.0)
    term = exp(log_term)
    total = 0.0
    i = low
    while i >= 0 and term > 0.0:
        total += term
        if term < total * 1e-17:
            break
        term *= i / (n - i + 1)
        i -= 1
    return total


def change_test(now: int, before: int) -> ChangeTest:
    """Test ``now`` against ``before`` (counts over equal periods)."""
    return ChangeTest(now=now, before=before, p_value=binomial_two_sided(now, now + before))
