"""Warm paths on a chain and a reporting tree, strengths multiplied out by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from graphcrm.analysis.paths import WarmPath, path_arcs, warm_paths
from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from tests.sample import small_account


def person(g: nx.MultiDiGraph, pid: str, level: int = 0) -> None:
    g.add_node(pid, kind="person", name=pid.upper(), level=level)


def staff(g: nx.MultiDiGraph, sid: str) -> None:
    g.add_node(sid, kind="staff", name=sid.upper())


def tie(g: nx.MultiDiGraph, kind: str, u: str, v: str, s: float, directed: bool = False) -> None:
    attrs = {"type": kind, "strength": s}
    if kind == "knows":
        attrs["directed"] = directed
    g.add_edge(u, v, key=kind, **attrs)


def chain(levels: tuple[int, int, int] = (1, 2, 3)) -> nx.MultiDiGraph:
    """s -contact 0.9-> p1 -knows 0.8- p2 -knows 0.5- p3 -knows 1.0- t (t opposes us)."""
    g = nx.MultiDiGraph()
    staff(g, "s")
    for pid, level in zip(("p1", "p2", "p3"), levels, strict=True):
        person(g, pid, level)
    person(g, "t", -1)
    tie(g, "contact", "s", "p1", 0.9)
    tie(g, "knows", "p1", "p2", 0.8)
    tie(g, "knows", "p3", "p2", 0.5)  # undirected: usable p2 -> p3 too
    tie(g, "knows", "p3", "t", 1.0)
    return g


def tree() -> nx.MultiDiGraph:
    """A reporting tree: m1, m2 -> vp1 -> ceo <- vp2 <- m3; our ar covers m1, sr m3, ex vp2."""
    g = nx.MultiDiGraph()
    for sid in ("ar", "sr", "ex"):
        staff(g, sid)
    for pid, level in (("ceo", 0), ("vp1", 1), ("vp2", 1), ("m1", 2), ("m2", 1), ("m3", 1)):
        person(g, pid, level)
    tie(g, "reports_to", "vp1", "ceo", 0.7)
    tie(g, "reports_to", "vp2", "ceo", 0.9)
    tie(g, "reports_to", "m1", "vp1", 0.8)
    tie(g, "reports_to", "m2", "vp1", 1.0)
    tie(g, "reports_to", "m3", "vp2", 0.5)
    tie(g, "contact", "ar", "m1", 0.9)
    tie(g, "contact", "sr", "m3", 0.6)
    tie(g, "contact", "ex", "vp2", 0.3)
    return g


def summary(paths: list[WarmPath]) -> list[tuple[str, tuple[str, ...], float, int]]:
    return [(p.staff_id, p.people, round(p.strength, 12), p.hops) for p in paths]


def test_chain_strength_is_the_product() -> None:
    assert summary(warm_paths(chain(), "t")) == [("s", ("p1", "p2", "p3", "t"), 0.36, 4)]


def test_direct_contact_is_one_hop() -> None:
    assert summary(warm_paths(chain(), "p1")) == [("s", ("p1",), 0.9, 1)]


@pytest.mark.parametrize("levels", [(0, 2, 3), (1, -1, 3), (1, 2, 0)])
def test_a_relay_below_the_minimum_level_breaks_the_chain(levels: tuple[int, int, int]) -> None:
    assert warm_paths(chain(levels), "t") == []


def test_min_level_is_configurable_and_the_target_needs_none() -> None:
    g = chain((1, 2, 3))
    assert warm_paths(g, "t", min_level=2) == []  # p1 at 1 no longer relays
    assert summary(warm_paths(g, "p2", min_level=1)) == [("s", ("p1", "p2"), 0.72, 2)]
    assert summary(warm_paths(chain((0, 0, 0)), "t", min_level=0)) == [
        ("s", ("p1", "p2", "p3", "t"), 0.36, 4)
    ]


def test_max_hops() -> None:
    assert len(warm_paths(chain(), "t", max_hops=4)) == 1
    assert warm_paths(chain(), "t", max_hops=3) == []
    with pytest.raises(ValueError, match="max_hops"):
        warm_paths(chain(), "t", max_hops=0)


def test_tree_k_strongest_with_ties_by_fewer_hops() -> None:
    g = tree()
    assert summary(warm_paths(g, "ceo")) == [
        ("ar", ("m1", "vp1", "ceo"), 0.504, 3),  # 0.9 * 0.8 * 0.7
        ("ex", ("vp2", "ceo"), 0.27, 2),  # 0.3 * 0.9
        ("sr", ("m3", "vp2", "ceo"), 0.27, 3),  # 0.6 * 0.5 * 0.9: as strong, longer
    ]
    assert summary(warm_paths(g, "ceo", k=2)) == summary(warm_paths(g, "ceo"))[:2]
    assert summary(warm_paths(g, "ceo", k=1)) == [("ar", ("m1", "vp1", "ceo"), 0.504, 3)]


def test_reports_to_runs_both_ways() -> None:
    # down from vp1 to m2, up from m1 to vp1: 0.9 * 0.8 * 1.0
    assert summary(warm_paths(tree(), "m2")) == [("ar", ("m1", "vp1", "m2"), 0.72, 3)]


def test_source_restricts_the_start() -> None:
    g = tree()
    assert summary(warm_paths(g, "ceo", source="sr")) == [("sr", ("m3", "vp2", "ceo"), 0.27, 3)]
    assert warm_paths(g, "m2", source="ex") == []  # vp2 -> ceo -> vp1: ceo (0) won't relay


def test_parallel_ties_count_once_with_the_strongest() -> None:
    g = tree()
    tie(g, "influences", "vp1", "ceo", 0.95)
    tie(g, "knows", "vp1", "ceo", 0.2)
    best = warm_paths(g, "ceo", k=1)[0]
    assert best.people == ("m1", "vp1", "ceo")
    assert best.strength == pytest.approx(0.9 * 0.8 * 0.95)
    assert path_arcs(g)["vp1"]["ceo"]["strength"] == 0.95


def test_directed_knows_and_influences_run_one_way() -> None:
    g = nx.MultiDiGraph()
    staff(g, "s")
    for pid in ("a", "b", "c", "d"):
        person(g, pid, 3)
    tie(g, "contact", "s", "a", 1.0)
    tie(g, "knows", "a", "b", 0.5, directed=True)  # a knows b: a can approach b
    tie(g, "knows", "c", "a", 0.5, directed=True)  # c knows a: a cannot approach c
    tie(g, "influences", "a", "d", 0.4)
    tie(g, "influences", "c", "b", 0.4)  # b cannot use c's influence on b to reach c
    assert summary(warm_paths(g, "b")) == [("s", ("a", "b"), 0.5, 2)]
    assert warm_paths(g, "c") == []
    assert summary(warm_paths(g, "d")) == [("s", ("a", "d"), 0.4, 2)]


def test_depends_on_is_not_a_path_tie() -> None:
    g = nx.MultiDiGraph()
    staff(g, "s")
    person(g, "a", 3)
    person(g, "b", 3)
    tie(g, "contact", "s", "a", 1.0)
    tie(g, "depends_on", "a", "b", 1.0)
    tie(g, "depends_on", "b", "a", 1.0)
    assert warm_paths(g, "b") == []


def test_staff_only_start_a_path() -> None:
    g = nx.MultiDiGraph()
    staff(g, "s1")
    staff(g, "s2")
    person(g, "a", 3)
    person(g, "t", 0)
    tie(g, "contact", "s1", "a", 0.5)
    tie(g, "contact", "s2", "a", 0.8)
    tie(g, "knows", "a", "t", 1.0)
    paths = warm_paths(g, "t")
    assert summary(paths) == [("s2", ("a", "t"), 0.8, 2), ("s1", ("a", "t"), 0.5, 2)]
    arcs = path_arcs(g)
    assert all(g.nodes[v]["kind"] == "person" for _, v in arcs.edges)


def test_unknown_ids_and_bad_k() -> None:
    g = tree()
    with pytest.raises(NotFoundError, match="no person 'nobody'"):
        warm_paths(g, "nobody")
    with pytest.raises(NotFoundError, match="no person 'ar'"):
        warm_paths(g, "ar")  # staff are not targets
    with pytest.raises(NotFoundError, match="no staff member 'm1'"):
        warm_paths(g, "ceo", source="m1")
    with pytest.raises(NotFoundError, match="no staff member 'zz'"):
        warm_paths(g, "ceo", source="zz")
    with pytest.raises(ValueError, match="k must be"):
        warm_paths(g, "ceo", k=0)


def test_no_path() -> None:
    g = tree()
    person(g, "island", 3)
    assert warm_paths(g, "island") == []
    g.remove_edges_from([(u, v, k) for u, v, k in g.edges(keys=True) if k == "contact"])
    assert warm_paths(g, "ceo") == []  # no contact at all: nowhere to start


def test_to_dict_names_everyone() -> None:
    path = warm_paths(tree(), "ceo", k=1)[0]
    assert path.target == "ceo" and path.relays == ("m1", "vp1")
    assert path.to_dict() == {
        "staff_id": "ar",
        "staff_name": "AR",
        "people": [
            {"person_id": "m1", "name": "M1"},
            {"person_id": "vp1", "name": "VP1"},
            {"person_id": "ceo", "name": "CEO"},
        ],
        "strength": pytest.approx(0.504),
        "hops": 3,
    }


def test_on_a_built_account_graph() -> None:
    """The sample account: the account manager covers the CTO (our coach), who reports to
    and influences the CEO; the VP covers the CFO (a supporter), who also reports to the CEO."""
    g = build_account_graph(small_account(), "acme")
    assert summary(warm_paths(g, "ceo")) == [
        ("s-ar", ("cto", "ceo"), 0.8, 2),  # reports_to 1.0 beats influences 0.9
        ("s-ar", ("cto", "cfo", "ceo"), 0.48, 3),  # knows 0.6
        ("s-exec", ("cfo", "ceo"), 0.4, 2),
    ]
