"""Serving analyses: build the account's graph, run one analysis, cache the JSON, answer with ETags.

The analyses themselves are graphcrm.analysis's pure functions; this module
only picks the one a route names, turns its result into JSON once, and keeps
the bytes in the ``AnalysisCache`` (keyed by account, analysis, parameters,
date and the account's write version in the store, read first on every
request: a write by any process is seen by the next read). Each result's codes
(gap codes, quadrants ...) are checked against its response schema when it is
computed (``api.analysis_codes``), so a code the schema does not list fails the
fill instead of being cached and served. A request with
``Cache-Control: no-cache`` recomputes; ``If-None-Match`` with the current
ETag answers 304 with no body.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, cast

import networkx as nx
import orjson
from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from api.analysis_codes import check_codes, code_check
from api.analysis_schemas import (
    AddContactIn,
    AddOpposesIn,
    CoverageOut,
    FishboneOut,
    KeyPersonOut,
    NextTargetOut,
    PersonImportanceOut,
    RemoveOpposesIn,
    SetLevelIn,
    WarmPathOut,
    WhatIfIn,
    WhatIfOut,
)
from api.cache import AnalysisCache, CachedBody, CacheKey
from api.deps import AnalysedAccount
from api.rankings import (
    RANKINGS,
    RANKINGS_LOCK,
    Lazy,
    coverage_rows,
    remember_coverage,
    searches_for,
)
from graphcrm.access import TeamStore
from graphcrm.access.method_settings import SettingsVersion
from graphcrm.analysis import AddContact, RemoveContact, SetLevel
from graphcrm.analysis.what_if import AddOpposes, Change, RemoveOpposes
from graphcrm.analysis.what_if_targets import targets_change
from graphcrm.errors import NotFoundError, RecordError, ValidationFailed
from graphcrm.graph_rows import account_graph_and_rows, account_graph_rows
from graphcrm.interactions import StrengthParameters
from graphcrm.method import MethodSettings
from graphcrm.method.apply import strength_parameters
from graphcrm.method.runs import (
    Ranked,
    coverage_with,
    fishbone_with,
    importance_with,
    key_people_with,
    next_targets_with,
    ranked_with,
    warm_paths_with,
    what_if_with,
)

__all__ = [
    "ANALYSES",
    "RESPONSES",
    "account_graph",
    "analysis_entry",
    "analysis_json",
    "compute_what_if",
    "serve_analysis",
    "settings_in_force",
]

Compute = Callable[..., Any]


def _importance(
    graph: nx.MultiDiGraph, s: MethodSettings, *, ranked: Lazy, horizon: int | None
) -> list[dict[str, Any]]:
    found = ranked()[0] if horizon is None else importance_with(graph, s, horizon=horizon)
    return [p.to_dict() for p in found]


def _key_people(
    graph: nx.MultiDiGraph, s: MethodSettings, *, ranked: Lazy, k: int | None
) -> list[dict[str, Any]]:
    return [p.to_dict() for p in key_people_with(graph, s, k=k, ranking=ranked()[0])]


def _coverage(graph: nx.MultiDiGraph, s: MethodSettings, *, ranked: Lazy) -> dict[str, Any]:
    # After a write that kept the ranking, the rows it did not touch are reused (rankings.py).
    report = coverage_with(graph, s, ranked=ranked(), reuse=coverage_rows(graph, s))
    remember_coverage(graph, s, report)
    return report.to_dict()


def _paths(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    *,
    ranked: Lazy,
    target: str,
    source: str | None,
    k: int,
    max_hops: int | None,
) -> list[dict[str, Any]]:
    found = warm_paths_with(graph, s, target, source=source, k=k, max_hops=max_hops)
    return [p.to_dict() for p in found]


def _next_targets(
    graph: nx.MultiDiGraph, s: MethodSettings, *, ranked: Lazy, target_level: int | None
) -> list[dict[str, Any]]:
    searches = searches_for(graph, s.relay_level)  # kept across writes that leave them right
    found = next_targets_with(
        graph, s, target_level=target_level, ranked=ranked(), searches=searches
    )
    return [t.to_dict() for t in found]


def _fishbone(
    graph: nx.MultiDiGraph, s: MethodSettings, *, ranked: Lazy, group_by: str
) -> dict[str, Any]:
    return fishbone_with(graph, s, group_by=group_by, ranked=ranked()).to_dict()  # type: ignore[arg-type]


def shared_ranked(graph: nx.MultiDiGraph, s: MethodSettings, version: int) -> Lazy:
    """The team's ranking and key people of ``graph`` at ``version``, computed once."""

    def ranked() -> Ranked:
        with RANKINGS_LOCK:
            found = RANKINGS.get(graph, {}).get((version, s))
        if found is None:  # two threads may both compute it: the same answer
            found = ranked_with(graph, s)
            with RANKINGS_LOCK:
                RANKINGS.setdefault(graph, {})[(version, s)] = found
        return found

    return ranked


