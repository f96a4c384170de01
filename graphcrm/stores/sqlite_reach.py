"""Who-knows-whom's contact read on SQLite (``CrossAccountReads.contact_homes``): one
join of the contacts with their people, no record built (DESIGN.md "Account portfolio":
cross-account reads are one query each, not one account load per account)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from datetime import date
from typing import Any

__all__ = ["sqlite_contact_homes"]

_CONTACT_HOMES = (
    'SELECT c."staff_id", c."person_id", p.account_scope, p."left_on" '
    'FROM "contacts" AS c JOIN "people" AS p ON p."id" = c."person_id" '
    "WHERE c.account_scope IN (SELECT value FROM json_each(?)) "
    "AND p.account_scope IN (SELECT value FROM json_each(?)) AND "
)


def _valid(alias: str, as_of: date | None) -> tuple[str, list[Any]]:
    if as_of is None:
        return f"{alias}.valid_to IS NULL", []
    day = as_of.isoformat()
    held = f"{alias}.valid_from <= ? AND ({alias}.valid_to IS NULL OR {alias}.valid_to > ?)"
    return held, [day, day]


def sqlite_contact_homes(
    conn: sqlite3.Connection, account_ids: Collection[str], as_of: date | None
) -> list[tuple[str, str, str, date | None]]:
    """(staff id, person id, the person's account, their left_on) of every contact of
    ``account_ids`` valid ``as_of`` whose person is one of those accounts' then."""
    scope = json.dumps(sorted(account_ids))
    contact, contact_days = _valid("c", as_of)
    person, person_days = _valid("p", as_of)
    rows = conn.execute(
        _CONTACT_HOMES + contact + " AND " + person, [scope, scope, *contact_days, *person_days]
    ).fetchall()
    return [(s, p, a, date.fromisoformat(left) if left else None) for s, p, a, left in rows]
