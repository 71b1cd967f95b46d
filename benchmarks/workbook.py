"""Workbook export and reading, side by side with the folder: ``BENCH <name> <value> <unit>``.

- ``workbook_export_largest``: export the largest example (evidence + governance), warm
- ``workbook_load_largest`` / ``folder_load_largest``: load it back from the workbook and
  from the folder, and their ratio (openpyxl's XML parsing against CSV and YAML)
- ``workbook_export_synthetic_<n>obs`` / ``workbook_load_synthetic_<n>obs``: a synthetic
  partnership with many indicators, to show how both scale with rows

Run: ``python benchmarks/workbook.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_evidence  # noqa: E402
from csprules import load_evidence, load_governance  # noqa: E402
from csprules.report.evidence_workbook import evidence_workbook  # noqa: E402

LARGEST = ROOT / "examples" / "tower-hamlets-2016"


def bench(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.6g} {unit}", flush=True)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    evidence, governance = load_evidence(LARGEST), load_governance(LARGEST)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "largest.xlsx"
        book.write_bytes(evidence_workbook(evidence, governance))
        export = median_time(lambda: evidence_workbook(evidence, governance), 7)
        from_book = median_time(lambda: load_evidence(book), 7)
        from_folder = median_time(lambda: load_evidence(LARGEST), 7)
        bench("workbook_export_largest", export * 1000, "ms")
        bench("workbook_load_largest", from_book * 1000, "ms")
        bench("folder_load_largest", from_folder * 1000, "ms")
        bench("workbook_vs_folder_load", from_book / from_folder, "x")

        synthetic = synthetic_evidence(1, indicators=600)
        rows = sum(len(i.observations) for i in synthetic.indicators)
        big = Path(tmp) / "synthetic.xlsx"
        big.write_bytes(evidence_workbook(synthetic))
        bench(f"workbook_export_synthetic_{rows}obs",
              median_time(lambda: evidence_workbook(synthetic), 3), "s")
        bench(f"workbook_load_synthetic_{rows}obs", median_time(lambda: load_evidence(big), 3), "s")
        bench("workbook_synthetic_bytes", big.stat().st_size / 1024, "KiB")


if __name__ == "__main__":
    main()
