"""Warm paths: who on our team can reach a person we still need, and through whom.

A warm path (a warm introduction) runs from one of our staff, over a contact
tie (our coverage, 接触), to a customer-side person, and from person to person
over the customer's own ties until it reaches the target. It is the first
question of a breakthrough plan (关键客户关系的拓展方法; 选目标与负责人): who
can open the door, and who would carry us in.

Arcs a path may use (DESIGN.md, "Breakthrough"):

- ``contact`` staff -> person: our staff member to the person they cover.
- ``knows`` (认识): both ways unless the tie is directed. A directed tie u -> v
  means u knows v (not the other way round), so it is usable from u to v
  only: u can approach v, but v has no acquaintance with u to act on.
- ``reports_to`` (汇报): both ways; a manager introduces us down, a report up.
- ``influences`` (影响): from the influencer to the influenced only.
- ``depends_on`` (依赖) is not a path tie: it records who goes to whom for
  advice or approval, which drives importance (rule 2), not a willingness to
  pass an introduction along; DESIGN.md leaves it out of the path ties.

Only customer-side people relay: our staff appear only at the start of a
path. A relay (everyone between the staff member and the target) must be at
level ``min_level`` or above toward us (default 1, 支持 supports): an opponent
or a neutral person will not carry us. The target itself needs no minimum.

A path's strength is the product of its tie strengths; parallel ties between
the same two people (say ``knows`` and ``reports_to``) count once, with the
strongest. The k strongest simple paths are found with Yen's algorithm
(:func:`networkx.shortest_simple_paths`) on weights ``-log(strength)`` over the
allowed arcs, from a virtual source joined to the eligible staff by arcs of
weight 0. Equally strong paths are ordered by fewer hops, then by ids. With
``max_hops`` the search is first cut down to the people that lie on some
path that short (breadth-first from both ends).

For one opportunity the whole account network is searched: a relay need not
be in the decision chain (influence runs through people outside it too).

References
----------
.. [1] The course outlines in ``seeds/`` (关键客户关系的拓展方法).
.. [2] J. Y. Yen, "Finding the k shortest loopless paths in a network",
   Management Science 17(11), 712-716, 1971.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphcrm.analysis.rivalry import rival_pairs
from graphcrm.analysis.tight_paths import least_costs, tied_paths
from graphcrm.errors import NotFoundError
from graphcrm.model.vocab import TieType

__all__ = [
    "PATH_TIES",
    "PATH_WAYS",
    "Arcs",
    "PathSearch",
    "WarmPath",
    "allowed_arcs",
    "path_arcs",
    "warm_paths",
]

#: How a warm path may use a tie u -> v of each type between two customer-side
#: people: ``"along"`` from u to v only, ``"both"`` ways, ``"mutual"`` both ways
#: unless the tie is directed (then along), None not at all. Every tie type has
#: an entry (``tests/test_code_lists.py`` checks).
PATH_WAYS: dict[str, str | None] = {
    TieType.REPORTS_TO.value: "both",
    TieType.DEPENDS_ON.value: None,
    TieType.KNOWS.value: "mutual",
    TieType.INFLUENCES.value: "along",
    TieType.OPPOSES.value: None,  # rivals never relay to each other (see graphcrm.analysis.rivalry)
}
#: The tie types a warm path may use between two customer-side people.
PATH_TIES: tuple[str, ...] = tuple(t for t, way in PATH_WAYS.items() if way is not None)

_REL_TOL = 1e-12


class _VirtualSource:
    """The node the search starts from; it cannot collide with any id in the graph."""

    def __repr__(self) -> str:
        return "<virtual source>"


@dataclass(frozen=True)
class WarmPath:
    """One warm path: a staff member, then the people after them, ending with the target.

    ``strength`` is the product of the tie strengths along the path and
    ``hops`` the number of ties (``len(people)``: one for a direct contact).
    ``names`` maps the staff id and every person id on the path to a name.
    """

    staff_id: str
    people: tuple[str, ...]
    strength: float
    hops: int
    names: dict[str, str] | None = None

    @property
    def target(self) -> str:
        """The person the path ends at."""
        return self.people[-1]

    @property
    def relays(self) -> tuple[str, ...]:
        """The people who carry us to the target (all but the target)."""
        return self.people[:-1]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with names."""
        names = self.names or {}
        return {
            "staff_id": self.staff_id,
            "staff_name": names.get(self.staff_id, self.staff_id),
            "people": [{"person_id": p, "name": names.get(p, p)} for p in self.people],
            "strength": self.strength,
            "hops": self.hops,
        }


