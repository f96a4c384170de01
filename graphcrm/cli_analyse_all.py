"""``graphcrm analyse --all``: every account's full analysis, in parallel processes.

Issue 17 item 4: the accounts are shared out among ``--jobs`` worker processes
(``concurrent.futures.ProcessPoolExecutor``), each opening the store once and
analysing one account at a time exactly as ``graphcrm analyse ID --json`` does
(DESIGN.md "Analyses": the same ``full_analysis`` with the same method
settings). One compact JSON line per account is written to standard output as
each finishes (JSON Lines: the order is the order of finishing, each line
names its ``account_id``), so a consumer can start before the last account is
done. An account that cannot be analysed gives a line with its ``error`` and
the command exits 1 after the others; nothing stops at the first failure.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from datetime import date
from typing import Any

import orjson

from graphcrm.errors import GraphcrmError
from graphcrm.graph import load_account_graph
from graphcrm.method import MethodSettings
from graphcrm.method.apply import strength_parameters
from graphcrm.method.runs import full_analysis_with
from graphcrm.portfolio.outside import outside_influencers
from graphcrm.stores import GraphStore, open_store

__all__ = ["analyse_all", "analysed_lines"]

# The worker process's own store and what every account is analysed with.
_worker: dict[str, Any] = {}


def account_analysis(
    store: GraphStore,
    account_id: str,
    settings: MethodSettings,
    day: date | None,
    opportunity_id: str | None = None,
) -> dict[str, Any]:
    """``analyse ACCOUNT --json``'s object: the full analysis of the account's graph (or
    one opportunity's decision chain) as of ``day`` with ``settings``, and the outside
    influencers, not ranked with the account's people (DESIGN.md "Cross-account people")."""
    strength = strength_parameters(settings)
    graph = load_account_graph(
        store, account_id, opportunity_id=opportunity_id, as_of=day, strength=strength
    )
    result = full_analysis_with(graph, settings)
    outside = outside_influencers(store, account_id, as_of=day, strength=strength)
    result["outside_influencers"] = [o.to_dict() for o in outside]
    return result


def _start_worker(url: str, settings: MethodSettings, version: int, day: date | None) -> None:
    _worker.update(store=open_store(url), settings=settings, version=version, day=day)


def _line(store: GraphStore, account_id: str, settings: MethodSettings, version: int,
          day: date | None) -> tuple[bool, str]:  # fmt: skip
    """One account's analysis as one JSON line (or its error, and False)."""
    try:
        result = account_analysis(store, account_id, settings, day)
    except GraphcrmError as exc:
        return False, json.dumps({"account_id": account_id, "error": str(exc)}, ensure_ascii=False)
    result = {"account_id": account_id, **result, "settings_version": version}
    line = orjson.dumps(result, default=str, option=orjson.OPT_NON_STR_KEYS)
    return True, line.decode("utf-8")


def _analyse_in_worker(account_id: str) -> tuple[bool, str]:
    w = _worker
    return _line(w["store"], account_id, w["settings"], w["version"], w["day"])


def analysed_lines(
    url: str,
    account_ids: list[str],
    *,
    jobs: int,
    settings: MethodSettings,
    version: int = 0,
    day: date | None = None,
) -> Iterator[tuple[bool, str]]:
    """(analysed, the JSON line) of each account, as each finishes, from ``jobs`` processes on the
    store at ``url`` (``jobs == 1``: in this process, in the order given)."""
    if jobs <= 1 or len(account_ids) <= 1:
        store = open_store(url)
        try:
            for account_id in account_ids:
                yield _line(store, account_id, settings, version, day)
        finally:
            store.close()
        return
    # fork: the workers start with the modules this process already imported (no 0.5 s
    # import each); nothing is open here when they are made.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(account_ids)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(url, settings, version, day),
    ) as pool:
        pending: list[Future[tuple[bool, str]]] = [
            pool.submit(_analyse_in_worker, a) for a in account_ids
        ]
        for done in as_completed(pending):
            yield done.result()


def analyse_all(
    url: str, account_ids: list[str], *, jobs: int, settings: MethodSettings, version: int,
    day: date | None,
) -> bool:  # fmt: skip
    """Write every account's line to standard output; True if every account was analysed."""
    ok = True
    for analysed, line in analysed_lines(
        url, account_ids, jobs=jobs, settings=settings, version=version, day=day
    ):
        ok = ok and analysed
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return ok
