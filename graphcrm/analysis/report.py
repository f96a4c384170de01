"""The full analysis of one account (or one opportunity) as JSON-ready dicts.

Runs every analysis of DESIGN.md ("Analyses") on one graph, each once, each
fed the results it depends on: importance (the three rules) first, key people
from that ranking, then coverage and gaps, next targets and the fishbone from
the same ranking and key people, so every part agrees on who matters. Each
part is shaped like the REST response that serves it:

=================  ====================================================
key                REST route (prefix /api/v1/accounts/{account_id})
=================  ====================================================
``importance``     ``/importance``: per person, the three rules (0..1),
                   their raw counts, composite, rank, formal power,
                   quadrant
``key_people``     ``/key-people``: the key people and why each is key
``coverage``       ``/coverage``: health 0..100, per-person coverage and
                   quality, gaps heaviest first
``next_targets``   ``/next-targets``: ranked targets with score parts,
                   best warm path, suggested owner
``fishbone``       ``/fishbone``: structure and layout
=================  ====================================================

Besides these, ``account``, ``opportunity``, ``as_of`` and ``parameters`` say
what was analysed and how.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar, cast

import networkx as nx

from graphcrm.analysis.coverage import coverage
from graphcrm.analysis.fishbone import GroupBy, fishbone
from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import default_k, key_people
from graphcrm.analysis.targets import next_targets
from graphcrm.gc_pause import paused_gc

__all__ = ["PARTS", "full_analysis"]

#: The parts of the full analysis, in the order they are computed.
PARTS: tuple[str, ...] = ("importance", "key_people", "coverage", "next_targets", "fishbone")


F = TypeVar("F", bound=Callable[..., Any])


def _collector_paused(analysis: F) -> F:
    """``analysis`` run with the cyclic collector paused (:mod:`graphcrm.gc_pause`).

    Why: the full analysis allocates hundreds of thousands of containers, none of
    them garbage, and each generation-2 pass walks them all again (15-20 % of the
    CPU at 50,000 people, issue 17). Reference counting still frees memory.
    """

    @functools.wraps(analysis)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with paused_gc():
            return analysis(*args, **kwargs)

    return cast(F, paused)


@_collector_paused
def full_analysis(
    graph: nx.MultiDiGraph,
    *,
    weights: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3),
    horizon: int | None = 3,
    role_weights: Mapping[str, float] | None = None,
    layer_weights: Mapping[str, float] | None = None,
    high: float = 0.5,
    k: int | None = None,
    group_by: GroupBy = "department",
    weak_below: float | None = None,
    cadence_days: int | Mapping[str, int] | None = None,
    today: date | str | None = None,
    junior_below: int | None = None,
    supporter_level: int | None = None,
    target_level: int | None = None,
    min_level: int | None = None,
    plan_targets: bool | None = None,
    max_hops: int | None = None,
    timings: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Every analysis of one account graph, as one JSON-ready dict.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`), for one opportunity or not.
    weights, horizon, role_weights, layer_weights, high
        Passed to :func:`~graphcrm.analysis.importance.importance`.
    k : int, optional
        Passed to :func:`~graphcrm.analysis.key_people.key_people` (default:
        :func:`~graphcrm.analysis.key_people.default_k` of the ranked people).
    group_by : "department", "layer" or "role"
        Passed to :func:`~graphcrm.analysis.fishbone.fishbone`.
    weak_below, cadence_days, today, junior_below, supporter_level
        Passed to :func:`~graphcrm.analysis.coverage.coverage` when given
        (None keeps its defaults).
    target_level, min_level, plan_targets, max_hops
        Passed to :func:`~graphcrm.analysis.targets.next_targets` when given
        (None keeps its defaults; ``max_hops`` None is no limit).
    timings : dict, optional
        If given, filled with the seconds each part took (keys :data:`PARTS`),
        for benchmarks and logs; the result does not depend on it.

    Returns
    -------
    dict
        ``importance``, ``key_people``, ``coverage``, ``next_targets``,
        ``fishbone`` (see the module docstring), and ``account``,
        ``opportunity``, ``as_of`` and ``parameters``.

    Raises
    ------
    ValueError
        If a parameter is out of range (from the analysis that takes it).
    NotFoundError
        From coverage or next targets, if a key person is not in the graph.
    """
    clock = _Clock(timings)
    with clock("importance"):
        ranking = importance(
            graph,
            weights=weights,
            horizon=horizon,
            role_weights=role_weights,
            layer_weights=layer_weights,
            high=high,
            k=k,
        )
    with clock("key_people"):
        key = key_people(graph, ranking, k=k)
    with clock("coverage"):
        report = coverage(
            graph,
            ranking=ranking,
            key=key,
            **_given(
                weak_below=weak_below,
                cadence_days=cadence_days,
                today=today,
                junior_below=junior_below,
                supporter_level=supporter_level,
            ),
            role_weights=role_weights,
            layer_weights=layer_weights,
        )
    with clock("next_targets"):
        targets = next_targets(
            graph,
            ranking=ranking,
            key=key,
            max_hops=max_hops,
            **_given(target_level=target_level, min_level=min_level, plan_targets=plan_targets),
        )
    with clock("fishbone"):
        bones = fishbone(
            graph,
            group_by=group_by,
            ranking=ranking,
            key=key,
            role_weights=role_weights,
            layer_weights=layer_weights,
        )

    account = graph.graph.get("account") or {}
    opportunity = graph.graph.get("opportunity")
    as_of = graph.graph.get("as_of")
    total = sum(weights)
    return {
        "account": {"id": account.get("id"), "name": account.get("name")},
        "opportunity": (
            {"id": opportunity.get("id"), "name": opportunity.get("name")} if opportunity else None
        ),
        "as_of": as_of.isoformat() if isinstance(as_of, date) else as_of,
        "parameters": {
            "weights": {
                "known_by_many": weights[0] / total,
                "depended_on_by_many": weights[1] / total,
                "important_neighbours": weights[2] / total,
            },
            "horizon": horizon,
            "high": high,
            "k": k if k is not None else default_k(len(ranking)),
            "group_by": group_by,
        },
        "importance": [p.to_dict() for p in ranking],
        "key_people": [kp.to_dict() for kp in key],
        "coverage": report.to_dict(),
        "next_targets": [t.to_dict() for t in targets],
        "fishbone": bones.to_dict(),
    }


def _given(**options: Any) -> dict[str, Any]:
    return {name: value for name, value in options.items() if value is not None}


class _Clock:
    """Times the parts into ``timings`` when one is given."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, part: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        if self.timings is not None:
            self.timings[part] = time.perf_counter() - start
