"""Shared helpers: the shipped police.uk copy and small synthetic street-level files."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "city-of-london-2019"
SHIPPED_ZIP = EXAMPLE / "source" / "city-of-london-police-2017-01-to-2018-12-street.zip"
HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
          "LSOA name,Crime type,Last outcome category,Context")
IMPORTER_FILES = ("partnership.yaml", "indicators.csv", "observations.csv",
                  "police-uk-monthly.csv", "police-uk-import.json", "sources.yaml")


def extract(into: Path) -> Path:
    """The 24 real monthly files, as a plain folder of CSVs."""
    into.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(SHIPPED_ZIP) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                (into / Path(info.filename).name).write_bytes(archive.read(info))
    return into


def row(month: str, lsoa: str, crime_type: str, *, crime_id: str = "",
        force: str = "Test Police", outcome: str = "", code: str | None = None) -> str:
    code = code if code is not None else (lsoa_code(lsoa) if lsoa else "")
    where = "-0.1,51.5,On or near Somewhere" if lsoa else ",,No Location"
    return (f"{crime_id},{month},{force},{force},{where},{code},{lsoa},{crime_type},"
            f"{outcome},")


def lsoa_code(name: str) -> str:
    """A stable made-up code per LSOA name (E01 and six digits)."""
    return "E01" + str(zlib.crc32(name.encode()) % 10**6).zfill(6)


def write_month(folder: Path, month: str, rows: list[str], force_slug: str = "test") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{month}-{force_slug}-street.csv"
    path.write_text(HEADER + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path
