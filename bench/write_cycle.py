"""CPU cost of one mixed-phase write cycle, stage by stage (issue 17, the mixed phase).

Run ``python -m bench.write_cycle``. It seeds the ``bench.api_bench`` account
(500 people) in a fresh SQLite store and, in this one thread, repeats what the
mixed phase makes the server do after each write: an attitude PATCH through the
team store (validation, If-Match, the SQLite write, its audit-free core write
and the graph patch the cache listener makes), then coverage, next targets and
importance read through the analysis cache (importance is kept by an attitude
write). Each stage's CPU time (``time.thread_time``) is summed over the cycles
and printed per cycle in ms; ``--profile`` prints the cProfile of the whole
loop (cumulative, top 40). Options: ``--people``, ``--cycles``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROUTES = ("coverage", "next-targets", "importance")
# The parameters each route passes when the request names none (api/routers/analyses.py).
PARAMS: dict[str, dict[str, Any]] = {
    "coverage": {},
    "next-targets": {"target_level": None},
    "importance": {"horizon": None},
}


def _stages(folder: Path, people: int, cycles: int, profile: cProfile.Profile | None) -> Any:
    from api.analyses import (
        _CODE_CHECKS,
        ANALYSES,
        account_graph,
        analysis_json,
        check_codes,
        settings_in_force,
        shared_ranked,
        write_version,
    )
    from api.cache import AnalysisCache
    from api.graph_patching import graph_patcher
    from bench.api_bench import ACCOUNT, _own_person, _seed
    from graphcrm.access import AccessStore, TeamStore
    from graphcrm.method.apply import strength_parameters
    from graphcrm.stores import SQLiteStore

    key = _seed(folder, people, 1)
    store = SQLiteStore(folder / "graph.db")
    access = AccessStore(folder / "access.db")
    principal = access.authenticate(key)
    cache = AnalysisCache()
    person = _own_person(0)
    today = date.today()
    times: dict[str, list[float]] = {}

    def timed(stage: str, run: Callable[[], Any]) -> Any:
        start = time.thread_time()
        answer = run()
        times.setdefault(stage, []).append(time.thread_time() - start)
        return answer

    class TimedPatch:
        """The cache's patch listener, its time kept as a stage of the PATCH's."""

        def __init__(self) -> None:
            self.inner = graph_patcher(cache, store)
            writing = getattr(self.inner, "writing", None)
            if writing is not None:  # the pending-write mark, where the listener has one
                self.writing = writing

        def __call__(self, change: Any) -> bool:
            return bool(timed("  of which the graph patch (on_patch)", lambda: self.inner(change)))

    def team() -> TeamStore:
        return TeamStore(store, access, principal, on_write=cache.invalidate, on_patch=TimedPatch())

    def read(name: str) -> bytes:
        t = team()
        settings = settings_in_force(t, None)
        version = write_version(t, ACCOUNT)
        method = ("settings", principal.team_id, settings.version)
        params = PARAMS[name]
        parts = (name, None, ("today", today), tuple(sorted(params.items())), method)
        k = cache.key(ACCOUNT, *parts, version=version)
        found = cache.get(k)
        if found is not None:
            return found.body
        s = settings.settings
        graph = timed(
            "graph (cache or rebuild)",
            lambda: account_graph(
                t, cache, ACCOUNT, None, None, version=version, strength=strength_parameters(s)
            ),
        )
        result = timed(
            f"{name}: analyse",
            lambda: ANALYSES[name](graph, s, ranked=shared_ranked(graph, s, version), **params),
        )
        timed(f"{name}: check codes", lambda: check_codes(name, _CODE_CHECKS[name], result))
        body = timed(f"{name}: encode", lambda: analysis_json(result))
        cache.put(k, body)
        return body

    for name in ROUTES:
        read(name)
    times.clear()
    times["PATCH (team store write + graph patch)"] = []  # printed first, its part next
    if profile is not None:
        profile.enable()
    for i in range(cycles):
        level = i % 5 - 1

        def write(level: int = level) -> None:
            team().patch(
                "attitudes",
                (person, "us", today),
                ACCOUNT,
                lambda r: r.model_copy(update={"level": level}),
            )

        timed("PATCH (team store write + graph patch)", write)
        for name in ROUTES:
            timed(f"{name}: whole read", lambda name=name: read(name))
    if profile is not None:
        profile.disable()
    store.close()
    access.close()
    return times, cache


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--cycles", type=int, default=60)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="graphcrm-write-cycle-") as tmp:
        times, cache = _stages(Path(tmp), args.people, args.cycles, profile)
    print(f"one write cycle, {args.people} people, {args.cycles} cycles: CPU ms per cycle")
    print(f"{'stage':<45}{'mean':>8}{'median':>8}{'calls':>7}")
    for stage, found in times.items():
        mean = sum(found) / args.cycles * 1000
        print(f"{stage:<45}{mean:>8.2f}{statistics.median(found) * 1000:>8.2f}{len(found):>7}")
    print(f"graphs built {cache.graphs_built}, patched {cache.graphs_patched}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
