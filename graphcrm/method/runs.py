"""Each analysis run with a team's method settings (DESIGN.md, "Method settings").

The same pure functions as :mod:`graphcrm.analysis`, with every parameter the
settings hold taken from them: importance (and so key people, coverage, next
targets and the fishbone, which build on it) with the team's rule, role and
layer weights and horizon; coverage with its weak threshold, cadence and
supporter level; warm paths and next targets with its relay and target
levels. A parameter the caller gives (not None) wins over the setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import networkx as nx

from graphcrm.analysis import (
    CoverageReport,
    KeyPerson,
    NextTarget,
    PersonCoverage,
    PersonImportance,
    WarmPath,
    coverage,
    fishbone,
    importance,
    key_people,
    next_targets,
    warm_paths,
    what_if,
)
from graphcrm.analysis.fishbone import Fishbone, GroupBy
from graphcrm.analysis.report import full_analysis
from graphcrm.analysis.target_searches import TargetSearches
from graphcrm.analysis.what_if import WhatIfResult
from graphcrm.method.apply import (
    coverage_options,
    full_analysis_options,
    importance_options,
    path_options,
    target_options,
)
from graphcrm.method.settings import MethodSettings

__all__ = [
    "coverage_on",
    "coverage_with",
    "fishbone_with",
    "full_analysis_with",
    "importance_with",
    "key_people_with",
    "next_targets_with",
    "ranked_with",
    "warm_paths_with",
    "what_if_with",
]


def importance_with(
    graph: nx.MultiDiGraph, s: MethodSettings, *, horizon: int | None = None
) -> list[PersonImportance]:
    """Importance by the team's weights (``horizon`` given wins over the setting)."""
    options = importance_options(s)
    if horizon is not None:
        options["horizon"] = horizon
    return importance(graph, **options)


def key_people_with(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    *,
    k: int | None = None,
    ranking: list[PersonImportance] | None = None,
) -> list[KeyPerson]:
    """Key people: the team's top K (``k`` given wins) of the team's ranking."""
    ranking = importance_with(graph, s) if ranking is None else ranking
    return key_people(graph, ranking, k=s.key_people_k if k is None else k)


#: The team's importance ranking and key people of one graph: what coverage, next
#: targets, the fishbone and the what-if build on.
Ranked = tuple[list[PersonImportance], list[KeyPerson]]


def ranked_with(graph: nx.MultiDiGraph, s: MethodSettings) -> Ranked:
    """The team's ranking and key people (``ranked=`` of the runs below takes them, so
    the analyses of one graph compute importance once: issue 17)."""
    ranking = importance_with(graph, s)
    return ranking, key_people_with(graph, s, ranking=ranking)


def _ranked(graph: nx.MultiDiGraph, s: MethodSettings, ranked: Ranked | None = None) -> Ranked:
    return ranked_with(graph, s) if ranked is None else ranked


def coverage_with(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    *,
    ranked: Ranked | None = None,
    reuse: Mapping[str, PersonCoverage] | None = None,
) -> CoverageReport:
    """Coverage, health and gaps with the team's ranking, key people and thresholds
    (``reuse``: rows a write left unchanged, see ``coverage``)."""
    ranking, key = _ranked(graph, s, ranked)
    options = {**coverage_options(s), **_formal(s)}
    return coverage(graph, ranking=ranking, key=key, reuse=reuse, **options)


def warm_paths_with(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    target: str,
    *,
    source: str | None = None,
    k: int = 3,
    max_hops: int | None = None,
) -> list[WarmPath]:
    """Warm paths whose relays are at the team's relay level or above."""
    return warm_paths(graph, target, source=source, k=k, max_hops=max_hops, **path_options(s))


def next_targets_with(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    *,
    target_level: int | None = None,
    ranked: Ranked | None = None,
    searches: TargetSearches | None = None,
) -> list[NextTarget]:
    """Next targets with the team's ranking, key people, target and relay levels
    (``searches``: see ``next_targets``)."""
    ranking, key = _ranked(graph, s, ranked)
    options = target_options(s)
    if target_level is not None:
        options["target_level"] = target_level
    return next_targets(graph, ranking=ranking, key=key, searches=searches, **options)


def fishbone_with(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    *,
    group_by: GroupBy = "department",
    ranked: Ranked | None = None,
) -> Fishbone:
    """The fishbone with the team's ranking and key people."""
    ranking, key = _ranked(graph, s, ranked)
    return fishbone(graph, group_by=group_by, ranking=ranking, key=key, **_formal(s))


def full_analysis_with(graph: nx.MultiDiGraph, s: MethodSettings, **given: Any) -> dict[str, Any]:
    """:func:`~graphcrm.analysis.report.full_analysis` with the team's settings."""
    return full_analysis(graph, **{**full_analysis_options(s), **given})


def what_if_with(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    changes: list[Any],
    *,
    ranked: Ranked | None = None,
) -> WhatIfResult:
    """The what-if with the team's ranking, key people and coverage thresholds."""
    ranking, key = _ranked(graph, s, ranked)
    options = {**coverage_options(s), **_formal(s), "min_level": s.relay_level}
    return what_if(graph, changes, ranking=ranking, key=key, **options)


def coverage_on(
    graph: nx.MultiDiGraph,
    s: MethodSettings,
    *,
    today: date,
    cadence_days: int | None = None,
) -> CoverageReport:
    """Coverage judged on ``today`` with the team's settings (a ``cadence_days`` given wins)."""
    ranking, key = _ranked(graph, s)
    options = coverage_options(s)
    if cadence_days is not None:
        options["cadence_days"] = cadence_days
    return coverage(graph, ranking=ranking, key=key, today=today, **options, **_formal(s))


def _formal(s: MethodSettings) -> dict[str, Any]:
    """Formal power's weights, for the role slots' gaps and completeness."""
    return {
        "role_weights": s.role_weights.model_dump(),
        "layer_weights": s.layer_weights.model_dump(),
    }
