"""Importance of the customer's people: the method's three rules, and formal power beside them.

衡量重要度的三个基本原则 (GLOSSARY.md, "Three rules of importance"):

1. 越多的人认识你，你就越重要 -- *known by many*: the number of distinct people
   who know the person (degree-style centrality).
2. 越多的人依赖你，你就越重要 -- *depended on by many*: everyone who depends on
   or reports to the person, directly or through others, with less weight per
   step (a decayed reach in the dependency graph).
3. 邻居越重要，你就越重要 -- *important neighbours*: weighted PageRank on the
   graph of who lends importance to whom (eigenvector-style centrality).

Each rule is normalised to 0..1 within the ranked population by dividing by
its maximum (all zero stays zero); the composite is their weighted sum, and
people are ranked by it. Formal power (title, layer, decision role) is a
separate axis; crossing the two gives the influence matrix (客户决策与权力分析图):
key decision makers, hidden influencers, formal authorities, peripheral.

Only customer-side people are ranked and lend importance: our staff and their
contact edges are ignored. For one opportunity (``graph.graph["decision_chain"]``
is not None) the rules run on the whole account network, because influence on
a decision runs through people outside the chain too, but only the people in
the chain are returned, normalised and ranked.

References
----------
.. [1] The course outlines in ``seeds/`` (关键客户关系; 决策链与关键人).
.. [2] L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation
   ranking: bringing order to the Web", Stanford InfoLab, 1999.
.. [3] D. Krackhardt, "Cognitive social structures", Social Networks 9,
   109-134, 1987 (the test data set for these rules).
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import networkx as nx
import numpy as np

from graphcrm.model.vocab import TieType

__all__ = [
    "DEFAULT_LAYER_WEIGHTS",
    "DEFAULT_ROLE_WEIGHTS",
    "DEPENDENCY_TIES",
    "KNOWING_TIES",
    "LENDING",
    "QUADRANTS",
    "QUADRANT_LABELS",
    "PersonImportance",
    "formal_power",
    "importance",
    "lending_arcs",
    "lending_graph",
]

#: Weight of each decision role in formal power; ``"none"`` is a person with no role.
DEFAULT_ROLE_WEIGHTS: dict[str, float] = {
    "decision_maker": 1.0,
    "approver": 0.9,
    "influencer": 0.7,
    "evaluator": 0.6,
    "purchaser": 0.5,
    "gatekeeper": 0.4,
    "user": 0.3,
    "none": 0.2,
}

#: Weight of each organisation layer in formal power. A person whose layer is
#: not set (or not in the table) gets the weight under ``"none"`` if the table
#: has one, else the lowest weight in the table (0.4 by default, as execution):
#: with no evidence of seniority we assume none.
DEFAULT_LAYER_WEIGHTS: dict[str, float] = {
    "decision": 1.0,
    "management": 0.7,
    "execution": 0.4,
}

#: Quadrant codes of the influence matrix (network importance x formal power).
QUADRANTS: tuple[str, ...] = (
    "key_decision_maker",
    "hidden_influencer",
    "formal_authority",
    "peripheral",
)
#: How each quadrant reads, in English and Chinese (客户决策与权力分析图).
QUADRANT_LABELS: dict[str, dict[str, str]] = {
    "key_decision_maker": {"en": "key decision maker", "zh": "关键决策者"},
    "hidden_influencer": {"en": "hidden influencer", "zh": "隐性影响者"},
    "formal_authority": {"en": "formal authority", "zh": "形式权威"},
    "peripheral": {"en": "peripheral", "zh": "边缘人员"},
}

#: How a tie u -> v of each type lends importance (rule 3): ``"along"`` u -> v,
#: ``"against"`` v -> u, ``"mutual"`` both ways unless the tie is directed (then
#: along), None not at all. Every tie type has an entry (``tests/test_code_lists.py``
#: checks).
LENDING: dict[str, str | None] = {
    TieType.REPORTS_TO.value: "along",
    TieType.DEPENDS_ON.value: "along",
    TieType.KNOWS.value: "mutual",
    TieType.INFLUENCES.value: "against",
    TieType.OPPOSES.value: None,  # a rivalry lends no importance (DESIGN.md "conflict ties")
}
#: The tie types rule 1 counts (who knows whom) ...
KNOWING_TIES: frozenset[str] = frozenset({TieType.KNOWS.value})
#: ... and rule 2 follows (who depends on, or reports to, whom).
DEPENDENCY_TIES: frozenset[str] = frozenset({TieType.DEPENDS_ON.value, TieType.REPORTS_TO.value})

_ALPHA = 0.85
# Stop the power iteration when the L1 change of the whole vector is below this.
# NetworkX's ``tol`` is per node (it stops at L1 < N * tol); this is tol = 1e-10 / N,
# four orders tighter than the 1e-6 / N that DESIGN.md asks for at the least.
_PAGERANK_L1_TOL = 1e-10
_PAGERANK_MAX_ITER = 10_000


@dataclass(frozen=True)
class PersonImportance:
    """One person's importance: the three rules (normalised and raw), rank and formal power.

    ``known_by_many``, ``depended_on_by_many`` and ``important_neighbours`` are
    the three rules normalised to 0..1 within the ranked population; ``known_by``,
    ``direct_dependents``, ``dependents_within_horizon``, ``dependency_score`` and
    ``pagerank`` are the raw values they were built from. ``composite`` is the
    weighted sum of the three normalised rules; ``rank`` 1 is the most important.
    ``formal_power`` is 0..1 and ``quadrant`` one of :data:`QUADRANTS`.
    """

    person_id: str
    name: str
    known_by_many: float
    depended_on_by_many: float
    important_neighbours: float
    known_by: int
    direct_dependents: int
    dependents_within_horizon: int
    dependency_score: float
    pagerank: float
    composite: float
    rank: int
    formal_power: float
    quadrant: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {f: getattr(self, f) for f in _FIELDS}


_FIELDS = tuple(f.name for f in fields(PersonImportance))


def importance(
    graph: nx.MultiDiGraph,
    *,
    weights: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3),
    horizon: int | None = 3,
    role_weights: Mapping[str, float] | None = None,
    layer_weights: Mapping[str, float] | None = None,
    high: float = 0.5,
) -> list[PersonImportance]:
    """Rank the customer's people by the three rules of importance.

    Rule 1, known by many (越多的人认识你): ``known_by`` is the number of distinct
    people who know the person. A ``knows`` tie counts for both ends unless it
    is directed; a directed tie u -> v (u knows v) counts for v only.

    Rule 2, depended on by many (越多的人依赖你): in the dependency graph with an
    arc u -> v for "u depends on v" and for "u reports to v", every other person
    u whose shortest path to v has length d <= ``horizon`` adds 0.5 ** (d - 1) to
    v's ``dependency_score`` (a direct dependent 1, one step further 0.5, then
    0.25). ``direct_dependents`` counts d = 1, ``dependents_within_horizon`` all
    d <= horizon. One breadth-first search per ranked person on the reversed
    graph, cut off at the horizon.

    Rule 3, important neighbours (邻居越重要): PageRank with damping 0.85 on the
    lending graph (see :func:`lending_graph`): an arc x -> y means x lends
    importance to y (x knows y, both ways unless directed; x depends on or
    reports to y; y influences x), weighted by tie strength, parallel ties
    adding up. Dangling people spread their rank uniformly, as in NetworkX.
    The power iteration stops at an L1 change below 1e-10 (NetworkX's
    ``tol = 1e-10 / N``). If the account has no ties at all, PageRank is
    uniform and says nothing about neighbours: ``important_neighbours`` is then
    0 for everyone (``pagerank`` still reports 1 / N). Otherwise a person
    nobody lends to keeps PageRank's teleport share, a small positive score.

    Each rule is divided by its maximum over the ranked population (all zero
    stays zero). ``composite`` is the weighted sum with ``weights`` rescaled to
    sum to 1; people are ranked by composite, ties broken by id.

    Formal power is the highest weight among the person's decision roles (the
    ``"none"`` weight with no role) times their layer's weight. The quadrant
    crosses formal power with the composite *relative to the account's most
    important person* (composite / max composite), each high when at least
    ``high``. The composite is re-normalised because the three rules rarely
    all agree on who is top (Krackhardt's manager 2 is the most consulted and
    the most befriended, yet not first on PageRank: composite 0.97), so the
    best composite of an account is often below 1, in a split network well
    below, and a fixed threshold on the raw value would find no hidden
    influencer exactly where the network has a clear leader without the title.
    Relative to the top, "high" means "at least half as important as the most
    important person here", on the same footing as each rule's normalisation.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph as :mod:`graphcrm.graph` builds it.
    weights : (float, float, float)
        Weights of rules 1, 2 and 3 in the composite; non-negative, not all zero.
    horizon : int or None
        Longest dependency path counted by rule 2 (at least 1); None for no
        limit, which costs a search over the whole reach of every person.
    role_weights, layer_weights : mapping, optional
        Overrides of :data:`DEFAULT_ROLE_WEIGHTS` / :data:`DEFAULT_LAYER_WEIGHTS`
        (merged over the defaults), each weight in [0, 1].
    high : float
        Threshold of "high" on both axes of the quadrant, in [0, 1].

    Returns
    -------
    list of PersonImportance
        The ranked people (the decision chain only, for an opportunity), rank 1 first.

    Raises
    ------
    ValueError
        If a weight, the horizon or the threshold is out of range.

    Examples
    --------
    >>> from graphcrm.graph import build_account_graph
    >>> from graphcrm.model import Account, Dataset, Person, Tie
    >>> data = Dataset(
    ...     accounts=[Account(id="a", name="A")],
    ...     people=[Person(id=p, account_id="a", name=p.upper()) for p in ("x", "y", "z")],
    ...     ties=[Tie(type="reports_to", source_id=p, target_id="x") for p in ("y", "z")],
    ... )
    >>> ranking = importance(build_account_graph(data, "a"))
    >>> [(p.person_id, p.rank, p.direct_dependents) for p in ranking]
    [('x', 1, 2), ('y', 2, 0), ('z', 3, 0)]
    """
    w = _rule_weights(weights)
    if horizon is not None and (isinstance(horizon, bool) or horizon < 1):
        raise ValueError(f"horizon must be a whole number of steps >= 1 or None, got {horizon!r}")
    if not 0.0 <= high <= 1.0:
        raise ValueError(f"high must be in [0, 1], got {high!r}")
    roles_w = _merged_weights(DEFAULT_ROLE_WEIGHTS, role_weights, "role")
    layers_w = _merged_weights(DEFAULT_LAYER_WEIGHTS, layer_weights, "layer")

    people: dict[str, dict[str, Any]] = {
        n: d for n, d in graph.nodes(data=True) if d.get("kind") == "person"
    }
    ranked = sorted(n for n, d in people.items() if d.get("in_chain", True))
    if not ranked:
        return []
    rules = _three_rules(graph, people, ranked, horizon)
    composite = rules.composite(w)
    order = sorted(ranked, key=lambda p: (-composite[p], p))
    top = composite[order[0]]

    result = []
    for rank, p in enumerate(order, start=1):
        d = people[p]
        power = formal_power(
            d.get("roles", ()), d.get("layer"), role_weights=roles_w, layer_weights=layers_w
        )
        relative = composite[p] / top if top > 0 else 0.0
        result.append(rules.person(p, d.get("name", p), composite[p], rank, power, relative, high))
    return result


@dataclass(frozen=True)
class _Rules:
    """The three rules over the ranked people: raw values and each normalised to 0..1."""

    known: dict[str, int]
    reach: dict[str, tuple[int, int, float]]  # (direct, within horizon, decayed score)
    pagerank: dict[str, float]
    known_n: dict[str, float]
    dep_n: dict[str, float]
    pr_n: dict[str, float]

    def composite(self, w: tuple[float, float, float]) -> dict[str, float]:
        """The weighted sum of the three normalised rules, per ranked person."""
        return {
            p: w[0] * self.known_n[p] + w[1] * self.dep_n[p] + w[2] * self.pr_n[p]
            for p in self.known
        }

    def person(
        self,
        p: str,
        name: str,
        composite: float,
        rank: int,
        power: float,
        relative: float,
        high: float,
    ) -> PersonImportance:
        """Person ``p``'s result: these rules, composite, rank, formal power and quadrant.

        The quadrant crosses ``relative`` (composite / the top composite) with ``power``.
        """
        direct, within, score = self.reach[p]
        return PersonImportance(
            person_id=p,
            name=name,
            known_by_many=self.known_n[p],
            depended_on_by_many=self.dep_n[p],
            important_neighbours=self.pr_n[p],
            known_by=self.known[p],
            direct_dependents=direct,
            dependents_within_horizon=within,
            dependency_score=score,
            pagerank=self.pagerank[p],
            composite=composite,
            rank=rank,
            formal_power=power,
            quadrant=_quadrant(relative, power, high),
        )


def _three_rules(
    graph: nx.MultiDiGraph,
    people: Mapping[str, Any],
    ranked: list[str],
    horizon: int | None,
) -> _Rules:
    """Rules 1 to 3 for the ranked people, from one pass over the lending arcs."""
    knowers: dict[str, set[str]] = {}
    dependents: dict[str, list[str]] = {}  # y -> people x with a dependency arc x -> y
    index = {p: i for i, p in enumerate(people)}
    src: list[int] = []  # the lending graph's arcs, as node indexes and strengths
    dst: list[int] = []
    strength: list[float] = []
    for x, y, s, kind in lending_arcs(graph, people):
        src.append(index[x])
        dst.append(index[y])
        strength.append(s)
        if kind in KNOWING_TIES:
            knowers.setdefault(y, set()).add(x)
        elif kind in DEPENDENCY_TIES:
            dependents.setdefault(y, []).append(x)

    ranks = _pagerank(len(index), src, dst, strength)
    pagerank = {p: float(ranks[index[p]]) for p in ranked}
    known = {p: len(knowers.get(p, ())) for p in ranked}
    reach = {p: _dependents(dependents, p, horizon) for p in ranked}
    return _Rules(
        known=known,
        reach=reach,
        pagerank=pagerank,
        known_n=_normalised(known),
        dep_n=_normalised({p: r[2] for p, r in reach.items()}),
        # With no ties at all PageRank is uniform: no neighbours, nothing lent.
        pr_n=_normalised(pagerank if src else dict.fromkeys(ranked, 0.0)),
    )


def formal_power(
    roles: Iterable[str],
    layer: str | None,
    *,
    role_weights: Mapping[str, float] | None = None,
    layer_weights: Mapping[str, float] | None = None,
) -> float:
    """Formal power, 0..1: the highest weight of the person's roles times their layer weight.

    A person with no role gets ``role_weights["none"]``; an unknown or missing
    layer gets ``layer_weights["none"]`` when present, else the lowest layer
    weight (execution, 0.4, by default). Unknown roles are ignored.

    >>> formal_power(["influencer", "approver"], "management")
    0.63
    """
    rw = DEFAULT_ROLE_WEIGHTS if role_weights is None else role_weights
    lw = DEFAULT_LAYER_WEIGHTS if layer_weights is None else layer_weights
    role_values = [rw[r] for r in roles if r in rw and r != "none"]
    role_part = max(role_values) if role_values else rw.get("none", 0.0)
    if layer is not None and layer in lw:
        layer_part = lw[layer]
    else:
        layer_part = lw.get("none", min(lw.values(), default=0.0))
    return round(role_part * layer_part, 12)


def lending_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The graph rule 3 runs PageRank on: an arc x -> y means x lends importance to y.

    The arcs of :func:`lending_arcs`, weighted by the tie's strength; parallel
    ties between the same two people add up (``weight``). Every customer-side
    person is a node; staff and contact edges are left out. :func:`importance`
    computes the same thing on arrays; this is for reading and testing.
    """
    people = {n for n, d in graph.nodes(data=True) if d.get("kind") == "person"}
    lend = nx.DiGraph()
    lend.add_nodes_from(n for n in graph if n in people)
    for x, y, s, _kind in lending_arcs(graph, people):
        if lend.has_edge(x, y):
            lend[x][y]["weight"] += s
        else:
            lend.add_edge(x, y, weight=s)
    return lend


