"""Read an evidence folder: YAML for structured parts, CSV for long tables.

Layout (every file carries its kind and format version)::

    partnership.yaml    kind: csprules/partnership; the partnership, extra
                        themes, previous priorities
    indicators.csv      '# csprules indicators 1', one row per indicator
    observations.csv    '# csprules observations 1', one row per value
    consultation.yaml   kind: csprules/consultation (optional)
    drivers.yaml        kind: csprules/drivers (optional)
    governance.yaml     read by csprules.governance (optional)
    sources.yaml        kind: csprules/sources; the cited documents' titles,
                        publishers, dates and links (optional; see
                        :mod:`csprules.evidence.source_documents`)

Each name is read only when it is a regular file inside the folder; anything else
at that name is an error (see :mod:`csprules.evidence.input_path`).
"""

from __future__ import annotations

from pathlib import Path

from csprules.errors import EvidenceError, Location, Problem
from csprules.evidence import build
from csprules.evidence.assemble import RawTables
from csprules.evidence.decisions import load_decisions
from csprules.evidence.input_path import folder_file
from csprules.evidence.partnership import Partnership
from csprules.evidence.source_documents import FILE_NAME as SOURCES_FILE
from csprules.evidence.source_documents import load_source_documents
from csprules.sources.csv_file import load_csv
from csprules.sources.records import Locate, Record, Table
from csprules.sources.suggest import did_you_mean
from csprules.sources.validation import validate
from csprules.sources.yaml_file import YamlDocument, load_yaml
from csprules.sources.yaml_tables import check_header, yaml_table

FORMAT_VERSIONS = (1,)

PARTNERSHIP_KEYS = ("kind", "version", "partnership", "catalogue", "themes", "previous_priorities")


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)


def load_folder(folder: Path) -> RawTables:
    shown = display_path(folder)
    partnership_file = folder_file(folder, "partnership.yaml", required=True)
    assert partnership_file is not None  # required=True raises instead
    doc = load_yaml(partnership_file, display_path(partnership_file), EvidenceError)
    data = check_header(doc, "partnership", FORMAT_VERSIONS, EvidenceError)
    _unknown_keys(doc, data, PARTNERSHIP_KEYS)
    partnership = validate(
        Partnership,
        data.get("partnership"),
        lambda loc: doc.location(("partnership", *loc)),
        EvidenceError,
    )
    catalogue = data.get("catalogue", "default")
    if catalogue not in ("default", "none"):
        raise EvidenceError(
            [
                Problem(
                    doc.location(("catalogue",)),
                    f"expected 'default' or 'none'; found {catalogue!r}",
                    field="catalogue",
                )
            ]
        )
    previous = data.get("previous_priorities") or {}
    if not isinstance(previous, dict):
        raise EvidenceError(
            [
                Problem(
                    doc.location(("previous_priorities",)),
                    "expected a mapping with 'plan' and 'items'",
                    field="previous_priorities",
                )
            ]
        )
    unknown = set(previous) - {"plan", "items", "decisions"}
    if unknown:
        raise EvidenceError(
            [
                Problem(
                    doc.location(("previous_priorities", sorted(unknown)[0])),
                    "unknown field; expected one of decisions, items, plan",
                    field=sorted(unknown)[0],
                )
            ]
        )
    previous_doc = YamlDocument(
        doc.display,
        previous,
        {k[1:]: v for k, v in doc.locations.items() if k[:1] == ("previous_priorities",)},
    )

    raw = RawTables(
        source=shown,
        partnership=partnership,
        use_catalogue=catalogue == "default",
        themes=yaml_table(doc, "themes", EvidenceError),
        previous_plan=previous.get("plan"),
        previous=yaml_table(previous_doc, "items", EvidenceError) if previous else None,
    )
    if "decisions" in previous:
        raw.previous = _from_decisions(folder, previous, doc, raw)
    indicators_file = folder_file(folder, "indicators.csv")
    if indicators_file is not None:
        raw.indicators = load_csv(
            indicators_file,
            display_path(indicators_file),
            "indicators",
            FORMAT_VERSIONS,
            ("id", "label", "themes", "unit", "period_kind", "direction"),
            build.INDICATOR_COLUMNS,
            EvidenceError,
        )
    observations_file = folder_file(folder, "observations.csv")
    if observations_file is not None:
        raw.observations = load_csv(
            observations_file,
            display_path(observations_file),
            "observations",
            FORMAT_VERSIONS,
            ("indicator", "period", "value"),
            build.OBSERVATION_COLUMNS,
            EvidenceError,
        )
    consultation_file = folder_file(folder, "consultation.yaml")
    if consultation_file is not None:
        cdoc = load_yaml(consultation_file, display_path(consultation_file), EvidenceError)
        cdata = check_header(cdoc, "consultation", FORMAT_VERSIONS, EvidenceError)
        _unknown_keys(cdoc, cdata, ("kind", "version", "consultations"))
        raw.consultations = yaml_table(cdoc, "consultations", EvidenceError)
        raw.consultations, raw.measures = _split_measures(raw.consultations)
    drivers_file = folder_file(folder, "drivers.yaml")
    if drivers_file is not None:
        ddoc = load_yaml(drivers_file, display_path(drivers_file), EvidenceError)
        ddata = check_header(ddoc, "drivers", FORMAT_VERSIONS, EvidenceError)
        _unknown_keys(ddoc, ddata, ("kind", "version", "drivers"))
        raw.drivers = yaml_table(ddoc, "drivers", EvidenceError)
    sources_file = folder_file(folder, SOURCES_FILE)
    if sources_file is not None:
        raw.source_documents = load_source_documents(sources_file, display_path(sources_file))
    return raw


