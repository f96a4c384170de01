"""SQLiteStore's reads have a connection of their own: a writer that waits does not hold them up."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

from graphcrm.errors import StoreError
from graphcrm.model import Attitude, Dataset
from graphcrm.stores import SQLiteStore
from tests.sample import small_account

ON = date(2026, 3, 1)


def test_reads_go_on_while_a_write_waits_for_another_connections_lock(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "graph.db", busy_timeout_ms=3_000)
    store.write(small_account(), on=ON)
    other = sqlite3.connect(tmp_path / "graph.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write under way
    failed: list[BaseException] = []

    def write() -> None:
        try:
            store.write(Dataset(attitudes=[Attitude(person_id="cfo", level=3, as_of=ON)]), on=ON)
        except StoreError as exc:
            failed.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)  # the write is waiting for the lock, holding the store's write connection
    started = time.perf_counter()
    people = store.account_data("acme").people
    current = store.current("people", ("cfo",))
    found = store.search("cf", account_ids=["acme"], limit=5)
    assert time.perf_counter() - started < 1.0  # not the writer's 3 s wait
    assert len(people) == 5 and current is not None and current.record.id == "cfo"
    assert [p.id for p in found["people"]] == ["cfo"]
    assert writer.is_alive()  # still waiting
    other.execute("ROLLBACK")
    writer.join(5)
    assert failed == []  # and once the lock is free the write goes through
    reading = store.current("attitudes", ("cfo", "us", ON))
    assert reading is not None and reading.record.level == 3
    store.close()