def lending_arcs(
    graph: nx.MultiDiGraph, people: Container[str] | None = None
) -> Iterator[tuple[str, str, float, str]]:
    """(x, y, strength, tie type) of every arc by which x lends importance to y.

    Each tie between two customer-side people (``people``: every person of the
    graph by default) lends as :data:`LENDING` says for its type: x knows y
    (both ways unless the tie is directed), x depends on y, x reports to y,
    and y influences x each give x -> y. The one reading of the tie types
    that rules 1 to 3 share (:func:`importance` and :func:`lending_graph`).
    """
    if people is None:
        people = {n for n, d in graph.nodes(data=True) if d.get("kind") == "person"}
    # The raw adjacency dicts, read only (as NetworkX's own algorithms do): the
    # AdjacencyView wrappers cost a third of the whole analysis at 50,000 people.
    for u, nbrs in graph._adj.items():
        if u not in people:
            continue
        for v, keyed in nbrs.items():
            if v not in people:
                continue
            for key, d in keyed.items():
                kind = d.get("type", key)
                way = LENDING.get(kind)
                if way is None:
                    continue
                s = float(d.get("strength", 1.0))
                if way == "against":
                    yield v, u, s, kind
                    continue
                yield u, v, s, kind
                if way == "mutual" and not d.get("directed", False):
                    yield v, u, s, kind


