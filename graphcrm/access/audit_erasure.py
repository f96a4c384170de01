"""A person's place in the audit log: read it (access request), or make it anonymous (erasure).

The audit records the path of every request, and a person's id is a segment of
the path of every request about them (ids often spell names:
``jn-chenzhiyuan``). Erasure keeps each such entry, the event, and replaces
that segment with an opaque token made for the erasure: random, and written
nowhere together with the id, so the log still tells who did what and when, and
that it concerned one (now unnamed) person, without a way back to them.

The rewrite runs with ``secure_delete`` on, then the file is rebuilt (``VACUUM``)
and its WAL truncated, so the id is left in no file of the access database.
"""

from __future__ import annotations

import secrets
import sqlite3

from graphcrm.access.store import AccessStore, AuditEntry
from graphcrm.errors import StoreError

__all__ = ["entries_naming", "erasure_token", "pseudonymise_person"]

TOKEN_PREFIX = "erased-"
_COLUMNS = "id, at, key_id, principal, team, action, method, route, path, account_id, status"
# Entries whose path holds the id as a whole segment (checked again in Python: instr
# has no notion of segments at the ends of the path).
_NAMING = "instr(path || '/', '/' || ? || '/') > 0"


def erasure_token() -> str:
    """A new opaque token: 64 random bits, tied to nothing."""
    return TOKEN_PREFIX + secrets.token_hex(8)


def _names(path: str, person_id: str) -> bool:
    return person_id in path.split("/")


def _replace(path: str, person_id: str, token: str) -> str:
    return "/".join(token if part == person_id else part for part in path.split("/"))


def entries_naming(access: AccessStore, person_id: str) -> list[AuditEntry]:
    """Every audit entry whose path names the person (a segment equal to their id),
    oldest first."""
    rows = access._query(f"SELECT {_COLUMNS} FROM audit WHERE {_NAMING} ORDER BY id", [person_id])
    return [AuditEntry(*row) for row in rows if _names(row[8], person_id)]


def pseudonymise_person(access: AccessStore, person_id: str, token: str) -> int:
    """Replace the person's id with ``token`` in every audit path naming them, and leave
    no copy of the old paths in the file; returns how many entries were rewritten."""
    conn = access._conn
    with access._lock:
        conn.execute("PRAGMA secure_delete = ON")
        try:
            with access._tx() as tx:  # read and rewrite in one transaction: none slips by
                rows = tx.execute(f"SELECT id, path FROM audit WHERE {_NAMING}", [person_id])
                rewrites = [
                    (_replace(path, person_id, token), i)
                    for i, path in rows.fetchall()
                    if _names(path, person_id)
                ]
                tx.executemany("UPDATE audit SET path = ? WHERE id = ?", rewrites)
        finally:
            conn.execute("PRAGMA secure_delete = OFF")
        left = "the audit entries were made anonymous, but their old text"
        try:
            conn.execute("VACUUM")
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(
                f"{left} could not be overwritten in the access database ({exc}); the next "
                "erasure rebuilds it again"
            ) from exc
    if busy:
        raise StoreError(
            f"{left} is still in the access database's write-ahead log while another process "
            "reads it; SQLite empties it when the last process using the database closes it"
        )
    return len(rewrites)
