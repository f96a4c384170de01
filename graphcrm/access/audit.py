"""The audit log: who did what, when, in one table of the access database.

One entry per request that wrote or read personal data (see ``api.audit``),
appended and never changed, with one exception: a person's erasure replaces
their id, wherever it is a segment of an entry's path, with an opaque token
(``graphcrm.access.audit_erasure``). That rewrite runs with ``secure_delete``
on, then the file is rebuilt (``VACUUM``) and its WAL truncated, so the old
text is left in no file of the access database.

Entries are committed in groups (``graphcrm.access.audit_writer``): a request
still waits until its own entry is committed, but the entries of requests
arriving together share one transaction, written through connections of their
own, so that waiting for SQLite's write lock (another worker process is
committing) holds up neither the event loop nor any reader of the access
database (README "Audit entries committed in groups").
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from graphcrm.access.audit_writer import AuditWriter
from graphcrm.access.database import AccessDatabase
from graphcrm.errors import StoreError

if TYPE_CHECKING:  # the store imports this module; a principal is only read here
    from graphcrm.access.store import Principal

__all__ = ["SCHEMA", "AuditEntry", "AuditLog", "AuditQuery", "NewAuditEntry"]

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, key_id TEXT, principal TEXT, team TEXT,
        action TEXT NOT NULL, method TEXT NOT NULL, route TEXT NOT NULL, path TEXT NOT NULL,
        account_id TEXT, status INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS audit_at ON audit (at)",
)
_COLUMNS = "id, at, key_id, principal, team, action, method, route, path, account_id, status"
_INSERT = (
    f"INSERT INTO audit ({_COLUMNS.removeprefix('id, ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# Entries whose path holds the segment (checked again in Python: instr has no
# notion of segments at the ends of the path).
_NAMING = "instr(path || '/', '/' || ? || '/') > 0"


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when: one request that wrote or read personal data."""

    id: int
    at: str
    key_id: str | None
    principal: str | None
    team: str | None
    action: str
    method: str
    route: str
    path: str
    account_id: str | None
    status: int


@dataclass(frozen=True)
class AuditQuery:
    """Filters for the audit log, all optional; newest first."""

    team: str | None = None
    principal: str | None = None
    account_id: str | None = None
    action: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 100
    offset: int = 0


class NewAuditEntry(NamedTuple):
    """An entry to append: an ``AuditEntry`` before the log gives it its id (a tuple in
    the table's column order, so that it is the INSERT's parameters as it is)."""

    at: str
    key_id: str | None
    principal: str | None
    team: str | None
    action: str
    method: str
    route: str
    path: str
    account_id: str | None
    status: int


class AuditLog:
    """The audit table of an access database (its schema made by the access store)."""

    def __init__(self, db: AccessDatabase) -> None:
        self._db = db
        self.writer = AuditWriter(db.path, _INSERT, busy_timeout_ms=db.busy_ms)
        db.on_close(self.writer.close)

    def submit(self, principal: Principal | None, **fields: Any) -> Future[None]:
        """Queue one entry (``record``'s fields), stamped now, for the committer thread;
        its future is done once it is committed with the entries queued beside it in one
        transaction (StoreError if that failed)."""
        return self.writer.submit(_entry(principal, **fields))

    async def arecord(
        self,
        principal: Principal | None,
        *,
        action: str,
        method: str,
        route: str,
        path: str,
        account_id: str | None,
        status: int,
    ) -> None:
        """Append one entry, stamped now, from an event loop; return once it is committed
        with the entries recorded beside it (StoreError if it was not). The loop is not
        held up while the commit waits for SQLite's write lock (``AuditWriter``)."""
        entry = _entry(
            principal,
            action=action,
            method=method,
            route=route,
            path=path,
            account_id=account_id,
            status=status,
        )
        await self.writer.record(entry)

    def record(
        self,
        principal: Principal | None,
        *,
        action: str,
        method: str,
        route: str,
        path: str,
        account_id: str | None,
        status: int,
    ) -> None:
        """Append one entry, and return once it is committed (StoreError if it was not)."""
        self.submit(
            principal,
            action=action,
            method=method,
            route=route,
            path=path,
            account_id=account_id,
            status=status,
        ).result()

    def entries(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        """Entries matching ``query`` (every filter given must hold: ``since`` inclusive,
        ``until`` exclusive), newest first, and how many match in all."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("team", query.team),
            ("principal", query.principal),
            ("account_id", query.account_id),
            ("action", query.action),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if query.since is not None:
            where.append("at >= ?")
            params.append(query.since)
        if query.until is not None:
            where.append("at < ?")
            params.append(query.until)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        (total,) = self._db.query(f"SELECT COUNT(*) FROM audit{clause}", params)[0]
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM audit{clause} ORDER BY id DESC LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )
        return [AuditEntry(*r) for r in rows], total

    def entries_naming(self, segment: str) -> list[AuditEntry]:
        """Every entry whose path has ``segment`` as a whole segment, oldest first."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM audit WHERE {_NAMING} ORDER BY id", [segment]
        )
        return [AuditEntry(*row) for row in rows if _names(row[8], segment)]

    def anonymise(self, segment: str, token: str) -> int:
        """Replace ``segment`` with ``token`` in every path naming it, and leave no copy of
        the old paths in the file; returns how many entries were rewritten.

        StoreError if the old text could not be overwritten: the entries are
        rewritten all the same (the next rewrite rebuilds the file again).
        """
        self.writer.flush()  # the entries already queued are rewritten too
        conn = self._db.conn
        with self._db.lock:
            conn.execute("PRAGMA secure_delete = ON")
            try:
                with self._db.transaction() as tx:  # read and rewrite at once: none slips by
                    rows = tx.execute(f"SELECT id, path FROM audit WHERE {_NAMING}", [segment])
                    rewrites = [
                        (_replace(path, segment, token), i)
                        for i, path in rows.fetchall()
                        if _names(path, segment)
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
                f"{left} is still in the access database's write-ahead log while another "
                "process reads it; SQLite empties it when the last process using the database "
                "closes it"
            )
        return len(rewrites)


def _entry(
    principal: Principal | None,
    *,
    action: str,
    method: str,
    route: str,
    path: str,
    account_id: str | None,
    status: int,
) -> NewAuditEntry:
    return NewAuditEntry(
        datetime.now(UTC).isoformat(timespec="microseconds"),
        principal.key_id if principal else None,
        principal.name if principal else None,
        principal.team if principal else None,
        action,
        method,
        route,
        path,
        account_id,
        status,
    )


def _names(path: str, segment: str) -> bool:
    return segment in path.split("/")


def _replace(path: str, segment: str, token: str) -> str:
    return "/".join(token if part == segment else part for part in path.split("/"))
