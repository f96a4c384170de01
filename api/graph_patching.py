"""Writes patch the cached account graphs instead of dropping them (issue 17 item 2).

A ``TeamStore`` made for a request is given ``graph_patcher(services)`` as its
``on_patch``: after a write of one record of one account, the account's write
version is read from the store and ``AnalysisCache.patch`` applies the write
(``graphcrm.graph_patch``) to each present-day graph at the version just
before, keeping it under the new one; the analysis results are dropped. A
graph read ``as_of`` a date is dropped (a write may be dated in the past).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from api.cache import AnalysisCache, CacheKey
from api.rankings import KEPT_BY_WRITES, carry_ranking
from graphcrm.graph_patch import RecordChange, patch_graph, patch_records
from graphcrm.interactions import StrengthParameters
from graphcrm.stores.base import GraphStore

__all__ = ["graph_patcher"]


def _names_staff_outside(change: RecordChange, graph: Any) -> bool:
    """The written record names one of our staff the graph has no node for (a contact of a
    staff member new to the account): its attributes are not among the account's records,
    so the graph is built again rather than patched."""
    written = change.written
    if written is None:
        return False
    named = [getattr(written, f, None) for f in ("staff_id", "owner_staff_id")]
    named += list(getattr(written, "staff_ids", None) or ())
    return any(s is not None and s not in graph for s in named)


def graph_patcher(cache: AnalysisCache, store: GraphStore) -> Callable[[RecordChange], bool]:
    """The ``on_patch`` listener of one request's team store."""

    def on_patch(change: RecordChange) -> bool:
        version = store.write_version(change.account_id)
        keep = KEPT_BY_WRITES.get(change.table, frozenset())  # results the write cannot change

        def apply(key: CacheKey, graph: Any, records: Any) -> tuple[Any, Any] | None:
            # The graph keys of api.analyses.account_graph: ..., "graph", opportunity, day, strength
            opportunity, day, strength = key[5], key[6], key[7]
            if day != ("today", date.today()) or _names_staff_outside(change, graph):
                return None
            data = patch_records(records, change)
            patched = patch_graph(
                graph,
                data,
                change,
                opportunity_id=cast(str | None, opportunity),
                strength=cast(StrengthParameters, strength),
            )
            if keep:
                carry_ranking(graph, patched, version)
            return patched, data

        return cache.patch(change.account_id, version, apply, keep=keep)

    return on_patch
