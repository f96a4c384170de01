"""Benchmark of the account portfolio on SQLite (``make bench-portfolio``).

Run ``python -m bench.portfolio_bench``. Two phases, each on a fresh SQLite store
built with a fixed seed:

1. ``portfolio``: ``--accounts`` accounts (default 1,000) of ``--people`` people
   (default 200) with ``--ties`` ties per person (default 8: 1.6 M ties in all), a
   reporting tree plus knows ties, contacts from a 40-person sales force, a value
   assessment and a few orders per account. Times the whole portfolio
   (value, RFM, tiers, quadrant and every account's health now and a quarter ago,
   heaviest gap and next target) computed by ``--jobs`` processes (default 2) through
   ``cached_portfolio``, the portfolio route's path, then the same call again served
   from the cache; ``--sequential`` also times it in one process; and the table alone
   (no per-account analyses). Target: the whole portfolio under 60 s.
2. ``who-knows-whom``: ``--reach-accounts`` accounts (default 200) of
   ``--reach-people`` people (default 1,000) with contacts; times one staff member's
   reach, the busiest staff (one GROUP BY) and a person's closest staff, median of
   ``--repeat`` runs. Target: under 100 ms.

The machine is shared: the table starts with ``uptime``'s load average; compare runs
made one after the other, not with old numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graphcrm.model import (
    Account,
    AccountValue,
    Contact,
    Dataset,
    Order,
    Person,
    Staff,
    Tie,
)
from graphcrm.portfolio.cache import PortfolioCache, cached_portfolio
from graphcrm.portfolio.reach import busiest_staff, person_reach, staff_reach
from graphcrm.portfolio.service import Portfolio, read_portfolio
from graphcrm.stores import SQLiteStore

TODAY = date(2026, 6, 30)
WRITTEN = TODAY - timedelta(days=200)
SEED = 14
STAFF = 40


def synthetic_account(i: int, people: int, ties: int, rng: random.Random) -> Dataset:
    """One account: a reporting tree, knows ties up to ``ties`` per person, contacts,
    one value assessment and up to five orders."""
    acct = f"acct-{i:04d}"
    ids = [f"{acct}-p{j}" for j in range(people)]
    layers = ("decision", "management", "execution")
    data = Dataset(accounts=[Account(id=acct, name=f"Account {i}")])
    data.people = [
        Person(id=p, account_id=acct, name=f"P{j}", layer=layers[min(2, j // 10)])
        for j, p in enumerate(ids)
    ]
    seen: set[tuple[str, str, str]] = set()
    for j in range(1, people):
        boss = ids[rng.randrange(max(1, j // 4), j) if j > 4 else 0]
        seen.add(("reports_to", ids[j], boss))
    while len(seen) < ties * people:
        a, b = rng.sample(ids, 2)
        seen.add(("knows", a, b))
    data.ties = [
        Tie(type=t, source_id=a, target_id=b, strength=round(rng.uniform(0.2, 1.0), 2))
        for t, a, b in sorted(seen)
    ]
    covered = rng.sample(ids[: max(10, people // 5)], min(people, 12))
    data.contacts = [
        Contact(
            staff_id=f"s{rng.randrange(STAFF)}",
            person_id=p,
            strength=round(rng.uniform(0.2, 1.0), 2),
            last_contact=TODAY - timedelta(days=rng.randrange(1, 200)),
        )
        for p in covered
    ]
    score = {k: rng.randrange(6) for k in ("profit", "volume", "credit", "trust", "network")}
    data.account_values = [AccountValue(account_id=acct, as_of=WRITTEN, **score)]
    data.orders = [
        Order(
            account_id=acct,
            date=TODAY - timedelta(days=rng.randrange(1, 360)),
            amount=float(rng.randrange(1_000, 1_000_000)),
        )
        for _ in range(rng.randrange(0, 6))
    ]
    return data


def build(path: Path, accounts: int, people: int, ties: int) -> float:
    rng = random.Random(SEED)
    start = time.perf_counter()
    with SQLiteStore(path) as store:
        store.write(
            Dataset(staff=[Staff(id=f"s{k}", name=f"S{k}") for k in range(STAFF)]), on=WRITTEN
        )
        for i in range(accounts):
            store.write(synthetic_account(i, people, ties, rng), on=WRITTEN)
    return time.perf_counter() - start


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--ties", type=int, default=8)
    parser.add_argument("--reach-accounts", type=int, default=200)
    parser.add_argument("--reach-people", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the whole portfolio")
    parser.add_argument(
        "--sequential", action="store_true", help="also time the whole portfolio in one process"
    )
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (shared machine)")
    with tempfile.TemporaryDirectory() as tmp:
        reach_db = Path(tmp) / "reach.db"
        built = build(reach_db, args.reach_accounts, args.reach_people, 1)
        scale = f"{args.reach_accounts} accounts x {args.reach_people} people"
        rows.append(("build (who-knows-whom store)", scale, f"{built:.1f} s"))
        with SQLiteStore(reach_db) as store:
            ids = {a.id for a in store.accounts()}
            for name, run in (
                ("staff reach (one staff member)", lambda: staff_reach(store, "s1", ids)),
                ("busiest staff (GROUP BY)", lambda: busiest_staff(store, ids)),
                ("person reach (closest staff)", lambda: person_reach(store, "acct-0000-p3", ids)),
            ):
                secs, _ = timed(run, args.repeat)
                rows.append((name, scale, f"{secs * 1000:.1f} ms"))
        db = Path(tmp) / "portfolio.db"
        built = build(db, args.accounts, args.people, args.ties)
        scale = f"{args.accounts} x {args.people} people, {args.ties} ties/person"
        rows.append(("build (portfolio store)", scale, f"{built:.1f} s"))
        with SQLiteStore(db) as store:
            secs, _ = timed(lambda: read_portfolio(store, None, TODAY, with_states=False), 1)
            rows.append(("portfolio table (no per-account analyses)", scale, f"{secs:.2f} s"))
            if args.sequential:
                secs, _ = timed(lambda: read_portfolio(store, None, TODAY), 1)
                rows.append(("whole portfolio, one process", scale, f"{secs:.1f} s"))
            # The portfolio route's path: cached_portfolio, computed by --jobs processes
            # the first time, then served from the cache until a write.
            cache, ids = PortfolioCache(), [a.id for a in store.accounts()]
            url = f"sqlite:///{db}"

            def route() -> Portfolio:
                return cached_portfolio(cache, store, ids, TODAY, jobs=args.jobs, store_url=url)

            secs, found = timed(route, 1)
            what = f"whole portfolio (health, gaps, targets), {args.jobs} processes"
            rows.append((what, scale, f"{secs:.1f} s"))
            secs, _ = timed(route, args.repeat)
            rows.append(("portfolio route again (from cache)", scale, f"{secs * 1000:.1f} ms"))
            tiers: dict[str, int] = {}
            for r in found.rows:
                tiers[r.tier or "none"] = tiers.get(r.tier or "none", 0) + 1
            rows.append(("tiers", scale, ", ".join(f"{k} {v}" for k, v in sorted(tiers.items()))))
    width = max(len(r[0]) for r in rows)
    swidth = max(len(r[1]) for r in rows)
    for name, scale, value in rows:
        print(f"{name:<{width}}  {scale:<{swidth}}  {value}")


if __name__ == "__main__":
    main()
