"""Backups of the SQLite store: a consistent copy while the service writes, and a restore.

``backup`` copies the store with SQLite's online backup API in one step, which
reads one snapshot: the copy holds every write committed before it began and
nothing of a write after (in WAL mode the service's writers are not blocked
meanwhile). The copy is checked (``integrity_check``), made a single file
(rollback journal, no ``-wal``), and only then moved to its name, so a
half-written backup never carries the name.

``restore`` first checks that the file is a graphcrm store of a known schema
(1 to ``SCHEMA_VERSION``; an older one is migrated when next opened) and
intact, then copies it into the store with the same API, through SQLite's
locks, so a process holding the store open sees either the old store or the
restored one. It refuses a store another connection has open (a running
``graphcrm serve``) unless forced. Restoring over a store raises every
account's write version above any it had before, so no cache anywhere can
take restored data for results it computed earlier.

A Cypher store is backed up with its server's own tools: ``neo4j-admin
database dump`` (or ``backup``, Enterprise) for Neo4j; for FalkorDB, Redis
persistence (``BGSAVE`` writes ``dump.rdb``; or the AOF), copied while the
server runs.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from graphcrm.errors import GraphcrmError, StoreError
from graphcrm.model import TABLES
from graphcrm.sqlite_connection import connect
from graphcrm.stores.base import SHARED_SCOPE
from graphcrm.stores.sqlite import SCHEMA_VERSION, WRITE_VERSIONS_TABLE

_ADD = (
    "INSERT INTO write_versions (scope, version) VALUES (?, ?) "
    "ON CONFLICT (scope) DO UPDATE SET version = version + excluded.version"
)

__all__ = [
    "BackupError",
    "BackupReport",
    "StoreInUse",
    "backup",
    "describe",
    "restore",
    "sqlite_file",
]


class BackupError(GraphcrmError):
    """A file that is not a graphcrm store, or a target that must not be written."""


class StoreInUse(BackupError):
    """The store to restore into is open in another connection (a running service)."""


@dataclass(frozen=True)
class BackupReport:
    """What a backup or restore copied: the file written, its schema, accounts and size."""

    path: Path
    schema: int
    accounts: int
    bytes: int


def sqlite_file(url: str) -> Path:
    """The file a ``sqlite:///PATH`` store URL names; BackupError for any other store,
    which its own server's tools back up."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "sqlite":
        raise BackupError(
            f"the store {parts.scheme}://{parts.hostname or ''} is not a SQLite file: back up a "
            "Neo4j store with neo4j-admin database dump, a FalkorDB one with its Redis "
            "persistence (BGSAVE, dump.rdb)"
        )
    if not parts.path or parts.path == "/":
        raise BackupError(f"store URL {url!r} names no file; e.g. sqlite:///data/g.db")
    return Path(unquote(parts.path[1:]))


def describe(path: Path) -> tuple[int, int]:
    """(schema version, current accounts) of a graphcrm SQLite store, read-only.

    Raises BackupError saying why ``path`` is not an intact graphcrm store of a
    known schema: missing, not SQLite, damaged, no graphcrm tables, or written by
    a newer graphcrm.
    """
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with _read_only(path) as conn:
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            missing = sorted(set(TABLES) - tables)
            if schema == 0 or missing:
                raise BackupError(
                    f"{path} is not a graphcrm store (schema {schema}; "
                    f"missing tables: {', '.join(missing) or 'none'})"
                )
            if schema > SCHEMA_VERSION:
                raise BackupError(
                    f"{path} was written by a newer graphcrm (schema {schema} > {SCHEMA_VERSION})"
                )
            check = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                raise BackupError(f"{path} is damaged: {'; '.join(check[:5])}")
            accounts = conn.execute(
                'SELECT count(*) FROM "accounts" WHERE valid_to IS NULL'
            ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from exc
    return int(schema), int(accounts)


def backup(store: Path, out: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy the store at ``store`` to ``out``: one consistent snapshot, checked, one file.

    Refuses an existing ``out`` unless ``overwrite``, and ``out`` naming the store itself.
    """
    describe(store)
    if out.exists() and out.resolve() == store.resolve():
        raise BackupError(f"{out} is the store itself; back up to another file")
    if out.exists() and not overwrite:
        raise BackupError(f"{out} already exists; choose a new name or pass --force")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        with _read_only(store) as source, closing(connect(partial)) as copy:
            source.backup(copy)  # pages=-1: every page in one step, from one read snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        schema, accounts = describe(partial)
        _fsync(partial)
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise StoreError(f"the backup of {store} to {out} failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(out, schema, accounts, out.stat().st_size)


def restore(backup_file: Path, store: Path, *, force: bool = False) -> BackupReport:
    """Replace the store at ``store`` (made if missing) by the backup ``backup_file``.

    Raises BackupError for a file that is not an intact graphcrm store of a known
    schema, or a ``store`` file that is not a graphcrm store (unless ``force``);
    StoreInUse when another connection has the store open (unless ``force``).
    In each case the store is left as it was.
    """
    schema, accounts = describe(backup_file)
    if store.exists() and store.resolve() == backup_file.resolve():
        raise BackupError(f"{backup_file} is the store itself")
    replacing = store.exists() and store.stat().st_size > 0
    if replacing and not force:
        try:
            describe(store)
        except BackupError as exc:
            raise BackupError(
                f"not restoring over {store}, which is not a graphcrm store ({exc}); "
                "pass --force to replace it anyway"
            ) from exc
    try:
        with closing(connect(store)) as target:
            exclusive = _take_out_of_wal(target)
            if not exclusive and not force:
                raise StoreInUse(
                    f"the store at {store} is open in another process (a running graphcrm "
                    "serve?); stop it first, or pass --force to restore under it"
                )
            before = _highest_version(target)
            with _read_only(backup_file) as source:
                source.backup(target)
            if replacing:
                # Past every version any cache saw, whatever the backup's own counts.
                target.execute("BEGIN IMMEDIATE")
                target.execute(WRITE_VERSIONS_TABLE)
                target.execute(_ADD, (SHARED_SCOPE, before + 1))
                target.execute("COMMIT")
            if exclusive:
                target.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as exc:
        raise StoreError(f"restoring {backup_file} into {store} failed: {exc}") from exc
    return BackupReport(store, schema, accounts, store.stat().st_size)


def _take_out_of_wal(conn: sqlite3.Connection) -> bool:
    """Switch the store to a rollback journal, which SQLite allows only when no other
    connection has it open: True if that worked (the store is not in use)."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "wal"  # "database is locked": another connection holds it
    conn.execute("PRAGMA busy_timeout = 10000")
    return str(mode).lower() != "wal"


def _highest_version(conn: sqlite3.Connection) -> int:
    """The highest write version of any account in the store (0: none, or no table)."""
    try:
        rows: dict[str, int] = dict(
            conn.execute("SELECT scope, version FROM write_versions").fetchall()
        )
    except sqlite3.OperationalError:
        return 0
    shared = rows.pop(SHARED_SCOPE, 0)
    return shared + max(rows.values(), default=0)


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(path, read_only=True)
    try:
        yield conn
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
