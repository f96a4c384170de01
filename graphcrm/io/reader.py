"""Read an import (a folder or zip of CSVs, an XLSX workbook, a JSON file) into raw tables.

A raw table is the header as written and one list of cell values per column,
with the row number a person sees for each data row: in a CSV or sheet the
header is row 1, so the first data row is 2; JSON rows count from 1. Nothing
is validated here beyond being readable: a file that cannot be read, or that
names no table, becomes a ``RecordError`` and the rest is still read, so one
import reports every problem at once.

CSV cells are read as text (an id like ``007`` stays ``007``); XLSX cells are
turned back into the text a person typed (``cell_text``); JSON values stay as
JSON gave them. An absent value is ``""`` in every format. A CSV's encoding is
decided by ``graphcrm.io.encoding`` or the file is refused.

Every read is bounded by ``ImportLimits`` (``graphcrm.io.limits``): a zip or
.xlsx is checked before it is inflated and streamed within the limits, JSON
nesting is checked before parsing, rows are counted while reading. A limit
passed raises ``ImportTooLarge`` at once: the import stops, nothing is kept.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import pandas as pd

from graphcrm.errors import RecordError
from graphcrm.io.archive import (
    check_members,
    declared_sizes,
    open_archive,
    outside_names,
    spool_member,
)
from graphcrm.io.encoding import EncodingUndecided, decide_encoding
from graphcrm.io.formats import SPECS, cell_text, header_column, table_for_name
from graphcrm.io.limits import ImportLimits, ImportTooLarge, ReadBudget
from graphcrm.io.nesting import nesting_exceeds

__all__ = ["RawTable", "ReadResult", "read_bytes", "read_path"]

# Called with the bytes read so far and the total, after each table.
ByteProgress = Callable[[int, int], None]

# Files an operating system or Excel leaves next to the user's own; never part of an import.
_JUNK = {"thumbs.db", "desktop.ini", "__macosx"}
_KINDS = "a folder or .zip of CSV files, an .xlsx workbook or a .json file"
_CSV_NAMES = ", ".join(f"{t}.csv" for t in SPECS)
_PARSER_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass
class RawTable:
    """One table as found in a file: header as written, cells by column, rows as numbered."""

    table: str
    source: str
    header: list[str]
    columns: list[list[Any]]
    rows: Sequence[int]
    # Spreadsheets collect stray blank rows; JSON has none by accident, so an empty object is
    # kept there and reported (it lacks the required fields).
    skip_blank: bool = True


@dataclass
class ReadResult:
    """Every table read, and every file that could not be read or named no table."""

    tables: list[RawTable] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    def add(self, table: RawTable) -> None:
        """Keep a table unless another file already gave it (an error: which would win?)."""
        first = next((t for t in self.tables if t.table == table.table), None)
        if first is None:
            self.tables.append(table)
        else:
            self.errors.append(
                _file_error(
                    table.source,
                    f"a second file for table {table.table!r} (already read from {first.source})",
                    table.table,
                )
            )


class _Unreadable(Exception):
    """A file that cannot be read as what its name says; the message says why."""


def read_path(
    path: str | Path,
    progress: ByteProgress | None = None,
    limits: ImportLimits | None = None,
) -> ReadResult:
    """Read a folder of CSVs, a .zip of CSVs, an .xlsx, a .json or a single table's .csv.

    ``limits`` (default ``ImportLimits.service()``) bound the read; ImportTooLarge past one.
    """
    path = Path(path)
    limits = limits or ImportLimits.service()
    if not path.exists():
        return _failed(path.name or str(path), f"no such file or folder: {path}")
    if path.is_dir():
        return _read_folder(path, progress, ReadBudget(limits))
    try:
        ReadBudget(limits).file_size(path.stat().st_size, path.name)  # before reading it
        content = path.read_bytes()
    except OSError as exc:
        return _failed(path.name, f"cannot read {path}: {exc.strerror or exc}")
    return read_bytes(content, path.name, progress, limits)


def read_bytes(
    content: bytes,
    filename: str,
    progress: ByteProgress | None = None,
    limits: ImportLimits | None = None,
) -> ReadResult:
    """Read an uploaded file by its name's suffix: .zip, .xlsx, .json or one table's .csv.

    ``limits`` (default ``ImportLimits.service()``) bound the read; ImportTooLarge past one.
    """
    # Browsers on Windows may send a whole path; errors name the file, as a person knows it.
    filename = PurePosixPath(filename.replace("\\", "/")).name or filename
    suffix = PurePosixPath(filename).suffix.lower()
    total = len(content)
    budget = ReadBudget(limits or ImportLimits.service())
    budget.file_size(total, filename)
    try:
        if suffix == ".zip":
            return _read_zip(content, filename, progress, budget)
        if suffix == ".xlsx":
            result = _read_workbook(content, filename, budget)
        elif suffix == ".json":
            result = _read_json(content, filename, budget)
        elif suffix == ".csv":
            result = ReadResult()
            table = table_for_name(PurePosixPath(filename).stem)
            if table is None:
                raise _Unreadable(f"unknown table; expected a file named like {_CSV_NAMES}")
            result.add(_parse_csv(io.BytesIO(content), filename, table, budget))
        elif suffix == ".xls":
            raise _Unreadable("old Excel (.xls) files are not read; save the workbook as .xlsx")
        else:
            raise _Unreadable(f"unsupported kind of file; expected {_KINDS}")
    except _Unreadable as exc:
        table = table_for_name(PurePosixPath(filename).stem) if suffix == ".csv" else None
        return _failed(filename, str(exc), table or "")
    if not result.tables and not result.errors:
        result.errors.append(_file_error(filename, "no tables found in the file"))
    if progress:
        progress(total, total)
    return result


# -- folders and zips of CSVs --------------------------------------------------------------


def _read_folder(folder: Path, progress: ByteProgress | None, budget: ReadBudget) -> ReadResult:
    result = ReadResult()
    entries = sorted(p for p in folder.iterdir() if not _is_junk(p.name))
    files = [p for p in entries if p.is_file()]
    total, done = sum(p.stat().st_size for p in files), 0
    budget.file_size(total, f"{folder.name}/")
    for entry in entries:
        if entry.is_dir():
            result.errors.append(
                _file_error(
                    entry.name + "/",
                    "a folder inside the import folder; put every table's CSV file directly in it",
                )
            )
            continue
        table = _csv_table(entry.name)
        if table is None:
            result.errors.append(_unknown_file(entry.name))
            continue
        try:
            with entry.open("rb") as stream:
                result.add(_parse_csv(stream, entry.name, table, budget))
        except _Unreadable as exc:
            result.errors.append(_file_error(entry.name, str(exc), table))
        except OSError as exc:
            result.errors.append(_file_error(entry.name, f"cannot read: {exc.strerror}", table))
        done += entry.stat().st_size
        if progress:
            progress(done, total)
    if not entries:
        result.errors.append(_file_error(folder.name, f"empty folder; expected {_CSV_NAMES}"))
    return result


def _read_zip(
    content: bytes, filename: str, progress: ByteProgress | None, budget: ReadBudget
) -> ReadResult:
    try:
        archive = open_archive(content, budget, filename)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Unreadable(f"not a valid zip file ({exc})") from None
    budget.declared(declared_sizes(archive), filename)  # before inflating anything
    result = ReadResult()
    # Checked before junk is dropped: '..' starts with a dot, like the junk it is not.
    outside = set(outside_names([m.filename for m in entries]))
    members = [
        m
        for m in entries
        if not m.is_dir() and not any(_is_junk(part) for part in m.filename.split("/"))
    ]
    for name in sorted(outside):
        result.errors.append(
            _file_error(
                name,
                "outside the zip's top folder (an absolute path or a '..' part); "
                "refused: a zip's files must sit inside it",
            )
        )
    members = [m for m in members if m.filename not in outside]
    if not members:
        if result.errors:
            return result
        raise _Unreadable(f"the zip file holds no files; expected {_CSV_NAMES}")
    # The tables may sit in one folder inside the zip (zipping a folder does that): use the
    # folder holding the most table files; anything elsewhere is reported, not ignored.
    folders: dict[PurePosixPath, int] = {}
    for m in members:
        parent = PurePosixPath(m.filename).parent
        folders[parent] = folders.get(parent, 0) + (_csv_table(m.filename) is not None)
    home = max(folders, key=lambda f: (folders[f], -len(f.parts)))
    total, done = sum(m.file_size for m in members), 0
    for m in members:
        member = PurePosixPath(m.filename)
        table = _csv_table(member.name)
        if member.parent != home:
            where = f"{home}/" if home.parts else "the top of the zip"
            result.errors.append(
                _file_error(m.filename, f"outside the folder holding the tables ({where})")
            )
        elif table is None:
            result.errors.append(_unknown_file(m.filename))
        else:
            try:
                with spool_member(archive, m, budget, filename) as stream:
                    result.add(_parse_csv(stream, member.name, table, budget))
            except _Unreadable as exc:
                result.errors.append(_file_error(member.name, str(exc), table))
            except (zipfile.BadZipFile, RuntimeError, OSError) as exc:
                result.errors.append(_file_error(member.name, f"cannot unzip: {exc}", table))
        done += m.file_size
        if progress:
            progress(done, total)
    return result


def _parse_csv(stream: BinaryIO, source: str, table: str, budget: ReadBudget) -> RawTable:
    """One CSV file: header row, then data rows numbered from 2 as a spreadsheet shows them.

    Read from ``stream`` (seekable) in its decided encoding; the text is never
    whole in memory, and past the row limit pandas stops reading.
    """
    try:
        decided = decide_encoding(stream, _header_score(table))
    except EncodingUndecided as exc:
        raise _Unreadable(str(exc)) from None
    if not decided.has_text:
        raise _Unreadable("the file is empty; expected a header row naming the columns")
    room = budget.row_room()
    try:
        frame = pd.read_csv(
            stream,
            encoding=decided.codec,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            # The header and one row past the limit: enough to know it is passed.
            nrows=None if room is None else room + 2,
        )
    except pd.errors.ParserError as exc:
        m = _PARSER_ERROR.search(str(exc))
        if m:
            expected, line, saw = m.groups()
            raise _Unreadable(
                f"line {line} has {saw} cells but the lines before it have {expected}; "
                "check for an unquoted comma"
            ) from None
        raise _Unreadable(f"not a readable CSV file: {exc}") from None
    except pd.errors.EmptyDataError:
        raise _Unreadable("the file is empty; expected a header row naming the columns") from None
    budget.add_rows(frame.shape[0] - 1, source)
    header = [str(h).strip() for h in frame.iloc[0].tolist()]
    columns = [frame.iloc[1:, i].tolist() for i in range(frame.shape[1])]
    return RawTable(table, source, header, columns, range(2, frame.shape[0] + 1))


def _header_score(table: str) -> Callable[[str], int]:
    """How many cells of a header line name ``table``'s columns (English or Chinese)."""
    spec = SPECS[table]

    def score(line: str) -> int:
        cells = (cell.strip().strip('"') for cell in line.split(","))
        return sum(header_column(spec, cell) is not None for cell in cells)

    return score


