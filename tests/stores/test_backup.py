"""Backups of the SQLite store (graphcrm.stores.backup), taken while a writer runs.

A writer thread keeps adding people to a real store through its own connection,
each unit of work a person with a tie and an attitude; backups taken meanwhile
must be intact and hold only whole units; a backup taken with the writer
stopped must dump exactly as the store; a restore must dump exactly as the
backup, and refuse what is not a graphcrm store or a store in use.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graphcrm.model import Attitude, Dataset, Person, Tie
from graphcrm.stores import SQLiteStore
from graphcrm.stores.backup import BackupError, StoreInUse, backup, describe, restore
from graphcrm.stores.sqlite import SCHEMA_VERSION
from tests.sample import small_account

JAN = date(2026, 1, 10)


def dump(path: Path, *, versions: bool = True) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        lines = list(conn.iterdump())
    finally:
        conn.close()
    return [line for line in lines if versions or "write_versions" not in line]


def one_unit(i: int) -> Dataset:
    """One write: a person, their tie to the CEO and their attitude, all or nothing."""
    pid = f"w{i:05d}"
    return Dataset(
        people=[Person(id=pid, account_id="acme", name=f"Writer {i}")],
        ties=[Tie(type="knows", source_id=pid, target_id="ceo")],
        attitudes=[Attitude(person_id=pid, level=i % 4, as_of=JAN)],
    )


class Writer:
    """Writes units to the store in a thread of its own until stopped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.written = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)
        self.error: BaseException | None = None

    def _run(self) -> None:
        try:
            with SQLiteStore(self.path) as store:
                while not self._stop.is_set():
                    store.write(one_unit(self.written), on=JAN)
                    self.written += 1
        except BaseException as exc:  # reported by stop()
            self.error = exc

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)
        assert self.error is None, self.error

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as store:
        store.write(small_account("acme"), on=JAN)
    yield path


def complete_units(path: Path) -> int:
    """How many units the file holds, asserting each is whole and the version counts them."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        people = {r[0] for r in conn.execute("SELECT id FROM people WHERE id LIKE 'w%'")}
        ties = {r[0] for r in conn.execute("SELECT source_id FROM ties WHERE source_id LIKE 'w%'")}
        atts = {
            r[0] for r in conn.execute("SELECT person_id FROM attitudes WHERE person_id LIKE 'w%'")
        }
        version = conn.execute(
            "SELECT sum(version) FROM write_versions WHERE scope IN ('acme', '*shared')"
        ).fetchone()[0]
    finally:
        conn.close()
    assert people == ties == atts  # no unit half there
    assert people == {f"w{i:05d}" for i in range(len(people))}  # and none skipped
    assert version == 2 + len(people)  # the first import moved acme and the shared records
    return len(people)


def test_backups_under_a_write_load_are_consistent(source: Path, tmp_path: Path) -> None:
    held = []
    with Writer(source) as writer:
        for n in range(4):
            while writer.written < 20 * (n + 1):
                time.sleep(0.01)
            out = tmp_path / f"mid-{n}.db"
            report = backup(source, out)
            assert describe(out) == (SCHEMA_VERSION, 1) and report.bytes == out.stat().st_size
            held.append(complete_units(out))
        writer.stop()
        total = writer.written
    assert held == sorted(held) and held[0] > 0 and held[-1] <= total
    assert complete_units(source) == total
    assert not list(tmp_path.glob(".*partial*"))  # no half-written file left behind


def test_a_backup_dumps_as_the_store_and_restores_to_the_same_dump(
    source: Path, tmp_path: Path
) -> None:
    with Writer(source) as writer:
        while writer.written < 30:
            time.sleep(0.01)
    total = writer.written
    out = backup(source, tmp_path / "still.db").path
    assert dump(out) == dump(source)
    fresh = tmp_path / "elsewhere" / "restored.db"
    restore(out, fresh)
    assert dump(fresh) == dump(out)
    with SQLiteStore(fresh) as store:  # and opens as a store, in WAL mode again
        assert len(store.account_data("acme").people) == 5 + total
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restoring_over_a_store_goes_back_and_moves_every_version_forward(
    source: Path, tmp_path: Path
) -> None:
    out = backup(source, tmp_path / "before.db").path
    with SQLiteStore(source) as store:
        for i in range(5):
            store.write(one_unit(i), on=JAN)
        seen = store.write_version("acme")
    restore(out, source)
    assert dump(source, versions=False) == dump(out, versions=False)
    with SQLiteStore(source) as store:
        assert len(store.account_data("acme").people) == 5
        assert store.write_version("acme") > seen
        assert store.write_version("never-written") > seen


def test_a_store_in_use_is_not_restored_without_force(source: Path, tmp_path: Path) -> None:
    out = backup(source, tmp_path / "before.db").path
    with SQLiteStore(source) as serving:
        serving.write(one_unit(0), on=JAN)
        seen = serving.write_version("acme")
        before = dump(source)
        with pytest.raises(StoreInUse, match="open in another process"):
            restore(out, source)
        assert dump(source) == before
        restore(out, source, force=True)  # through SQLite's locks: the open store sees it
        assert {p.id for p in serving.account_data("acme").people} == {
            "ceo",
            "cto",
            "cfo",
            "eng1",
            "eng2",
        }
        assert serving.write_version("acme") > seen


def test_what_is_not_a_graphcrm_store_is_refused(source: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.db"
    shutil.copy(source, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = dump(source)
    for bad, why in (
        (tmp_path / "missing.db", "no such file"),
        (text, "not a readable SQLite database"),
        (other, "is not a graphcrm store"),
        (newer, "newer graphcrm"),
    ):
        with pytest.raises(BackupError, match=why):
            restore(bad, source)
        assert dump(source) == before
    with pytest.raises(BackupError, match="not a graphcrm store"):
        restore(source, other)  # over a file that is not a store
    with pytest.raises(BackupError, match="already exists"):
        backup(source, other)
    with pytest.raises(BackupError, match="the store itself"):
        backup(source, source, overwrite=True)


def test_a_damaged_backup_is_refused(source: Path, tmp_path: Path) -> None:
    out = backup(source, tmp_path / "b.db").path
    data = bytearray(out.read_bytes())
    data[4096 * 3 : 4096 * 3 + 64] = b"\xff" * 64  # scribble over a table's page
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError, match=r"damaged|not a readable"):
        restore(damaged, tmp_path / "new.db")


def test_a_backup_of_an_older_schema_restores_and_migrates(source: Path, tmp_path: Path) -> None:
    old = backup(source, tmp_path / "old.db").path
    conn = sqlite3.connect(old)
    conn.execute("DROP TABLE write_versions")  # as schema 2 wrote it
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with SQLiteStore(source) as store:
        store.write(one_unit(0), on=JAN)
        seen = store.write_version("acme")
    assert restore(old, source).schema == 2
    with SQLiteStore(source) as store:
        assert len(store.account_data("acme").people) == 5
        assert store.write_version("acme") > seen
    assert describe(source)[0] == SCHEMA_VERSION
