"""Interactions benchmark (issue 13): 1,000,000 interactions over 2,000 people and 50
staff imported into a fresh SQLite store as CSV, then the derived strength of every
(staff, person) pair as of one date.

Run ``python -m bench.interactions_bench [--interactions N]`` (``make
bench-interactions``). It generates, with a fixed seed, one account of 2,000 people,
50 staff and N interactions over the 730 days before the as-of date (1-3 staff, 1-4
people each, every type), writes them as CSVs, imports the account, staff and people
with ``graphcrm.io`` and the interactions with the bulk path
(``graphcrm.interactions.bulk_import``: validated, one transaction), then computes
every pair's strength as of one date from one read of the store
(``graphcrm.interactions.bulk.store_pair_strengths``). It prints one table: phase,
rows (pairs for the strengths), wall seconds, CPU seconds of this process (the machine
is shared: wall time moves with the load, CPU time much less), rows/s. Targets on this
2-core machine: the import under 20 s, the strengths under 2 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Sized
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from graphcrm.interactions.bulk import store_pair_strengths
from graphcrm.interactions.bulk_import import import_interactions
from graphcrm.io.importer import import_path
from graphcrm.model import InteractionType
from graphcrm.stores import SQLiteStore

AS_OF = date(2026, 11, 30)
PEOPLE, STAFF = 2_000, 50


def write_account(folder: Path, n: int, seed: int = 13) -> None:
    """The account's CSVs: accounts, staff, people, interactions."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True)
    (folder / "accounts.csv").write_text("id,name\nbig,Big Telecom\n", encoding="utf-8")
    staff = pd.DataFrame({"id": [f"s{i}" for i in range(STAFF)], "name": "Staff"})
    staff.to_csv(folder / "staff.csv", index=False)
    people = pd.DataFrame(
        {"id": [f"p{i}" for i in range(PEOPLE)], "account_id": "big", "name": "Person"}
    )
    people.to_csv(folder / "people.csv", index=False)
    kinds = np.array([t.value for t in InteractionType])
    days = rng.integers(0, 730, n)
    dates = pd.to_datetime(AS_OF) - pd.to_timedelta(days, unit="D")
    staff_ids = [
        ";".join(f"s{s}" for s in rng.choice(STAFF, k, replace=False))
        for k in rng.integers(1, 4, n)
    ]
    person_ids = [
        ";".join(f"p{p}" for p in rng.choice(PEOPLE, k, replace=False))
        for k in rng.integers(1, 5, n)
    ]
    kind = kinds[rng.integers(0, len(kinds), n)]
    direction = np.where(np.isin(kind, ["email", "message"]), "outbound", "")
    frame = pd.DataFrame(
        {
            "id": [f"i{i}" for i in range(n)],
            "date": dates.strftime("%Y-%m-%d"),
            "type": kind,
            "staff_ids": staff_ids,
            "person_ids": person_ids,
            "direction": direction,
        }
    )
    frame.to_csv(folder / "interactions.csv", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=1_000_000)
    args = parser.parse_args()
    rows: list[tuple[str, int, float, float]] = []

    def timed(phase: str, work: Callable[[], Sized | None], count: int | None = None) -> None:
        """Run ``work``, keeping its wall and CPU seconds and its rows (``count``, else
        the length of what it returns)."""
        wall, cpu = time.perf_counter(), time.process_time()
        done = work()
        seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
        found = count if count is not None else len(done) if done is not None else 0
        rows.append((phase, found, seconds, cpu_seconds))

    n = args.interactions
    with tempfile.TemporaryDirectory() as tmp:
        folder, alone = Path(tmp) / "account", Path(tmp) / "interactions"
        timed("generate CSVs", lambda: write_account(folder, n), n)
        alone.mkdir()
        (folder / "interactions.csv").rename(alone / "interactions.csv")
        on = AS_OF + timedelta(days=1)
        with SQLiteStore(Path(tmp) / "graph.db") as store:
            timed(
                "import people, staff",
                lambda: _none(import_path(store, folder, on=on)),
                PEOPLE + STAFF,
            )
            timed("import interactions", lambda: _none(import_interactions(store, alone, on=on)), n)
            timed("strengths of all pairs", lambda: store_pair_strengths(store, ["big"], AS_OF))
    load = os.getloadavg()
    print(
        f"interactions bench: {n:,} interactions, {PEOPLE:,} people, {STAFF} staff, as of "
        f"{AS_OF}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'phase':<24}{'rows':>12}{'seconds':>10}{'cpu s':>8}{'rows/s':>12}")
    for phase, count, seconds, cpu in rows:
        print(f"{phase:<24}{count:>12,}{seconds:>10.2f}{cpu:>8.2f}{count / seconds:>12,.0f}")


def _none(_: object) -> None:
    return None


if __name__ == "__main__":
    main()