def warm_paths(
    graph: nx.MultiDiGraph,
    target: str,
    *,
    source: str | None = None,
    k: int = 3,
    min_level: int = 1,
    max_hops: int | None = None,
) -> list[WarmPath]:
    """The k strongest warm paths from our staff to ``target``.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`).
    target : str
        The customer-side person to reach.
    source : str, optional
        One staff member to start from; any of our staff when None.
    k : int
        How many paths to return, at most (>= 1).
    min_level : int
        The lowest level toward us at which a person relays (default 1).
    max_hops : int, optional
        The most ties a path may have (>= 1); no limit when None.

    Returns
    -------
    list of WarmPath
        Strongest first (ties: fewer hops, then ids); empty when no path
        reaches the target.

    Raises
    ------
    NotFoundError
        If ``target`` is not a person of the graph or ``source`` not a staff member.
    ValueError
        If ``k`` or ``max_hops`` is below 1.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("s", kind="staff", name="Sam")
    >>> g.add_node("a", kind="person", name="Ann", level=3)
    >>> g.add_node("t", kind="person", name="Tom", level=0)
    >>> _ = g.add_edge("s", "a", key="contact", type="contact", strength=0.8)
    >>> _ = g.add_edge("a", "t", key="reports_to", type="reports_to", strength=0.5)
    >>> [(p.staff_id, p.people, p.strength) for p in warm_paths(g, "t")]
    [('s', ('a', 't'), 0.4)]
    """
    if isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    if max_hops is not None and (isinstance(max_hops, bool) or max_hops < 1):
        raise ValueError(f"max_hops must be at least 1 or None, got {max_hops!r}")
    if target not in graph or graph.nodes[target].get("kind") != "person":
        raise NotFoundError(f"no person {target!r} in this account")
    if source is not None and (source not in graph or graph.nodes[source].get("kind") != "staff"):
        raise NotFoundError(f"no staff member {source!r}")

    search = PathSearch(graph, allowed_arcs(graph, min_level=min_level, source=source))
    return search.strongest(target, k=k, max_hops=max_hops)


def path_arcs(
    graph: nx.MultiDiGraph,
    *,
    min_level: int = 1,
    source: str | None = None,
    ignore_rivalry: bool = False,
) -> nx.DiGraph:
    """The arcs a warm path may use, each with the strength of the strongest tie behind it.

    Staff -> person for every contact (from ``source`` only, when given);
    person -> person for ``knows`` (both ways unless directed), ``reports_to``
    (both ways) and ``influences`` (influencer to influenced), keeping only
    arcs that leave a person at level ``min_level`` or above (a relay). No arc
    runs between two people who oppose each other (an ``opposes`` tie, DESIGN.md
    "conflict ties"), unless ``ignore_rivalry`` (to find the path a rivalry
    rules out). Every customer-side person is a node, whoever can reach them.
    The arcs of :func:`allowed_arcs`, as a graph (for reading and testing).
    """
    found = allowed_arcs(
        graph,
        min_level=min_level,
        source=source,
        rivals=frozenset() if ignore_rivalry else None,
    )
    arcs = nx.DiGraph()
    arcs.add_nodes_from(found.nodes)
    arcs.add_edges_from(
        (u, v, {"strength": s}) for u in found.nodes for v, s in found.strength.get(u, {}).items()
    )
    return arcs


@dataclass(frozen=True)
class Arcs:
    """The arcs a warm path may use, as plain dicts (what :class:`PathSearch` reads).

    ``nodes``: every customer-side person in the graph's order, then each staff
    member with a contact as first met; ``strength[u][v]``: the strongest tie's
    strength of the arc u -> v, arcs in the order first met.
    """

    nodes: list[Any]
    strength: dict[Any, dict[Any, float]]


