"""Reading YAML: libyaml's fast path against the pure loader, side by side.

Prints ``BENCH yaml_read_{fast,pure}_*`` (median, p10, p90, in ms, for reading
every shipped YAML file once: rulesets, examples, packaged data) and
``yaml_read_speedup`` (pure / fast).  Runs alternate, so both see the same load.

Usage: ``python benchmarks/yaml_read.py`` (or as part of benchmarks/run.py).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from csprules.errors import RulesetError
from csprules.sources.yaml_fast import available
from csprules.sources.yaml_file import YamlDocument, parse_yaml, parse_yaml_pure

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = ("rulesets/*.yaml", "examples/*/*.yaml", "csprules/data/*.yaml")

Reader = Callable[[str, str, type[RulesetError]], YamlDocument]


def shipped_yaml() -> list[str]:
    paths = [p for pattern in PATTERNS for p in sorted(ROOT.glob(pattern))]
    return [p.read_text(encoding="utf-8") for p in paths]


def _read_all(read: Reader, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        read(text, "f.yaml", RulesetError)
    return (time.perf_counter() - start) * 1000


def run(repeat: int = 10) -> Iterator[tuple[str, float, str]]:
    texts = shipped_yaml()
    yield "yaml_read_files", len(texts), "files"
    yield "yaml_read_libyaml_available", int(available()), "bool"
    times: dict[str, list[float]] = {"fast": [], "pure": []}
    for _ in range(repeat):
        times["fast"].append(_read_all(parse_yaml, texts))
        times["pure"].append(_read_all(parse_yaml_pure, texts))
    medians = {}
    for name, values in times.items():
        medians[name] = statistics.median(values)
        deciles = statistics.quantiles(values, n=10, method="inclusive")
        yield f"yaml_read_{name}_median", medians[name], "ms"
        yield f"yaml_read_{name}_p10", deciles[0], "ms"
        yield f"yaml_read_{name}_p90", deciles[-1], "ms"
    yield "yaml_read_speedup", medians["pure"] / medians["fast"], "x"


def main() -> None:
    for name, value, unit in run():
        print(f"BENCH {name} {value:.6g} {unit}", flush=True)


if __name__ == "__main__":
    main()