# -- XLSX --------------------------------------------------------------------------------


def _read_workbook(content: bytes, filename: str, budget: ReadBudget) -> ReadResult:
    """One sheet per table, named as the table; empty sheets (Excel's spare ones) are skipped.

    The workbook is a zip: it is streamed through the limits before openpyxl opens it.
    """
    import openpyxl  # imported here: only XLSX imports pay for loading it

    try:
        check_members(content, budget, filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _Unreadable(f"not a valid XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise _Unreadable(f"not a valid XLSX workbook ({type(exc).__name__}: {exc})") from None
    result = ReadResult()
    try:
        for sheet in book.worksheets:
            source = f"{filename}:{sheet.title}"
            sheet.reset_dimensions()  # some writers record wrong sizes; read what is there
            try:
                cells = _sheet_cells(sheet, budget, source)
            except ImportTooLarge:
                raise
            except Exception as exc:  # a damaged sheet
                result.errors.append(_file_error(source, f"cannot read the sheet: {exc}"))
                continue
            if not cells:
                continue
            table = table_for_name(sheet.title)
            if table is None:
                result.errors.append(
                    _file_error(source, f"unknown sheet; name sheets as tables: {', '.join(SPECS)}")
                )
                continue
            width = max(len(row) for row in cells)
            header = [*cells[0], *[""] * (width - len(cells[0]))]
            if not any(header):
                result.errors.append(
                    _file_error(source, "row 1 is empty; it must name the columns", table)
                )
                continue
            body = [[*row, *[""] * (width - len(row))] for row in cells[1:]]
            columns = [list(c) for c in zip(*body, strict=True)] if body else [[] for _ in header]
            result.add(RawTable(table, source, header, columns, range(2, len(cells) + 1)))
    finally:
        book.close()
    return result


def _sheet_cells(sheet: Any, budget: ReadBudget, source: str) -> list[list[str]]:
    """A sheet's rows as text, counted against the row limit as they are read."""
    room = budget.row_room()
    cells: list[list[str]] = []
    for row in sheet.iter_rows(values_only=True):
        cells.append([cell_text(v) for v in row])
        if room is not None and len(cells) > room + 1:  # the header and one row past
            break
    while cells and not any(cells[-1]):
        cells.pop()
    budget.add_rows(max(len(cells) - 1, 0), source)
    return cells


# -- JSON --------------------------------------------------------------------------------


def _read_json(content: bytes, filename: str, budget: ReadBudget) -> ReadResult:
    """An object of arrays keyed by table name, each row an object keyed by column."""
    if not content.strip():
        raise _Unreadable("the file is empty; expected an object of arrays keyed by table name")
    depth = budget.limits.max_json_depth
    if nesting_exceeds(content, depth):
        raise _Unreadable(
            f"arrays and objects nested more than {depth} deep; the format needs 3 "
            "(an object of arrays of rows)"
        )
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _Unreadable("not UTF-8 text; a JSON file must be UTF-8") from None
    except json.JSONDecodeError as exc:
        raise _Unreadable(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if not isinstance(doc, dict):
        raise _Unreadable(
            f"expected an object of arrays keyed by table name, got a JSON {_json_kind(doc)}"
        )
    result = ReadResult()
    for key, rows in doc.items():
        source = f"{filename}:{key}"
        table = table_for_name(key)
        if table is None:
            result.errors.append(
                _file_error(source, f"unknown table; expected keys among: {', '.join(SPECS)}")
            )
            continue
        if not isinstance(rows, list):
            result.errors.append(
                _file_error(source, f"expected an array of rows, not a {_json_kind(rows)}", table)
            )
            continue
        numbers: list[int] = []
        objects: list[dict[str, Any]] = []
        for n, row in enumerate(rows, start=1):
            if isinstance(row, dict):
                numbers.append(n)
                objects.append(row)
            else:
                result.errors.append(
                    RecordError(
                        table, n, None, f"expected an object, got a JSON {_json_kind(row)}", source
                    )
                )
        budget.add_rows(len(rows), source)
        header = list(dict.fromkeys(k for row in objects for k in row))
        columns = [[_json_cell(row.get(k)) for row in objects] for k in header]
        result.add(RawTable(table, source, header, columns, numbers, skip_blank=False))
    return result


def _json_cell(value: Any) -> Any:
    # null means absent, as an empty cell does in a spreadsheet.
    return "" if value is None else value


def _json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


# -- helpers -------------------------------------------------------------------------------


def _is_junk(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _JUNK


def _csv_table(name: str) -> str | None:
    path = PurePosixPath(name)
    return table_for_name(path.stem) if path.suffix.lower() == ".csv" else None


def _unknown_file(name: str) -> RecordError:
    return _file_error(name, f"unknown file; expected CSV files named as tables: {_CSV_NAMES}")


def _file_error(source: str, message: str, table: str = "") -> RecordError:
    return RecordError(table, None, None, message, source)


def _failed(source: str, message: str, table: str = "") -> ReadResult:
    return ReadResult(errors=[_file_error(source, message, table)])
