"""Turn raw tables into records, collecting every problem with its file, row and column.

Each table is validated whole by a ``TypeAdapter(list[Model])``: one call into
pydantic's core per chunk of rows instead of one per row, and when it fails
its error list still names every bad row by index, so no second pass is
needed to locate errors. Rows are built column by column: cells stripped,
empty cells left out (so the model's defaults apply and a missing required
value is reported as missing), and columns of a few distinct terms
(enums, dates, flags, levels) validated once per distinct value through the
model's own field validator, since at a million ties the model's term parsing
would otherwise dominate. Large tables are handed on in key order, which the
store's index inserts favour; each record keeps the row it came from.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from itertools import repeat
from typing import Annotated, Any

import numpy as np
import pandas as pd
from pydantic import TypeAdapter, ValidationError

from graphcrm.errors import RecordError
from graphcrm.io.formats import SPECS, TableSpec, resolve_header
from graphcrm.io.reader import RawTable
from graphcrm.model import Dataset, Record

__all__ = ["Placement", "Validated", "validate_tables"]

# Rows per call into pydantic: large enough that per-call costs vanish, small enough that a
# progress bar moves.
CHUNK = 50_000
# A column with more distinct values than this is not worth memoising (ids, free text).
_MEMO_LIMIT = 5_000
_EMPTY = ""
# Tables shorter than this are written in file order: sorting would not pay for itself.
_SORT_MIN = 10_000

RowProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Placement:
    """Where one table's records came from: the file or sheet, each record's row, the headers."""

    source: str
    rows: Sequence[int]
    written: dict[str, str]  # canonical column -> header as written in the file


@dataclass
class Validated:
    """The records of an import with where each came from, or the problems that stop it."""

    dataset: Dataset = field(default_factory=Dataset)
    places: dict[str, Placement] = field(default_factory=dict)
    errors: list[RecordError] = field(default_factory=list)

    def locate(self, table: str, index: int) -> tuple[str | None, int | None]:
        """(source, row) of the ``index``-th record of ``table``: a store's ``Locator``."""
        place = self.places.get(table)
        if place is None or not 0 <= index < len(place.rows):
            return None, None
        return place.source, place.rows[index]

    def as_written(self, error: RecordError) -> RecordError:
        """``error`` with its column named as the file's header names it (e.g. 姓名 for name)."""
        place = self.places.get(error.table)
        if place is None or error.column not in place.written:
            return error
        column = place.written[error.column]
        return RecordError(error.table, error.row, column, error.message, error.source)


def validate_tables(tables: list[RawTable], progress: RowProgress | None = None) -> Validated:
    """Validate every raw table into records; problems are collected, never raised.

    Each raw table's cells are released once its rows are built, to keep a large
    import's memory down: the raw tables are not meant to be used afterwards.
    """
    result = Validated()
    total = sum(len(t.rows) for t in tables)
    done = 0
    if progress:
        progress(0, total)
    for raw in sorted(tables, key=lambda t: list(SPECS).index(t.table)):

        def advance(n: int, base: int = done) -> None:
            if progress:
                progress(base + n, total)

        records = _validate_table(raw, SPECS[raw.table], result, advance)
        result.dataset.table(raw.table).extend(records)
        done += len(raw.rows)
        if progress:
            progress(done, total)
    return result


def _validate_table(
    raw: RawTable, spec: TableSpec, result: Validated, progress: Callable[[int], None]
) -> list[Record]:
    errors = result.errors
    if not raw.skip_blank and not raw.rows:
        # An empty JSON array: no rows, so no keys to check either.
        result.places[raw.table] = Placement(raw.source, [], {})
        return []
    if not any(str(h).strip() for h in raw.header):
        message = "the header row is empty; name the columns"
        errors.append(RecordError(raw.table, None, None, message, raw.source))
        return []
    resolved = resolve_header(spec, raw.header, lambda i: _has_data(raw.columns[i]))
    for problem in resolved.problems:
        errors.append(RecordError(raw.table, None, problem.column, problem.message, raw.source))
    for name in resolved.missing:
        errors.append(
            RecordError(raw.table, None, name, f"missing required column {name!r}", raw.source)
        )
    row_dicts, numbers = _row_dicts(raw, resolved.fields)
    rows: list[dict[str, Any] | None] = list(row_dicts)  # None once validated (see below)
    raw.columns.clear()  # the cells live on in ``rows``; at a million rows the copy counts
    result.places[raw.table] = Placement(raw.source, numbers, resolved.written)
    missing = set(resolved.missing)  # already reported once for the table, not once a row
    adapter = _list_adapter(raw.table)
    records: list[Record] = []
    row_errors: list[RecordError] = []
    failed = False  # also when every error was a missing column's, reported once above
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        rows[start : start + CHUNK] = repeat(None, len(chunk))  # freed as they are used
        try:
            records.extend(adapter.validate_python(chunk))
        except ValidationError as exc:
            failed = True
            for e in exc.errors(include_url=False, include_context=False):
                error = _row_error(raw, resolved.written, numbers, start, e, missing)
                if error is not None:
                    row_errors.append(error)
        progress(min(start + CHUNK, len(rows)))
    # Rows may have been validated in key order; a person reads errors in file order.
    errors.extend(sorted(row_errors, key=lambda e: e.row or 0))
    return [] if failed else records


