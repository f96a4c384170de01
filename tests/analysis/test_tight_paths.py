"""The strongest path from one shortest-path tree equals Yen's algorithm's, ties included."""

from __future__ import annotations

import random

import networkx as nx

from graphcrm.analysis.paths import PathSearch, allowed_arcs, path_arcs
from graphcrm.analysis.tight_paths import least_costs, tied_paths


def tied_account(seed: int, n: int = 14) -> nx.MultiDiGraph:
    """Random people and ties whose strengths repeat (0.5, 0.8, 1.0): many equally strong
    paths, and cycles of cost 0 (strength 1 both ways)."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"p{i}", kind="person", name=f"P{i}", level=rnd.choice([-1, 0, 1, 1, 2, 3]))
    for s in ("s1", "s2", "s3"):
        g.add_node(s, kind="staff", name=s.upper())
        for p in rnd.sample(range(n), 3):
            g.add_edge(s, f"p{p}", key="contact", type="contact", strength=rnd.choice([0.5, 1.0]))
    for _ in range(3 * n):
        u, v = rnd.sample(range(n), 2)
        kind = rnd.choice(["knows", "reports_to", "influences", "depends_on"])
        attrs = {"type": kind, "strength": rnd.choice([0.5, 0.8, 1.0])}
        if kind == "knows":
            attrs["directed"] = rnd.random() < 0.3
        g.add_edge(f"p{u}", f"p{v}", key=kind, **attrs)
    if rnd.random() < 0.5:
        g.add_edge("p0", "p1", key="opposes", type="opposes", strength=0.9)
    return g


def test_the_tree_search_picks_the_path_yens_algorithm_picks() -> None:
    compared = tied = 0
    for seed in range(40):
        g = tied_account(seed)
        search = PathSearch(g, allowed_arcs(g))
        for target in (n for n, d in g.nodes(data=True) if d["kind"] == "person"):
            fast = search.strongest(target, k=1, max_hops=None)
            # A hop limit no path reaches takes Yen's loop over the same paths.
            yen = search.strongest(target, k=1, max_hops=g.number_of_nodes())
            assert fast == yen, (seed, target)
            compared += bool(fast)
            tied += bool(fast) and len(search._tied(target)) > 1
    assert compared > 200 and tied > 50  # the comparison met many ties


def test_allowed_arcs_are_path_arcs() -> None:
    for seed in range(10):
        g = tied_account(seed)
        arcs = allowed_arcs(g)
        graph = path_arcs(g)
        assert arcs.nodes == list(graph.nodes)
        assert arcs.strength == {
            u: {v: d["strength"] for v, d in graph.adj[u].items()} for u in graph if graph.adj[u]
        }


def test_tied_paths_by_hand() -> None:
    # start -> a (0), a -> b (1), a -> c (1), b -> t (1), c -> t (1), a -> t (2.5)
    succ = {"S": {"a": 0.0}, "a": {"b": 1.0, "c": 1.0, "t": 2.5}, "b": {"t": 1.0}, "c": {"t": 1.0}}
    pred: dict[str, dict[str, float]] = {}
    for u, out in succ.items():
        for v, w in out.items():
            pred.setdefault(v, {})[u] = w
    least = least_costs(succ, "S")
    assert least == {"S": 0.0, "a": 0.0, "b": 1.0, "c": 1.0, "t": 2.0}
    assert sorted(tied_paths(pred, least, "S", "t", 1e-12)) == [
        ["S", "a", "b", "t"],
        ["S", "a", "c", "t"],
    ]
    assert len(tied_paths(pred, least, "S", "t", 0.5)) == 3  # a -> t has slack 0.5
    assert tied_paths(pred, least, "S", "x", 1.0) == []