def _unknown_keys(doc: YamlDocument, data: dict[str, object], allowed: tuple[str, ...]) -> None:
    problems = [
        Problem(
            doc.location((key,)),
            f"unknown field; expected one of {', '.join(allowed)}",
            field=key,
            suggestion=did_you_mean(key, allowed),
        )
        for key in data
        if key not in allowed
    ]
    if problems:
        raise EvidenceError(problems)


def _split_measures(table: Table) -> tuple[Table, Table]:
    """Consultations nest their measures in YAML; flatten to two tables."""
    results: list[Record] = []
    measures: list[Record] = []
    for rec in table.records:
        values = dict(rec.values)
        nested = values.pop("measures", None) or []
        results.append(Record(values, rec.locate, rec.row))
        if not isinstance(nested, list):
            raise EvidenceError(
                [Problem(rec.at("measures"), "expected a list of measures", field="measures")]
            )
        for i, item in enumerate(nested):
            if not isinstance(item, dict):
                raise EvidenceError(
                    [Problem(rec.at("measures", i), "expected a mapping", field="measures")]
                )
            locate = _nested(rec, i)
            measures.append(
                Record({**item, "consultation": values.get("id")}, locate, rec.at("measures", i))
            )
    return Table(table.name, table.display, tuple(results)), Table(
        "measures", table.display, tuple(measures)
    )


def _nested(rec: Record, i: int) -> Locate:
    def locate(path: tuple[str | int, ...]) -> Location:
        return rec.locate(("measures", i, *path))

    return locate


def _from_decisions(
    folder: Path, previous: dict[str, object], doc: YamlDocument, raw: RawTables
) -> Table:
    """Previous priorities read from last year's decision record.

    The record must be a ``.yaml`` file inside this folder or a sibling folder (last
    year's assessment beside this one), symlinks resolved: an evidence folder cannot
    make csprules read arbitrary files.
    """
    where = doc.location(("previous_priorities", "decisions"))
    ref = previous["decisions"]
    if not isinstance(ref, str) or not ref.strip():
        raise EvidenceError([Problem(where, "expected the relative path of a decision record "
                                     f"(.yaml); found {_show_value(ref)}", field="decisions")])
    path = folder / ref
    problem = _decisions_path_problem(folder, ref, path)
    if problem is not None:
        raise EvidenceError([Problem(where, problem, field="decisions")])
    record = load_decisions(path)
    raw.previous_decisions = record
    shown = display_path(path)
    records = list(raw.previous.records) if raw.previous is not None else []

    def locate(path: tuple[str | int, ...]) -> Location:
        return where

    for theme, status in sorted(record.chosen().items()):
        records.append(Record(
            {"theme": theme, "status": status, "cited": f"{shown} (decision)"}, locate, where,
        ))
    return Table("items", doc.display, tuple(records))


def _decisions_path_problem(folder: Path, ref: str, path: Path) -> str | None:
    if Path(ref).is_absolute():
        return ("expected a path relative to this folder (e.g. ../last-year/decisions.yaml); "
                "found an absolute path")
    if path.suffix not in (".yaml", ".yml"):
        return f"expected a decision record ending in .yaml; found {ref!r}"
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"expected a decision record file; found none at {ref!r}"
    home = folder.resolve().parent
    if not resolved.is_relative_to(home):
        return (f"expected a decision record in this folder or a sibling folder; {ref!r} "
                "leads outside them")
    if not resolved.is_file():
        return f"expected a decision record file; {ref!r} is not a regular file"
    if resolved == (folder / "decisions.yaml").resolve():
        return ("expected last year's decision record; this folder's decisions.yaml is where "
                "'csprules decide' records this year's decisions")
    return None


def _show_value(value: object) -> str:
    return "nothing" if value is None else f"a {type(value).__name__}"
