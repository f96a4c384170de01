"""The embedded store: one SQLite file, WAL, every write one transaction.

One table per record kind, with the record's fields as columns plus
``account_scope`` (the account it belongs to), ``valid_from``, ``valid_to`` (NULL while current) and
``recorded_at``. A partial unique index keeps at most one current version per
key. ``write_versions`` holds one counter per account (and one, scope ``*shared``,
for the shared staff and competitors), raised inside each write's transaction
(see ``GraphStore.write_version``); it is read through a connection of its own,
so the check never waits behind a long read or write on the main one. That
connection first asks ``PRAGMA data_version``, which SQLite changes whenever
another connection, in this process or another, has committed: while it is
unchanged the versions read since the last commit still hold and are answered
from memory (a served read checks the version on every request).
``synchronous=FULL`` so a committed write survives a power cut, not only a
crash of the process.

A person's erasure deletes their rows with ``secure_delete`` on, then rebuilds the
file (``VACUUM``: rows written or changed earlier, with ``secure_delete`` off, may
have left copies in free space this deletion does not reach) and truncates the WAL
(``wal_checkpoint(TRUNCATE)``), so none of their text is left in any file of the store.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from graphcrm.errors import StoreError
from graphcrm.model import TABLES, Contact, Dataset, Interaction, Person, Record
from graphcrm.model.stored import stored_record_builder
from graphcrm.sqlite_connection import connect
from graphcrm.stores.base import (
    PERSON_FIELDS,
    SEARCH_FIELDS,
    SHARED_SCOPE,
    Expected,
    GraphStore,
    Key,
    TableChanges,
    Version,
    VersionMoved,
)
from graphcrm.stores.cross_account import named_people
from graphcrm.stores.interaction_columns import InteractionColumns, sqlite_interaction_columns
from graphcrm.stores.no_wait import WriterBusy, not_waiting
from graphcrm.stores.sqlite_bulk import write_interaction_rows
from graphcrm.stores.sqlite_reach import sqlite_contact_homes
from graphcrm.stores.write_rules import records_of

__all__ = ["SQLiteStore"]

# 1: the first schema. 2: plans.start_date and actions.outcome (added to older files by
# ALTER TABLE on opening; their existing rows read back with the new fields empty).
# 3: write_versions (created on opening an older file; every account starts at 0).
# 4: the interactions table (created on opening an older file), people.email,
# people.left_on and staff.email (added by ALTER TABLE; existing rows read them empty).
# Also in 4 (the same release): the portfolio's tables account_values and orders, and
# accounts.kind and accounts.parent_id (older accounts read back as customers, no parent).
# 5: accounts.language (issue 12 item 7; added by ALTER TABLE on opening, older accounts
# read back with none: their language follows their data) and role_slots, the
# unidentified roles of a decision chain (DESIGN.md "Method settings, conflict ties,
# unidentified roles"; created on opening an older file, which has none).
SCHEMA_VERSION = 5
_META = ("account_scope", "valid_from", "valid_to", "recorded_at")
_LIST_FIELDS = {"roles", "staff_ids", "person_ids"}  # tuple fields, stored as JSON text
# The interactions naming a person: their person_ids (JSON text) hold the id.
_NAMES_PERSON = 'EXISTS (SELECT 1 FROM json_each("person_ids") WHERE value = ?)'

WRITE_VERSIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS write_versions "
    "(scope TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID"
)


def _columns(table: str) -> list[str]:
    return list(TABLES[table].model_fields)


def _schema() -> list[str]:
    statements = []
    for table, model in TABLES.items():
        cols = ", ".join(f'"{c}"' for c in [*_columns(table), *_META])
        key = ", ".join(f'"{k}"' for k in model.key_fields)
        statements += [
            f'CREATE TABLE IF NOT EXISTS "{table}" (version INTEGER PRIMARY KEY, {cols})',
            f'CREATE UNIQUE INDEX IF NOT EXISTS "{table}_current" ON "{table}" ({key}) '
            "WHERE valid_to IS NULL",
            f'CREATE INDEX IF NOT EXISTS "{table}_account" ON "{table}" (account_scope, valid_to)',
            f'CREATE INDEX IF NOT EXISTS "{table}_key" ON "{table}" ({key}, valid_from)',
        ]
    statements.append(WRITE_VERSIONS_TABLE)
    return statements


_BUMP = (
    "INSERT INTO write_versions (scope, version) VALUES (?, 1) "
    "ON CONFLICT (scope) DO UPDATE SET version = version + 1"
)
_WRITE_VERSION = "SELECT coalesce(sum(version), 0) FROM write_versions WHERE scope IN (?, ?)"
_DATA_VERSION = "PRAGMA data_version"


def _added_columns(conn: sqlite3.Connection) -> list[str]:
    """``ALTER TABLE ... ADD COLUMN`` for every model field an older file's table lacks."""
    statements = []
    for table in TABLES:
        have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        statements += [
            f'ALTER TABLE "{table}" ADD COLUMN "{c}"' for c in _columns(table) if c not in have
        ]
    return statements


