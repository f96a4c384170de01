"""One importance ranking per cached graph, shared by its analyses and kept across writes
that cannot change it (issue 17 "compute importance once per analysis and share it";
"Writes patch, not drop")."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from weakref import WeakKeyDictionary

import networkx as nx

from graphcrm.method.runs import Ranked

__all__ = ["KEPT_BY_WRITES", "RANKINGS", "RANKINGS_LOCK", "Lazy", "carry_ranking"]

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
