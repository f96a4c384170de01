"""The SQLite side of the bulk interaction import (issue 13): plain rows in, one
transaction, ``executemany``; the same versions ``GraphStore.write`` would leave.

Each row holds the interaction's fields in the model's order, then its account and the
day it holds from. A row equal to the current version of its id is left alone; a
different one ends that version and starts a new one (ConflictError, nothing written, if
the current version holds from a later day); a new id is inserted. The write versions of
every account touched move, as for any write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from typing import Any

from graphcrm.errors import ConflictError
from graphcrm.model import Interaction

__all__ = ["write_interaction_rows"]

_FIELDS = tuple(Interaction.model_fields)
_NAMES = ", ".join(f'"{c}"' for c in _FIELDS)
_INSERT = (
    f'INSERT INTO "interactions" ({_NAMES}, account_scope, valid_from, valid_to, recorded_at) '
    f"VALUES ({', '.join('?' * (len(_FIELDS) + 4))})"
)
_CURRENT = (
    f'SELECT {_NAMES}, account_scope, valid_from FROM "interactions" '
    "WHERE valid_to IS NULL AND id IN (SELECT value FROM json_each(?))"
)
_END = 'UPDATE "interactions" SET valid_to = ? WHERE "id" = ? AND valid_to IS NULL'
_N = len(_FIELDS)


def write_interaction_rows(
    conn: sqlite3.Connection,
    rows: Sequence[tuple[Any, ...]],
    scopes: Collection[str],
    bump: Callable[[sqlite3.Connection, Collection[str]], None],
) -> tuple[int, int, int]:
    """Write ``rows`` inside the caller's transaction: (created, updated, unchanged);
    ``bump`` raises the write versions of the accounts touched."""
    current = _current(conn, rows)
    fresh: Sequence[tuple[Any, ...]] = rows
    ends: list[tuple[str, str]] = []
    moved: set[str] = set(scopes)
    if current:
        fresh, conflicts = [], []
        for row in rows:
            old = current.get(row[0])
            if old is not None and old[:_N] == row[:_N] and old[_N] == row[_N]:
                continue
            if old is not None:
                if row[_N + 1] < old[_N + 1]:
                    conflicts.append(
                        f"interactions {row[0]}: has a version from {old[_N + 1]}, "
                        f"later than this write's date {row[_N + 1]}"
                    )
                ends.append((row[_N + 1], row[0]))
                moved.add(old[_N])
            fresh.append(row)
        if conflicts:
            raise ConflictError("history only moves forward; " + "; ".join(conflicts[:10]))
    if not fresh:
        return 0, 0, len(rows)
    bump(conn, moved)
    conn.executemany(_END, ends)
    recorded_at = datetime.now(UTC).isoformat(timespec="microseconds")
    conn.executemany(_INSERT, ((*row, None, recorded_at) for row in fresh))
    return len(fresh) - len(ends), len(ends), len(rows) - len(fresh)


def _current(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    """The current versions of the rows' ids (none looked up in a table with none)."""
    if conn.execute('SELECT 1 FROM "interactions" WHERE valid_to IS NULL LIMIT 1').fetchone():
        ids = json.dumps([row[0] for row in rows])
        return {found[0]: found for found in conn.execute(_CURRENT, [ids])}
    return {}
