"""The three rules on arrays (issue 17) against a plain reading of DESIGN.md on random graphs.

``importance`` reads the lending arcs once into index arrays and counts rule 1
with NumPy, ranks with a stable sort and fills its records without the frozen
dataclass's setters. Here an independent implementation, written with NetworkX
primitives straight from DESIGN.md's definitions (distinct knowers, shortest
dependency distances within the horizon, PageRank on the lending graph),
checks it on random accounts full of ties of every type, both ways round and
directed or not, with and without a decision chain.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from typing import Any

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graphcrm.analysis.importance import (
    DEPENDENCY_TIES,
    KNOWING_TIES,
    PersonImportance,
    default_k,
    importance,
    lending_graph,
)
from tests.analysis.test_importance import account_graph, person, tie

TIE_TYPES = ("knows", "knows", "depends_on", "reports_to", "influences", "opposes")


def random_graph(rnd: random.Random, chain: bool) -> nx.MultiDiGraph:
    n = rnd.randint(1, 30)
    people = [
        person(f"p{i:02d}", layer=rnd.choice([None, "decision", "management", "execution"]))
        for i in range(n)
    ]
    specs = {
        (rnd.choice(TIE_TYPES), rnd.randrange(n), rnd.randrange(n))
        for _ in range(rnd.randint(0, 4 * n))
    }
    ties = [
        tie(kind, f"p{a:02d}", f"p{b:02d}", rnd.choice([0.2, 0.5, 1.0]), rnd.random() < 0.3)
        for kind, a, b in sorted(specs)
        if a != b
    ]
    roles = {f"p{i:02d}": ["influencer"] for i in range(n) if rnd.random() < 0.6}
    return account_graph(people, ties, chain=roles if chain else None)


def reference(g: nx.MultiDiGraph, horizon: int | None) -> dict[str, dict[str, Any]]:
    """Rules 1 to 3, each normalised, and the composite, for the ranked people of ``g``."""
    people = {n for n, d in g.nodes(data=True) if d.get("kind") == "person"}
    ranked = sorted(p for p in people if g.nodes[p].get("in_chain", True))
    knowers: dict[str, set[str]] = {p: set() for p in people}
    depends = nx.DiGraph()  # an arc v -> u: u depends on or reports to v
    depends.add_nodes_from(people)
    for u, v, d in g.edges(data=True):
        if u not in people or v not in people:
            continue
        if d["type"] in KNOWING_TIES:
            knowers[v].add(u)
            if not d.get("directed", False):
                knowers[u].add(v)
        elif d["type"] in DEPENDENCY_TIES:
            depends.add_edge(v, u)
    lend = lending_graph(g)
    # NetworkX's own power iteration, stopped where importance stops (L1 change < 1e-10):
    # the rules' fixed point is checked to 1e-7 against a tight tolerance in test_importance.
    pagerank = _pagerank_python(
        lend, alpha=0.85, weight="weight", tol=1e-10 / max(1, len(lend)), max_iter=10_000
    )
    rows = {}
    for p in ranked:
        dist = nx.single_source_shortest_path_length(depends, p, cutoff=horizon)
        steps = [d for q, d in dist.items() if q != p]
        rows[p] = {
            "known_by": len(knowers[p]),
            "direct_dependents": steps.count(1),
            "dependents_within_horizon": len(steps),
            "dependency_score": sum(0.5 ** (d - 1) for d in steps),
            "pagerank": pagerank[p],
        }
    lent = lend.number_of_edges() > 0
    for raw, rule in (
        ("known_by", "known_by_many"),
        ("dependency_score", "depended_on_by_many"),
        ("pagerank", "important_neighbours"),
    ):
        top = max((r[raw] for r in rows.values()), default=0)
        for r in rows.values():
            r[rule] = r[raw] / top if top > 0 and (lent or raw != "pagerank") else 0.0
    for r in rows.values():
        r["composite"] = (
            r["known_by_many"] + r["depended_on_by_many"] + r["important_neighbours"]
        ) / 3
    return rows


@pytest.mark.parametrize("seed", range(6))
def test_the_array_rules_equal_a_plain_reference(seed: int) -> None:
    rnd = random.Random(seed)
    for case in range(12):
        g = random_graph(rnd, chain=case % 3 == 0)
        horizon = (1, 2, 3, None)[case % 4]
        got = importance(g, horizon=horizon)
        expected = reference(g, horizon)
        assert sorted(p.person_id for p in got) == sorted(expected)
        for p in got:
            want = expected[p.person_id]
            for field in ("known_by", "direct_dependents", "dependents_within_horizon"):
                assert getattr(p, field) == want[field], (seed, case, p.person_id, field)
            for field in (
                "dependency_score",
                "pagerank",
                "known_by_many",
                "depended_on_by_many",
                "important_neighbours",
                "composite",
            ):
                assert getattr(p, field) == pytest.approx(want[field], abs=1e-9), field
        # Ranked by composite, ties by id; the reference agrees on the order to 1e-9.
        assert got == sorted(got, key=lambda p: (-p.composite, p.person_id))
        assert [p.rank for p in got] == list(range(1, len(got) + 1))
        for a, b in itertools.pairwise(got):
            assert expected[a.person_id]["composite"] >= expected[b.person_id]["composite"] - 1e-9
        # The top K by rank with a composite above 0 read important, nobody else.
        cut = default_k(len(got))
        for p in got:
            important = p.quadrant in ("key_decision_maker", "hidden_influencer")
            assert important == (p.composite > 0 and p.composite >= got[cut - 1].composite - 1e-12)


def test_records_are_the_frozen_dataclass() -> None:
    g = account_graph(["a", "b", "c"], [("knows", "a", "b"), ("reports_to", "c", "a")])
    for p in importance(g):
        same = PersonImportance(**p.to_dict())
        assert p == same and hash(p) == hash(same) and list(p.to_dict()) == list(same.to_dict())
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.rank = 0  # type: ignore[misc]
