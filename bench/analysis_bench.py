"""Benchmark of the full account analysis on synthetic accounts.

Run it with ``python -m bench.analysis_bench`` (``make bench-analysis``).

Accounts of 50, 500, 5,000 and 50,000 people are generated with a fixed seed
and a realistic shape: a reporting tree (span 3-8) whose top branches are the
departments, layers by depth, decision roles on a few, knows ties mostly
within a department, depends_on ties to colleagues and seniors (6-10 ties per
person in all), contacts from a 10-person account team weighted toward the
decision layer, and attitudes toward us and two competitors. Each is built as
a :class:`~graphcrm.model.Dataset` and then as the account graph, and
:func:`graphcrm.analysis.report.full_analysis` (importance, key people,
coverage and gaps, next targets, fishbone) runs several times on it.

Each size runs in its own process so that its peak memory is its own. The
table gives, per size: people, ties, the median and 95th-percentile seconds of
each part and of the whole analysis, the peak memory the analysis allocates
(tracemalloc, in a separate untimed run) and the process's peak RSS (graph
included). Targets on a 2-core machine: 500 people under 50 ms median total,
5,000 under 1 s, 50,000 under 20 s.

Options: ``--sizes 50,500`` picks sizes, ``--repeat N`` overrides the runs per
size, ``--profile SIZE`` prints a cProfile of one analysis of that size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from typing import Any

import networkx as nx

from graphcrm.graph import build_account_graph
from graphcrm.model import (
    Account,
    Attitude,
    Competitor,
    Contact,
    Dataset,
    Person,
    Staff,
    Tie,
)

SIZES = (50, 500, 5_000, 50_000)
REPEATS = {50: 30, 500: 20, 5_000: 7, 50_000: 3}
TARGETS = {500: 0.05, 5_000: 1.0, 50_000: 20.0}  # median seconds of the whole analysis
SEED = 20_240_601
ACCOUNT = "bench"
TODAY = date(2026, 11, 1)


def synthetic_account(n: int, seed: int = SEED) -> Dataset:
    """A realistic account of ``n`` people, the same for the same ``n`` and ``seed``."""
    rnd = random.Random(seed * 1_000_003 + n)
    ids = [f"p{i:06d}" for i in range(n)]

    # Reporting tree, breadth first: person i's manager comes before i.
    manager: dict[int, int] = {}
    depth = [0] * n
    next_child = 1
    for boss in range(n):
        span = rnd.randint(3, 8)
        for child in range(next_child, min(n, next_child + span)):
            manager[child] = boss
            depth[child] = depth[boss] + 1
        next_child = min(n, next_child + span)
        if next_child >= n:
            break
    # Departments: the branch under each of the CEO's direct reports (the CEO's office
    # apart); in accounts of 1,000 people or more, units under their direct reports too.
    department = ["Executive office"] * n
    names = ["Finance", "IT", "Operations", "Procurement", "R&D", "Sales", "HR", "Legal"]
    for i in range(1, n):
        line = [i]
        while manager[line[-1]] != 0:
            line.append(manager[line[-1]])
        top = line[-1]
        name = names[top % len(names)] + (f" {top}" if top >= len(names) else "")
        if n >= 1_000 and len(line) >= 2:
            name += f" / unit {line[-2]}"
        department[i] = name
    members: dict[str, list[int]] = {}
    for i, d in enumerate(department):
        members.setdefault(d, []).append(i)

    def layer(i: int) -> str:
        return "decision" if depth[i] <= 1 else "management" if depth[i] <= 3 else "execution"

    def roles(i: int) -> list[str]:
        if i == 0:
            return ["decision_maker"]
        if depth[i] == 1:
            return ["approver"] if rnd.random() < 0.5 else ["influencer"]
        r = rnd.random()
        if r < 0.03:
            return ["evaluator"]
        if r < 0.05:
            return ["influencer", "evaluator"]
        if r < 0.06:
            return ["purchaser"]
        if r < 0.065:
            return ["gatekeeper"]
        return ["user"] if r < 0.15 else []

    people = [
        Person(
            id=ids[i],
            account_id=ACCOUNT,
            name=f"Person {i}",
            title="CEO" if i == 0 else f"{layer(i).title()} {i}",
            department=department[i],
            layer=layer(i),
            roles=roles(i),
        )
        for i in range(n)
    ]

    ties: dict[tuple[str, int, int], Tie] = {}

    def add(kind: str, u: int, v: int, **extra: Any) -> None:
        key = (kind, u, v)
        if u != v and key not in ties and (kind != "knows" or ("knows", v, u) not in ties):
            ties[key] = Tie(
                type=kind,
                source_id=ids[u],
                target_id=ids[v],
                strength=round(rnd.uniform(0.2, 1.0), 2),
                since=TODAY - timedelta(days=rnd.randint(30, 3000)),
                **extra,
            )

    for i in range(1, n):
        add("reports_to", i, manager[i])
    for i in range(n):
        own = members[department[i]]
        for _ in range(rnd.randint(2, 4)):  # acquaintances, mostly in the department
            j = rnd.choice(own) if rnd.random() < 0.8 else rnd.randrange(n)
            add("knows", i, j, directed=rnd.random() < 0.2)
        for _ in range(rnd.randint(0, 2)):  # advice: a colleague or someone senior
            j = rnd.choice(own)
            if depth[j] <= depth[i] or rnd.random() < 0.3:
                add("depends_on", i, j)
        if rnd.random() < 0.05:
            add("influences", i, rnd.randrange(n))

    staff = [
        Staff(
            id=f"s{k}",
            name=f"Staff {k}",
            seniority=5 if k == 0 else 4 if k < 3 else rnd.randint(1, 3),
            triangle_role=["executive", "AR", "SR", "FR"][min(k, 3)] if k < 4 else "other",
        )
        for k in range(10)
    ]
    contact_rate = {"decision": 0.9, "management": 0.3, "execution": 0.03}
    contacts = []
    for i in range(n):
        if rnd.random() < contact_rate[layer(i)]:
            for k in rnd.sample(range(10), rnd.randint(1, 3)):
                contacts.append(
                    Contact(
                        staff_id=f"s{k}",
                        person_id=ids[i],
                        strength=round(rnd.uniform(0.2, 1.0), 2),
                        frequency_per_month=rnd.choice([0.5, 1, 2, 4]),
                        last_contact=TODAY - timedelta(days=rnd.randint(1, 200)),
                    )
                )
    competitors = [Competitor(id="c1", name="Rival One"), Competitor(id="c2", name="Rival Two")]
    attitudes = []
    for i in range(n):
        if rnd.random() < (0.8 if layer(i) != "execution" else 0.2):
            attitudes.append(
                Attitude(
                    person_id=ids[i],
                    level=rnd.choice([-1, 0, 0, 1, 1, 1, 2, 3]),
                    as_of=TODAY - timedelta(days=rnd.randint(1, 400)),
                )
            )
        if rnd.random() < 0.1:
            attitudes.append(
                Attitude(
                    person_id=ids[i],
                    toward=rnd.choice(["c1", "c2"]),
                    level=rnd.choice([0, 1, 2, 3]),
                    as_of=TODAY - timedelta(days=rnd.randint(1, 400)),
                )
            )
    return Dataset(
        accounts=[Account(id=ACCOUNT, name=f"Bench {n}", tier="strategic")],
        staff=staff,
        competitors=competitors,
        people=people,
        ties=list(ties.values()),
        contacts=contacts,
        attitudes=attitudes,
    )


def synthetic_graph(n: int) -> nx.MultiDiGraph:
    return build_account_graph(synthetic_account(n), ACCOUNT)


def measure(n: int, repeat: int) -> dict[str, Any]:
    """Time ``repeat`` full analyses of one size (run in a fresh process for its memory)."""
    from graphcrm.analysis.report import full_analysis

    graph = synthetic_graph(n)
    people = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "person")
    ties = sum(1 for _, _, k in graph.edges(keys=True) if k != "contact")
    parts: dict[str, list[float]] = {}
    totals = []
    for _ in range(repeat):
        timings: dict[str, float] = {}
        start = time.perf_counter()
        full_analysis(graph, timings=timings)
        totals.append(time.perf_counter() - start)
        for name, seconds in timings.items():
            parts.setdefault(name, []).append(seconds)
    tracemalloc.start()
    full_analysis(graph)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "people": people,
        "ties": ties,
        "parts": {name: _stats(values) for name, values in parts.items()},
        "total": _stats(totals),
        "runs": repeat,
        "analysis_peak_mb": peak / 2**20,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]
    return {"median": statistics.median(ordered), "p95": p95}


def _table(results: list[dict[str, Any]]) -> str:
    from rich.console import Console
    from rich.table import Table

    parts = list(results[0]["parts"]) if results else []
    table = Table(title="graphcrm full analysis (seconds: median / p95)")
    for column in ("people", "ties", "runs", *parts, "total", "target", "peak MB", "max RSS MB"):
        table.add_column(column, justify="right")
    for r in results:
        target = TARGETS.get(r["people"])
        verdict = (
            ""
            if target is None
            else f"< {target:g} " + ("ok" if r["total"]["median"] < target else "MISSED")
        )
        table.add_row(
            f"{r['people']:,}",
            f"{r['ties']:,}",
            str(r["runs"]),
            *(f"{r['parts'][p]['median']:.4f} / {r['parts'][p]['p95']:.4f}" for p in parts),
            f"{r['total']['median']:.4f} / {r['total']['p95']:.4f}",
            verdict,
            f"{r['analysis_peak_mb']:.1f}",
            f"{r['max_rss_mb']:.0f}",
        )
    console = Console(width=220, record=True)
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.analysis_bench")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--profile", type=int, default=None, metavar="SIZE")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one is not None:  # the child process: one size, JSON out
        print(json.dumps(measure(args.one, args.repeat or REPEATS.get(args.one, 5))))
        return
    if args.profile is not None:
        import cProfile
        import pstats

        from graphcrm.analysis.report import full_analysis

        graph = synthetic_graph(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        full_analysis(graph)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return

    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"measuring {n:,} people ...", file=sys.stderr, flush=True)
        cmd = [sys.executable, "-m", "bench.analysis_bench", "--one", str(n)]
        if args.repeat:
            cmd += ["--repeat", str(args.repeat)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"size {n} failed")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(_table(results), end="")


if __name__ == "__main__":
    main()
