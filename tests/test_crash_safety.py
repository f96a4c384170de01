"""Nothing written is lost on a crash, and a crash mid-import leaves none of it behind.

A real ``python`` process imports 100,000+ CSV rows into a SQLite file that
already holds a committed account, and is killed with SIGKILL at seeded random
moments spread over the import (half of them over its write phase, found by
timing one full run first). Afterwards the file must pass SQLite's integrity
check, hold either none or all of the import, and still hold the earlier
account unchanged.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.import_bench import generate_account
from graphcrm.model import TABLES, Dataset
from graphcrm.stores.sqlite import SQLiteStore
from tests.sample import small_account

pytestmark = pytest.mark.slow

KILLS = 10
SEED = 1987
# The child process: import, reporting when each phase starts (seconds since it began).
CHILD = """
import sys, time
start = time.perf_counter()
from graphcrm.io.importer import import_path
from graphcrm.stores.sqlite import SQLiteStore

seen = set()
def progress(phase, done, total):
    if phase not in seen:
        seen.add(phase)
        print(phase, time.perf_counter() - start, flush=True)

store = SQLiteStore(sys.argv[1])
import_path(store, sys.argv[2], progress=progress)
store.close()
print("committed", time.perf_counter() - start, flush=True)
"""


def account_rows(db: Path, account_id: str) -> int:
    """Current rows of one account, over every table, read with plain sqlite3."""
    with sqlite3.connect(db) as conn:
        return sum(
            conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE account_scope = ? AND valid_to IS NULL',
                [account_id],
            ).fetchone()[0]
            for table in TABLES
        )


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def stored(db: Path, account_id: str) -> Dataset:
    with SQLiteStore(db) as store:
        return store.account_data(account_id).sorted()


def start_import(db: Path, source: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_during_import_leaves_none_or_all(tmp_path: Path) -> None:
    counts = generate_account(tmp_path / "big", "big", 12_000, 90_000, seed=SEED)
    assert sum(counts.values()) >= 100_000
    expected = sum(n for table, n in counts.items() if table not in ("staff",))

    base = tmp_path / "base.db"
    with SQLiteStore(base) as store:
        store.write(small_account())
    small = stored(base, "acme")
    assert not Path(f"{base}-wal").exists()  # closed cleanly: one file to copy

    # One full run, to learn how long an import takes and when its write phase starts.
    full = tmp_path / "full.db"
    shutil.copy(base, full)
    began = time.perf_counter()
    child = start_import(full, tmp_path / "big")
    out, err = child.communicate(timeout=120)
    duration = time.perf_counter() - began
    assert child.returncode == 0, err
    phases = {line.split()[0]: float(line.split()[1]) for line in out.splitlines()}
    writing = phases["write"]
    assert account_rows(full, "big") == expected

    rng = random.Random(SEED)
    half = KILLS // 2
    # Stratified delays: half spread over the whole run, half over the write phase.
    delays = [duration * (i + rng.random()) / half for i in range(half)]
    delays += [writing + (duration - writing) * (i + rng.random()) / half for i in range(half)]
    outcomes = []
    for i, delay in enumerate(delays):
        db = tmp_path / f"kill{i}.db"
        shutil.copy(base, db)
        child = start_import(db, tmp_path / "big")
        time.sleep(delay)
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=60)

        assert integrity(db) == "ok", f"kill {i} after {delay:.2f}s"
        rows = account_rows(db, "big")
        assert rows in (0, expected), f"kill {i} after {delay:.2f}s left {rows} rows"
        assert stored(db, "acme") == small
        outcomes.append("all" if rows else "none")
        db.unlink()
        for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            extra.unlink(missing_ok=True)
    print(f"import {duration:.2f}s, write from {writing:.2f}s; outcomes {outcomes}")
    assert "none" in outcomes  # the early kills did land before the commit
