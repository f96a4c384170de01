"""One importance ranking per cached graph, shared by its analyses and kept across writes
that cannot change it (issue 17 "compute importance once per analysis and share it";
"Writes patch, not drop")."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from weakref import WeakKeyDictionary

import networkx as nx

from graphcrm.method import MethodSettings
from graphcrm.method.runs import Ranked, ranked_with

__all__ = ["KEPT_BY_WRITES", "Lazy", "carry_ranking", "shared_ranked"]

#: The team's ranking and key people of the graph, computed on first use (``shared_ranked``).
Lazy = Callable[[], Ranked]

# One ranking per cached graph, version and settings (issue 17 "importance once"): a
# page's analyses (importance, key people, coverage, next targets, fishbone) and the
# what-if of one graph share it. Held weakly by the graph, so it goes with the graph;
# keyed by the account's write version too, so a graph patched in place for a later
# version never answers with the earlier ranking.
_RANKINGS: WeakKeyDictionary[nx.MultiDiGraph, dict[Hashable, Ranked]] = WeakKeyDictionary()
_RANKINGS_LOCK = threading.Lock()


def shared_ranked(graph: nx.MultiDiGraph, s: MethodSettings, version: int) -> Lazy:
    """The team's ranking and key people of ``graph`` at ``version``, computed once."""

    def ranked() -> Ranked:
        with _RANKINGS_LOCK:
            found = _RANKINGS.get(graph, {}).get((version, s))
        if found is None:  # two threads may both compute it: the same answer
            found = ranked_with(graph, s)
            with _RANKINGS_LOCK:
                _RANKINGS.setdefault(graph, {})[(version, s)] = found
        return found

    return ranked


def carry_ranking(before: nx.MultiDiGraph, after: nx.MultiDiGraph, version: int) -> None:
    """Give ``after`` (``before`` patched by a write that moved the version to ``version``,
    of a table in KEPT_BY_WRITES) the rankings ``before`` had at the version before."""
    with _RANKINGS_LOCK:
        found: dict[Hashable, Ranked] = _RANKINGS.get(before, {})
        carried: dict[Hashable, Ranked] = {
            (version, key[1]): r  # type: ignore[index]
            for key, r in found.items()
            if key[0] == version - 1  # type: ignore[index]
        }
        if carried:
            _RANKINGS.setdefault(after, {}).update(carried)


#: The analyses whose results a write to a table cannot change: a write keeps them
#: (issue 17: a write drops only what it changes). An attitude is a person's level toward
#: us or a rival; importance reads ties, decision roles and layers, never a level
#: (analysis/importance.py, power.py), and key people are its top K and the deciders.
KEPT_BY_WRITES: dict[str, frozenset[str]] = {"attitudes": frozenset({"importance", "key-people"})}