def allowed_arcs(
    graph: nx.MultiDiGraph,
    *,
    min_level: int = 1,
    source: str | None = None,
    rivals: frozenset[frozenset[str]] | None = None,
) -> Arcs:
    """:func:`path_arcs`'s rule, read straight from the graph's adjacency.

    ``rivals``: the pairs no arc may join (:func:`rival_pairs` of the graph when
    None; an empty set to ignore rivalry).
    """
    nodes: dict[str, dict[str, Any]] = graph._node  # read only, as NetworkX's algorithms do
    people = [n for n, d in nodes.items() if d.get("kind") == "person"]
    is_person = set(people)
    relays = {n for n in people if int(nodes[n].get("level", 0) or 0) >= min_level}
    if rivals is None:
        rivals = rival_pairs(graph)
    strength: dict[Any, dict[Any, float]] = {}
    staff: list[str] = []

    def keep(a: str, b: str, s: float) -> None:
        out = strength.get(a)
        if out is None:
            out = strength[a] = {}
            if a not in is_person:
                staff.append(a)
        if out.get(b, -1.0) < s:
            out[b] = s

    for u, nbrs in graph._adj.items():
        u_kind = nodes[u].get("kind")
        for v, keyed in nbrs.items():
            for key, d in keyed.items():
                kind = d.get("type", key)
                s = float(d.get("strength", 1.0))
                if not s > 0:
                    continue
                s = min(s, 1.0)
                if kind == "contact":
                    if u_kind == "staff" and v in is_person and (source is None or u == source):
                        keep(u, v, s)
                    continue
                way = PATH_WAYS.get(kind)
                if way is None or u not in is_person or v not in is_person:
                    continue
                if u in relays and not (rivals and frozenset((u, v)) in rivals):
                    keep(u, v, s)
                back = way == "both" or (way == "mutual" and not d.get("directed", False))
                if back and v in relays and not (rivals and frozenset((v, u)) in rivals):
                    keep(v, u, s)
    return Arcs(nodes=people + staff, strength=strength)


