"""graphcrm.stores.no_wait: a write that must not wait for another connection's write lock."""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from graphcrm.model import Attitude, Dataset
from graphcrm.stores import SQLiteStore
from graphcrm.stores.no_wait import WriterBusy, not_waiting, without_waiting
from tests.sample import small_account

ON = date(2026, 3, 1)


def test_a_write_that_may_not_wait_is_refused_at_once_and_writes_nothing(
    tmp_path: Path,
) -> None:
    store = SQLiteStore(tmp_path / "graph.db", busy_timeout_ms=5_000)
    store.write(small_account(), on=ON)
    reading = Dataset(attitudes=[Attitude(person_id="cfo", level=3, as_of=ON)])
    before = store.history("attitudes", ("cfo", "us", ON))
    other = sqlite3.connect(tmp_path / "graph.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write under way
    try:
        started = time.perf_counter()
        with without_waiting(), pytest.raises(WriterBusy, match="another connection is writing"):
            store.write(reading, on=ON)
        assert time.perf_counter() - started < 1.0  # not the 5 s busy timeout
        assert not not_waiting()  # the block is over: writes wait again
    finally:
        other.execute("ROLLBACK")
    assert store.history("attitudes", ("cfo", "us", ON)) == before
    assert store.write(reading, on=ON).changed == 1  # the lock is free: written
    level = store.current("attitudes", ("cfo", "us", ON))
    assert level is not None and level.record.level == 3
    store.close()
