"""The data of the browser views: the account graph and the analyses, from the API's cache.

Each analysis is fetched exactly as its REST route serves it (the same
function of ``api.analyses.ANALYSES``, the same parameters as the route's
defaults, the same cache key), so a page and the API show the same numbers
and share one computation. The results are read back from the cached JSON.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable
from datetime import date
from typing import Any

import networkx as nx
from starlette.concurrency import run_in_threadpool

from api.analyses import account_graph, analysis_entry
from api.cache import AnalysisCache
from graphcrm.access import TeamStore
from graphcrm.errors import NotFoundError
from graphcrm.plans.trend import health_trend, trend_days
from viz import AccountView, Chain, HealthPoint

__all__ = ["account_view", "cached_analysis"]

#: The parameters each route uses by default (api/routers/analyses.py): None is the
#: team's method setting (graphcrm.method), so pages and the API share one cache entry.
_DEFAULTS: dict[str, dict[str, Hashable]] = {
    "importance": {"horizon": None},
    "key-people": {"k": None},
    "coverage": {},
    "next-targets": {"target_level": None},
}


async def cached_analysis(
    team: TeamStore,
    cache: AnalysisCache,
    name: str,
    account_id: str,
    *,
    opportunity: str | None,
    as_of: date | None,
    **params: Hashable,
) -> Any:
    """One analysis' result (parsed JSON), from the cache or computed once and cached."""
    entry, _ = await analysis_entry(
        team, cache, name, account_id, opportunity=opportunity, as_of=as_of, fresh=False, **params
    )
    return json.loads(entry.body)


def _chains(team: TeamStore, account_id: str, as_of: date | None) -> tuple[Chain, ...]:
    data = team.account_data(account_id, as_of=as_of)
    out = []
    for opp in sorted(data.opportunities, key=lambda o: o.id):
        if opp.account_id != account_id:
            continue
        members = frozenset(r.person_id for r in data.decision_roles if r.opportunity_id == opp.id)
        # A filled role slot puts its holder in the chain too (issue 15).
        members |= {
            s.person_id for s in data.role_slots if s.opportunity_id == opp.id and s.person_id
        }
        out.append(Chain(opp.id, opp.name, opp.stage, members))
    return tuple(out)


async def _trend(
    team: TeamStore, cache: AnalysisCache, account_id: str, as_of: date | None, now: float
) -> tuple[HealthPoint, ...]:
    """Health at the end of each of the last quarters the account existed, and now
    (graphcrm.plans.trend), each read as the coverage route serves it."""
    today = as_of or date.today()
    readings: list[tuple[date, float | None]] = []
    for day in trend_days(today):
        try:
            report = await cached_analysis(
                team, cache, "coverage", account_id, opportunity=None, as_of=day
            )
        except NotFoundError:  # the account did not exist yet on that day
            readings.append((day, None))
            continue
        readings.append((day, float(report["health"])))
    points = health_trend(readings, today=today, now=now)
    return tuple(HealthPoint(day.isoformat(), health) for day, health in points)


async def account_view(
    team: TeamStore,
    cache: AnalysisCache,
    account_id: str,
    *,
    opportunity: str | None = None,
    as_of: date | None = None,
    group_by: str = "department",
    trend: bool = False,
    paths_for: Iterable[str] = (),
) -> AccountView:
    """The account graph and its analyses, as the views read them."""
    graph: nx.MultiDiGraph = await run_in_threadpool(
        account_graph, team, cache, account_id, opportunity, as_of
    )
    results: dict[str, Any] = {}
    for name, params in _DEFAULTS.items():
        results[name] = await cached_analysis(
            team, cache, name, account_id, opportunity=opportunity, as_of=as_of, **params
        )
    results["fishbone"] = await cached_analysis(
        team, cache, "fishbone", account_id, opportunity=opportunity, as_of=as_of, group_by=group_by
    )
    paths = {}
    for person_id in paths_for:
        paths[person_id] = await cached_analysis(
            team,
            cache,
            "paths",
            account_id,
            opportunity=opportunity,
            as_of=as_of,
            target=person_id,
            source=None,
            k=3,
            max_hops=None,
        )
    chains = await run_in_threadpool(_chains, team, account_id, as_of)
    health = float(results["coverage"]["health"])
    return AccountView(
        graph=graph,
        importance=results["importance"],
        key_people=results["key-people"],
        coverage=results["coverage"],
        next_targets=results["next-targets"],
        fishbone=results["fishbone"],
        chains=chains,
        health_trend=await _trend(team, cache, account_id, as_of, health) if trend else (),
        paths=paths,
    )
