"""Reading cost of a long observations table: it must grow linearly with the file.

Issue 17 measured a 19 MB CSV at 30 s to validate.  This writes the mini fixture
with observations.csv padded to each size, times ``load_evidence`` (what
``validate`` does) in this process, and prints, side by side in one run:

- ``read_csv_<n>mb``: CPU seconds to read and validate the folder (process time, so
  that other work on a shared machine does not inflate it)
- ``read_csv_s_per_mb_<n>mb``: the same per MB
- ``read_scaling_ratio``: seconds per MB at the largest size over the smallest
  (goal <= 1.5: linear; a quadratic step would show as a ratio near the size ratio)

``--quick`` runs 1 and 4 MB; the default runs 2, 8 and 20 MB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from csprules import load_evidence  # noqa: E402

PERIODS = [f"{y}/{(y + 1) % 100:02d}" for y in range(2005, 2016)]


def padded_folder(target: Path, megabytes: int) -> int:
    """The mini fixture with observations.csv grown to ``megabytes``; returns its rows."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", target)
    path = target / "observations.csv"
    lines = [path.read_text(encoding="utf-8").rstrip("\n")]
    size, area, rows = len(lines[0]), 0, 0
    while size < megabytes * 1_000_000:
        for period in PERIODS:
            line = f"tno,actual,area-{area},{period},,{1000 + area % 97},,a note,seed:{area}"
            lines.append(line)
            size += len(line) + 1
            rows += 1
        area += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def seconds_to_read(folder: Path, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        load_evidence(folder)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = (1, 4) if args.quick else (2, 8, 20)
    per_mb: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            folder = Path(tmp) / f"{mb}mb"
            padded_folder(folder, mb)
            seconds = seconds_to_read(folder, repeats=2 if mb <= 8 else 1)
            per_mb.append(seconds / mb)
            print(f"BENCH read_csv_{mb}mb {seconds:.2f} cpu_s", flush=True)
            print(f"BENCH read_csv_s_per_mb_{mb}mb {seconds / mb:.3f} cpu_s/MB", flush=True)
    print(f"BENCH read_scaling_ratio {per_mb[-1] / per_mb[0]:.2f} ratio (goal <= 1.5)")


if __name__ == "__main__":
    main()
