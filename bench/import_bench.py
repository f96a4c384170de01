"""Import benchmark: a large synthetic account as CSVs into a fresh store, phase by phase.

Run ``python -m bench.import_bench [--people N --ties M] [--store KIND ...]`` (default
100,000 people and 1,000,000 ties, SQLite only). It generates, with a fixed seed, an
account with
departments grouped in divisions, a reporting tree, knows / depends_on /
influences ties mostly within a department (the rest being reports_to), and
some staff, contacts, attitudes, opportunities, plans and actions; imports it
into a fresh SQLite file; then imports a second 2,000-person account into the
same file and reads that one back as a graph. It prints one table: phase,
rows, seconds, rows/s and peak memory at the end of the phase (``ru_maxrss``). Target: 1M ties
imported in under 30 s on a 2-core machine.

With ``--store falkordb`` or ``--store neo4j`` (repeatable; ``make bench-import
STORE=neo4j`` runs SQLite, FalkorDB and Neo4j) the same two imports and the graph read
also run on a fresh FalkorDB and a fresh Neo4j that the bench starts (with the test
suite's launchers), and one more table puts the stores side by side: the whole import
(one write transaction on SQLite and Neo4j) and reading the 2,000-person account as a
graph. Targets on Neo4j: the import under 120 s, the read under 1 s. The read is
timed straight from rows (``load_account_graph``, issue 17) and, beside it, through
records as before, interleaved (``_reads``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.graph import build_account_graph, load_account_graph
from graphcrm.io.importer import import_path
from graphcrm.stores.base import GraphStore, TableChanges
from graphcrm.stores.sqlite import SQLiteStore

__all__ = ["generate_account", "main"]

SEED = 20240601
_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂")
_TITLES = ("总经理", "副总经理", "总监", "经理", "主管", "工程师", "专员")
_DEPTS = (
    "信息中心",
    "财务部",
    "采购部",
    "运维部",
    "市场部",
    "研发部",
    "法务部",
    "网络部",
    "客服部",
)


def generate_account(
    folder: Path, account_id: str, people: int, ties: int, *, seed: int = SEED
) -> dict[str, int]:
    """Write one account's CSVs into ``folder``; return the rows written per table.

    ``ties`` counts every tie, the reporting tree's ``people - 1`` included, so
    there are about ``2 * ties / people`` ties per person.
    """
    if ties < people - 1:
        raise ValueError(f"need at least {people - 1} ties for the reporting tree")
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pid = np.array([f"{account_id}-p{i:07d}" for i in range(people)], dtype=object)

    dept_of, dept_start, dept_size, manager, layer = _organisation(rng, people)
    depts = np.array([f"{_DEPTS[d % len(_DEPTS)]}{d:04d}" for d in range(len(dept_start))])
    names = [
        _SURNAMES[a] + _GIVEN[b] + _GIVEN[c]
        for a, b, c in rng.integers(0, 20, size=(people, 3)).tolist()
    ]
    title_idx = np.select(
        [layer == "decision", layer == "management"],
        [rng.integers(0, 2, people), rng.integers(2, 5, people)],
        rng.integers(4, 7, people),
    )
    roles = np.where(rng.random(people) < 0.02, "influencer", "").astype(object)
    roles[layer == "decision"] = "decision_maker"
    frames: dict[str, pd.DataFrame] = {
        "accounts": pd.DataFrame(
            [[account_id, f"Synthetic {account_id}", "telecom", "East", "strategic", "partner"]],
            columns=["id", "name", "industry", "region", "tier", "org_level"],
        ),
        "people": pd.DataFrame(
            {
                "id": pid,
                "account_id": account_id,
                "name": names,
                "title": np.array(_TITLES)[title_idx],
                "department": depts[dept_of],
                "layer": layer,
                "roles": roles,
            }
        ),
        "ties": _ties(rng, pid, dept_of, dept_start, dept_size, manager, ties),
    }
    frames.update(_coverage(rng, account_id, pid, layer))
    for table, frame in frames.items():
        frame.to_csv(folder / f"{table}.csv", index=False)
    return {table: len(frame) for table, frame in frames.items()}


def _organisation(
    rng: np.random.Generator, people: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Departments of 15-80 people in divisions of ~10; each department a 6-ary tree."""
    sizes: list[int] = []
    while sum(sizes) < people:
        sizes.append(int(rng.integers(15, 81)))
    sizes[-1] -= sum(sizes) - people
    if sizes[-1] <= 0:
        sizes.pop()
        sizes[-1] += people - sum(sizes)
    dept_size = np.array(sizes)
    dept_start = np.concatenate([[0], np.cumsum(dept_size)[:-1]])
    dept_of = np.repeat(np.arange(len(sizes)), dept_size)
    local = np.arange(people) - dept_start[dept_of]
    # Inside a department, member k reports to member (k - 1) // 6.
    manager = dept_start[dept_of] + (local - 1) // 6
    heads = dept_start
    division_head = heads[(np.arange(len(heads)) // 10) * 10]
    manager[heads] = division_head  # a department head reports to the division's head
    first_of_division = heads[np.arange(len(heads)) % 10 == 0]
    manager[first_of_division] = 0  # division heads report to the chief (person 0)
    manager[0] = -1
    layer = np.full(people, "execution", dtype=object)
    layer[(local >= 1) & (local <= 6)] = "management"
    layer[heads] = "management"
    layer[first_of_division] = "decision"
    return dept_of, dept_start, dept_size, manager, layer


def _ties(
    rng: np.random.Generator,
    pid: np.ndarray,
    dept_of: np.ndarray,
    dept_start: np.ndarray,
    dept_size: np.ndarray,
    manager: np.ndarray,
    total: int,
) -> pd.DataFrame:
    people = len(pid)
    src = np.arange(1, people)
    tree = pd.DataFrame({"type": "reports_to", "s": src, "t": manager[1:]})
    wanted = total - len(tree)
    parts = [tree]
    have = 0
    while have < wanted:
        n = int((wanted - have) * 1.2) + 100
        s = rng.integers(0, people, n)
        inside = rng.random(n) < 0.8  # most ties stay within a department
        d = dept_of[s]
        t = np.where(
            inside,
            dept_start[d] + (rng.random(n) * dept_size[d]).astype(np.int64),
            rng.integers(0, people, n),
        )
        kind = rng.choice(["knows", "depends_on", "influences"], n, p=[0.65, 0.3, 0.05])
        extra = pd.DataFrame({"type": kind, "s": s, "t": t})
        extra = extra[extra.s != extra.t]
        merged = pd.concat([*parts, extra]).drop_duplicates(["type", "s", "t"])
        parts = [merged.iloc[: len(tree) + wanted]]
        have = len(parts[0]) - len(tree)
    frame = parts[0].reset_index(drop=True)
    n = len(frame)
    strength = np.round(rng.integers(1, 21, n) * 0.05, 2)
    strength[frame["type"].to_numpy() == "reports_to"] = 1.0
    days = pd.to_datetime("2018-01-01") + pd.to_timedelta(rng.integers(0, 2500, n), unit="D")
    since = np.where(rng.random(n) < 0.3, days.strftime("%Y-%m-%d"), "")
    directed = np.where((frame["type"] == "knows") & (rng.random(n) < 0.1), "true", "")
    return pd.DataFrame(
        {
            "type": frame["type"],
            "source_id": pid[frame["s"].to_numpy()],
            "target_id": pid[frame["t"].to_numpy()],
            "strength": [f"{v:g}" for v in strength],
            "directed": directed,
            "since": since,
        }
    )


def _coverage(
    rng: np.random.Generator, account_id: str, pid: np.ndarray, layer: np.ndarray
) -> dict[str, pd.DataFrame]:
    """Our side: staff, their contacts, attitudes, opportunities, plans and actions."""
    people = len(pid)
    staff_ids = [f"{account_id}-s{i:03d}" for i in range(max(5, min(60, people // 1000)))]
    staff = pd.DataFrame(
        {
            "id": staff_ids,
            "name": [f"Staff {i}" for i in range(len(staff_ids))],
            "seniority": [1 + i % 5 for i in range(len(staff_ids))],
            "triangle_role": [
                ("AR", "SR", "FR", "executive")[i % 4] for i in range(len(staff_ids))
            ],
        }
    )
    important = np.flatnonzero(layer != "execution")
    covered = rng.choice(important, size=min(len(important), max(10, people // 20)), replace=False)
    contacts = pd.DataFrame(
        {
            "staff_id": rng.choice(staff_ids, len(covered)),
            "person_id": pid[covered],
            "strength": [f"{v:g}" for v in np.round(rng.integers(2, 21, len(covered)) * 0.05, 2)],
            "last_contact": "2026-05-01",
        }
    ).drop_duplicates(["staff_id", "person_id"])
    attitudes = pd.DataFrame(
        {
            "person_id": pid[covered],
            "level": rng.integers(-1, 4, len(covered)),
            "as_of": "2026-04-01",
        }
    )
    opportunities = pd.DataFrame(
        {
            "id": [f"{account_id}-o{i}" for i in range(3)],
            "account_id": account_id,
            "name": [f"Opportunity {i}" for i in range(3)],
            "stage": "proposal",
            "value": [1_000_000 * (i + 1) for i in range(3)],
        }
    )
    chain = rng.choice(important, size=min(len(important), 30), replace=False)
    decision_roles = pd.DataFrame(
        {
            "opportunity_id": f"{account_id}-o0",
            "person_id": pid[chain],
            "role": rng.choice(["decision_maker", "evaluator", "influencer", "user"], len(chain)),
        }
    )
    planned = chain[:20]
    plans = pd.DataFrame(
        {
            "person_id": pid[planned],
            "target_level": 2,
            "owner_staff_id": staff_ids[0],
            "needs": "cost control",
        }
    )
    actions = pd.DataFrame(
        {
            "person_id": pid[planned],
            "description": "Visit with a reference case",
            "due": "2026-12-01",
            "owner_staff_id": staff_ids[1],
        }
    )
    return {
        "staff": staff,
        "contacts": contacts,
        "attitudes": attitudes,
        "opportunities": opportunities,
        "decision_roles": decision_roles,
        "plans": plans,
        "actions": actions,
    }


class _TimedStore(SQLiteStore):
    """The SQLite store, noting how long its transaction (``_apply``) takes."""

    apply_seconds = 0.0

    def _apply(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None = None,
    ) -> None:
        start = time.perf_counter()
        super()._apply(changes, recorded_at, scopes)
        self.apply_seconds += time.perf_counter() - start


@dataclass
class _PhaseClock:
    """An import progress listener noting when each phase is first and last heard of."""

    first: dict[str, float] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)
    peak_before: dict[str, float] = field(default_factory=dict)  # peak memory as it began

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase not in self.first:
            self.first[phase] = now
            self.peak_before[phase] = _peak_mb()
        self.last[phase] = now


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


STORES = ("sqlite", "falkordb", "neo4j")
# The bench's Neo4j: a whole 1M-tie import is one transaction, held on the heap until it
# commits, so it gets more than the test suite's server.
NEO4J_HEAP = "6g"
NEO4J_PAGE_CACHE_MB = 1024


@dataclass
class _StoreRun:
    """What one store did: the big import, the small import, the graph read."""

    store: str
    import_s: float
    small_import_s: float
    read_s: float
    elements: int
    old_read_s: float = 0.0  # the same read through records (account_data + build)


@contextmanager
def _open_store(kind: str, root: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of ``kind``; its server (if any) is stopped afterwards."""
    if kind == "sqlite":
        with SQLiteStore(root / f"{kind}.db") as store:
            yield store
        return
    from graphcrm.stores.cypher import CypherStore
    from graphcrm.stores.executors import FalkorDBExecutor, Neo4jExecutor

    if kind == "falkordb":
        from tests.falkordb_server import start_falkordb

        with start_falkordb() as falkor:
            store = CypherStore(FalkorDBExecutor(falkor.host, falkor.port, "bench"))
            yield store
            store.close()
        return
    from tests.neo4j_server import start_neo4j

    with start_neo4j(heap=NEO4J_HEAP, page_cache_mb=NEO4J_PAGE_CACHE_MB) as neo4j:
        store = CypherStore(Neo4jExecutor(neo4j.uri, "neo4j", ""))
        yield store
        store.close()


def _run_store(kind: str, root: Path, small_people: int) -> _StoreRun:
    with _open_store(kind, root) as store:
        _, import_s = _timed(lambda: import_path(store, root / "big"))
        print(f"{kind}: import {import_s:.1f} s", flush=True)
        _, small_s = _timed(lambda: import_path(store, root / "small"))
        old_s, read_s, elements = _reads(store)
    return _StoreRun(kind, import_s, small_s, read_s, elements, old_s)


READS = 7  # reads of the small account per path, interleaved


def _reads(store: GraphStore) -> tuple[float, float, int]:
    """Median seconds of reading the small account as a graph through records
    (``account_data`` + ``build_account_graph``, the old path) and straight from rows
    (``load_account_graph``), alternating old/new so both see the same machine load;
    each warmed once first, as a server's would be."""
    paths: dict[str, Callable[[], Any]] = {
        "old": lambda: build_account_graph(store.account_data("small"), "small"),
        "new": lambda: load_account_graph(store, "small"),
    }
    times: dict[str, list[float]] = {"old": [], "new": []}
    graph = paths["old"]()
    paths["new"]()
    for i in range(READS):
        for name in ("old", "new") if i % 2 == 0 else ("new", "old"):
            graph, seconds = _timed(paths[name])
            times[name].append(seconds)
    elements = graph.number_of_nodes() + graph.number_of_edges()
    return statistics.median(times["old"]), statistics.median(times["new"]), elements


def _print_stores(runs: list[_StoreRun], rows: int, small_people: int) -> None:
    print(
        f"\n{'store':<10} {'import ' + format(rows, ',') + ' rows (s)':>26} {'rows/s':>10} "
        f"{f'import {small_people:,}-person (s)':>26} {'read it as a graph (s)':>23} "
        f"{'through records (s)':>20}"
    )
    for run in runs:
        print(
            f"{run.store:<10} {run.import_s:>26.1f} {rows / run.import_s:>10,.0f} "
            f"{run.small_import_s:>26.2f} {run.read_s:>23.3f} {run.old_read_s:>20.3f}"
        )
    print(
        f"(reads: medians of {READS}, the rows path and the records path interleaved; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--small-people", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--store",
        action="append",
        choices=STORES,
        help="a store to compare (repeatable); with none, SQLite's phases only",
    )
    args = parser.parse_args(argv)

    results: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        root = Path(tmp)
        # Generated in other processes, so that the peak memory shown is the import's own.
        with ProcessPoolExecutor(max_workers=2) as pool:
            began = time.perf_counter()
            big = pool.submit(
                generate_account, root / "big", "big", args.people, args.ties, seed=args.seed
            )
            small = pool.submit(
                generate_account,
                root / "small",
                "small",
                args.small_people,
                args.small_people * 8,
                seed=args.seed + 1,
            )
            counts, small_counts = big.result(), small.result()
            gen_s = time.perf_counter() - began
        rows = sum(counts.values())
        print(f"generated {rows:,} rows ({counts['ties']:,} ties) in {gen_s:.1f} s", flush=True)
        if args.store:
            kinds = [kind for kind in STORES if kind in args.store]
            runs = [_run_store(kind, root, args.small_people) for kind in kinds]
            _print_stores(runs, rows, args.small_people)
            return

        store = _TimedStore(root / "g.db")
        clock = _PhaseClock()
        start = time.perf_counter()
        import_path(store, root / "big", progress=clock)
        end = time.perf_counter()
        write_s = clock.last["write"] - clock.first["write"]
        peak = clock.peak_before
        for phase, seconds, peak_mb in (
            ("read + parse CSV", clock.first["validate"] - start, peak["validate"]),
            ("validate rows", clock.first["write"] - clock.first["validate"], peak["write"]),
            ("integrity + diff + SQLite write", write_s, _peak_mb()),
            ("  of which SQLite transaction", store.apply_seconds, _peak_mb()),
            ("import total", end - start, _peak_mb()),
        ):
            results.append((phase, rows, seconds, peak_mb))

        small_rows = sum(small_counts.values())
        _, seconds = _timed(lambda: import_path(store, root / "small"))
        results.append(
            (f"import {args.small_people:,}-person account", small_rows, seconds, _peak_mb())
        )
        graph, seconds = _timed(lambda: load_account_graph(store, "small"))
        elements = graph.number_of_nodes() + graph.number_of_edges()
        results.append(("load_account_graph (nodes+edges)", elements, seconds, _peak_mb()))
        store.close()
        db_mb = (root / "g.db").stat().st_size / 1e6

    print(f"\n{'phase':<34} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'peak MB':>8}")
    for phase, n, seconds, peak in results:
        print(f"{phase:<34} {n:>10,} {seconds:>8.2f} {n / seconds:>10,.0f} {peak:>8,.0f}")
    print(f"\nSQLite file: {db_mb:,.0f} MB; peak memory (ru_maxrss): {_peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