class SQLiteStore(GraphStore):
    """GraphStore on a SQLite file (created with its schema if missing)."""

    embedded = True  # write_version: a PRAGMA on its own connection, ~5 us; a leaf write ~1 ms

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 10_000) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = int(busy_timeout_ms)
        try:
            self._conn = connect(self.path, synchronous="FULL", busy_timeout_ms=busy_timeout_ms)
            self._migrate()
            self._version_conn = connect(self.path, busy_timeout_ms=busy_timeout_ms)
            self._read_conn = connect(self.path, busy_timeout_ms=busy_timeout_ms)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite store at {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        # Reads have a connection of their own: in WAL mode they see every committed
        # write and never wait for a writer, so a read is not held up by a commit (its
        # fsync) or by a writer waiting for another process's lock, and a write on the
        # API's event loop (api/crud.py) not by a whole account being read.
        self._read_lock = threading.Lock()
        self._version_lock = threading.Lock()
        # Versions read since the version connection last saw another connection commit.
        self._data_version: int | None = None
        self._versions_read: dict[str, int] = {}

    def close(self) -> None:
        self._version_conn.close()
        self._read_conn.close()
        self._conn.close()

    def write_version(self, account_id: str) -> int:
        """The account's write version (see the module docstring): one ``PRAGMA
        data_version`` per call, and the indexed read only after a commit by another
        connection (the version connection itself never writes), so nothing committed
        before this call is missed."""
        try:
            with self._version_lock:
                changed = self._version_conn.execute(_DATA_VERSION).fetchone()[0]
                if changed != self._data_version:
                    self._data_version = changed
                    self._versions_read.clear()
                version = self._versions_read.get(account_id)
                if version is None:
                    row = self._version_conn.execute(_WRITE_VERSION, (account_id, SHARED_SCOPE))
                    version = self._versions_read[account_id] = int(row.fetchone()[0])
                return version
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the write version from {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer graphcrm (schema {version} > {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return  # opening must not write: a rejected import leaves the file as it was
        with self._transaction():
            for statement in _schema():
                self._conn.execute(statement)
            for statement in _added_columns(self._conn):
                self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._begin()
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _begin(self) -> None:
        """BEGIN IMMEDIATE: take the file's write lock, waiting up to the busy timeout for
        another connection's, or not at all inside ``without_waiting`` (WriterBusy)."""
        if not not_waiting():
            self._conn.execute("BEGIN IMMEDIATE")
            return
        self._conn.execute("PRAGMA busy_timeout = 0")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:  # any extended BUSY code
                raise
            raise WriterBusy(f"another connection is writing to {self.path}") from None
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")

    # -- primitives -----------------------------------------------------------------

    def _read(
        self,
        table: str,
        *,
        account_ids: Collection[str] | None,
        as_of: date | None,
        where: tuple[str, list[Any]] | None = None,
    ) -> list[tuple[Record, date]]:
        cols = _columns(table)
        rows = self._select(table, [*cols, "valid_from"], account_ids, as_of, where)
        build = stored_record_builder(TABLES[table])
        return [(build(_decode(cols, row[:-1])), date.fromisoformat(row[-1])) for row in rows]

    def read_columns(
        self,
        table: str,
        fields: Sequence[str],
        *,
        account_ids: Collection[str] | None,
        as_of: date | None,
    ) -> list[tuple[Any, ...]]:
        """The stored values of ``fields``, in order, of the versions ``_read`` would read:
        no record is built (analysis reads, ``graphcrm.stores.analysis_read``). List
        fields come back as lists; booleans as SQLite stores them (0/1)."""
        rows = self._select(table, fields, account_ids, as_of)
        lists = [i for i, f in enumerate(fields) if f in _LIST_FIELDS]
        if not lists:
            return rows
        decoded = []
        for row in rows:
            values = list(row)
            for i in lists:
                value = values[i]
                # Most people have no roles: "[]" needs no parser.
                values[i] = [] if value == "[]" else None if value is None else json.loads(value)
            decoded.append(tuple(values))
        return decoded

    def _select(
        self,
        table: str,
        cols: Sequence[str],
        account_ids: Collection[str] | None,
        as_of: date | None,
        extra: tuple[str, list[Any]] | None = None,
    ) -> list[tuple[Any, ...]]:
        sql = f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"'
        where, params = _validity(as_of)
        if extra is not None:  # a condition of the caller's, with its parameters
            where.append(extra[0])
            params += extra[1]
        if account_ids is not None:
            where.append("account_scope IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(account_ids)))
        sql += " WHERE " + " AND ".join(where)
        with self._read_lock:
            return self._read_conn.execute(sql, params).fetchall()

    def _accounts_of(self, table: str, ids: Collection[str]) -> dict[str, str]:
        if not ids:
            return {}
        sql = (
            f'SELECT id, account_scope FROM "{table}" WHERE valid_to IS NULL '
            "AND id IN (SELECT value FROM json_each(?))"
        )
        with self._read_lock:
            return dict(self._read_conn.execute(sql, [json.dumps(sorted(ids))]).fetchall())

    def _apply(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None = None,
    ) -> None:
        self._apply_expecting(changes, recorded_at, scopes, None)

    def _apply_expecting(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None,
        expect: Expected | None,
    ) -> None:
        # The check runs inside the write's BEGIN IMMEDIATE transaction, which holds the
        # file's write lock: no other writer, in this process or another, comes between.
        try:
            self._apply_in_transaction(changes, recorded_at, scopes, expect)
        except sqlite3.Error as exc:
            raise StoreError(f"the write to {self.path} failed and was rolled back: {exc}") from exc

    def _apply_in_transaction(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None,
        expect: Expected | None = None,
    ) -> None:
        with self._lock, self._transaction() as conn:
            if expect is not None:
                _check_expected(conn, expect)
            bump_write_versions(conn, scopes)
            for table, tc in changes.items():
                key = TABLES[table].key_fields
                if tc.end:
                    match = " AND ".join(f'"{k}" = ?' for k in key)
                    conn.executemany(
                        f'UPDATE "{table}" SET valid_to = ? WHERE {match} AND valid_to IS NULL',
                        ([ends.isoformat(), *k] for k, ends in tc.end),
                    )
                if tc.start:
                    cols = _columns(table)
                    names = ", ".join(f'"{c}"' for c in [*cols, *_META])
                    marks = ", ".join("?" * (len(cols) + len(_META)))
                    conn.executemany(
                        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                        (
                            (*_encode(cols, rec), acct, starts.isoformat(), None, recorded_at)
                            for rec, acct, starts in tc.start
                        ),
                    )

    def reach_data(
        self,
        account_ids: Collection[str],
        *,
        as_of: date | None = None,
        staff_ids: Collection[str] | None = None,
        person_ids: Collection[str] | None = None,
        since: date | None = None,
    ) -> Dataset:
        """CrossAccountReads.reach_data as one filtered query per table (the contacts by
        the key index when ``staff_ids`` is given, the people by id)."""
        scope = sorted(account_ids)
        data = Dataset()
        rows = self._read(
            "contacts", account_ids=scope, as_of=as_of, where=_pairs(staff_ids, person_ids)
        )
        data.contacts = records_of(Contact, rows)
        rows = self._read(
            "interactions",
            account_ids=scope,
            as_of=as_of,
            where=_naming(staff_ids, person_ids, since),
        )
        data.interactions = records_of(Interaction, rows)
        named = json.dumps(sorted(named_people(data.contacts, data.interactions)))
        # By the id index: "+" keeps SQLite off the account index (every person of every
        # account) for the scope, which is then checked row by row.
        people = '"id" IN (SELECT value FROM json_each(?)) AND +account_scope IN '
        people += "(SELECT value FROM json_each(?))"
        rows = self._read(
            "people", account_ids=None, as_of=as_of, where=(people, [named, json.dumps(scope)])
        )
        data.people = records_of(Person, rows)
        return data

    def contact_homes(
        self, account_ids: Collection[str], *, as_of: date | None = None
    ) -> list[tuple[str, str, str, date | None]]:
        with self._read_lock:
            return sqlite_contact_homes(self._read_conn, account_ids, as_of)

    def interaction_columns(
        self,
        account_ids: Collection[str],
        *,
        since: date,
        until: date,
        as_of: date | None = None,
    ) -> InteractionColumns:
        with self._read_lock:
            return sqlite_interaction_columns(
                self._read_conn, sorted(account_ids), since, until, as_of
            )

    def write_interaction_rows(
        self, rows: Sequence[tuple[Any, ...]], scopes: Collection[str]
    ) -> tuple[int, int, int]:
        """Issue 13's bulk import of checked interaction rows, one transaction:
        (created, updated, unchanged); see :mod:`graphcrm.stores.sqlite_bulk`."""
        try:
            with self._lock, self._transaction() as conn:
                return write_interaction_rows(conn, rows, scopes, bump_write_versions)
        except sqlite3.Error as exc:
            raise StoreError(f"the write to {self.path} failed and was rolled back: {exc}") from exc

    def _search(
        self, table: str, needle: str, account_ids: Collection[str] | None, limit: int
    ) -> list[Record]:
        cols = _columns(table)
        # LIKE folds ASCII case (lower() too); % and _ in the text are matched as written.
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"
        held = " OR ".join(f"lower(\"{f}\") LIKE ? ESCAPE '\\'" for f in SEARCH_FIELDS[table])
        where, params = f"valid_to IS NULL AND ({held})", [pattern] * len(SEARCH_FIELDS[table])
        if account_ids is not None:
            where += " AND account_scope IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(account_ids)))
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f'SELECT {names} FROM "{table}" WHERE {where} ORDER BY "id" LIMIT ?'
        with self._read_lock:
            rows = self._read_conn.execute(sql, [*params, limit]).fetchall()
        build = stored_record_builder(TABLES[table])
        return [build(_decode(cols, row)) for row in rows]

    def _versions(self, table: str, key: Key) -> list[Version]:
        match = " AND ".join(f'"{k}" = ?' for k in TABLES[table].key_fields)
        return self._rows(table, match, list(key))

    def _current(self, table: str, key: Key) -> Version | None:
        # The partial unique index "<table>_current" answers this in one lookup.
        match = " AND ".join(f'"{k}" = ?' for k in TABLES[table].key_fields)
        found = self._rows(table, f"{match} AND valid_to IS NULL", list(key))
        return found[0] if found else None

    def _person_versions(self, person_id: str) -> dict[str, list[Version]]:
        found = {"people": self._rows("people", '"id" = ?', [person_id])}
        for table, fields in PERSON_FIELDS.items():
            where = " OR ".join(f'"{f}" = ?' for f in fields)
            found[table] = self._rows(table, where, [person_id] * len(fields))
        found["interactions"] = self._rows("interactions", _NAMES_PERSON, [person_id])
        found["role_slots"] = self._rows("role_slots", '"person_id" = ?', [person_id])
        return found

    def _purge_person(self, person_id: str, scopes: Collection[str]) -> None:
        # No read of this process in progress either: emptying the WAL needs no reader on it.
        with self._lock, self._read_lock:
            try:
                self._conn.execute("PRAGMA secure_delete = ON")
                with self._transaction() as conn:
                    bump_write_versions(conn, scopes)
                    conn.execute('DELETE FROM "people" WHERE "id" = ?', [person_id])
                    for table, fields in PERSON_FIELDS.items():
                        where = " OR ".join(f'"{f}" = ?' for f in fields)
                        conn.execute(
                            f'DELETE FROM "{table}" WHERE {where}', [person_id] * len(fields)
                        )
                    _drop_from_interactions(conn, person_id)
                    conn.execute('DELETE FROM "role_slots" WHERE "person_id" = ?', [person_id])
            except sqlite3.Error as exc:
                raise StoreError(f"erasing a person in {self.path} failed: {exc}") from exc
            finally:
                self._conn.execute("PRAGMA secure_delete = OFF")
            self._overwrite_freed_space()

    def _overwrite_freed_space(self) -> None:
        """Rebuild the file and empty the WAL, so no deleted row is left in either."""
        left = "the person's rows are deleted, but their freed space"
        try:
            self._conn.execute("VACUUM")
            busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(
                f"{left} in {self.path} could not be overwritten ({exc}); the next erasure "
                "rebuilds the file again"
            ) from exc
        if busy:
            raise StoreError(
                f"{left} is still in {self.path}-wal while another process reads the store; "
                "SQLite empties it when the last process using the store closes it"
            )

    def _rows(self, table: str, where: str, params: list[Any]) -> list[Version]:
        cols = _columns(table)
        names = ", ".join(f'"{c}"' for c in [*cols, *_META])
        with self._read_lock:
            rows = self._read_conn.execute(
                f'SELECT {names} FROM "{table}" WHERE {where}', params
            ).fetchall()
        build = stored_record_builder(TABLES[table])
        n = len(cols)
        return [
            Version(
                build(_decode(cols, row[:n])),
                row[n],
                date.fromisoformat(row[n + 1]),
                date.fromisoformat(row[n + 2]) if row[n + 2] else None,
                row[n + 3],
            )
            for row in rows
        ]


def bump_write_versions(conn: sqlite3.Connection, scopes: Collection[str] | None) -> None:
    """Raise the write version of each scope (None: the shared one, which moves every
    account); call inside the transaction of the write it counts."""
    chosen = scopes if scopes is not None else {SHARED_SCOPE}
    conn.executemany(_BUMP, ((s,) for s in sorted(chosen)))


def _drop_from_interactions(conn: sqlite3.Connection, person_id: str) -> None:
    """Take the person out of every version of every interaction naming them; delete
    the versions left with no customer person (DESIGN.md "Personal data")."""
    conn.execute(
        'UPDATE "interactions" SET "person_ids" = (SELECT json_group_array(value) FROM '
        'json_each("person_ids") WHERE value <> ?) WHERE ' + _NAMES_PERSON,
        [person_id, person_id],
    )
    conn.execute('DELETE FROM "interactions" WHERE json_array_length("person_ids") = 0')


def _check_expected(conn: sqlite3.Connection, expect: Expected) -> None:
    """VersionMoved (the transaction rolls back) unless the current version is expected."""
    match = " AND ".join(f'"{k}" = ?' for k in TABLES[expect.table].key_fields)
    row = conn.execute(
        f'SELECT recorded_at FROM "{expect.table}" WHERE {match} AND valid_to IS NULL',
        list(expect.key),
    ).fetchone()
    if row is None or row[0] != expect.recorded_at:
        raise VersionMoved(f"{expect.table} {'/'.join(expect.key)!r} has changed meanwhile")


def _pairs(
    staff_ids: Collection[str] | None, person_ids: Collection[str] | None
) -> tuple[str, list[Any]]:
    """The condition on contacts: the staff member among ``staff_ids``, the person among
    ``person_ids`` (each only if given)."""
    where, params = ["1"], []
    for column, ids in (("staff_id", staff_ids), ("person_id", person_ids)):
        if ids is not None:
            where.append(f'"{column}" IN (SELECT value FROM json_each(?))')
            params.append(json.dumps(sorted(ids)))
    return " AND ".join(where), params


def _naming(
    staff_ids: Collection[str] | None, person_ids: Collection[str] | None, since: date | None
) -> tuple[str, list[Any]]:
    """The condition on interactions: naming one of ``staff_ids`` and one of
    ``person_ids`` (each only if given), dated ``since`` or later. Ids are letters,
    digits and _ . : - (records.py), so the quoted id found in the JSON array text is
    exactly one of its elements: instr, no JSON parse per row."""
    where, params = ["1"], []
    for column, ids in (("staff_ids", staff_ids), ("person_ids", person_ids)):
        if ids is not None:
            where.append("(" + " OR ".join([f'instr("{column}", ?) > 0'] * len(ids) or ["0"]) + ")")
            params += [f'"{i}"' for i in sorted(ids)]
    if since is not None:
        where.append('"date" >= ?')
        params.append(since.isoformat())
    return " AND ".join(where), params


def _validity(as_of: date | None) -> tuple[list[str], list[Any]]:
    if as_of is None:
        return ["valid_to IS NULL"], []
    day = as_of.isoformat()
    return ["valid_from <= ?", "(valid_to IS NULL OR valid_to > ?)"], [day, day]


def _encode(cols: list[str], record: Record) -> tuple[Any, ...]:
    dumped = record.model_dump(mode="json")
    return tuple(json.dumps(dumped[c]) if c in _LIST_FIELDS else dumped[c] for c in cols)


def _decode(cols: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        c: (json.loads(v) if c in _LIST_FIELDS else v)
        for c, v in zip(cols, row, strict=True)
        if v is not None
    }
