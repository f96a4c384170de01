"""The access database's connection: one per process, used under a lock, one transaction per write.

Shared by the parts of the access store (``graphcrm.access.store`` for teams,
keys, sessions and ownership; ``graphcrm.access.audit`` for the audit log), so
that each part writes through the same transactions and the same errors.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphcrm.errors import StoreError
from graphcrm.sqlite_connection import connect

__all__ = ["AccessDatabase"]


class AccessDatabase:
    """The access store's SQLite file (WAL, ``synchronous=NORMAL``), created if missing.

    Every write is one ``BEGIN IMMEDIATE`` transaction (``transaction()``); a
    SQLite failure in a read or a write is a StoreError, and a failed write
    changes nothing.
    """

    def __init__(self, path: Path, *, busy_timeout_ms: int) -> None:
        self.path = path
        self.busy_ms = busy_timeout_ms
        self.conn = connect(path, synchronous="NORMAL", busy_timeout_ms=busy_timeout_ms)
        # Re-entrant: an erasure's rewrite holds it across its transaction and the rebuild.
        self.lock = threading.RLock()
        self._closing: list[Callable[[], None]] = []

    def on_close(self, step: Callable[[], None]) -> None:
        """Run ``step`` when the database closes, before its connection does (the audit
        log's committer finishes its queue and closes its own connection)."""
        self._closing.append(step)

    def close(self) -> None:
        for step in self._closing:
            step()
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed if the block ends normally, rolled back if not."""
        with self.lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError("the access database is unavailable") from exc
            try:
                yield self.conn
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError("the write to the access database failed") from exc
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError("the write to the access database failed") from exc

    def query(self, sql: str, params: Collection[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read."""
        try:
            with self.lock:
                return self.conn.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError("the access database is unavailable") from exc
