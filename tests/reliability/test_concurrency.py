"""8 threads recommending on different evidence at once match running them one by one."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from csprules import load_evidence, load_governance, recommend
from csprules.cli.common import ruleset_from
from csprules.rules import worker_status

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir())


def test_eight_threads_match_sequential() -> None:
    ruleset = ruleset_from("default")
    inputs = [
        (load_evidence(ROOT / "examples" / name), load_governance(ROOT / "examples" / name))
        for name in (EXAMPLES * 2)[:8]
    ]
    sequential = [recommend(e, ruleset, g).model_dump_json() for e, g in inputs]
    before = set(threading.enumerate())
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda eg: recommend(eg[0], ruleset, eg[1]).model_dump_json(),
                                 inputs))
    assert parallel == sequential
    assert set(threading.enumerate()) == before
    status = worker_status()  # evaluations took turns on one worker (None: reference engine)
    assert status is None or status.rulesets >= 1
