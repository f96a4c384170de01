"""The bulk import of interactions (issue 13: a million rows into SQLite in seconds): the
``interactions`` table of a CSV, XLSX or JSON import, validated column by column and
written as plain rows in one transaction.

The rules are the model's (:class:`graphcrm.model.Interaction`, DESIGN.md
"Interactions") and the store's (``check_interactions``: known staff and people, one
account, the opportunity in it); only the way of checking them is cheaper. Ids and id
lists are checked against sets loaded once (the staff, the people named, their
accounts); columns of few distinct values (dates, types, directions, durations) are
validated once per distinct value by the model itself; no record is built per row.
Every problem is reported with its file, row and column (the header as written), and
nothing is written unless there is none. Re-importing a row as stored leaves it
unchanged; a changed row gets a new version, as ``GraphStore.write`` does.

Stores other than SQLite take the general import (``graphcrm.io.import_path``): same
result, slower.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.io.formats import SPECS, resolve_header
from graphcrm.io.importer import _gc_paused, import_path
from graphcrm.io.limits import ImportLimits
from graphcrm.io.reader import RawTable, read_path
from graphcrm.model import Interaction
from graphcrm.model.interaction import id_list
from graphcrm.model.records import _ID_RE, _check_id
from graphcrm.stores.base import GraphStore
from graphcrm.stores.sqlite import SQLiteStore

__all__ = ["BulkReport", "import_interactions"]

TABLE = "interactions"
FIELDS = tuple(Interaction.model_fields)  # the stored columns, in the store's order
# A row valid in every field but the one probed: the model judges one value at a time.
_PROBE = {"id": "probe", "date": "2000-01-01", "type": "call", "staff_ids": "p", "person_ids": "p"}
_SEPARATORS = re.compile(r"[；,，]")  # id_list's separators other than ';'
_WHO = {"staff_ids": "one of our staff", "person_ids": "one customer person"}


@dataclass(frozen=True)
class BulkReport:
    """What a bulk import did: rows read, and records created, updated or unchanged."""

    rows: int
    created: int
    updated: int
    unchanged: int


@dataclass
class _Table:
    """The interactions table being checked: cells by column, where to report problems."""

    raw: RawTable
    cells: dict[str, list[Any]]
    written: dict[str, str]
    errors: list[RecordError]

    def err(self, index: int, column: str, message: str) -> None:
        where = self.written.get(column, column)
        self.errors.append(
            RecordError(TABLE, self.raw.rows[index], where, message, self.raw.source)
        )


def import_interactions(
    store: GraphStore,
    path: str | Path,
    *,
    on: date | None = None,
    limits: ImportLimits | None = None,
) -> BulkReport:
    """Import the interactions table of ``path`` (a folder or zip of CSVs, an .xlsx or a
    .json holding only that table) into ``store``, all or nothing: ValidationFailed with
    every problem, ConflictError if a changed interaction has a version later than ``on``."""
    on = on or date.today()
    if not isinstance(store, SQLiteStore):
        result = import_path(store, path, on=on, limits=limits)
        r = result.report
        return BulkReport(
            result.rows[TABLE], r.created.get(TABLE, 0), r.updated.get(TABLE, 0),
            r.unchanged.get(TABLE, 0),
        )  # fmt: skip
    with _gc_paused():
        table = _read(path, limits)
        rows, scopes = _checked_rows(table, store, on)
        created, updated, unchanged = store.write_interaction_rows(rows, scopes)
    return BulkReport(len(rows), created, updated, unchanged)


def _read(path: str | Path, limits: ImportLimits | None) -> _Table:
    """The interactions table of the file, its header resolved; ValidationFailed if the
    file cannot be read, holds another table or lacks a required column."""
    read = read_path(path, None, limits)
    errors = list(read.errors)
    raw = next((t for t in read.tables if t.table == TABLE), None)
    for other in read.tables:
        if other.table != TABLE:
            why = "the interactions import takes the interactions table only; import it alone"
            errors.append(RecordError(other.table, None, None, why, other.source))
    if raw is None and not errors:
        errors.append(RecordError(TABLE, None, None, "no interactions table found", str(path)))
    if errors or raw is None:
        raise ValidationFailed(errors)
    resolved = resolve_header(SPECS[TABLE], raw.header, lambda i: _has_data(raw.columns[i]))
    for problem in resolved.problems:
        errors.append(RecordError(TABLE, None, problem.column, problem.message, raw.source))
    for name in resolved.missing:
        errors.append(
            RecordError(TABLE, None, name, f"missing required column {name!r}", raw.source)
        )
    if errors:
        raise ValidationFailed(errors)
    cells = {name: _stripped(raw.columns[i]) for i, name in resolved.fields}
    return _Table(raw, cells, resolved.written, [])


def _checked_rows(
    table: _Table, store: SQLiteStore, on: date
) -> tuple[list[tuple[Any, ...]], set[str]]:
    """Every row as the store keeps it (the fields in FIELDS order, the account, the day
    it holds from), and the accounts written; ValidationFailed with every problem."""
    columns: dict[str, list[Any]] = {"id": _ids(table)}
    for name in FIELDS:
        if name not in _LISTS_AND_ID:
            columns[name] = _memoised(table, name)
    columns["staff_ids"], _ = _id_lists(table, "staff_ids", {s.id for s in store.staff()})
    person_account = store.accounts_of_people(_named(table.cells["person_ids"]))
    columns["person_ids"], people = _id_lists(table, "person_ids", person_account)
    scopes = _accounts(table, people, person_account, columns["opportunity_id"], store)
    if table.errors:
        table.errors.sort(key=lambda e: e.row or 0)  # stable: columns in order within a row
        raise ValidationFailed(table.errors)
    days: list[date] = columns["date"]
    text = {d: d.isoformat() for d in set(days)}
    starts = {d: min(d, on).isoformat() for d in text}  # a dated event holds from its date
    columns["date"] = [text[d] for d in days]
    fields = [columns[name] for name in FIELDS]
    rows = list(zip(*fields, scopes, [starts[d] for d in days], strict=True))
    return rows, set(scopes)


_LISTS_AND_ID = ("id", "staff_ids", "person_ids")


def _ids(table: _Table) -> list[str]:
    """The id column: each a valid id (the model's rule), none twice in the file."""
    ids = table.cells["id"]
    first: dict[str, int] = {}
    for k, cell in enumerate(ids):
        if cell in ("", None):
            table.err(k, "id", "a value is required")
            continue
        if not (isinstance(cell, str) and _ID_RE.fullmatch(cell) and cell.isprintable()):
            try:
                ids[k] = cell = _check_id(cell)
            except ValueError as exc:
                table.err(k, "id", str(exc))
                continue
        seen = first.setdefault(cell, k)
        if seen != k:
            table.err(k, "id", f"duplicate id {cell!r} (also row {table.raw.rows[seen]})")
    return ids


def _memoised(table: _Table, name: str) -> list[Any]:
    """A column of one field as the store keeps it (enums as their values, None when
    empty), each distinct cell judged once by the model (:data:`_PROBE`)."""
    cells = table.cells.get(name)
    default = Interaction.model_fields[name].default
    if cells is None:
        return [_stored(default)] * len(table.raw.rows)
    try:
        distinct = dict.fromkeys(cells)
    except TypeError:  # JSON lists or objects in the column: judged by their text
        cells = [repr(c) if isinstance(c, list | dict) else c for c in cells]
        table.cells[name] = cells
        distinct = dict.fromkeys(cells)
    judged = {cell: _judge(name, cell, default) for cell in distinct}
    for k, cell in enumerate(cells):
        if judged[cell][1] is not None:
            table.err(k, name, str(judged[cell][1]))
    return [judged[cell][0] for cell in cells]


def _judge(name: str, cell: Any, default: Any) -> tuple[Any, str | None]:
    """(the value as stored, None) or (None, why the model refuses it)."""
    if cell == "" or cell is None:
        if Interaction.model_fields[name].is_required():
            return None, "a value is required"
        return _stored(default), None
    try:
        record = Interaction.model_validate({**_PROBE, name: cell})
    except ValidationError as exc:
        found = [e for e in exc.errors(include_url=False) if e["loc"][:1] == (name,)]
        message = str(found[0]["msg"] if found else exc.errors()[0]["msg"])
        return None, message.removeprefix("Value error, ")
    return _stored(getattr(record, name)), None


def _stored(value: Any) -> Any:
    """A field's value as the store keeps it (an enum as its value; a date stays a date
    until the row is assembled)."""
    return getattr(value, "value", value)


def _named(cells: list[Any]) -> set[str]:
    """Every id a column names, however separated (one pass over the joined text)."""
    text = _SEPARATORS.sub(";", ";".join(c for c in cells if isinstance(c, str)))
    listed = {str(x).strip() for c in cells if isinstance(c, list) for x in c}
    return {p.strip() for p in text.split(";")} | listed


def _id_lists(
    table: _Table, name: str, known: Collection[str]
) -> tuple[list[str], list[list[str]]]:
    """An id-list column: each cell's ids (``;`` between them, the model's rule), every
    one known (``known``: our staff, or the people found); at least one per row. Returns
    the JSON arrays as the store keeps them, and the ids of each row."""
    what = "staff member(s)" if name == "staff_ids" else "person(s)"
    arrays: list[str] = []
    lists: list[list[str]] = []
    known_set = set(known)
    for k, cell in enumerate(table.cells[name]):
        parts = cell.split(";") if isinstance(cell, str) else []
        if _plain(parts, known_set):  # nothing to clean, nothing to escape
            arrays.append('["' + cell.replace(";", '", "') + '"]')
            lists.append(parts)
            continue
        try:
            ids: tuple[str, ...] = id_list(None if cell == "" else cell)
        except ValueError as exc:
            table.err(k, name, str(exc))
            ids = ()
        unknown = [p for p in ids if p not in known_set]
        if not ids:
            table.err(k, name, f"an interaction names at least {_WHO[name]}")
        elif unknown:
            table.err(k, name, f"unknown {what} {unknown}")
        arrays.append('["' + '", "'.join(ids) + '"]')
        lists.append(list(ids))
    return arrays, lists


def _plain(parts: list[str], known: set[str]) -> bool:
    """Known ids, none twice: the common case, checked cheaply for one id."""
    if len(parts) == 1:
        return parts[0] in known
    return known.issuperset(parts) and len(set(parts)) == len(parts)


def _accounts(
    table: _Table,
    people: list[list[str]],
    person_account: dict[str, str],
    opportunities: list[str | None],
    store: SQLiteStore,
) -> list[str]:
    """The account of each row (its people's, all of one account); the opportunity, if
    any, of that account (``check_interactions``' rules and words)."""
    accounts = set(person_account.values())
    scopes: list[str] = []
    if len(accounts) == 1:  # everyone named is of one account: nothing to compare per row
        scopes = [accounts.pop()] * len(people)
    for k, ids in enumerate(people if not scopes else ()):
        first = person_account.get(ids[0], "") if ids else ""
        others = [p for p in ids if person_account.get(p, first) != first]
        if others:
            table.err(
                k, "person_ids",
                f"person(s) {others} are not in account {first!r} of {ids[0]!r}; "
                "one interaction is with one account",
            )  # fmt: skip
        scopes.append(first)
    if any(o is not None for o in opportunities):
        opportunity_account = _opportunity_accounts(store, set(scopes) - {""})
        for k, opp in enumerate(opportunities):
            if opp is not None and opportunity_account.get(opp) != scopes[k]:
                known = opp in opportunity_account
                where = f" is not in account {scopes[k]!r}" if known else ""
                why = "opportunity" if known else "unknown opportunity"
                table.err(k, "opportunity_id", f"{why} {opp!r}{where}")
    return scopes


def _opportunity_accounts(store: SQLiteStore, accounts: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for account in sorted(accounts):
        found |= {o.id: o.account_id for o in store.account_data(account).opportunities}
    return found


def _stripped(column: list[Any]) -> list[Any]:
    try:
        return [v.strip() for v in column]
    except AttributeError:  # JSON numbers and lists, spreadsheet dates stay as they are
        return [v.strip() if isinstance(v, str) else v for v in column]


def _has_data(column: list[Any]) -> bool:
    return any((v.strip() if isinstance(v, str) else v not in (None, "")) for v in column)
