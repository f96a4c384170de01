"""The portfolio kept after its first computation (issue 14 item 7, DESIGN.md "Account
portfolio"): computing it reads every account's graph, so the route and the page keep
the answer and serve it again until one of the accounts it covers is written.

The key is the visible accounts with each one's ``GraphStore.write_version`` plus the
read date (and whatever else the caller names, e.g. a settings version): any write to
any of those accounts, or to the shared records they read, moves a version and so
misses. Versions are read *before* the portfolio is computed, so an answer is never
kept under a version newer than the data it was built from (graphcrm/stores/base.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from datetime import date
from typing import Generic, TypeVar

from graphcrm.interactions.strength import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.method import METHOD_DEFAULTS, MethodSettings
from graphcrm.portfolio.outside_people import OutsidePerson, outside_people
from graphcrm.portfolio.service import Portfolio, read_portfolio
from graphcrm.stores.base import GraphStore

__all__ = [
    "PortfolioCache",
    "PortfolioKey",
    "cached_outside_people",
    "cached_portfolio",
    "portfolio_key",
]

#: (sorted (account id, write version) pairs, read date, extra parts)
PortfolioKey = tuple[tuple[tuple[str, int], ...], date, tuple[Hashable, ...]]
T = TypeVar("T")


class _Kept(Generic[T]):
    """A small LRU of answers under portfolio keys; ``computed`` counts the misses that ran."""

    def __init__(self, max_entries: int) -> None:
        self._entries: OrderedDict[PortfolioKey, T] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_entries
        self.computed = 0

    def get_or_compute(self, key: PortfolioKey, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        made = compute()  # outside the lock: two first calls may both compute, both right
        with self._lock:
            self.computed += 1
            self._entries[key] = made
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return made

    def __len__(self) -> int:
        return len(self._entries)


class PortfolioCache:
    """Computed portfolios (``computed`` counts the misses that ran) and, beside them under
    the same rule, the portfolio's outside people (``outside``, issue 14: the portfolio
    page showed them computed on every view)."""

    def __init__(self, max_entries: int = 16) -> None:
        self._portfolios: _Kept[Portfolio] = _Kept(max_entries)
        self.outside: _Kept[list[OutsidePerson]] = _Kept(max_entries)

    @property
    def computed(self) -> int:
        return self._portfolios.computed

    def get_or_compute(self, key: PortfolioKey, compute: Callable[[], Portfolio]) -> Portfolio:
        """The portfolio kept under ``key``, or ``compute()`` kept under it."""
        return self._portfolios.get_or_compute(key, compute)

    def __len__(self) -> int:
        return len(self._portfolios)


def portfolio_key(
    store: GraphStore, account_ids: Collection[str], as_of: date, *extra: Hashable
) -> PortfolioKey:
    """The key of the portfolio of ``account_ids`` on ``as_of``: read before the data."""
    versions = tuple((a, store.write_version(a)) for a in sorted(account_ids))
    return versions, as_of, tuple(extra)


def cached_portfolio(
    cache: PortfolioCache,
    store: GraphStore,
    account_ids: Collection[str],
    as_of: date,
    settings: MethodSettings = METHOD_DEFAULTS,
    *,
    jobs: int = 1,
    store_url: str | None = None,
) -> Portfolio:
    """``read_portfolio`` of ``account_ids`` on ``as_of`` with ``settings`` (the team's in
    force that day), kept in ``cache`` until a write to any of the accounts. The settings
    themselves are part of the key (they are hashable): a change of them is a new entry.
    ``jobs`` and ``store_url``: computed by that many processes (the same answer)."""
    key = portfolio_key(store, account_ids, as_of, settings)
    return cache.get_or_compute(
        key,
        lambda: read_portfolio(
            store, account_ids, as_of, settings=settings, jobs=jobs, store_url=store_url
        ),
    )


def cached_outside_people(
    cache: PortfolioCache,
    store: GraphStore,
    account_ids: Collection[str],
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[OutsidePerson]:
    """``outside_people`` of ``account_ids`` (today, current ties) under the team's
    ``strength`` parameters, kept in ``cache`` by the portfolio's rule: until a write to
    any of those accounts (each one's write version is in the key, read first), another
    day or other parameters."""
    key = portfolio_key(store, account_ids, date.today(), "outside people", strength)
    return cache.outside.get_or_compute(
        key, lambda: outside_people(store, account_ids, strength=strength)
    )
