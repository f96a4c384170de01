"""User text in spreadsheets stays text: no cell the service writes can become a formula.

Two rules, one per kind of file (OWASP, "CSV Injection"):

- XLSX: every string cell is stored with the string type (``t="s"``). openpyxl
  would otherwise store a string starting with ``=`` as a formula and one such
  as ``#N/A`` as an error value; a string-typed cell is shown as written and
  never evaluated, so nothing needs escaping and the value stays exact.
- Human-facing CSV (assessment table, cards): a cell starting with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, which
  makes Excel and LibreOffice read the cell as text instead of a formula. CSV
  has no cell types, so this is the only defence, and it alters the value.

The data export (``graphcrm.io.exporter``, the import format) is not
human-facing: its CSV keeps values exact, so that importing an export gives
the same records back, and a reader opening it in a spreadsheet must treat it
as data (README, "Spreadsheet safety"). Its XLSX follows the XLSX rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is loaded only by code that writes XLSX
    from openpyxl.workbook import Workbook

__all__ = [
    "FORMULA_TRIGGERS",
    "csv_cell",
    "csv_row",
    "pin_text",
    "write_only_value",
]

#: Leading characters a spreadsheet may read as the start of a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A human-facing CSV cell: text starting with a formula trigger gets a leading ``'``.

    Numbers stay numbers (a negative number is not a formula); None stays None.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """:func:`csv_cell` applied to each value of a row, with None written as an empty cell."""
    return ["" if v is None else csv_cell(v) for v in values]


def pin_text(book: Workbook) -> Workbook:
    """Store every string cell of ``book`` as a string, never a formula or error; return it.

    Call it once, just before saving: it covers every sheet and every cell,
    whichever code wrote them.
    """
    from openpyxl.worksheet.worksheet import Worksheet

    for sheet in book.worksheets:
        if not isinstance(sheet, Worksheet):
            continue  # chartsheets hold no cells
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    return book


def write_only_value(sheet: Any, value: Any) -> Any:
    """A value for a write-only sheet's ``append``: a string as a string-typed cell.

    Write-only workbooks cannot be walked after the fact (:func:`pin_text`), so
    each string is typed as it is written.
    """
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
