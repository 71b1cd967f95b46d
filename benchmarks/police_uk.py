"""The police.uk importer's speed and memory, beside Python's csv module on the same files.

Two inputs: the 24 real City of London files shipped in
``examples/city-of-london-2019/source/`` (15,858 rows), and a synthetic archive
of a large force's year (12 monthly files, 10 million rows; 1 million with
``--quick``) written by DuckDB into a temporary folder: 32 areas of 150 LSOAs,
the 14 categories, a fifth of rows ASB without crime id, 5% without location.

Each run happens in a fresh process that reports its own peak RSS, so the
figures are the importer's alone.  Prints::

    BENCH police_uk_<input>_import_rows_per_s <rows/s> rows/s
    BENCH police_uk_<input>_import_peak_rss <MB> MB
    BENCH police_uk_<input>_csv_module_rows_per_s <rows/s> rows/s
    BENCH police_uk_<input>_speedup_vs_csv_module <ratio> x
    BENCH police_uk_synthetic_rows_per_s_vs_goal <measured / 2,000,000> x
    BENCH police_uk_synthetic_peak_rss_vs_goal <measured / 1,024 MB> x

Usage: ``python benchmarks/police_uk.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = (ROOT / "examples/city-of-london-2019/source"
           / "city-of-london-police-2017-01-to-2018-12-street.zip")
GOAL_ROWS_PER_S = 2_000_000
GOAL_RSS_MB = 1024.0

_IMPORT = """
import json, resource, sys, time
from csprules.importers.police_uk import import_police_uk
start = time.perf_counter()
result = import_police_uk([sys.argv[1]], sys.argv[2], area=sys.argv[3])
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rows": result.summary["rows_read"],
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_CSV = """
import csv, json, resource, sys, time
from collections import Counter
from pathlib import Path
start = time.perf_counter()
counts = Counter()
rows = 0
for path in sorted(Path(sys.argv[1]).rglob("*-street.csv")):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for r in reader:
            counts[(r[1], r[7], r[9], r[10])] += 1
            rows += 1
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rows": rows,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_TYPES = ["Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson",
          "Drugs", "Other crime", "Other theft", "Possession of weapons", "Public order",
          "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime",
          "Violence and sexual offences"]
_OUTCOMES = ["Investigation complete; no suspect identified", "Under investigation",
             "Unable to prosecute suspect", "Status update unavailable", "Offender fined",
             "Local resolution", "Awaiting court outcome", "Offender given a caution"]


def synthetic(folder: Path, rows: int, months: int = 12) -> None:
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    types = "[" + ", ".join(f"'{t}'" for t in _TYPES) + "]"
    outcomes = "[" + ", ".join(f"'{o}'" for o in _OUTCOMES) + "]"
    per_month = rows // months
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for m in range(1, months + 1):
        month = f"2019-{m:02d}"
        path = folder / f"{month}-large-force-street.csv"
        con.execute(f"""
        COPY (
          WITH r AS (SELECT i, hash(i * 31 + {m}) AS h FROM range({per_month}) t(i))
          SELECT
            CASE WHEN h % 5 = 0 THEN NULL ELSE md5(i::VARCHAR || '{month}') ||
                 md5('{month}' || i::VARCHAR) END AS "Crime ID",
            '{month}' AS "Month",
            'Large Force Police' AS "Reported by",
            'Large Force Police' AS "Falls within",
            CASE WHEN h % 20 = 1 THEN NULL ELSE round(-0.1 - (h % 1000) / 10000.0, 6) END
                AS "Longitude",
            CASE WHEN h % 20 = 1 THEN NULL ELSE round(51.5 + (h % 997) / 10000.0, 6) END
                AS "Latitude",
            CASE WHEN h % 20 = 1 THEN 'No Location'
                 ELSE 'On or near Street ' || (h % 5000)::VARCHAR END AS "Location",
            CASE WHEN h % 20 = 1 THEN NULL
                 ELSE 'E01' || lpad(((h // 7) % 4800)::VARCHAR, 6, '0') END AS "LSOA code",
            CASE WHEN h % 20 = 1 THEN NULL
                 ELSE 'Area ' || lpad((((h // 7) % 4800) // 150)::VARCHAR, 2, '0') || ' ' ||
                      lpad((((h // 7) % 4800) % 150 + 1)::VARCHAR, 3, '0') || 'A' END
                AS "LSOA name",
            CASE WHEN h % 5 = 0 THEN 'Anti-social behaviour'
                 ELSE {types}[2 + ((h // 11) % 13)::INTEGER] END AS "Crime type",
            CASE WHEN h % 5 = 0 THEN NULL
                 ELSE {outcomes}[1 + ((h // 13) % 8)::INTEGER] END AS "Last outcome category",
            NULL AS "Context"
          FROM r
        ) TO '{path}' (HEADER, DELIMITER ',')
        """)
    con.close()


def _child(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(name: str, source: Path, csv_folder: Path, area: str, tmp: Path
            ) -> list[tuple[str, float, str]]:
    imported = _child(_IMPORT, str(source), str(tmp / f"out-{name}"), area)
    baseline = _child(_CSV, str(csv_folder))
    rate = imported["rows"] / imported["seconds"]
    csv_rate = baseline["rows"] / baseline["seconds"]
    return [
        (f"police_uk_{name}_rows", imported["rows"], "rows"),
        (f"police_uk_{name}_import_time", imported["seconds"], "s"),
        (f"police_uk_{name}_import_rows_per_s", rate, "rows/s"),
        (f"police_uk_{name}_import_peak_rss", imported["rss_mb"], "MB"),
        (f"police_uk_{name}_csv_module_rows_per_s", csv_rate, "rows/s"),
        (f"police_uk_{name}_csv_module_peak_rss", baseline["rss_mb"], "MB"),
        (f"police_uk_{name}_speedup_vs_csv_module", rate / csv_rate, "x"),
    ]


def run(quick: bool = False) -> list[tuple[str, float, str]]:
    out: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-police-uk-") as tmp_name:
        tmp = Path(tmp_name)
        import zipfile

        real = tmp / "real"
        with zipfile.ZipFile(SHIPPED) as archive:
            archive.extractall(real)
        out += measure("real", real, real, "City of London", tmp)
        rows = 1_000_000 if quick else 10_000_000
        start = time.perf_counter()
        synthetic(tmp / "synthetic", rows)
        out.append(("police_uk_synthetic_generate_time", time.perf_counter() - start, "s"))
        figures = measure("synthetic", tmp / "synthetic", tmp / "synthetic", "Area 07", tmp)
        out += figures
        found = {name: value for name, value, _ in figures}
        out.append(("police_uk_synthetic_rows_per_s_vs_goal",
                    found["police_uk_synthetic_import_rows_per_s"] / GOAL_ROWS_PER_S, "x"))
        out.append(("police_uk_synthetic_peak_rss_vs_goal",
                    found["police_uk_synthetic_import_peak_rss"] / GOAL_RSS_MB, "x"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 million synthetic rows")
    args = parser.parse_args()
    for name, value, unit in run(args.quick):
        print(f"BENCH {name} {value:.6g} {unit}", flush=True)


if __name__ == "__main__":
    main()
