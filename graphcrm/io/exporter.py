"""Export records in the import format, so that importing an export gives the same records.

Every table is written with every column, English headers in the documented
order, rows in key order. In CSV an absent value is an empty cell, roles are
joined with ``;``, dates are ISO, terms are their English codes and whole
numbers lose their ``.0``. CSV files carry a UTF-8 BOM so Excel opens Chinese
text correctly (the importer accepts it). XLSX keeps numbers and dates typed,
so a sheet can be sorted and summed, and ids as text so ``007`` stays ``007``.

Values are exact: this is data, not a report. Text starting with ``=``, ``+``,
``-`` or ``@`` is written as it is (no ``'`` prefix) in CSV and JSON, and as a
string-typed cell, never a formula, in XLSX (``graphcrm.io.spreadsheet_text``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

from graphcrm.errors import GraphcrmError
from graphcrm.io.formats import SPECS
from graphcrm.io.spreadsheet_text import write_only_value
from graphcrm.model import Dataset, Record
from graphcrm.stores.base import GraphStore

__all__ = ["FORMATS", "ExportError", "export_account", "export_dataset", "table_rows"]

FORMATS = ("json", "csv", "xlsx")
_XLSX_MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included


class ExportError(GraphcrmError):
    """An export that cannot be written as asked (unknown format, too big for XLSX)."""

    code = "export_error"


def export_account(
    store: GraphStore,
    account_id: str,
    out: str | Path | BinaryIO,
    fmt: str,
    *,
    as_of: date | None = None,
) -> Dataset:
    """Write one account (as it stands, or stood ``as_of``) in the import format; return it.

    Staff and competitors are those the account refers to. Raises NotFoundError
    for an unknown account, ExportError for an unknown format.
    """
    _check_format(fmt)
    data = store.account_data(account_id, as_of=as_of)
    export_dataset(data, out, fmt)
    return data


def export_dataset(data: Dataset, out: str | Path | BinaryIO, fmt: str) -> None:
    """Write ``data`` as ``fmt``: "json", "xlsx" or "csv".

    For csv, ``out`` is a folder, or a zip when it ends in ``.zip`` or is an open
    binary file; for json and xlsx it is a file path or an open binary file.
    """
    fmt = _check_format(fmt)
    if fmt == "csv" and isinstance(out, str | Path) and not str(out).lower().endswith(".zip"):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for table, text in _csv_files(data):
            (folder / f"{table}.csv").write_bytes(text)
        return
    if fmt == "csv":
        content = _csv_zip(data)
    elif fmt == "json":
        content = _json(data)
    else:
        content = _xlsx(data)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(content)
    else:
        out.write(content)


def table_rows(data: Dataset, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table as JSON values, every column present, in key order."""
    columns = SPECS[table].columns
    for record in sorted(data.table(table), key=lambda r: r.key):
        dumped = record.model_dump(mode="json")
        yield {c: _json_value(c, dumped[c]) for c in columns}


# -- formats ---------------------------------------------------------------------------------


def _check_format(fmt: str) -> str:
    if fmt.lower() not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt.lower()


def _json(data: Dataset) -> bytes:
    doc = {table: list(table_rows(data, table)) for table in SPECS}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _csv_files(data: Dataset) -> Iterator[tuple[str, bytes]]:
    for table, spec in SPECS.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(spec.columns)
        writer.writerows(
            [_csv_text(row[c]) for c in spec.columns] for row in table_rows(data, table)
        )
        yield table, buffer.getvalue().encode("utf-8-sig")


def _csv_zip(data: Dataset) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table, text in _csv_files(data):
            archive.writestr(f"{table}.csv", text)
    return buffer.getvalue()


def _xlsx(data: Dataset) -> bytes:
    import openpyxl  # imported here: only XLSX exports pay for loading it
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    for table, spec in SPECS.items():
        records = sorted(data.table(table), key=lambda r: r.key)
        if len(records) + 1 > _XLSX_MAX_ROWS:
            raise ExportError(
                f"{table} has {len(records):,} rows, more than an XLSX sheet holds; "
                "export as csv or json"
            )
        sheet = book.create_sheet(table)
        sheet.append(list(spec.columns))
        for record in records:
            row = []
            for column in spec.columns:
                value = _xlsx_value(record, column)
                if isinstance(value, date):
                    # openpyxl writes dates; its stubs list datetime but not date.
                    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
                    cell.number_format = "yyyy-mm-dd"
                    row.append(cell)
                else:
                    row.append(write_only_value(sheet, value))
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- values ----------------------------------------------------------------------------------


_LISTS = ("roles", "staff_ids", "person_ids")  # exported as text separated by ';'


def _json_value(column: str, value: Any) -> Any:
    if column in _LISTS:
        return ";".join(value) if value else None
    return value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if math.isfinite(value) and value.is_integer() else repr(value)
    return str(value)


def _xlsx_value(record: Record, column: str) -> Any:
    value = getattr(record, column)
    if isinstance(value, tuple):  # roles, and an interaction's staff and people
        return ";".join(str(v) for v in value) or None
    if isinstance(value, Enum):
        return value.value
    return value
