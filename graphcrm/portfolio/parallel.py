"""Every account's portfolio state in parallel processes (issue 14's whole portfolio
under 60 s over 1,000 accounts; issue 17 item 4: portfolio-wide analysis in parallel).

``read_portfolio`` judges each tiered account by its own analyses (health now and a
quarter ago, heaviest gap, next target: ``graphcrm.portfolio.service.account_state``),
one account after another. Here the accounts are shared out among ``jobs`` worker
processes (``concurrent.futures.ProcessPoolExecutor``), each opening the store once by
its URL (SQLite, Neo4j or FalkorDB: ``graphcrm.stores.open_store``) and computing one
account's state exactly as the sequential path does, so the answer is the same. The
workers come from a fork server: forking a serving process, whose other threads may
hold locks, is not safe; the fork server's process has no other threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any

from graphcrm.method.settings import MethodSettings
from graphcrm.portfolio.service import AccountState, state_or_empty
from graphcrm.stores import open_store

__all__ = ["parallel_states"]

# The worker process's own store and what every account is judged with.
_worker: dict[str, Any] = {}
# Accounts handed to a worker at a time: fewer round trips, still an even share.
_CHUNK = 4


def _start_worker(url: str, as_of: date, settings: MethodSettings) -> None:
    _worker.update(store=open_store(url), as_of=as_of, settings=settings)


def _state_in_worker(wanted: tuple[str, str | None]) -> tuple[str, AccountState]:
    account_id, tier = wanted
    w = _worker
    return account_id, state_or_empty(w["store"], account_id, w["as_of"], tier, w["settings"])


def parallel_states(
    url: str,
    wanted: Sequence[tuple[str, str | None]],
    as_of: date,
    settings: MethodSettings,
    *,
    jobs: int,
) -> dict[str, AccountState]:
    """The state of each (account id, tier in force) of ``wanted`` on ``as_of``, computed
    by ``jobs`` processes on the store at ``url``, keyed by account id."""
    if not wanted:
        return {}
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(wanted))),
        mp_context=context,
        initializer=_start_worker,
        initargs=(url, as_of, settings),
    ) as pool:
        return dict(pool.map(_state_in_worker, wanted, chunksize=_CHUNK))
