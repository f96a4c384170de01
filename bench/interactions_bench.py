"""Interactions benchmark (issue 13): 1,000,000 interactions over 2,000 people and 50
staff imported into a fresh SQLite store as CSV, then the derived strength of every
(staff, person) pair as of one date.

Run ``python -m bench.interactions_bench [--interactions N]`` (``make
bench-interactions``). It generates, with a fixed seed, one account of 2,000 people,
50 staff and N interactions over the 730 days before the as-of date (1-3 staff, 1-4
people each, every type), writes them as CSVs, imports them with ``graphcrm.io``
(validated, one transaction), reads the account's interactions back from the store and
computes every pair's strength with ``graphcrm.interactions.bulk.pair_strengths``
(vectorised). It prints one table: phase, rows, seconds, rows/s. Targets on this 2-core
machine: the import under 20 s, the strengths under 2 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from graphcrm.interactions.bulk import pair_strengths
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
    rows: list[tuple[str, int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "account"
        started = time.perf_counter()
        write_account(folder, args.interactions)
        rows.append(("generate CSVs", args.interactions, time.perf_counter() - started))
        with SQLiteStore(Path(tmp) / "graph.db") as store:
            started = time.perf_counter()
            import_path(store, folder, on=AS_OF + timedelta(days=1))
            rows.append(("import into SQLite", args.interactions, time.perf_counter() - started))
            started = time.perf_counter()
            found = store.account_data("big").interactions
            rows.append(("read back", len(found), time.perf_counter() - started))
        started = time.perf_counter()
        frame = pd.DataFrame(
            {
                "date": [i.date for i in found],
                "type": [i.type.value for i in found],
                "outbound": [i.direction == "outbound" for i in found],
                "staff_ids": [i.staff_ids for i in found],
                "person_ids": [i.person_ids for i in found],
            }
        )
        rows.append(("records to a frame", len(found), time.perf_counter() - started))
        started = time.perf_counter()
        pairs = pair_strengths(frame, AS_OF)
        rows.append(("strengths of all pairs", len(pairs), time.perf_counter() - started))
    load = os.getloadavg()
    print(
        f"interactions bench: {args.interactions:,} interactions, {PEOPLE:,} people, "
        f"{STAFF} staff, as of {AS_OF}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print(f"{'phase':<24}{'rows':>12}{'seconds':>10}{'rows/s':>12}")
    for phase, count, seconds in rows:
        print(f"{phase:<24}{count:>12,}{seconds:>10.2f}{count / seconds:>12,.0f}")


if __name__ == "__main__":
    main()
