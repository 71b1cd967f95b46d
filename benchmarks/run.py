"""csprules benchmarks: one line per figure, ``BENCH <name> <value> <unit>``.

Figures are measured side by side in one run (these machines are noisy and
shared): repeated figures print their median with ``_p10``/``_p90`` (or
``_min``/``_max`` for few repeats), and every goal a ``<name>_vs_goal`` ratio
(measured / goal; <= 1 is met).  Goals, on 2 cores:

- ``recommend_warm``: ``recommend`` on tower-hamlets-2016, in-process, warm (goal <= 35 ms)
- ``main_command_cold``: ``csprules recommend examples/tower-hamlets-2016 --format md`` in a
  fresh process (goal <= 0.9 s), also printed as a ratio to
  ``python -c "import pydantic, numpy"`` timed in the same run
  (``main_command_cold_vs_import_baseline``); the README's HTML command is timed beside it
- ``yaml_read_*``: every shipped YAML file read by libyaml's fast path and by the pure
  loader, alternately (benchmarks/yaml_read.py)
- ``engine_*``: durable-rules vs the reference evaluator, facts x rules (benchmarks/engine_scale.py)
- ``sensitivity``: 10,000 weight draws, 40 themes x 10 criteria (goal <= 0.3 s)
- ``national_batch``: 300 synthetic partnerships on 2 worker processes, each loading the
  ruleset once, with a progress bar on stderr (goal <= 10 s)
- ``police_uk_*``: the police.uk importer vs Python's csv module (benchmarks/police_uk.py)
- ``soak_rss_growth``: the caller's RSS growth over 10,000 evaluations (goal: flat, < 20 MB);
  durable-rules itself runs in recycled worker processes, whose size is reported too

``--quick`` (used by .ci/run) runs smaller sizes of the slow ones.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import engine_scale, police_uk, yaml_read  # noqa: E402
from benchmarks.synthetic import synthetic_evidence  # noqa: E402
from csprules import load_evidence, load_governance, recommend  # noqa: E402
from csprules.assessment.pipeline import evaluate_evidence  # noqa: E402
from csprules.cli.common import ruleset_from  # noqa: E402
from csprules.rules import Ruleset, evaluate, worker_status  # noqa: E402
from csprules.rules.scoring_config import Criterion, ScoringConfig  # noqa: E402
from csprules.scoring.analysis import analyse  # noqa: E402
from csprules.scoring.sensitivity import simulate  # noqa: E402

LARGEST = "examples/tower-hamlets-2016"


def bench(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.6g} {unit}", flush=True)


def ratio(name: str, measured: float, goal: float) -> None:
    bench(f"{name}_vs_goal", measured / goal, "x")


def best_of(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def spread(name: str, values: list[float], unit: str) -> float:
    """Print the median and spread of ``values``; return the median."""
    median = statistics.median(values)
    bench(f"{name}_median", median, unit)
    if len(values) >= 10:
        deciles = statistics.quantiles(values, n=10, method="inclusive")
        bench(f"{name}_p10", deciles[0], unit)
        bench(f"{name}_p90", deciles[-1], unit)
    else:
        bench(f"{name}_min", min(values), unit)
        bench(f"{name}_max", max(values), unit)
    return median


def recommend_warm(repeat: int) -> None:
    evidence = load_evidence(ROOT / LARGEST)
    governance = load_governance(ROOT / LARGEST)
    ruleset = ruleset_from("default")
    recommend(evidence, ruleset, governance)
    times = best_of(lambda: recommend(evidence, ruleset, governance), repeat)
    median = spread("recommend_warm", [t * 1000 for t in times], "ms")
    ratio("recommend_warm", median, 35.0)
    evaluated = evaluate_evidence(evidence, ruleset, governance)
    times = best_of(lambda: evaluated.recommendations({"harm": 1.0}), repeat)
    spread("rescore_new_weights", [t * 1000 for t in times], "ms")


def main_command_cold(repeat: int) -> None:
    """The main command against bare interpreter start-up, interleaved so both see one load."""
    exe = str(Path(sys.executable).with_name("csprules"))
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "main_command_cold": [exe, "recommend", LARGEST, "--format", "md"],
            "main_command_cold_html": [exe, "recommend", LARGEST, "--format", "html",
                                       "-o", str(Path(tmp) / "report.html")],
            "import_baseline_cold": [sys.executable, "-c", "import pydantic, numpy"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
    medians = {name: spread(name, values, "s") for name, values in times.items()}
    ratio("main_command_cold", medians["main_command_cold"], 0.9)
    bench("main_command_cold_vs_import_baseline",
          medians["main_command_cold"] / medians["import_baseline_cold"], "x")


def sensitivity(draws: int) -> None:
    evidence = synthetic_evidence(0, themes=40)
    criteria = {f"c{j}": Criterion(label=f"c{j}", weight=1.0 + j % 3, cap=10.0) for j in range(10)}
    rng = np.random.default_rng(1)

    class Contribution:
        def __init__(self, theme: str, criterion: str, points: float) -> None:
            self.rule_id = "r"
            self.theme = theme
            self.criterion = criterion
            self.points = points
            self.text = ""
            self.fact_ids: tuple[str, ...] = ()

    contributions = [
        Contribution(t.id, c, float(rng.uniform(0, 12)))
        for t in evidence.themes for c in criteria
    ]
    from csprules.signals.derive import derive_signals

    analysis = analyse(evidence, derive_signals(evidence), criteria, ScoringConfig(),
                       contributions)
    assert len(analysis.matrix.themes) == 40
    simulate(analysis, 100)
    times = best_of(lambda: simulate(analysis, draws, seed=0), 5)
    median = statistics.median(times)
    bench(f"sensitivity_{draws}draws_40x10", median, "s")
    if draws == 10_000:
        ratio("sensitivity", median, 0.3)


_WORKER_RULESET: list[Ruleset] = []
"""The default ruleset, read once per batch worker process (by :func:`_load_ruleset`)."""


def _load_ruleset() -> None:
    _WORKER_RULESET.append(ruleset_from("default"))


def _one_partnership(seed: int) -> float:
    start = time.perf_counter()
    evidence = synthetic_evidence(seed)
    recs = recommend(evidence, _WORKER_RULESET[0])
    assert recs.priorities, f"synthetic partnership {seed} has no priorities"
    return time.perf_counter() - start


def national_batch(n: int) -> None:
    start = time.perf_counter()
    per_partnership: list[float] = []
    every = 1 if sys.stderr.isatty() else max(n // 10, 1)
    with multiprocessing.get_context("spawn").Pool(2, initializer=_load_ruleset) as pool:
        for seconds in pool.imap_unordered(_one_partnership, range(n), chunksize=4):
            per_partnership.append(seconds)
            done = len(per_partnership)
            if done == n or done % every == 0:
                progress(done, n, time.perf_counter() - start)
    print(file=sys.stderr)
    elapsed = time.perf_counter() - start
    bench(f"national_batch_{n}_partnerships_2cores", elapsed, "s")
    bench("national_batch_per_partnership", elapsed / n * 1000, "ms")
    spread("national_batch_one_partnership", [t * 1000 for t in per_partnership], "ms")
    if n == 300:
        ratio("national_batch", elapsed, 10.0)


def progress(done: int, total: int, elapsed: float) -> None:
    bar = "#" * (30 * done // total)
    left = elapsed / done * (total - done)
    print(f"\rnational batch [{bar:<30}] {done}/{total} {elapsed:5.1f} s, ~{left:4.1f} s left",
          end="", file=sys.stderr, flush=True)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def soak(n: int) -> None:
    evidence = load_evidence(ROOT / "examples/havering-2017")
    ruleset = ruleset_from("default")
    from csprules.signals.derive import derive_signals

    facts = derive_signals(evidence).facts()
    for _ in range(50):
        evaluate(ruleset, facts)
    gc.collect()
    threads, before = threading.active_count(), rss_mb()
    start = time.perf_counter()
    for _ in range(n):
        evaluate(ruleset, facts)
    elapsed = time.perf_counter() - start
    gc.collect()
    growth = rss_mb() - before
    status = worker_status()
    worker_rss = status.rss_kb / 1024 if status else 0.0
    bench(f"soak_{n}_evaluations_rss_growth", growth, "MB")
    bench("soak_engine_worker_rss_now", worker_rss, "MB")
    bench("soak_engine_workers_retired", status.restarts if status else 0, "workers")
    bench(f"soak_{n}_evaluations_time", elapsed, "s")
    bench("soak_threads_left_behind", threading.active_count() - threads, "threads")
    bench("soak_engine_rulesets_held", status.rulesets if status else 0, "rulesets")
    if n == 10_000:
        ratio("soak_rss_growth", growth, 20.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (CI)")
    args = parser.parse_args()
    os.chdir(ROOT)
    bench("cpus", os.cpu_count() or 0, "cores")
    recommend_warm(5 if args.quick else 20)
    for name, value, unit in yaml_read.run(3 if args.quick else 10):
        bench(name, value, unit)
    main_command_cold(1 if args.quick else 5)
    sizes = engine_scale.QUICK if args.quick else engine_scale.FULL
    for name, value, unit in engine_scale.run(sizes):
        bench(name, value, unit)
    sensitivity(10_000)
    national_batch(20 if args.quick else 300)
    soak(1_000 if args.quick else 10_000)
    for name, value, unit in police_uk.run(args.quick):
        bench(name, value, unit)


if __name__ == "__main__":
    main()