ANALYSES: dict[str, Compute] = {
    "importance": _importance,
    "key-people": _key_people,
    "coverage": _coverage,
    "paths": _paths,
    "next-targets": _next_targets,
    "fishbone": _fishbone,
}

# What each analysis answers: its route's response_model (tests/api/test_analysis_codes.py
# ties the two), whose code lists are checked when a result is computed.
RESPONSES: dict[str, Any] = {
    "importance": list[PersonImportanceOut],
    "key-people": list[KeyPersonOut],
    "coverage": CoverageOut,
    "paths": list[WarmPathOut],
    "next-targets": list[NextTargetOut],
    "fishbone": FishboneOut,
    "what-if": WhatIfOut,
}
_CODE_CHECKS = {name: code_check(response) for name, response in RESPONSES.items()}


def _json_default(value: Any) -> Any:
    # What orjson does not write itself (it writes dates and tuples).
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return item()
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def analysis_json(result: Any) -> bytes:
    """The result as compact UTF-8 JSON (numpy scalars and sets by ``_json_default``).

    orjson, 5-15 times faster than the standard library here (the full analysis of
    50,000 people: 0.71 s -> 0.14 s; of 500: 8.3 -> 0.5 ms), parses to the same
    values; its floats are written without an exponent where the standard library
    writes one (``0.0000867`` for ``8.67e-05``). It would write NaN or an infinity as
    ``null``: no analysis makes one, as every stored number is refused if not finite.
    """
    return orjson.dumps(result, default=_json_default, option=orjson.OPT_NON_STR_KEYS)


def _day(as_of: date | None) -> tuple[str, date]:
    return ("as_of", as_of) if as_of else ("today", date.today())


#: The response header naming the version of the team's method settings a result used.
SETTINGS_HEADER = "X-Settings-Version"


def settings_in_force(team: TeamStore, as_of: date | None) -> SettingsVersion:
    """The caller's team's method settings on the read date (DESIGN.md "Method settings")."""
    return team.access.method_settings.in_force(team.principal.team_id, as_of)


def write_version(team: TeamStore, account_id: str) -> int:
    """The account's write version in the store: read it before the data it keys."""
    return team.store.write_version(account_id)


def account_graph(
    team: TeamStore,
    cache: AnalysisCache,
    account_id: str,
    opportunity: str | None,
    as_of: date | None,
    *,
    version: int | None = None,
    strength: StrengthParameters | None = None,
) -> nx.MultiDiGraph:
    """The account's graph, shared by every analysis of it until the account changes.

    ``version``: the account's write version, if the caller has just read it (else
    it is read here, before the data). ``strength``: derived strength's parameters
    (None: those of the team's settings in force on the day, DESIGN.md "Method
    settings", so the pages' graph is the analyses' graph). The key names them (not
    the settings' version), so teams whose strength parameters agree share one graph
    and a change to other settings builds none. Blocking: call it off the event loop.
    """
    if version is None:
        version = write_version(team, account_id)
    if strength is None:
        strength = strength_parameters(settings_in_force(team, as_of).settings)

    def build() -> tuple[nx.MultiDiGraph, Any]:
        if as_of is not None:
            # Straight from the stored rows (issue 17 "Cold path"): the graph
            # build_account_graph makes from team.account_data, without a record per row.
            owned = team.require_account(account_id)
            rows = account_graph_rows(
                team.store, owned, as_of, opportunity_id=opportunity, strength=strength
            )
            return rows, None
        # The present is built from rows too and kept with them: a write patches both
        # (issue 17 "Writes patch, not drop"; api/graph_patching.py).
        return account_graph_and_rows(
            team.store,
            team.require_account(account_id),
            opportunity_id=opportunity,
            strength=strength,
        )

    key = cache.key(account_id, "graph", opportunity, _day(as_of), strength, version=version)
    return cache.graph_from(key, build)


def _run(
    team: TeamStore,
    cache: AnalysisCache,
    name: str,
    account_id: str,
    opportunity: str | None,
    as_of: date | None,
    params: dict[str, Any],
    version: int,
    settings: MethodSettings,
) -> bytes:
    strength = strength_parameters(settings)
    graph = account_graph(
        team, cache, account_id, opportunity, as_of, version=version, strength=strength
    )
    result = ANALYSES[name](
        graph, settings, ranked=shared_ranked(graph, settings, version), **params
    )
    check_codes(name, _CODE_CHECKS[name], result)  # once per fill: nothing cached if it fails
    return analysis_json(result)


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or etag in tags or f"W/{etag}" in tags


def _answer(request: Request, entry: CachedBody, how: str) -> Response:
    headers = {"ETag": entry.etag, "Cache-Control": "private, no-cache", "X-Cache": how}
    if _matches(request.headers.get("if-none-match"), entry.etag):
        return Response(status_code=304, headers=headers)
    return Response(entry.body, media_type="application/json", headers=headers)


