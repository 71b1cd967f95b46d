"""Finding the monthly street-level files: single CSVs, folders, downloaded zips.

police.uk names each file ``YYYY-MM-<force>-street.csv`` (an archive holds
``YYYY-MM/YYYY-MM-<force>-street.csv`` beside ``-outcomes`` and
``-stop-and-search`` files, which are not street-level crime and are skipped,
and counted).  Zip members are copied out one at a time, in chunks, to a
temporary folder, so an archive is never held in memory; a truncated or
corrupt archive is an error, never a partial import.
"""

from __future__ import annotations

import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from csprules.errors import EvidenceError, Location, Problem

COLUMNS = (
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
)
"""The street-level columns, in police.uk's order."""

NAME = re.compile(r"^(\d{4})-(\d{2})-([a-z0-9-]+)-street\.csv$")
OTHER_KINDS = re.compile(r"^\d{4}-\d{2}-[a-z0-9-]+-(outcomes|stop-and-search)\.csv$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class MonthFile:
    """One monthly street-level file, ready to read."""

    path: Path
    """Where it is on disk (inside the temporary folder for zip members)."""
    shown: str
    """How messages and citations name it: the path given, or ``archive.zip:member``."""
    name: str
    month: str
    """``YYYY-MM`` from the file name."""
    force_slug: str


@dataclass(frozen=True)
class Discovery:
    files: tuple[MonthFile, ...]
    skipped: tuple[str, ...]
    """Other police.uk files found and not read (outcomes, stop and search)."""


def discover(paths: list[Path], shown: list[str], scratch: Path) -> Discovery:
    """Every street-level file under ``paths``, sorted by month then force."""
    found: list[MonthFile] = []
    skipped: list[str] = []
    problems: list[Problem] = []
    for path, display in zip(paths, shown, strict=True):
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if p.is_file())
            for member in members:
                rel = f"{display.rstrip('/')}/{member.relative_to(path).as_posix()}"
                _add(member, rel, found, skipped, problems, strict=False)
        elif path.is_file() and path.suffix.lower() == ".zip":
            found += _unzip(path, display, scratch / f"zip{len(found)}-{path.stem}", skipped)
        elif path.is_file():
            _add(path, display, found, skipped, problems, strict=True)
        else:
            problems.append(Problem(Location(display), "no such file or folder"))
    if problems:
        raise EvidenceError(problems)
    if not found:
        raise EvidenceError([Problem(
            Location(", ".join(shown)),
            "expected police.uk street-level files named YYYY-MM-<force>-street.csv; found none",
        )])
    _no_repeats(found)
    found.sort(key=lambda f: (f.month, f.force_slug, f.shown))
    return Discovery(tuple(found), tuple(sorted(skipped)))


def _add(path: Path, shown: str, found: list[MonthFile], skipped: list[str],
         problems: list[Problem], *, strict: bool) -> None:
    m = NAME.match(path.name)
    if m and 1 <= int(m.group(2)) <= 12:
        found.append(MonthFile(path, shown, path.name, f"{m.group(1)}-{m.group(2)}", m.group(3)))
    elif OTHER_KINDS.match(path.name) or not strict:
        skipped.append(shown)
    else:
        problems.append(Problem(
            Location(shown),
            f"expected a police.uk street-level file name YYYY-MM-<force>-street.csv; "
            f"found '{path.name}'",
        ))


def _unzip(path: Path, shown: str, into: Path, skipped: list[str]) -> list[MonthFile]:
    out: list[MonthFile] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir():
                    continue
                base = info.filename.rsplit("/", 1)[-1]
                display = f"{shown}:{info.filename}"
                if not NAME.match(base):
                    skipped.append(display)
                    continue
                target = into / f"{len(out):05d}-{base}"
                target.parent.mkdir(parents=True, exist_ok=True)
                # Streamed in chunks; ZipFile checks each member's CRC at its end.
                with archive.open(info) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
                m = NAME.match(base)
                assert m is not None
                out.append(MonthFile(target, display, base, f"{m.group(1)}-{m.group(2)}",
                                     m.group(3)))
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise EvidenceError([Problem(
            Location(shown),
            f"expected a complete zip archive; found a truncated or corrupt one ({e})",
        )]) from None
    return out


def _no_repeats(found: list[MonthFile]) -> None:
    seen: dict[tuple[str, str], MonthFile] = {}
    problems: list[Problem] = []
    for f in sorted(found, key=lambda f: f.shown):
        key = (f.month, f.force_slug)
        if key in seen:
            problems.append(Problem(
                Location(f.shown),
                f"month {f.month} of force '{f.force_slug}' given twice; "
                f"also in {seen[key].shown}",
            ))
        else:
            seen[key] = f
    if problems:
        raise EvidenceError(problems)


def check_header(f: MonthFile) -> None:
    """The first line must be police.uk's street-level header, exactly."""
    with f.path.open("rb") as handle:
        first = handle.readline(65536)
    text = first.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    found = tuple(c.strip() for c in text.split(","))
    if found == COLUMNS:
        return
    for i, expected in enumerate(COLUMNS):
        got = found[i] if i < len(found) else None
        if got != expected:
            where = Location(f.shown, 1, i + 1)
            what = f"'{got}'" if got is not None else "the end of the line"
            raise EvidenceError([Problem(
                where,
                f"expected police.uk street-level column {i + 1} '{expected}' "
                f"(columns: {', '.join(COLUMNS)}); found {what}",
            )])
    raise EvidenceError([Problem(
        Location(f.shown, 1, len(COLUMNS) + 1),
        f"expected {len(COLUMNS)} police.uk street-level columns; found {len(found)} "
        f"(extra '{found[len(COLUMNS)]}')",
    )])
