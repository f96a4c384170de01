"""Analysis reads: one account's stored rows as plain values, for building its graph.

An analysis reads every person, tie and reading of an account, and the records
were validated when they were written. Building a pydantic record per row only
to take its values apart again in the graph builder was most of an uncached
analysis (issue 17: 3,300 records of a 500-person account cost 26 ms). This
read asks each store for the columns the graph needs, in one query per table,
as of the read date (``read_columns`` of the SQLite and the Cypher store: the
same versions, in the same order, as ``account_data``), and hands back tuples
and the JSON form of the records the graph keeps whole (``model_dump(mode=
"json")``: the account, the opportunity, attitudes, plans and actions).

Contacts and interactions are the exception: derived strength
(``graphcrm.interactions.effective_contacts``, DESIGN.md "Interactions") takes
records, so they are built as the stores build them on any read, without
validating them again; an account has few of them next to its ties.

Staff and competitors are those the account's records name, as in
``GraphStore.account_data``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from graphcrm.errors import NotFoundError
from graphcrm.model import TABLES, Contact, Interaction, Record, RoleSlot
from graphcrm.model.stored import stored_record_builder
from graphcrm.stores.base import GraphStore
from graphcrm.stores.cypher import CypherStore
from graphcrm.stores.sqlite import SQLiteStore

__all__ = [
    "PEOPLE_FIELDS",
    "RECORD_TABLES",
    "ROLE_FIELDS",
    "ROW_FIELDS",
    "STAFF_FIELDS",
    "TIE_FIELDS",
    "AccountRows",
    "Row",
    "account_rows",
    "competitors_named",
    "record_row",
    "row_key",
    "row_value",
    "shared_rows",
    "staff_named",
]

#: The columns of a person the graph uses, in the order of ``AccountRows.people``.
PEOPLE_FIELDS = ("id", "name", "title", "department", "layer", "roles", "notes", "left_on")
#: The columns of a tie, in the order of ``AccountRows.ties``.
TIE_FIELDS = ("type", "source_id", "target_id", "strength", "directed", "since")
#: The columns of a member of our staff, in the order of ``AccountRows.staff``.
STAFF_FIELDS = ("id", "name", "title", "seniority", "team", "triangle_role")
#: The columns of a decision role, in the order of ``AccountRows.decision_roles``.
ROLE_FIELDS = ("opportunity_id", "person_id", "role")
COMPETITOR_FIELDS = ("id", "name")
#: The tables kept as tuples in these column orders (the others: records, or JSON dicts).
ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "people": PEOPLE_FIELDS,
    "ties": TIE_FIELDS,
    "decision_roles": ROLE_FIELDS,
    "staff": STAFF_FIELDS,
    "competitors": COMPETITOR_FIELDS,
}
#: The tables kept as records (derived strength and the slots read records).
RECORD_TABLES = frozenset({"contacts", "interactions", "role_slots"})

Row = Sequence[Any]  # a tuple from SQLite, a list from a Cypher store


@dataclass
class AccountRows:
    """One account's rows as of a read date: tuples in the ``*_FIELDS`` orders (a tie's
    ``directed`` as the store gives it: 0/1 from SQLite), the records kept whole in
    their JSON form (every field, defaults included)."""

    account: dict[str, Any]
    opportunities: list[dict[str, Any]] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    decision_roles: list[Row] = field(default_factory=list)
    ties: list[Row] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    attitudes: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    staff: list[Row] = field(default_factory=list)
    competitors: list[Row] = field(default_factory=list)
    opportunity_ids: list[str] = field(default_factory=list)
    role_slots: list[RoleSlot] = field(default_factory=list)  # few: records


def account_rows(
    store: GraphStore, account_id: str, *, as_of: date | None = None, opportunities: bool = True
) -> AccountRows:
    """The rows of ``account_id`` valid ``as_of`` (None: the current ones).

    ``opportunities`` False skips the opportunities table (the graph needs it only for
    one opportunity). Raises NotFoundError for an unknown account (or one not yet
    created then), as ``account_data`` does.
    """
    scope = [account_id]
    found = _dumps(store, "accounts", scope, as_of)
    if not found:
        raise NotFoundError(f"no account {account_id!r}" + (f" as of {as_of}" if as_of else ""))
    rows = AccountRows(account=found[0])
    if opportunities:
        rows.opportunities = _dumps(store, "opportunities", scope, as_of)
        rows.opportunity_ids = [o["id"] for o in rows.opportunities]
    else:
        rows.opportunity_ids = [
            o[0] for o in _values(store, "opportunities", ("id",), scope, as_of)
        ]
    rows.role_slots = _records(store, "role_slots", scope, as_of)  # type: ignore[assignment]
    rows.people = _values(store, "people", PEOPLE_FIELDS, scope, as_of)
    rows.decision_roles = _values(store, "decision_roles", ROLE_FIELDS, scope, as_of)
    # 250,000 ties at 50,000 people: ``directed`` left as stored (SQLite's 0/1), which the
    # graph reads through bool(), rather than a second pass over every row.
    rows.ties = list(read_columns(store, "ties", TIE_FIELDS, scope, as_of))
    rows.contacts = _records(store, "contacts", scope, as_of)  # type: ignore[assignment]
    rows.interactions = _records(store, "interactions", scope, as_of)  # type: ignore[assignment]
    rows.attitudes = _dumps(store, "attitudes", scope, as_of)
    rows.plans = _dumps(store, "plans", scope, as_of)
    rows.actions = _dumps(store, "actions", scope, as_of)
    named = staff_named(rows)
    staff = _values(store, "staff", STAFF_FIELDS, None, as_of)
    rows.staff = [s for s in staff if s[0] in named]
    rivals = competitors_named(rows)
    competitors = _values(store, "competitors", COMPETITOR_FIELDS, None, as_of) if rivals else []
    rows.competitors = [c for c in competitors if c[0] in rivals]
    return rows


def staff_named(rows: AccountRows) -> set[str]:
    """Our staff the account's rows name (contacts, interactions, plan and action owners):
    the staff ``account_data`` keeps."""
    named = {c.staff_id for c in rows.contacts} | {
        s for i in rows.interactions for s in i.staff_ids
    }
    named |= {p["owner_staff_id"] for p in rows.plans if p["owner_staff_id"]}
    named |= {a["owner_staff_id"] for a in rows.actions if a["owner_staff_id"]}
    return named


def competitors_named(rows: AccountRows) -> set[str]:
    """The competitors the account's attitudes are toward."""
    return {a["toward"] for a in rows.attitudes} - {"us"}