def _rule_weights(weights: tuple[float, float, float]) -> tuple[float, float, float]:
    values = tuple(float(x) for x in weights)
    if len(values) != 3 or any(x < 0 or x != x for x in values) or sum(values) <= 0:
        raise ValueError(
            f"weights must be three non-negative numbers, not all zero; got {weights!r}"
        )
    total = sum(values)
    return values[0] / total, values[1] / total, values[2] / total


def _merged_weights(
    defaults: Mapping[str, float], overrides: Mapping[str, float] | None, what: str
) -> dict[str, float]:
    merged = dict(defaults)
    merged.update(overrides or {})
    for name, value in merged.items():
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{what} weight of {name!r} must be in [0, 1], got {value!r}")
    return merged


def _dependents(
    dependents: Mapping[str, list[str]], v: str, horizon: int | None
) -> tuple[int, int, float]:
    """(direct, within horizon, decayed score) of ``v``: a BFS on the reversed dependency graph."""
    seen = {v}
    frontier = [v]
    depth = 0
    direct = within = 0
    score = 0.0
    while frontier and (horizon is None or depth < horizon):
        depth += 1
        found = []
        for x in frontier:
            for u in dependents.get(x, ()):
                if u not in seen:
                    seen.add(u)
                    found.append(u)
        if depth == 1:
            direct = len(found)
        within += len(found)
        score += len(found) * 0.5 ** (depth - 1)
        frontier = found
    return direct, within, score


