"""How audit entries reach the access database: in groups, never waiting in the event loop.

A request's answer waits until its audit entry is committed (README "Personal
data"). Entries recorded in one turn of an event loop are committed together at
the end of that turn, in the loop itself, when SQLite's write lock is free at
once (a connection that never waits: busy timeout 0): one commit costs about
15 us, far less than handing it to a thread. When the lock is held (another
worker process is committing) or the committer thread still has entries, the
group goes to that thread (``GroupCommit``), which waits for the lock with the
normal busy timeout on a connection of its own, while the loop serves other
requests; what arrives meanwhile joins its next group. So entries stay in the
order they were recorded, and a slow commit makes the next group larger
instead of stalling the loop (issue 17).

The loop's connection runs no automatic checkpoint (a checkpoint syncs the
file); the committer thread checkpoints every ``CHECKPOINT_EVERY`` commits made
in the loop, and its own commits checkpoint as SQLite does by default.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from graphcrm.access.database import AccessDatabase
from graphcrm.access.group_commit import GroupCommit
from graphcrm.errors import StoreError
from graphcrm.sqlite_connection import connect

__all__ = ["CHECKPOINT_EVERY", "AuditWriter"]

CHECKPOINT_EVERY = 500
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_Waiter = tuple[Any, "asyncio.Future[None]"]


class AuditWriter:
    """Commits rows with one INSERT statement, in groups (see the module docstring)."""

    def __init__(self, path: Path, insert: str, *, busy_timeout_ms: int) -> None:
        self._path = path
        self._insert = insert
        self._busy_ms = busy_timeout_ms
        self._groups: GroupCommit[Any] = GroupCommit(self._commit_waiting, name="audit-commit")
        self._waiting: AccessDatabase | None = None
        self._now: sqlite3.Connection | None = None
        self._open_lock = threading.Lock()
        self._now_lock = threading.Lock()  # one event loop at a time on the loop's connection
        self._batch: list[_Waiter] = []
        self._batch_lock = threading.Lock()  # the batch belongs to one event loop at a time
        self._batch_loop: asyncio.AbstractEventLoop | None = None
        self._loop_commits = 0

    def submit(self, row: Any) -> Future[None]:
        """Queue ``row`` for the committer thread (a caller outside an event loop)."""
        return self._groups.submit(row)

    async def record(self, row: Any) -> None:
        """Commit ``row`` with the rows recorded in this turn of the event loop; return once
        it is committed (StoreError if it was not). Once recorded, the row is committed
        even if the caller is cancelled meanwhile."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        with self._batch_lock:
            mine = self._batch_loop in (None, loop)
            if mine:
                self._batch.append((row, done))
                if self._batch_loop is None:
                    self._batch_loop = loop
                    loop.call_soon(self._commit_batch)
        if not mine:  # another event loop's turn is open (another thread): rare
            await asyncio.wrap_future(self._groups.submit(row))
            return
        await done

    def flush(self) -> None:
        """Wait until every row given to the committer thread is committed (or failed)."""
        self._groups.flush()

    def connections(self) -> list[sqlite3.Connection]:
        """The two connections rows are committed through (the loop's, the thread's)."""
        return [self._loop_connection(), self._thread_database().conn]

    def close(self) -> None:
        self._groups.close()  # commits what is queued first
        with self._now_lock, self._open_lock:
            if self._waiting is not None:
                self._waiting.close()
            if self._now is not None:
                self._now.close()
            self._waiting = self._now = None

    def _commit_batch(self) -> None:
        with self._batch_lock:
            batch, self._batch, self._batch_loop = self._batch, [], None
        rows = [row for row, _ in batch]
        try:
            committed = self._groups.idle() and self._commit_now(rows)
        except Exception as exc:  # StoreError; anything else fails the group too
            _settle(batch, exc)
            return
        if committed:
            _settle(batch, None)
            self._loop_commits += 1
            if self._loop_commits % CHECKPOINT_EVERY == 0:
                self._groups.run(self._checkpoint)
            return
        loop = asyncio.get_running_loop()
        waited = self._groups.submit_all(rows)
        waited.add_done_callback(lambda f: loop.call_soon_threadsafe(_settle, batch, f.exception()))

    def _commit_now(self, rows: list[Any]) -> bool:
        """Commit ``rows`` in this thread if the write lock is free now; False if it is not."""
        if not self._now_lock.acquire(blocking=False):
            return False
        try:
            conn = self._loop_connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", None) in _BUSY:
                    return False
                raise
            try:
                conn.executemany(self._insert, rows)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise StoreError("the write to the access database failed") from exc
            return True
        except (sqlite3.Error, OSError) as exc:
            raise StoreError("the access database is unavailable") from exc
        finally:
            self._now_lock.release()

    def _commit_waiting(self, rows: list[Any]) -> None:
        try:
            database = self._thread_database()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError("the access database is unavailable") from exc
        with database.transaction() as conn:
            conn.executemany(self._insert, rows)

    def _checkpoint(self) -> None:
        with contextlib.suppress(sqlite3.Error, OSError):  # the next one will do
            self._thread_database().conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _loop_connection(self) -> sqlite3.Connection:
        with self._open_lock:
            if self._now is None:
                conn = connect(self._path, synchronous="NORMAL", busy_timeout_ms=0)
                conn.execute("PRAGMA wal_autocheckpoint = 0")
                self._now = conn
            return self._now

    def _thread_database(self) -> AccessDatabase:
        with self._open_lock:
            if self._waiting is None:
                self._waiting = AccessDatabase(self._path, busy_timeout_ms=self._busy_ms)
            return self._waiting


def _settle(batch: list[_Waiter], error: BaseException | None) -> None:
    for _, done in batch:
        if done.done():  # its request was cancelled; the row is committed all the same
            continue
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)
