"""The stored records a write of a few leaf records needs: read by key, not by account.

``GraphStore.write`` checks an incoming dataset against what is stored
(``check_integrity``: references that exist, DESIGN.md "Data model") and ends
the current version of each record it changes. For a whole import that means
reading every account it touches. A write of attitudes, contacts or decision
roles only (the editing forms' and the API's single-record writes, issue 17
"mixed reads and writes") refers to nothing but the people, opportunities,
staff and competitors it names, and replaces only its own records: reading
those by key gives ``check_integrity`` and the history rules the same answer
as reading the accounts, at a few indexed lookups instead of every record of
a 500-person account (about 30 ms a write, measured under the bench's mixed load).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from graphcrm.model import GLOBAL_TABLES, TABLES, Dataset, Record

if TYPE_CHECKING:
    from graphcrm.stores.base import Key, Version

__all__ = ["LEAF_TABLES", "leaf_context"]

#: Tables whose records nothing else refers to, and whose checks read only the people,
#: opportunities, staff and competitors they name (model/integrity.py).
LEAF_TABLES = frozenset({"attitudes", "contacts", "decision_roles"})

Context = tuple[Dataset, dict[str, dict["Key", date]]]


def leaf_context(
    data: Dataset,
    current_version: Callable[[str, Key], Version | None],
    read_shared: Callable[[str], list[tuple[Record, date]]],
) -> Context | None:
    """What ``GraphStore._context`` answers for ``data``, read by key; None when ``data``
    holds a record of a table outside ``LEAF_TABLES`` (the caller reads the accounts).

    ``current_version(table, key)``: one record's current version (None: not stored
    or ended); ``read_shared(table)``:
    the current records of a shared table with their start dates.
    """
    tables = {table for table, records in data.tables() if records}
    if not tables or not tables <= LEAF_TABLES:
        return None
    existing = Dataset()
    valid_from: dict[str, dict[Key, date]] = {table: {} for table in TABLES}

    def current(table: str, key: Key) -> None:
        v = current_version(table, key)
        if v is not None and key not in valid_from[table]:
            existing.table(table).append(v.record)
            valid_from[table][key] = v.valid_from

    people = {r.person_id for t in tables for r in data.table(t)}  # type: ignore[attr-defined]
    for person_id in sorted(people):
        current("people", (person_id,))
    for opportunity_id in sorted({r.opportunity_id for r in data.decision_roles}):
        current("opportunities", (opportunity_id,))
    named = {p.account_id for p in existing.people} | {o.account_id for o in existing.opportunities}
    for account_id in sorted(named):
        current("accounts", (account_id,))
    for table in sorted(GLOBAL_TABLES):
        for record, since in read_shared(table):
            existing.table(table).append(record)
            valid_from[table][record.key] = since
    for table in sorted(tables):
        for record in data.table(table):
            current(table, record.key)
    return existing, valid_from
