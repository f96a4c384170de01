"""The cold path (issue 17): one uncached analysis from SQLite, stage by stage, old and new.

Run by ``make bench-analysis`` after the analysis table (``python -m bench.cold_path``
alone: ``--sizes``, ``--repeat``, ``--stages-only``).

*Stages*: one uncached next-targets request on a 500-person account, in process, as
the API computes it: **read** the account from a SQLite file, **build** its graph,
**analyse** (the team's ranking and key people, then next targets: ``api.analyses``),
**encode** the JSON. The old path reads records (``account_data``) and builds from
them (``build_account_graph``); the new one reads rows (``account_rows``) and builds
in one pass (``graph_from_rows``), the collector paused around both
(``account_graph_rows``). Target: new total under 30 ms median.

*End to end*: the account read from SQLite as a graph (load = read + build), the full
analysis (``full_analysis``) and its JSON, at 500, 5,000 and 50,000 people. Targets:
50,000 people under 4 s, of which the load under 1.5 s.

Old and new run interleaved (old, new, new, old, ...) in one process on one file, so
both see the same machine load: the machine is shared, so compare the two columns
of one run, not runs of different days. ``--clock cpu`` times this process's CPU
instead of the wall clock: on a machine loaded by others, closer to what the code costs.
``--gc`` prints only the rows path's load with the collector running and paused.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from api.analyses import analysis_json
from bench.analysis_bench import ACCOUNT, synthetic_account
from graphcrm.analysis.report import full_analysis
from graphcrm.gc_pause import paused_gc
from graphcrm.graph import build_account_graph
from graphcrm.graph_rows import graph_from_rows
from graphcrm.method import MethodSettings
from graphcrm.method.runs import next_targets_with, ranked_with
from graphcrm.stores.analysis_read import account_rows
from graphcrm.stores.sqlite import SQLiteStore

SIZES = (500, 5_000, 50_000)
REPEATS = {500: 21, 5_000: 5, 50_000: 3}
STAGE_REPEATS = 41
STAGE_TARGET = 0.030
END_TARGETS = {50_000: (4.0, 1.5)}  # (total, load) seconds

Stage = Callable[[], Any]
_CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
_clock = time.perf_counter  # --clock cpu: this process's CPU time, less disturbed by others


def _store(root: Path, n: int) -> SQLiteStore:
    store = SQLiteStore(root / f"bench-{n}.db")
    store.write(synthetic_account(n), on=date(2026, 11, 1))
    return store


def _load(store: SQLiteStore, new: bool) -> tuple[nx.MultiDiGraph, float, float]:
    """The account's graph, and the seconds to read and to build it by one path."""
    began = _clock()
    if new:
        with paused_gc():
            rows = account_rows(store, ACCOUNT, opportunities=False)
            read = _clock()
            graph = graph_from_rows(rows, ACCOUNT)
    else:
        data = store.account_data(ACCOUNT)
        read = _clock()
        graph = build_account_graph(data, ACCOUNT)
    return graph, read - began, _clock() - read


def _stage_run(store: SQLiteStore, new: bool) -> dict[str, float]:
    graph, read_s, build_s = _load(store, new)
    began = _clock()
    s = MethodSettings()
    result = [t.to_dict() for t in next_targets_with(graph, s, ranked=ranked_with(graph, s))]
    analysed = _clock()
    analysis_json(result)
    encoded = _clock()
    return {
        "read": read_s,
        "build": build_s,
        "analyse": analysed - began,
        "encode": encoded - analysed,
        "total": encoded - began + read_s + build_s,
    }


def _end_run(store: SQLiteStore, new: bool) -> dict[str, float]:
    graph, read_s, build_s = _load(store, new)
    began = _clock()
    analysis_json(full_analysis(graph))
    return {"load": read_s + build_s, "analyse+encode": _clock() - began}


def _interleaved(
    run: Callable[[bool], dict[str, float]], repeat: int
) -> dict[str, dict[str, float]]:
    """Median of each part per path, the paths alternating (old new new old ...)."""
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    run(False), run(True)  # warm both (imports, caches), untimed
    for i in range(repeat):
        order = (False, True) if i % 2 == 0 else (True, False)
        for new in order:
            runs["new" if new else "old"].append(run(new))
    return {
        path: {part: statistics.median(r[part] for r in found) for part in found[0]}
        for path, found in runs.items()
    }


