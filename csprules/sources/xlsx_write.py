"""Write workbooks that csprules reads back: notes on headers, drop-downs, stable bytes.

One sheet per table, the header in row 1 (each header cell carries a note
saying what the column holds), key-value sheets as ``field | value | note``,
and a ``lists`` sheet holding every drop-down's choices.  Text is neutralised
against formula injection (:mod:`csprules.sources.xlsx_text`), and the bytes
depend only on the content: openpyxl stamps the save time into
``docProps/core.xml`` and into every zip entry, so both are pinned.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from csprules.errors import CsprulesError, Location, Problem
from csprules.sources.xlsx_file import get_column_letter
from csprules.sources.xlsx_text import neutralise

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | float | bool | date | None

LISTS_SHEET = "lists"
MAX_ROW = 1_048_576
"""Excel's last row: drop-downs cover the whole column below the header."""
MAX_TEXT = 32_767
"""Excel's limit on the characters of one cell."""
PINNED_TIME = datetime(2000, 1, 1)
"""The creation and modification time every written workbook states."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
"""Control characters the xlsx format cannot hold (openpyxl refuses them)."""


class Check(StrEnum):
    """How strictly a drop-down holds a cell to its list."""

    STOP = "stop"
    """Only a listed value (closed vocabularies: units, directions, tiers)."""
    WARN = "warning"
    """A listed value, or confirm another (a local theme declared in ``themes``)."""
    OFFER = "offer"
    """The list is a suggestion: numbers or ``;``-separated lists are typed freely."""


@dataclass(frozen=True)
class Column:
    name: str
    note: str
    choices: str | None = None
    """Name of the list on the ``lists`` sheet that the drop-down offers."""
    check: Check = Check.STOP


@dataclass(frozen=True)
class Choices:
    name: str
    values: tuple[str, ...]


class Lists:
    """The ``lists`` sheet: one column per drop-down list, its name in row 1."""

    def __init__(self, lists: Sequence[Choices]) -> None:
        self.lists = tuple(lists)
        self._columns = {c.name: get_column_letter(i + 1) for i, c in enumerate(self.lists)}

    def ref(self, name: str) -> str:
        col = self._columns[name]
        values = next(c.values for c in self.lists if c.name == name)
        return f"{LISTS_SHEET}!${col}$2:${col}${len(values) + 1}"

    def write(self, book: Workbook) -> None:
        sheet = book.create_sheet(LISTS_SHEET)
        for i, choices in enumerate(self.lists, start=1):
            head = sheet.cell(row=1, column=i, value=choices.name)
            _style_header(head)
            for r, value in enumerate(choices.values, start=2):
                sheet.cell(row=r, column=i, value=neutralise(value))
            width = max([len(choices.name), *(len(v) for v in choices.values)])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
        sheet.freeze_panes = "A2"
        # The lists are the vocabulary csprules reads; editing them here changes nothing.
        sheet.protection.sheet = True


class BookWriter:
    """Sheets added in order; problems (a cell Excel cannot hold) are located and raised."""

    def __init__(self, display: str, lists: Lists, error: type[CsprulesError]) -> None:
        from openpyxl import Workbook  # imported on use: it slows every start-up

        self.display = display
        self.lists = lists
        self.error = error
        self.book = Workbook()
        default = self.book.active
        if default is not None:
            self.book.remove(default)

    def table(self, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> None:
        sheet = self.book.create_sheet(title)
        widths = [len(c.name) for c in columns]
        for i, column in enumerate(columns, start=1):
            head = sheet.cell(row=1, column=i, value=column.name)
            _style_header(head)
            _note(head, column.note)
        for r, row in enumerate(rows, start=2):
            for i, value in enumerate(row, start=1):
                shown = self._put(sheet, r, i, value)
                widths[i - 1] = max(widths[i - 1], shown)
        for i, column in enumerate(columns, start=1):
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = min(60, max(10, widths[i - 1] + 2))
            if column.choices is not None:
                self._validate(sheet, column, f"{letter}2:{letter}{MAX_ROW}")
        sheet.freeze_panes = "A2"

    def fields(self, title: str, fields: Sequence[tuple[Column, Cell]]) -> None:
        """A ``field | value | note`` sheet: one row per field."""
        sheet = self.book.create_sheet(title)
        for i, name in enumerate(("field", "value", "note"), start=1):
            _style_header(sheet.cell(row=1, column=i, value=name))
        width = 10
        for r, (column, value) in enumerate(fields, start=2):
            sheet.cell(row=r, column=1, value=column.name)
            width = max(width, self._put(sheet, r, 2, value))
            sheet.cell(row=r, column=3, value=neutralise(column.note))
            if column.choices is not None:
                self._validate(sheet, column, f"B{r}")
        sheet.column_dimensions["A"].width = max(len(c.name) for c, _ in fields) + 2
        sheet.column_dimensions["B"].width = min(60, width + 2)
        sheet.column_dimensions["C"].width = 80
        sheet.freeze_panes = "A2"

    def to_bytes(self) -> bytes:
        self.lists.write(self.book)
        props = self.book.properties
        props.creator = "csprules"
        props.created = PINNED_TIME
        buffer = io.BytesIO()
        self.book.save(buffer)
        return _pin_zip(buffer.getvalue())

    def _put(self, sheet: Worksheet, row: int, column: int, value: Cell) -> int:
        """Write one value; return how wide it shows."""
        if value is None or value == "":
            return 0  # no cell at all: openpyxl writes every cell it was asked for
        cell = sheet.cell(row=row, column=column)
        where = Location(self.display, sheet=sheet.title, cell=cell.coordinate)
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise self.error([Problem(
                    where, f"expected text of at most {MAX_TEXT} characters (the limit of an "
                    f"Excel cell); found {len(value)}",
                )])
            bad = _ILLEGAL.search(value)
            if bad:
                raise self.error([Problem(
                    where, f"expected text a workbook can hold; found the control character "
                    f"{bad.group()!r}",
                )])
            cell.value = neutralise(value)
            cell.data_type = "s"
            return len(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            # 28618.0 is shown and read back as 28618; the loader reads both as 28618.0.
            value = int(value)
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
            return 10
        return len(str(value))

    def _validate(self, sheet: Worksheet, column: Column, cells: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        assert column.choices is not None
        offer = column.check is Check.OFFER
        dv = DataValidation(
            type="list", formula1=self.lists.ref(column.choices), allow_blank=True,
            showErrorMessage=not offer, errorStyle=None if offer else column.check.value,
            errorTitle=None if offer else column.name,
            error=None if offer else f"expected a value from the '{column.choices}' list "
            f"(sheet '{LISTS_SHEET}')",
        )
        dv.add(cells)
        sheet.add_data_validation(dv)


def _style_header(cell: Any) -> None:
    from openpyxl.styles import Font, PatternFill

    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDEBF7")


def _note(cell: Any, text: str) -> None:
    from openpyxl.comments import Comment

    comment = Comment(text, "csprules")
    comment.width = 320
    comment.height = 40 + 16 * (len(text) // 45)
    cell.comment = comment


def _pin_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 and a fixed modified time."""
    stamp = PINNED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>", payload,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, payload)
    return out.getvalue()