def shared_rows(store: GraphStore, table: str, ids: Collection[str]) -> list[Row]:
    """The current rows of ``ids`` in a shared table (staff or competitors), as
    ``account_rows`` reads them (a write naming a staff member new to the account)."""
    wanted = set(ids)
    return [r for r in _values(store, table, ROW_FIELDS[table], None, None) if r[0] in wanted]


def record_row(table: str, record: Record) -> Any:
    """A record as ``AccountRows`` holds its table's rows: a tuple in the table's column
    order, the record itself, or its JSON form (what a read of it would give)."""
    if table in ROW_FIELDS:
        return tuple(_to_json(getattr(record, f)) for f in ROW_FIELDS[table])
    if table in RECORD_TABLES:
        return record
    return record.model_dump(mode="json")


def row_value(table: str, row: Any, name: str) -> Any:
    """One field of a row of ``table`` in whichever form ``AccountRows`` holds it."""
    if table in ROW_FIELDS:
        return row[ROW_FIELDS[table].index(name)]
    if table in RECORD_TABLES:
        return getattr(row, name)
    return row[name]


def row_key(table: str, row: Any) -> tuple[str, ...]:
    """The record key of a row (``Record.key``: its key fields as text)."""
    return tuple(str(row_value(table, row, f)) for f in TABLES[table].key_fields)


def read_columns(
    store: GraphStore,
    table: str,
    fields: Sequence[str],
    account_ids: Collection[str] | None,
    as_of: date | None,
) -> Sequence[Sequence[Any]]:
    """The stored values of ``fields`` of the versions valid ``as_of``, one row each.

    A store without a column read of its own answers through its records (``_read``)."""
    if isinstance(store, SQLiteStore | CypherStore):
        return store.read_columns(table, fields, account_ids=account_ids, as_of=as_of)
    found = store._read(table, account_ids=account_ids, as_of=as_of)
    return [[_to_json(getattr(r, f)) for f in fields] for r, _ in found]


def _values(
    store: GraphStore,
    table: str,
    fields: Sequence[str],
    account_ids: Collection[str] | None,
    as_of: date | None,
) -> list[Row]:
    """Rows of ``fields`` as the store gives them: already their JSON form (ISO dates,
    codes, lists, numbers), except a boolean, which SQLite gives as 0/1 (``_booleans``)."""
    rows = read_columns(store, table, fields, account_ids, as_of)
    flags = _booleans(table, tuple(fields))
    if not flags:
        return rows  # type: ignore[return-value]
    converted: list[Row] = []
    for row in rows:
        values = list(row)
        for i in flags:
            if values[i] is not None:
                values[i] = bool(values[i])
        converted.append(tuple(values))
    return converted


def _dumps(
    store: GraphStore, table: str, account_ids: Collection[str] | None, as_of: date | None
) -> list[dict[str, Any]]:
    """Every field of each row, a stored empty value read as the field's default: the
    record's ``model_dump(mode="json")`` without the record."""
    fields = tuple(TABLES[table].model_fields)
    defaults = _json_defaults(table)
    return [
        {f: defaults[f] if v is None else v for f, v in zip(fields, row, strict=True)}
        for row in _values(store, table, fields, account_ids, as_of)
    ]


def _records(
    store: GraphStore, table: str, account_ids: Collection[str] | None, as_of: date | None
) -> list[Record]:
    """Records built from stored values without validating them again, as every read does."""
    fields = tuple(TABLES[table].model_fields)
    build = stored_record_builder(TABLES[table])
    rows = read_columns(store, table, fields, account_ids, as_of)
    return [build(dict(zip(fields, r, strict=True))) for r in rows]


@cache
def _json_defaults(table: str) -> dict[str, Any]:
    model = TABLES[table]
    return {
        name: _to_json(info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
    }


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _booleans(table: str, fields: tuple[str, ...]) -> tuple[int, ...]:
    """The positions of the boolean fields among ``fields``."""
    model_fields = TABLES[table].model_fields
    return tuple(i for i, f in enumerate(fields) if _unwrap(model_fields[f].annotation) is bool)


def _unwrap(annotation: Any) -> Any:
    """The type under Optional[...] and Annotated[...] (nested as the records nest them)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation
