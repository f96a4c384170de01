"""Writes patch the cached account graphs instead of dropping them (issue 17 item 2).

A ``TeamStore`` made for a request is given ``graph_patcher(services)`` as its
``on_patch``: after a write of one record of one account, the account's write
version is read from the store and ``AnalysisCache.patch`` applies the write
(``graphcrm.graph_patch``) to the rows each present-day graph was built from and
to a copy of the graph, keeping both under the new version; the analysis results
are dropped. A graph read ``as_of`` a date is dropped (a write may be dated in the
past). Before the write the team store enters ``writing(account)``: until the
patch is done, a reader who already sees the new version waits for the patched
graph instead of building it from the store (``AnalysisCache.writing``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from functools import partial
from typing import Any, cast

from api.cache import AnalysisCache, CacheKey
from api.rankings import KEPT_BY_WRITES, carry_coverage, carry_ranking, carry_searches
from graphcrm.graph_patch import RecordChange, patch_graph, patch_rows
from graphcrm.interactions import StrengthParameters
from graphcrm.stores.analysis_read import shared_rows
from graphcrm.stores.base import GraphStore

__all__ = ["GraphPatcher", "graph_patcher"]


class GraphPatcher:
    """The ``on_patch`` listener of one request's team store (and its ``writing`` mark)."""

    def __init__(self, cache: AnalysisCache, store: GraphStore) -> None:
        self.cache = cache
        self.store = store

    @contextlib.contextmanager
    def writing(self, account_id: str) -> Iterator[None]:
        """Around one record write of ``account_id`` and its patch (``AnalysisCache.writing``)."""
        with self.cache.writing(account_id, self.store.write_version(account_id)):
            yield

    def __call__(self, change: RecordChange) -> bool:
        store = self.store
        version = store.write_version(change.account_id)
        keep = KEPT_BY_WRITES.get(change.table, frozenset())  # results the write cannot change

        def apply(key: CacheKey, graph: Any, rows: Any) -> tuple[Any, Any] | None:
            # The graph keys of api.analyses.account_graph: ..., "graph", opportunity, day, strength
            opportunity, day, strength = key[5], key[6], key[7]
            if day != ("today", date.today()):
                return None
            patched_rows = patch_rows(rows, change, partial(shared_rows, store))
            patched = patch_graph(
                graph,
                patched_rows,
                change,
                opportunity_id=cast(str | None, opportunity),
                strength=cast(StrengthParameters, strength),
            )
            if keep:  # the ranking stands, and so every untouched person's coverage row
                carry_ranking(graph, patched, version)
                carry_coverage(graph, patched, change.people())
                carry_searches(graph, patched, change.people())
            return patched, patched_rows

        return self.cache.patch(change.account_id, version, apply, keep=keep)


def graph_patcher(cache: AnalysisCache, store: GraphStore) -> GraphPatcher:
    """The ``on_patch`` listener of one request's team store."""
    return GraphPatcher(cache, store)