class PathSearch:
    """The search graph for one set of arcs, built once and reused for every target.

    :func:`warm_paths` builds one for a single target, and
    :func:`~graphcrm.analysis.targets.next_targets` one for all its targets:
    ``PathSearch(graph, allowed_arcs(graph)).strongest(target, k=1, max_hops=None)``.

    Arcs carry ``cost = -log(strength)``; a virtual start node leads to every
    staff member with a contact at cost 0. ``reachable`` holds every node a path
    can reach from the start. The strongest path (``k = 1``, no hop limit) comes
    from one shortest-path tree shared by every target (:mod:`tight_paths`);
    other searches run Yen's algorithm on a NetworkX graph built when first needed.
    """

    def __init__(self, graph: nx.MultiDiGraph, arcs: nx.DiGraph | Arcs) -> None:
        if isinstance(arcs, nx.DiGraph):
            arcs = Arcs(
                nodes=list(arcs.nodes),
                strength={u: {v: d["strength"] for v, d in arcs.adj[u].items()} for u in arcs},
            )
        # The graph's node attributes (for names), not the graph: searches are kept per
        # graph in weak-keyed caches (api/rankings.py), and a value holding its key
        # would keep every graph it was built on alive.
        self.node_data: dict[Any, dict[str, Any]] = graph._node
        self.strength = arcs.strength
        self.nodes = arcs.nodes
        self.start = _VirtualSource()
        nodes = graph._node
        staff = [n for n in arcs.nodes if nodes[n].get("kind") == "staff"]
        succ: dict[Any, dict[Any, float]] = {self.start: dict.fromkeys(staff, 0.0)}
        pred: dict[Any, dict[Any, float]] = {}
        for u in arcs.nodes:
            out = succ[u] = {}
            for v, s in arcs.strength.get(u, {}).items():
                out[v] = pred.setdefault(v, {})[u] = -math.log(s)
        for s_id in staff:
            pred.setdefault(s_id, {})[self.start] = 0.0
        self.succ, self.pred = succ, pred
        self.least = least_costs(succ, self.start)
        self.reachable = set(self.least) - {self.start}
        self._g: nx.DiGraph | None = None

    @property
    def g(self) -> nx.DiGraph:
        """The search graph as NetworkX holds it (Yen's algorithm, hop limits)."""
        if self._g is None:
            g = nx.DiGraph()
            g.add_node(self.start)
            g.add_nodes_from(self.nodes)
            g.add_edges_from(
                (u, v, {"cost": c}) for u in self.nodes for v, c in self.succ[u].items()
            )
            g.add_edges_from(((self.start, s) for s in self.succ[self.start]), cost=0.0)
            self._g = g
        return self._g

    def strongest(self, target: str, *, k: int, max_hops: int | None) -> list[WarmPath]:
        """The k strongest simple paths to ``target`` (ties: fewer hops, then ids)."""
        if target not in self.reachable:
            return []
        if k == 1 and max_hops is None:
            return self._ranked(self._tied(target))[:1]
        g: nx.DiGraph = self.g
        if max_hops is not None:
            keep = _within(g, self.start, target, max_hops + 1)
            if target not in keep:
                return []
            g = g.subgraph(keep)

        found: list[list[Any]] = []
        cutoff: float | None = None
        for nodes in nx.shortest_simple_paths(g, self.start, target, weight="cost"):
            if max_hops is not None and len(nodes) - 2 > max_hops:
                continue
            cost = sum(g[u][v]["cost"] for u, v in itertools.pairwise(nodes))
            if cutoff is not None and cost > cutoff + _REL_TOL * max(1.0, abs(cutoff)):
                break  # past the k-th path and every path as strong as it
            found.append(nodes)
            if len(found) == k:
                cutoff = cost
        return self._ranked(found)[:k]

    def _tied(self, target: str) -> list[list[Any]]:
        """The strongest path to ``target`` and every path as strong (Yen's loop, k = 1).

        Yen's loop keeps the paths whose summed cost is within ``_REL_TOL`` of the
        first one's; the walk over tight arcs finds a superset (twice the tolerance),
        and the same test, against the least summed cost, picks them out.
        """
        least = self.least[target]
        bound = 2 * _REL_TOL * max(1.0, abs(least)) + 1e-15
        found = tied_paths(self.pred, self.least, self.start, target, bound)
        costs = [sum(self.succ[u][v] for u, v in itertools.pairwise(p)) for p in found]
        cutoff = min(costs)
        limit = cutoff + _REL_TOL * max(1.0, abs(cutoff))
        return [p for p, cost in zip(found, costs, strict=True) if cost <= limit]

    def _ranked(self, found: list[list[Any]]) -> list[WarmPath]:
        """The paths (virtual start first) as warm paths, strongest first (then hops, ids)."""
        names = self.node_data
        paths = []
        for nodes in found:
            staff_id, people = nodes[1], tuple(nodes[2:])
            strength = math.prod(self.strength[u][v] for u, v in itertools.pairwise(nodes[1:]))
            paths.append(
                WarmPath(
                    staff_id=staff_id,
                    people=people,
                    strength=strength,
                    hops=len(people),
                    names={n: str(names[n].get("name", n)) for n in nodes[1:]},
                )
            )
        paths.sort(key=lambda p: (-p.strength, p.hops, p.staff_id, p.people))
        return paths


def _within(g: nx.DiGraph, start: Any, target: str, max_len: int) -> set[Any]:
    """The nodes on some walk of at most ``max_len`` arcs from start to target.

    Every node of a path of at most ``max_len`` arcs is among them, so the
    search can be cut down to these nodes before enumerating paths.
    """
    ahead = nx.single_source_shortest_path_length(g, start, cutoff=max_len)
    behind = nx.single_source_shortest_path_length(g.reverse(copy=False), target, cutoff=max_len)
    return {n for n, d in ahead.items() if n in behind and d + behind[n] <= max_len}
