"""Benchmark of ``graphcrm analyse --all --jobs N --json`` (``make bench-analyse-all``).

Issue 17 item 4. Two portfolios, each on a fresh SQLite store built with a fixed
seed (``bench.portfolio_bench.synthetic_account``: a reporting tree, knows ties,
contacts from a 40-person sales force): ``--accounts`` accounts (default 1,000)
of ``--people`` people (default 200), and ``--big-accounts`` (default 200) of
``--big-people`` (default 1,000), each person with ``--ties`` ties (default 4).
The installed command runs end to end (start-up, reading, analysing, writing
every JSON line to a file) with ``--jobs`` 1 and 2 (``--jobs-list``), timed
with the wall clock and in CPU seconds (the command and its workers: on a busy
machine the wall clock shows the load, the CPU time the work); the lines are
counted. Targets (--jobs 2): 30 s and 15 s.

The machine is shared: the table starts with ``uptime``'s load average; compare
runs made one after the other, not with old numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.portfolio_bench import SEED, STAFF, WRITTEN, synthetic_account
from graphcrm.model import Dataset, Staff
from graphcrm.stores import SQLiteStore

GRAPHCRM = [sys.executable, "-m", "graphcrm.cli"]
TARGETS = {("small", 2): 30.0, ("big", 2): 15.0}  # seconds


def build(path: Path, accounts: int, people: int, ties: int) -> float:
    rng = random.Random(SEED)
    start = time.perf_counter()
    with SQLiteStore(path) as store:
        store.write(
            Dataset(staff=[Staff(id=f"s{k}", name=f"S{k}") for k in range(STAFF)]), on=WRITTEN
        )
        batch = Dataset()
        for i in range(accounts):
            one = synthetic_account(i, people, ties, rng)
            for name, records in one.tables():
                batch.table(name).extend(records)
            if (i + 1) % 50 == 0 or i == accounts - 1:
                store.write(batch, on=WRITTEN)
                batch = Dataset()
    return time.perf_counter() - start


def run_all(path: Path, jobs: int, out: Path) -> tuple[float, float, int]:
    """Wall seconds of `graphcrm analyse --all --jobs JOBS --json`, the CPU seconds of it
    and its worker processes (user + system), and the lines it wrote."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out.open("wb") as sink:
        done = subprocess.run(
            [
                *GRAPHCRM,
                "--store",
                f"sqlite:///{path}",
                "analyse",
                "--all",
                "--json",
                "-j",
                str(jobs),
            ],
            stdout=sink,
            stderr=subprocess.PIPE,
            timeout=3600,
            check=False,
        )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode(errors="replace"))
    with out.open("rb") as lines:
        return seconds, cpu, sum(1 for _ in lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--big-accounts", type=int, default=200)
    parser.add_argument("--big-people", type=int, default=1000)
    parser.add_argument("--ties", type=int, default=4)
    parser.add_argument("--jobs-list", default="1,2")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphcrm-all-bench-") as tmp:
        for name, accounts, people in (
            ("small", args.accounts, args.people),
            ("big", args.big_accounts, args.big_people),
        ):
            path = Path(tmp) / f"{name}.db"
            built = build(path, accounts, people, args.ties)
            print(
                f"  {name}: {accounts} x {people} people written in {built:.0f} s", file=sys.stderr
            )
            for jobs in (int(j) for j in args.jobs_list.split(",")):
                seconds, cpu, lines = run_all(path, jobs, Path(tmp) / f"{name}-{jobs}.jsonl")
                rows.append((name, accounts, people, jobs, seconds, cpu, lines))
                print(f"  {name} --jobs {jobs}: {seconds:.1f} s", file=sys.stderr)
    print(f"analyse --all --json, SQLite; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    head = ("portfolio", "accounts", "people", "jobs", "seconds", "CPU s", "lines")
    print(
        f"{head[0]:<10}{head[1]:>9}{head[2]:>8}{head[3]:>6}{head[4]:>9}{head[5]:>8}{head[6]:>7}"
        "  target"
    )
    for name, accounts, people, jobs, seconds, cpu, lines in rows:
        target = TARGETS.get((name, jobs))
        verdict = (
            "" if target is None else f"<{target:.0f}s " + ("ok" if seconds < target else "MISSED")
        )
        print(
            f"{name:<10}{accounts:>9}{people:>8}{jobs:>6}{seconds:>9.1f}{cpu:>8.1f}{lines:>7}"
            f"  {verdict}"
        )


if __name__ == "__main__":
    main()
