"""One importance ranking per cached graph, shared by its analyses and kept across writes
that cannot change it (issue 17 "compute importance once per analysis and share it";
"Writes patch, not drop")."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from weakref import WeakKeyDictionary

import networkx as nx

from graphcrm.analysis import CoverageReport, PersonCoverage
from graphcrm.analysis.target_searches import (
    TargetSearches,
    relays_unchanged,
    target_searches,
)
from graphcrm.method import MethodSettings
from graphcrm.method.runs import Ranked

__all__ = [
    "KEPT_BY_WRITES",
    "RANKINGS",
    "RANKINGS_LOCK",
    "Lazy",
    "carry_coverage",
    "carry_ranking",
    "carry_searches",
    "coverage_rows",
    "remember_coverage",
    "searches_for",
]

#: The team's ranking and key people of the graph, computed on first use
#: (``api.analyses.shared_ranked``).
Lazy = Callable[[], Ranked]

# One ranking per cached graph, version and settings (issue 17 "importance once"): a
# page's analyses (importance, key people, coverage, next targets, fishbone) and the
# what-if of one graph share it. Held weakly by the graph, so it goes with the graph;
# keyed by the account's write version too, so a graph patched in place for a later
# version never answers with the earlier ranking.
RANKINGS: WeakKeyDictionary[nx.MultiDiGraph, dict[Hashable, Ranked]] = WeakKeyDictionary()
RANKINGS_LOCK = threading.Lock()


def carry_ranking(before: nx.MultiDiGraph, after: nx.MultiDiGraph, version: int) -> None:
    """Give ``after`` (``before`` patched by a write that moved the version to ``version``,
    of a table in KEPT_BY_WRITES) the rankings ``before`` had at the version before."""
    with RANKINGS_LOCK:
        found: dict[Hashable, Ranked] = RANKINGS.get(before, {})
        carried: dict[Hashable, Ranked] = {
            (version, key[1]): r  # type: ignore[index]
            for key, r in found.items()
            if key[0] == version - 1  # type: ignore[index]
        }
        if carried:
            RANKINGS.setdefault(after, {}).update(carried)


#: The analyses whose results a write to a table cannot change: a write keeps them
#: (issue 17: a write drops only what it changes). An attitude is a person's level toward
#: us or a rival; importance reads ties, decision roles and layers, never a level
#: (analysis/importance.py, power.py), and key people are its top K and the deciders.
KEPT_BY_WRITES: dict[str, frozenset[str]] = {"attitudes": frozenset({"importance", "key-people"})}


# The coverage report last computed on each cached graph, per team settings (graphs are
# never changed once cached: a patch makes a new one), and for a graph patched by a write
# that keeps the ranking, its base's reports and the people the write touched.
_REPORTS: WeakKeyDictionary[nx.MultiDiGraph, dict[MethodSettings, CoverageReport]] = (
    WeakKeyDictionary()
)
_BASES: WeakKeyDictionary[
    nx.MultiDiGraph, tuple[dict[MethodSettings, CoverageReport], frozenset[str]]
] = WeakKeyDictionary()


def remember_coverage(graph: nx.MultiDiGraph, s: MethodSettings, report: CoverageReport) -> None:
    """Keep ``report`` (coverage of ``graph`` under ``s``) for the graph's next patch."""
    with RANKINGS_LOCK:
        _REPORTS.setdefault(graph, {})[s] = report


def carry_coverage(before: nx.MultiDiGraph, after: nx.MultiDiGraph, touched: set[str]) -> None:
    """Give ``after`` (``before`` patched by a write in KEPT_BY_WRITES, touching the
    people ``touched``) ``before``'s coverage reports, for ``coverage_rows``; if no
    coverage was computed on ``before``, the reports it was given, with the people
    both writes touched (writes may land faster than coverage is read)."""
    with RANKINGS_LOCK:
        found = _REPORTS.get(before)
        if found:
            _BASES[after] = (dict(found), frozenset(touched))
        elif before in _BASES:
            reports, earlier = _BASES[before]
            _BASES[after] = (reports, earlier | touched)


def coverage_rows(graph: nx.MultiDiGraph, s: MethodSettings) -> dict[str, PersonCoverage] | None:
    """The rows of coverage under ``s`` that ``graph``'s patch left unchanged: those of
    its base's report but the touched people's (None: no report to start from). The
    write kept the ranking, so the key people and their weights are the base's;
    ``coverage`` checks each row's key flag and weight all the same."""
    with RANKINGS_LOCK:
        base = _BASES.get(graph)
    report = base[0].get(s) if base else None
    if base is None or report is None:
        return None
    return {p.person_id: p for p in report.people if p.person_id not in base[1]}


# Next targets' warm-path searches per cached graph and relay level, built on first use
# and handed to a patched graph while they stay right (graphcrm/analysis/target_searches.py).
_SEARCHES: WeakKeyDictionary[nx.MultiDiGraph, dict[int, TargetSearches]] = WeakKeyDictionary()


def searches_for(graph: nx.MultiDiGraph, min_level: int) -> TargetSearches:
    """``graph``'s searches at ``min_level``: those kept or carried, else built and kept."""
    with RANKINGS_LOCK:
        found = _SEARCHES.get(graph, {}).get(min_level)
    if found is None:  # two threads may both build them: the same searches
        found = target_searches(graph, min_level=min_level)
        with RANKINGS_LOCK:
            _SEARCHES.setdefault(graph, {})[min_level] = found
    return found


def carry_searches(before: nx.MultiDiGraph, after: nx.MultiDiGraph, touched: set[str]) -> None:
    """Give ``after`` (``before`` patched by a write in KEPT_BY_WRITES, touching
    ``touched``) each of ``before``'s searches whose relays the write left as they were."""
    with RANKINGS_LOCK:
        found = dict(_SEARCHES.get(before, {}))
    kept = {m: s for m, s in found.items() if relays_unchanged(before, after, touched, m)}
    if kept:
        with RANKINGS_LOCK:
            _SEARCHES.setdefault(after, {}).update(kept)