def _row_dicts(
    raw: RawTable, fields: list[tuple[int, str]]
) -> tuple[list[dict[str, Any]], Sequence[int]]:
    """One dict per data row holding its non-empty cells; blank rows dropped where allowed.

    An empty cell is left out, so the model's default applies or a missing required
    value is reported as missing (passing defaults explicitly would be slower and
    would cost each record a larger set of fields set: 500 MB at a million ties).
    Columns without empty cells are zipped into the dicts in C; only the others
    are added cell by cell.
    """
    names = [name for _, name in fields]
    memo = _memo_adapters(raw.table)
    columns = [_stripped(raw.columns[i]) for i, _ in fields]
    order = _key_order(raw.table, names, columns)
    for j, name in enumerate(names):
        if name in memo:
            columns[j] = _memoised(columns[j], memo[name])
    full = {j for j, column in enumerate(columns) if _EMPTY not in column}
    rows: list[dict[str, Any]]
    if full:
        keys, cells = [names[j] for j in sorted(full)], [columns[j] for j in sorted(full)]
        rows = list(map(dict, map(zip, repeat(keys), zip(*cells, strict=True))))
    else:
        rows = [{} for _ in raw.rows]
    for j, name in enumerate(names):
        if j not in full:
            for row, value in zip(rows, columns[j], strict=True):
                if value != _EMPTY:
                    row[name] = value
    numbers: Sequence[int] = raw.rows
    if order is not None:
        shelf = np.empty(len(rows), dtype=object)  # permuting one array of dicts is cheapest
        shelf[:] = rows
        rows, numbers = shelf[order].tolist(), np.asarray(numbers)[order].tolist()
    if raw.skip_blank and not full and not all(rows):
        keep = [i for i, row in enumerate(rows) if row]
        rows = [rows[i] for i in keep]
        numbers = [numbers[i] for i in keep]
    return rows, numbers


def _key_order(table: str, names: list[str], columns: list[list[Any]]) -> Any:
    """The permutation putting a large table's rows in key order, or None to keep file order.

    A store inserts records into indexes on their key: in key order those inserts
    append to the index instead of landing on random pages, which made SQLite's
    write of a million ties about twice as fast (measured). Sorting on the cells'
    text is enough for that; the order is only a matter of speed, never of meaning.
    """
    keys = SPECS[table].model.key_fields
    if len(columns[0] if columns else ()) < _SORT_MIN or not set(keys) <= set(names):
        return None
    try:
        codes = [
            pd.factorize(np.asarray(columns[names.index(k)], dtype=object), sort=True)[0]
            for k in keys
        ]
    except TypeError:  # JSON values of mixed types do not order; keep the file's order
        return None
    order = np.lexsort(codes[::-1])  # stable: of two equal keys the earlier row stays first
    return None if bool(np.all(order[1:] > order[:-1])) else order


def _stripped(column: list[Any]) -> list[Any]:
    try:
        return [v.strip() for v in column]
    except AttributeError:  # JSON numbers, flags and arrays stay as they are
        return [v.strip() if isinstance(v, str) else v for v in column]


def _memoised(column: list[Any], adapter: TypeAdapter[Any]) -> list[Any]:
    """Each distinct text validated once by the field's own validator; failures left as typed.

    The model validates the result again, but an enum member, date or int takes its
    validators' fast path, so the semantics are the model's and the cost is not.
    """
    try:
        distinct = set(column)
    except TypeError:  # unhashable JSON values (arrays): not worth it
        return column
    if len(distinct) > _MEMO_LIMIT or not all(type(v) is str for v in distinct):
        return column
    memo: dict[str, Any] = {}
    for text in distinct:
        try:
            memo[text] = adapter.validate_python(text) if text else text
        except ValidationError:
            memo[text] = text  # the model reports it, in place, with its own message
    return list(map(memo.__getitem__, column))


def _row_error(
    raw: RawTable,
    written: dict[str, str],
    numbers: Sequence[int],
    start: int,
    e: Any,
    missing: set[str],
) -> RecordError | None:
    loc = e["loc"]
    index = start + int(loc[0])
    name = loc[1] if len(loc) > 1 and isinstance(loc[1], str) else None
    if e["type"] == "missing" and name in missing:
        return None
    column = written.get(name, name) if name else None
    return RecordError(raw.table, numbers[index], column, _plain(e), raw.source)


def _plain(e: Any) -> str:
    """pydantic's message without its prefixes and links, with the value when it helps."""
    kind, msg, value = e["type"], str(e["msg"]), e.get("input")
    if kind == "missing":
        return "a value is required"
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{msg} (got {value!r})"
    return msg


def _has_data(column: list[Any]) -> bool:
    return any((v.strip() if isinstance(v, str) else v not in (None, _EMPTY)) for v in column)


@cache
def _list_adapter(table: str) -> TypeAdapter[list[Record]]:
    # list[model], spelt so: the table's model is known only at run time.
    row_type: Any = types.GenericAlias(list, SPECS[table].model)
    return TypeAdapter(row_type)


@cache
def _memo_adapters(table: str) -> dict[str, TypeAdapter[Any]]:
    """Field validators worth memoising: those producing enums, dates, flags, ints, term lists."""
    adapters: dict[str, TypeAdapter[Any]] = {}
    for name, info in SPECS[table].model.model_fields.items():
        base = _base_type(info.annotation)
        if isinstance(base, type) and issubclass(base, Enum | date | bool | int | tuple):
            annotation: Any = info.annotation
            if info.metadata:
                annotation = Annotated[(info.annotation, *info.metadata)]
            adapters[name] = TypeAdapter(annotation)
    return adapters


def _base_type(annotation: Any) -> Any:
    """The type under Optional[...] and Annotated[...]; the origin of a generic (tuple)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None
            annotation = args[0]
        elif origin is not None:
            return origin
        else:
            return annotation