def _pagerank(n: int, src: list[int], dst: list[int], strength: list[float]) -> np.ndarray:
    """Weighted PageRank (damping 0.85, uniform teleport and dangling) by power iteration.

    Nodes are 0..n-1, arc i runs from ``src[i]`` to ``dst[i]`` with weight
    ``strength[i]``. The same fixed point as ``nx.pagerank(lending_graph(g),
    alpha=0.85)``, computed on arrays: parallel arcs add up in the sums by
    construction.
    """
    if n == 0:
        return np.zeros(0)
    s = np.asarray(src, dtype=np.int64)
    d = np.asarray(dst, dtype=np.int64)
    weight = np.asarray(strength, dtype=np.float64)
    out = np.bincount(s, weights=weight, minlength=n)
    dangling = out == 0
    share = weight / out[s] if len(s) else weight  # each arc's share of its source's rank
    x = np.full(n, 1.0 / n)
    for _ in range(_PAGERANK_MAX_ITER):
        spread = _ALPHA * x[dangling].sum() + (1.0 - _ALPHA)
        nxt = _ALPHA * np.bincount(d, weights=x[s] * share, minlength=n) + spread / n
        err = float(np.abs(nxt - x).sum())
        x = nxt
        if err < _PAGERANK_L1_TOL:
            break
    else:  # pragma: no cover - damping 0.85 contracts by 0.85 a step; ~150 steps suffice
        raise nx.PowerIterationFailedConvergence(_PAGERANK_MAX_ITER)
    normalised: np.ndarray = x / x.sum()
    return normalised


K = TypeVar("K", bound=Hashable)  # a node id: person ids here, any hashable in networkx


def _normalised(raw: Mapping[K, float]) -> dict[K, float]:
    top = max(raw.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(raw, 0.0)
    return {k: v / top for k, v in raw.items()}


def _quadrant(relative_composite: float, power: float, high: float) -> str:
    important = relative_composite >= high
    formal = power >= high
    if important and formal:
        return "key_decision_maker"
    if important:
        return "hidden_influencer"
    if formal:
        return "formal_authority"
    return "peripheral"
