"""The strongest warm path to many targets from one shortest-path tree (issue 17, speed).

:class:`~graphcrm.analysis.paths.PathSearch` finds the strongest warm path by
Yen's algorithm: the first path, then every further path as strong to a
relative 1e-12 (``_REL_TOL``), the best of those by strength, fewer hops, then
ids (DESIGN.md, "Breakthrough"). Next targets ask that of every key person
(``k = 1``, no hop limit), and Yen's algorithm pays two or more Dijkstra
searches per target to prove that no second path ties the first.

The same answer from one Dijkstra over the whole search graph: ``least`` holds
every node's least cost from the virtual start. A path's cost is its target's
least cost plus the *slack* of its arcs (``least[u] + cost(u, v) - least[v]``,
never below 0), so the paths as strong as the best one are the simple paths
whose slacks add up to no more than the tolerance. :func:`tied_paths` walks
back from the target over such arcs only, a little more generously than the
tolerance (rounding), and the caller keeps those whose summed cost passes the
same test Yen's loop applies (``PathSearch._tied``).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Hashable, Mapping

__all__ = ["least_costs", "tied_paths"]

Node = Hashable
Costs = Mapping[Node, Mapping[Node, float]]


def least_costs(succ: Costs, start: Node) -> dict[Node, float]:
    """Dijkstra: the least cost of every node reachable from ``start`` (costs >= 0)."""
    least: dict[Node, float] = {}
    best: dict[Node, float] = {start: 0.0}
    order = itertools.count()  # ties in the heap never compare nodes
    heap: list[tuple[float, int, Node]] = [(0.0, next(order), start)]
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in least:
            continue
        least[u] = d
        for v, w in succ.get(u, {}).items():
            nd = d + w
            if v not in least and (v not in best or nd < best[v]):
                best[v] = nd
                heapq.heappush(heap, (nd, next(order), v))
    return least


def tied_paths(
    pred: Costs, least: Mapping[Node, float], start: Node, target: Node, slack: float
) -> list[list[Node]]:
    """Every simple path start -> ``target`` whose arcs' slacks add up to at most ``slack``.

    ``pred[v][u]`` is the cost of the arc u -> v. Walks back from the target,
    depth first on an explicit stack (paths may be long), over arcs whose
    slack keeps the sum within the bound; each path is returned start first.
    """
    if target not in least:
        return []
    found: list[list[Node]] = []
    path: list[Node] = [target]
    on_path = {target}
    # Each frame: the node, the slack used to reach it, and its remaining predecessors.
    stack = [(target, 0.0, iter(pred.get(target, {}).items()))]
    while stack:
        v, used, preds = stack[-1]
        step = next(preds, None)
        if step is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        u, w = step
        du = least.get(u)
        if du is None or u in on_path:
            continue
        total = used + max(du + w - least[v], 0.0)
        if total > slack:
            continue
        if u == start:
            found.append([start, *reversed(path)])
            continue
        path.append(u)
        on_path.add(u)
        stack.append((u, total, iter(pred.get(u, {}).items())))
    return found
