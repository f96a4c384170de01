"""Interactions as plain columns, for reads over many of them (issue 13's all-pairs
strength): no record objects, one list per field, the id lists flattened.

A store answers ``GraphStore.interaction_columns`` with the interactions dated within a
window; the generic answer builds the columns from records, the SQLite store from one
query (:func:`sqlite_interaction_columns`). What is computed from them (derived strength)
is no business of the store's (DESIGN.md "Interactions").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graphcrm.model import Interaction

__all__ = ["InteractionColumns", "sqlite_interaction_columns"]


@dataclass(frozen=True)
class InteractionColumns:
    """One entry per interaction in ``days`` (ISO text), ``types``, ``directions`` ("" when
    not given), ``staff_counts`` and ``person_counts``; ``staff_ids`` and
    ``person_ids`` hold every interaction's ids one after another (the first
    ``staff_counts[0]`` are the first interaction's staff, and so on)."""

    days: list[str]
    types: list[str]
    directions: list[str]
    staff_counts: list[int]
    staff_ids: list[str]
    person_counts: list[int]
    person_ids: list[str]

    def __len__(self) -> int:
        return len(self.days)

    @classmethod
    def of_records(
        cls,
        interactions: Iterable[Interaction],
        since: date = date.min,
        until: date = date.max,
    ) -> InteractionColumns:
        """The columns of the interaction records dated ``since`` to ``until`` (both
        included), in their order."""
        found = [i for i in interactions if since <= i.date <= until]
        return cls(
            days=[i.date.isoformat() for i in found],
            types=[i.type.value for i in found],
            directions=[i.direction.value if i.direction else "" for i in found],
            staff_counts=[len(i.staff_ids) for i in found],
            staff_ids=[s for i in found for s in i.staff_ids],
            person_counts=[len(i.person_ids) for i in found],
            person_ids=[p for i in found for p in i.person_ids],
        )


# The id lists are JSON arrays of ids, written by json.dumps ('["a", "b"]') or by SQLite's
# json_group_array ('["a","b"]'). Ids are letters, digits and _ . : - (records.py), so no
# id holds a quote, a space, a bracket or an escape: the arrays split as plain text. Each
# column comes back as one text (group_concat, in SQLite's C) rather than a Python tuple
# per row: at half a million rows the tuples cost more than the query (measured).
_COLUMNS = (
    "SELECT count(*), group_concat(\"date\", ','), group_concat(\"type\", ','), "
    "group_concat(coalesce(\"direction\", ''), ','), "
    "group_concat(json_array_length(\"staff_ids\"), ','), group_concat(\"staff_ids\", ''), "
    "group_concat(json_array_length(\"person_ids\"), ','), group_concat(\"person_ids\", '') "
    'FROM "interactions" WHERE account_scope IN (SELECT value FROM json_each(?)) '
    'AND "date" >= ? AND "date" <= ? AND '
)


def sqlite_interaction_columns(
    conn: sqlite3.Connection,
    account_ids: list[str],
    since: date,
    until: date,
    as_of: date | None,
) -> InteractionColumns:
    """One query: the current (or, ``as_of``, then valid) versions of the interactions of
    ``account_ids`` dated ``since`` to ``until``, both included."""
    params: list[object] = [json.dumps(account_ids), since.isoformat(), until.isoformat()]
    if as_of is None:
        validity = "valid_to IS NULL"
    else:
        validity = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
        params += [as_of.isoformat(), as_of.isoformat()]
    row = conn.execute(_COLUMNS + validity, params).fetchone()
    if not row[0]:
        return InteractionColumns([], [], [], [], [], [], [])
    _, days, types, directions, staff_counts, staff, person_counts, people = row
    staff_n = [int(n) for n in staff_counts.split(",")]
    person_n = [int(n) for n in person_counts.split(",")]
    return InteractionColumns(
        days=days.split(","),
        types=types.split(","),
        directions=directions.split(","),
        staff_counts=staff_n,
        staff_ids=_flat_ids(staff, sum(staff_n)),
        person_counts=person_n,
        person_ids=_flat_ids(people, sum(person_n)),
    )


def _flat_ids(arrays: str, total: int) -> list[str]:
    """Every id of the JSON arrays written one after another, in order: split as one text
    (see above), or decoded array by array if the text holds something an id cannot."""
    text = arrays
    if "\\" not in text:
        text = text.replace('", "', "\x00").replace('","', "\x00").replace('"]["', "\x00")
        split = text[2:-2].split("\x00")
        if len(split) == total and text[:2] == '["' and text[-2:] == '"]':
            return split
    decoder = json.JSONDecoder()
    decoded: list[str] = []
    at = 0
    while at < len(arrays):
        array, at = decoder.raw_decode(arrays, at)
        decoded += [str(x) for x in array]
    return decoded
