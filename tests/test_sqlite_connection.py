"""graphcrm.sqlite_connection.connect: the settings every SQLite file of graphcrm is used with."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from graphcrm.access import AccessStore
from graphcrm.sqlite_connection import connect
from graphcrm.stores.sqlite import SQLiteStore


def _pragmas(conn: sqlite3.Connection) -> tuple[str, int, int, int]:
    return (
        conn.execute("PRAGMA journal_mode").fetchone()[0],
        conn.execute("PRAGMA synchronous").fetchone()[0],
        conn.execute("PRAGMA foreign_keys").fetchone()[0],
        conn.execute("PRAGMA busy_timeout").fetchone()[0],
    )


def test_a_main_connection_is_wal_with_its_durability_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "a.db"
    with closing(connect(path, synchronous="FULL")) as conn:
        assert _pragmas(conn) == ("wal", 2, 1, 10_000)  # synchronous: 2 FULL, 1 NORMAL
        assert conn.isolation_level is None
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
        assert not conn.in_transaction  # autocommit: nothing left open
    with closing(connect(path, synchronous="NORMAL", busy_timeout_ms=250)) as conn:
        assert _pragmas(conn) == ("wal", 1, 1, 250)


def test_a_second_connection_leaves_the_journal_as_it_is(tmp_path: Path) -> None:
    rollback, wal = tmp_path / "rollback.db", tmp_path / "wal.db"
    with closing(connect(rollback)) as conn:
        assert _pragmas(conn)[0] == "delete" and _pragmas(conn)[2] == 0
    with closing(connect(wal, synchronous="FULL")), closing(connect(wal)) as second:
        assert _pragmas(second)[0] == "wal"


def test_a_read_only_connection_reads_and_refuses_to_write(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with closing(connect(path)) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (7)")
    with closing(connect(path, read_only=True)) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(7,)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("INSERT INTO t VALUES (8)")
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        connect(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()


def test_an_unknown_durability_is_refused_before_any_file_is_made(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="synchronous must be 'FULL' or 'NORMAL', not 'OFF'"):
        connect(tmp_path / "sub" / "a.db", synchronous="OFF")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_the_stores_open_their_files_through_it(tmp_path: Path) -> None:
    # The graph store survives a power cut (FULL); the access store a crash (NORMAL).
    store = SQLiteStore(tmp_path / "graph.db", busy_timeout_ms=1_234)
    try:
        assert _pragmas(store._conn) == ("wal", 2, 1, 1_234)
        assert _pragmas(store._version_conn)[1:] == (2, 0, 1_234)  # only the timeout set
    finally:
        store.close()
    with AccessStore(tmp_path / "access.db") as access:
        assert _pragmas(access._db.conn) == ("wal", 1, 1, 10_000)
