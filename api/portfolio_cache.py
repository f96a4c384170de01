"""The portfolio cache of the app's open store (graphcrm.portfolio.cache), shared by
``GET /api/v1/portfolio`` and the portfolio page so that either warms it for the other.

One cache per open store object, held weakly beside it: the app's lifespan opens a new
store (after a restore, say, whose write versions may repeat old numbers) and so starts
a new cache; the app factory needs no change."""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from fastapi import Request

from graphcrm.portfolio.cache import PortfolioCache
from graphcrm.stores.base import GraphStore

__all__ = ["cache_of_store", "portfolio_cache"]

_CACHES: WeakKeyDictionary[GraphStore, PortfolioCache] = WeakKeyDictionary()
_MAKING = threading.Lock()


def cache_of_store(store: GraphStore) -> PortfolioCache:
    """The portfolio cache of this open store."""
    with _MAKING:
        found = _CACHES.get(store)
        if found is None:
            found = _CACHES[store] = PortfolioCache()
    return found


def portfolio_cache(request: Request) -> PortfolioCache:
    """The portfolio cache of this app's store."""
    return cache_of_store(request.app.state.services.store)
