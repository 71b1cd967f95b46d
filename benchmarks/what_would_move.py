"""What would move it, against one ordinary re-scoring, side by side on the largest example.

    BENCH what_would_move_<example> <seconds> s
    BENCH rescore_<example> <seconds> s
    BENCH what_would_move_ratio_<example> <what_would_move / rescore> x

Every report built by ``assess`` pays for ``what_would_move`` once (``levers=False``
skips it); the ratio says what that costs in re-scorings.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from csprules import load_evidence, load_governance  # noqa: E402
from csprules.assessment.pipeline import evaluate_evidence  # noqa: E402
from csprules.cli.common import ruleset_from  # noqa: E402
from csprules.scoring.what_would_move import what_would_move  # noqa: E402


def _best(f: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    for name in ("tower-hamlets-2016", "havering-2017"):
        folder = ROOT / "examples" / name
        analysis = evaluate_evidence(load_evidence(folder), ruleset_from("default"),
                                     load_governance(folder)).analysis
        levers = _best(lambda a=analysis: what_would_move(a), 5)
        rescore = _best(lambda a=analysis: a.recommendations(), 5)
        print(f"BENCH what_would_move_{name} {levers:.4f} s")
        print(f"BENCH rescore_{name} {rescore:.4f} s")
        print(f"BENCH what_would_move_ratio_{name} {levers / rescore:.1f} x")


if __name__ == "__main__":
    main()