def stage_table(root: Path, repeat: int) -> str:
    store = _store(root, 500)
    medians = _interleaved(lambda new: _stage_run(store, new), repeat)
    store.close()
    lines = [
        f"one uncached next-targets analysis, 500 people, SQLite (ms, median of {repeat}, "
        "interleaved)",
        f"{'path':<5} {'read':>7} {'build':>7} {'analyse':>8} {'encode':>7} {'total':>7}",
    ]
    for path, m in medians.items():
        met = "  < 30 ok" if m["total"] < STAGE_TARGET else "  MISSED"
        verdict = "" if path == "old" else met
        lines.append(
            f"{path:<5} {m['read'] * 1e3:>7.1f} {m['build'] * 1e3:>7.1f} "
            f"{m['analyse'] * 1e3:>8.1f} {m['encode'] * 1e3:>7.1f} {m['total'] * 1e3:>7.1f}"
            + verdict
        )
    return "\n".join(lines)


def end_table(root: Path, sizes: list[int], repeat: int | None) -> str:
    """The end-to-end table; each size's row is also printed as soon as it is measured."""
    lines = [
        "end to end from SQLite: load (read + build), full analysis + JSON (s, medians, "
        "interleaved)",
        f"{'people':>7} {'runs':>4} {'old load':>9} {'old total':>10} {'new load':>9} "
        f"{'new total':>10} {'target':>16}",
    ]
    for n in sizes:
        store = _store(root, n)
        runs = repeat or REPEATS.get(n, 3)
        m = _interleaved(functools.partial(_end_run, store), runs)
        store.close()
        old_total = m["old"]["load"] + m["old"]["analyse+encode"]
        new_total = m["new"]["load"] + m["new"]["analyse+encode"]
        target = END_TARGETS.get(n)
        verdict = ""
        if target:
            ok = new_total < target[0] and m["new"]["load"] < target[1]
            verdict = f"<{target[0]:g} / <{target[1]:g} " + ("ok" if ok else "MISSED")
        lines.append(
            f"{n:>7,} {runs:>4} {m['old']['load']:>9.3f} {old_total:>10.3f} "
            f"{m['new']['load']:>9.3f} {new_total:>10.3f} {verdict:>16}"
        )
        print(lines[-1], flush=True)
    return "\n".join(lines)


def _load_gc(store: SQLiteStore, paused: bool) -> dict[str, float]:
    """The rows path's load with the collector paused (as served) or left running."""
    began = _clock()
    if paused:
        with paused_gc():
            graph_from_rows(account_rows(store, ACCOUNT, opportunities=False), ACCOUNT)
    else:
        graph_from_rows(account_rows(store, ACCOUNT, opportunities=False), ACCOUNT)
    return {"load": _clock() - began}


def gc_table(root: Path, sizes: list[int], repeat: int | None) -> str:
    """The rows path's load with the collector running ("old" column) and paused."""
    lines = [
        "load (read + build, rows path) with the collector running / paused (s, medians)",
        f"{'people':>7} {'runs':>4} {'gc on':>8} {'paused':>8}",
    ]
    for n in sizes:
        store = _store(root, n)
        runs = repeat or REPEATS.get(n, 3)
        m = _interleaved(functools.partial(_load_gc, store), runs)
        store.close()
        lines.append(f"{n:>7,} {runs:>4} {m['old']['load']:>8.3f} {m['new']['load']:>8.3f}")
        print(lines[-1], flush=True)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_path")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--stages-only", action="store_true")
    parser.add_argument("--gc", action="store_true", help="only the collector's table")
    parser.add_argument("--clock", choices=sorted(_CLOCKS), default="wall")
    args = parser.parse_args(argv)
    global _clock
    _clock = _CLOCKS[args.clock]
    print(f"clock: {args.clock}", flush=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="graphcrm-cold-") as tmp:
        if args.gc:
            print(gc_table(Path(tmp), [int(s) for s in args.sizes.split(",")], args.repeat))
            return
        print(stage_table(Path(tmp), args.repeat or STAGE_REPEATS), flush=True)
        if not args.stages_only:
            sizes = [int(s) for s in args.sizes.split(",")]
            print(end_table(Path(tmp), sizes, args.repeat), flush=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