async def analysis_entry(
    team: TeamStore,
    cache: AnalysisCache,
    name: str,
    account_id: str,
    *,
    opportunity: str | None,
    as_of: date | None,
    fresh: bool = False,
    **params: Hashable,
) -> tuple[CachedBody, str]:
    """One analysis of one account as cached JSON, computed on a miss, and how it was found.

    How: ``hit`` (a stored result), ``miss`` (computed for this call) or
    ``shared`` (a computation already under way for the same result). With
    ``fresh`` no stored result is used. The account's write version is read first,
    so a write made since the last read, by any process, is never missed.
    The team's method settings in force on the day are read too; the key names
    their version, so no result computed with other settings is ever served.
    """
    settings = settings_in_force(team, as_of)
    return await _entry(team, cache, name, account_id, opportunity, as_of, fresh, settings, params)


async def _entry(
    team: TeamStore,
    cache: AnalysisCache,
    name: str,
    account_id: str,
    opportunity: str | None,
    as_of: date | None,
    fresh: bool,
    settings: SettingsVersion,
    params: dict[str, Hashable],
) -> tuple[CachedBody, str]:
    # One indexed read per request: on the loop for an embedded file (microseconds, and a
    # thread hop would cost more under load), off it for a server's round trip.
    if team.store.embedded:
        version = write_version(team, account_id)
    else:
        version = await run_in_threadpool(write_version, team, account_id)
    method = ("settings", team.principal.team_id, settings.version)
    parts = (name, opportunity, _day(as_of), tuple(sorted(params.items())), method)
    key = cache.key(account_id, *parts, version=version)
    entry = None if fresh else cache.get(key)
    if entry is not None:
        return entry, "hit"

    def run_newest() -> tuple[CacheKey, bytes]:
        # At the newest write version the cache has seen for the account (a write's patch
        # may have moved it while this request waited for a thread), under that key.
        at = cache.catch_up(key)
        version = cast(int, at[3])
        return at, _run(
            team, cache, name, account_id, opportunity, as_of, params, version, settings.settings
        )

    async def compute() -> tuple[CacheKey, bytes]:
        return await run_in_threadpool(run_newest)

    entry, started = await cache.single_flight(key, compute)
    return entry, "miss" if started else "shared"


async def serve_analysis(
    request: Request,
    account: AnalysedAccount,
    name: str,
    *,
    opportunity: str | None,
    **params: Hashable,
) -> Response:
    """Answer one analysis of one account from the cache, computing it on a miss.

    ``X-Cache`` says how it was found (see :func:`analysis_entry`). With
    ``Cache-Control: no-cache`` no stored result is used.
    """
    fresh = "no-cache" in request.headers.get("cache-control", "").lower()
    team, as_of = account.team, account.as_of
    settings = settings_in_force(team, as_of)
    entry, how = await _entry(
        team, account.cache, name, account.account_id, opportunity, as_of, fresh, settings, params
    )
    answer = _answer(request, entry, how)
    answer.headers[SETTINGS_HEADER] = str(settings.version)
    return answer


def _change(change: Any) -> Change:
    if isinstance(change, AddOpposesIn):
        return AddOpposes(change.source_id, change.target_id, change.strength)
    if isinstance(change, RemoveOpposesIn):
        return RemoveOpposes(change.source_id, change.target_id)
    if isinstance(change, SetLevelIn):
        return SetLevel(change.person_id, change.level, change.toward)
    if isinstance(change, AddContactIn):
        return AddContact(change.staff_id, change.person_id, change.strength, change.last_contact)
    return RemoveContact(change.staff_id, change.person_id)


def compute_what_if(
    team: TeamStore,
    cache: AnalysisCache,
    account_id: str,
    body: WhatIfIn,
    *,
    opportunity: str | None,
    as_of: date | None,
) -> bytes:
    """Health and gap changes for hypothetical changes (computed each time; nothing written).

    A change naming a person, staff member or contact the account does not have
    is an input error (ValidationFailed), not a missing resource.
    """
    settings = settings_in_force(team, as_of).settings
    strength = strength_parameters(settings)
    version = write_version(team, account_id)
    graph = account_graph(
        team, cache, account_id, opportunity, as_of, version=version, strength=strength
    )  # copied
    ranked = shared_ranked(graph, settings, version)
    try:
        result = what_if_with(graph, settings, [_change(c) for c in body.changes], ranked=ranked())
    except (NotFoundError, ValueError) as exc:  # ValueError: a rivalry with oneself
        raise ValidationFailed([RecordError("changes", None, None, str(exc))]) from None
    answer = result.to_dict()
    if result.graph_after is not None:  # the next targets move too (issue 11 item 4)
        before = next_targets_with(graph, settings)
        after = next_targets_with(result.graph_after, settings)
        answer["next_targets"] = [m.to_dict() for m in targets_change(before, after)]
    check_codes("what-if", _CODE_CHECKS["what-if"], answer)
    return analysis_json(answer)
