"""Audit entries committed in groups (graphcrm.access.group_commit), on real SQLite files.

While another connection holds the access database's write lock (as another
worker process committing would), entries recorded at once by threads or by
asyncio tasks queue behind the committer and are then committed together:
every entry is there, in the order it was submitted, with fewer commits (counted
by SQLite's trace callback on the committing connection) than entries. A group
whose commit fails fails every request in it, and nothing of it is written.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from graphcrm.access import AccessStore, AuditQuery, Principal
from graphcrm.access.audit import AuditLog
from graphcrm.errors import StoreError

ENTRIES = 32


@pytest.fixture
def access(tmp_path: Path) -> Iterator[AccessStore]:
    with AccessStore(tmp_path / "access.db") as store:
        yield store


def _who(n: int) -> Principal:
    return Principal(f"k-{n}", f"user{n}", "red", 1, admin=False, read_only=False)


def _submit(log: AuditLog, n: int) -> Future[None]:
    return log.submit(
        _who(n),
        action="read",
        method="GET",
        route="/accounts/{account_id}/people",
        path=f"/api/v1/accounts/acme/people/p{n}",
        account_id="acme",
        status=200,
    )


def _commits(log: AuditLog) -> list[str]:
    """Which of the log's own connections ran each COMMIT from now on: "loop" (the event
    loop's) or "thread" (the committer thread's)."""
    seen: list[str] = []
    for name, conn in zip(("loop", "thread"), log.writer.connections(), strict=True):
        conn.set_trace_callback(
            lambda sql, name=name: seen.append(name) if sql == "COMMIT" else None
        )
    return seen


async def _arecord(log: AuditLog, n: int) -> None:
    await log.arecord(
        _who(n),
        action="read",
        method="GET",
        route="/accounts/{account_id}/people",
        path=f"/api/v1/accounts/acme/people/p{n}",
        account_id="acme",
        status=200,
    )


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run ``coroutine`` in an event loop of its own thread (a test run earlier in this
    process may have left an event loop running in the main thread)."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result(60)


def _holding_the_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def _paths_in_id_order(access: AccessStore) -> list[str]:
    entries, total = access.audit(AuditQuery(limit=1000))
    assert total == len(entries)
    return [e.path for e in reversed(entries)]


def test_threads_recording_at_once_share_commits_and_lose_nothing(access: AccessStore) -> None:
    log = access.audit_log
    commits = _commits(log)
    other = _holding_the_write_lock(access.path)
    submitted: list[int] = []
    order = threading.Lock()

    def one(n: int) -> None:
        with order:  # the order the log receives them in is the order noted here
            submitted.append(n)
            done = _submit(log, n)
        done.result()  # waits, as a request does, until its own entry is committed

    threads = [threading.Thread(target=one, args=(n,)) for n in range(ENTRIES)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while len(submitted) < ENTRIES:  # meanwhile the committer waits for the lock
        assert time.monotonic() < deadline, f"{len(submitted)} submitted"
        time.sleep(0.005)
    other.execute("COMMIT")
    for t in threads:
        t.join(30)
    assert _paths_in_id_order(access) == [f"/api/v1/accounts/acme/people/p{n}" for n in submitted]
    assert 1 <= len(commits) <= 2 < ENTRIES
    (entry,) = access.audit(AuditQuery(principal="user7"))[0]
    assert (entry.key_id, entry.team, entry.action, entry.route, entry.status) == (
        "k-7",
        "red",
        "read",
        "/accounts/{account_id}/people",
        200,
    )


def test_asyncio_tasks_recording_at_once_share_commits_in_their_order(
    access: AccessStore,
) -> None:
    log = access.audit_log
    commits = _commits(log)

    async def all_at_once(first: int) -> None:
        await asyncio.gather(*(_arecord(log, n) for n in range(first, first + ENTRIES)))

    # The write lock free: the entries of one turn of the loop, committed in the loop.
    _run(all_at_once(0))
    assert commits == ["loop"]
    # The write lock held by another connection (as by another worker process): the
    # committer thread waits for it, and what the loop records meanwhile queues behind.
    other = _holding_the_write_lock(access.path)

    async def while_held() -> None:
        first = asyncio.gather(*(_arecord(log, n) for n in range(ENTRIES, 2 * ENTRIES)))
        await asyncio.sleep(0.05)  # the loop's commit found the lock held
        later = asyncio.gather(*(_arecord(log, n) for n in range(2 * ENTRIES, 3 * ENTRIES)))
        await asyncio.sleep(0.05)
        other.execute("COMMIT")
        await asyncio.gather(first, later)

    _run(while_held())
    held = len(commits) - 1
    assert _paths_in_id_order(access) == [
        f"/api/v1/accounts/acme/people/p{n}" for n in range(3 * ENTRIES)
    ]
    # The first turn's group, taken by the thread before the lock was free, then the
    # second turn's, queued meanwhile: 64 entries, two commits (one if the thread took both).
    assert 1 <= held <= 2 and set(commits[1:]) == {"thread"}
    access.record(
        None, action="read", method="GET", route="/x", path="/x", account_id=None, status=200
    )
    assert _paths_in_id_order(access)[-1] == "/x"


def test_a_group_that_cannot_be_committed_fails_every_request_in_it(
    access: AccessStore,
) -> None:
    log = access.audit_log
    with sqlite3.connect(access.path) as conn:  # the audit table refuses every row
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'full'); END"
        )
    other = _holding_the_write_lock(access.path)
    futures = [_submit(log, n) for n in range(8)]
    other.execute("COMMIT")
    for done in futures:
        with pytest.raises(StoreError, match="the write to the access database failed"):
            done.result(30)
    assert _paths_in_id_order(access) == []
    with sqlite3.connect(access.path) as conn:
        conn.execute("DROP TRIGGER refuse")
    _submit(log, 99).result(30)  # the log goes on with the next group
    assert _paths_in_id_order(access) == ["/api/v1/accounts/acme/people/p99"]


def test_closing_the_store_commits_what_is_queued(tmp_path: Path) -> None:
    access = AccessStore(tmp_path / "access.db")
    other = _holding_the_write_lock(access.path)
    futures = [_submit(access.audit_log, n) for n in range(5)]
    threading.Timer(0.2, other.execute, ["COMMIT"]).start()
    access.close()
    assert all(f.done() and f.exception() is None for f in futures)
    with AccessStore(tmp_path / "access.db") as again:
        assert len(_paths_in_id_order(again)) == 5
