"""The three rules of importance on small graphs, with values worked out by hand."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphcrm.analysis.importance import (
    DEFAULT_LAYER_WEIGHTS,
    DEFAULT_ROLE_WEIGHTS,
    QUADRANTS,
    PersonImportance,
    default_k,
    formal_power,
    importance,
    lending_graph,
    reports_to_depths,
)
from graphcrm.analysis.key_people import key_people
from graphcrm.graph import build_account_graph
from graphcrm.model import (
    Account,
    Contact,
    Dataset,
    DecisionRoleAssignment,
    Opportunity,
    Person,
    Staff,
    Tie,
)
from tests.sample import small_account

ACCOUNT = "acc"
TieSpec = tuple[Any, ...]  # (type, source, target[, strength[, directed]])


def person(pid: str, **fields: Any) -> Person:
    return Person(id=pid, account_id=ACCOUNT, name=fields.pop("name", pid.upper()), **fields)


def tie(kind: str, source: str, target: str, strength: float = 1.0, directed: bool = False) -> Tie:
    return Tie(type=kind, source_id=source, target_id=target, strength=strength, directed=directed)


def account_data(
    people: Iterable[str | Person],
    ties: Iterable[TieSpec | Tie] = (),
    *,
    chain: Mapping[str, Iterable[str]] | None = None,
    staff: Iterable[Staff] = (),
    contacts: Iterable[Contact] = (),
) -> Dataset:
    """An account "acc" from short specs; ``chain`` maps person -> roles in opportunity "opp"."""
    data = Dataset(
        accounts=[Account(id=ACCOUNT, name="Account")],
        people=[p if isinstance(p, Person) else person(p) for p in people],
        ties=[t if isinstance(t, Tie) else tie(*t) for t in ties],
        staff=list(staff),
        contacts=list(contacts),
    )
    if chain is not None:
        data.opportunities.append(Opportunity(id="opp", account_id=ACCOUNT, name="The deal"))
        data.decision_roles.extend(
            DecisionRoleAssignment(opportunity_id="opp", person_id=p, role=r)
            for p, roles in chain.items()
            for r in roles
        )
    return data


def account_graph(
    people: Iterable[str | Person],
    ties: Iterable[TieSpec | Tie] = (),
    **kwargs: Any,
) -> nx.MultiDiGraph:
    chain = kwargs.get("chain")
    data = account_data(people, ties, **kwargs)
    return build_account_graph(data, ACCOUNT, opportunity_id="opp" if chain is not None else None)


def by_id(ranking: list[PersonImportance]) -> dict[str, PersonImportance]:
    return {p.person_id: p for p in ranking}


def reference_pagerank(g: nx.DiGraph) -> dict[str, float]:
    """NetworkX's PageRank (damping 0.85, weighted), computed independently of graphcrm.

    ``nx.pagerank`` needs SciPy, which graphcrm does not depend on; without it
    use NetworkX's own pure-Python power iteration, the same algorithm.
    """
    try:
        import scipy  # noqa: F401
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g, alpha=0.85, weight="weight", tol=1e-15, max_iter=100_000)  # type: ignore[no-any-return]
    return nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-15, max_iter=100_000)  # type: ignore[no-any-return]


def assert_pagerank_matches(ranking: list[PersonImportance], expected: Mapping[str, float]) -> None:
    got = {p.person_id: p.pagerank for p in ranking}
    assert got == pytest.approx({k: expected[k] for k in got}, rel=1e-7, abs=1e-12)
    top = max(got.values())
    for p in ranking:
        assert p.important_neighbours == pytest.approx(expected[p.person_id] / top, rel=1e-7)


# --- a star: one person everyone knows -------------------------------------------------


def test_star() -> None:
    leaves = ["a1", "a2", "a3", "a4"]
    g = account_graph(["c", *leaves], [("knows", "c", leaf) for leaf in leaves])
    r = by_id(importance(g))

    # Rule 1: the centre is known by 4, each leaf by 1.
    assert r["c"].known_by == 4 and r["c"].known_by_many == 1.0
    for leaf in leaves:
        assert r[leaf].known_by == 1 and r[leaf].known_by_many == pytest.approx(0.25)
    # Rule 2: nobody depends on anybody.
    assert all(p.dependency_score == 0 and p.depended_on_by_many == 0 for p in r.values())
    # Rule 3: centre x = 0.15/5 + 0.85 * 4y, leaf y = 0.15/5 + 0.85 * x/4, x + 4y = 1
    # -> x = 0.132 / 0.2775 = 88/185, y = 97/740; a leaf's share of the top is 97/352.
    assert r["c"].pagerank == pytest.approx(88 / 185, rel=1e-9)
    assert r["a1"].pagerank == pytest.approx(97 / 740, rel=1e-9)
    assert r["a1"].important_neighbours == pytest.approx(97 / 352, rel=1e-9)
    # Composite: equal weights.
    assert r["c"].composite == pytest.approx(2 / 3)
    assert r["a1"].composite == pytest.approx((0.25 + 97 / 352) / 3, rel=1e-9)
    assert [p.person_id for p in importance(g)] == ["c", "a1", "a2", "a3", "a4"]  # ties by id
    assert [p.rank for p in importance(g)] == [1, 2, 3, 4, 5]
    # No decision role in the account: formal power falls back to layer x reports-to depth,
    # no layer (0.4, the lowest) x 1 (nobody reports to anyone: all at the top).
    assert all(p.formal_power == pytest.approx(0.4) for p in r.values())
    assert {p.formal_power_basis for p in r.values()} == {"layer_and_depth"}
    # Composite high is the top K (3 of 5): the centre and a leaf at rank 3 -- and the other
    # leaves, tied with it, whatever their names.
    assert {p.quadrant for p in r.values()} == {"hidden_influencer"}


# --- a chain: horizon and decay ---------------------------------------------------------

CHAIN = [("depends_on", f"p{i}", f"p{i + 1}") for i in range(1, 5)]  # p1 -> p2 -> ... -> p5


def test_chain_with_default_horizon_of_3() -> None:
    r = by_id(importance(account_graph([f"p{i}" for i in range(1, 6)], CHAIN)))
    # p5: p4 at 1 step (1), p3 at 2 (0.5), p2 at 3 (0.25); p1, 4 steps down, does not count.
    assert (r["p5"].direct_dependents, r["p5"].dependents_within_horizon) == (1, 3)
    assert r["p5"].dependency_score == pytest.approx(1.75)
    assert r["p4"].dependency_score == pytest.approx(1.75)  # p3, p2, p1
    assert r["p3"].dependency_score == pytest.approx(1.5)
    assert r["p2"].dependency_score == pytest.approx(1.0)
    assert r["p1"].dependency_score == 0 and r["p1"].dependents_within_horizon == 0
    assert r["p5"].depended_on_by_many == 1.0 and r["p4"].depended_on_by_many == 1.0
    assert r["p3"].depended_on_by_many == pytest.approx(6 / 7)
    assert r["p2"].depended_on_by_many == pytest.approx(4 / 7)


def test_chain_without_horizon_counts_everyone_upstream() -> None:
    r = by_id(importance(account_graph([f"p{i}" for i in range(1, 6)], CHAIN), horizon=None))
    assert (r["p5"].direct_dependents, r["p5"].dependents_within_horizon) == (1, 4)
    assert r["p5"].dependency_score == pytest.approx(1.875)  # p1 now counts 0.125
    assert r["p4"].depended_on_by_many == pytest.approx(1.75 / 1.875)
    assert r["p3"].depended_on_by_many == pytest.approx(1.5 / 1.875)


def test_chain_horizon_1_counts_direct_dependents_only() -> None:
    r = by_id(importance(account_graph([f"p{i}" for i in range(1, 6)], CHAIN), horizon=1))
    assert [r[f"p{i}"].dependency_score for i in range(1, 6)] == [0, 1, 1, 1, 1]


def test_chain_pagerank_flows_to_the_end() -> None:
    g = account_graph([f"p{i}" for i in range(1, 6)], CHAIN)
    ranking = importance(g)
    expected = reference_pagerank(nx.DiGraph([(f"p{i}", f"p{i + 1}") for i in range(1, 5)]))
    assert_pagerank_matches(ranking, expected)
    pr = {p.person_id: p.pagerank for p in ranking}
    assert pr["p1"] < pr["p2"] < pr["p3"] < pr["p4"] < pr["p5"]
    assert ranking[0].person_id == "p5"


# --- a reporting tree: a director is credited for the department below -------------------

TREE = [
    ("reports_to", "vp1", "ceo"),
    ("reports_to", "vp2", "ceo"),
    ("reports_to", "m1", "vp1"),
    ("reports_to", "m2", "vp1"),
    ("reports_to", "m3", "vp2"),
    ("reports_to", "e1", "m1"),
    ("reports_to", "e2", "m1"),
]
TREE_PEOPLE = ["ceo", "vp1", "vp2", "m1", "m2", "m3", "e1", "e2"]


def test_reporting_tree() -> None:
    r = by_id(importance(account_graph(TREE_PEOPLE, TREE)))
    # ceo: vp1, vp2 (1 each) + m1, m2, m3 (0.5 each) + e1, e2 (0.25 each) = 4.0
    assert (r["ceo"].direct_dependents, r["ceo"].dependents_within_horizon) == (2, 7)
    assert r["ceo"].dependency_score == pytest.approx(4.0)
    # vp1: m1, m2 (1 each) + e1, e2 (0.5 each) = 3.0; vp2: m3 = 1; m1: e1, e2 = 2
    assert (r["vp1"].direct_dependents, r["vp1"].dependents_within_horizon) == (2, 4)
    assert r["vp1"].dependency_score == pytest.approx(3.0)
    assert r["vp2"].dependency_score == pytest.approx(1.0)
    assert r["m1"].dependency_score == pytest.approx(2.0)
    normalised = {p: r[p].depended_on_by_many for p in TREE_PEOPLE}
    assert normalised == pytest.approx(
        {"ceo": 1.0, "vp1": 0.75, "vp2": 0.25, "m1": 0.5, "m2": 0, "m3": 0, "e1": 0, "e2": 0}
    )
    assert all(p.known_by == 0 and p.known_by_many == 0 for p in r.values())
    assert_pagerank_matches(list(r.values()), reference_pagerank(nx.DiGraph([t[1:] for t in TREE])))
    assert [p.person_id for p in importance(account_graph(TREE_PEOPLE, TREE))][:3] == [
        "ceo",
        "vp1",
        "m1",
    ]


def test_reporting_tree_with_horizon_2() -> None:
    r = by_id(importance(account_graph(TREE_PEOPLE, TREE), horizon=2))
    assert r["ceo"].dependency_score == pytest.approx(3.5)  # e1, e2 are 3 steps down
    assert r["ceo"].dependents_within_horizon == 5
    assert r["vp1"].depended_on_by_many == pytest.approx(3.0 / 3.5)


# --- a dense advice clique: decay still tells people apart -------------------------------


def test_dense_advice_clique_is_flat() -> None:
    members = ["a", "b", "c", "d"]
    ties = [("depends_on", u, v) for u in members for v in members if u != v]
    ranking = importance(account_graph(members, ties))
    for p in ranking:
        assert (p.direct_dependents, p.dependents_within_horizon) == (3, 3)
        assert p.dependency_score == 3.0 and p.depended_on_by_many == 1.0
        assert p.pagerank == pytest.approx(0.25) and p.important_neighbours == pytest.approx(1.0)
        assert p.composite == pytest.approx(2 / 3)
    assert [p.person_id for p in ranking] == members  # equal scores: ranked by id


def test_dense_advice_clique_with_an_outsider() -> None:
    members = ["a", "b", "c", "d"]
    ties = [("depends_on", u, v) for u in members for v in members if u != v]
    ties.append(("depends_on", "e", "a"))
    r = by_id(importance(account_graph([*members, "e"], ties)))
    # a: b, c, d, e directly = 4. b: a, c, d directly (3) + e through a (0.5) = 3.5.
    assert (r["a"].direct_dependents, r["a"].dependency_score) == (4, 4.0)
    assert (r["b"].direct_dependents, r["b"].dependents_within_horizon) == (3, 4)
    assert r["b"].dependency_score == pytest.approx(3.5)
    assert r["b"].depended_on_by_many == pytest.approx(0.875)
    assert r["e"].depended_on_by_many == 0
    assert_pagerank_matches(list(r.values()), reference_pagerank(nx.DiGraph([t[1:] for t in ties])))
    assert importance(account_graph([*members, "e"], ties))[0].person_id == "a"


# --- knows: directed and undirected --------------------------------------------------------


def test_undirected_knows_counts_for_both_ends() -> None:
    r = by_id(importance(account_graph(["a", "b", "c"], [("knows", "a", "b")])))
    assert (r["a"].known_by, r["b"].known_by, r["c"].known_by) == (1, 1, 0)
    assert r["a"].important_neighbours == pytest.approx(r["b"].important_neighbours)


def test_directed_knows_counts_for_the_known() -> None:
    g = account_graph(["a", "b", "c"], [("knows", "a", "b", 1.0, True)])  # a knows b
    r = by_id(importance(g))
    assert (r["a"].known_by, r["b"].known_by) == (0, 1)
    assert (r["a"].known_by_many, r["b"].known_by_many) == (0.0, 1.0)
    assert list(lending_graph(g).edges) == [("a", "b")]
    assert r["b"].pagerank > r["a"].pagerank


def test_known_by_counts_distinct_people() -> None:
    # Two knows records between the same pair, one each way: still one person each.
    g = account_graph(
        ["a", "b", "c"],
        [("knows", "a", "b"), ("knows", "b", "a", 1.0, True), ("knows", "c", "a", 1.0, True)],
    )
    r = by_id(importance(g))
    assert (r["a"].known_by, r["b"].known_by, r["c"].known_by) == (2, 1, 0)


# --- rule 3: the lending graph and parallel ties ----------------------------------------------

PARALLEL = [
    ("reports_to", "a", "b", 1.0),
    ("depends_on", "a", "b", 0.5),
    ("knows", "a", "b", 0.4),
    ("knows", "b", "a", 0.1),  # a second undirected record for the same pair
    ("influences", "c", "a", 0.3),  # c influences a: a lends importance to c
    ("knows", "c", "b", 0.2, True),
    ("knows", "d", "c", 0.7),
]


def hand_built_lending_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_weighted_edges_from(
        [
            ("a", "b", 1.0 + 0.5 + 0.4 + 0.1),
            ("b", "a", 0.4 + 0.1),
            ("a", "c", 0.3),
            ("c", "b", 0.2),
            ("d", "c", 0.7),
            ("c", "d", 0.7),
        ]
    )
    return g


def test_lending_graph_sums_parallel_ties() -> None:
    got = lending_graph(account_graph(["a", "b", "c", "d"], PARALLEL))
    want = hand_built_lending_graph()
    assert set(got.edges) == set(want.edges)
    for u, v, w in want.edges(data="weight"):
        assert got[u][v]["weight"] == pytest.approx(w)


def test_parallel_ties_add_weight_in_pagerank() -> None:
    ranking = importance(account_graph(["a", "b", "c", "d"], PARALLEL))
    weighted = reference_pagerank(hand_built_lending_graph())
    assert_pagerank_matches(ranking, weighted)
    # The weights matter: unweighted PageRank on the same arcs gives other numbers.
    unweighted = nx.DiGraph(list(hand_built_lending_graph().edges))
    nx.set_edge_attributes(unweighted, 1.0, "weight")
    assert by_id(ranking)["b"].pagerank != pytest.approx(reference_pagerank(unweighted)["b"])


def test_staff_and_contacts_are_ignored() -> None:
    leaves = ["a1", "a2", "a3"]
    ties = [("knows", "c", leaf) for leaf in leaves]
    plain = importance(account_graph(["c", *leaves], ties))
    covered = importance(
        account_graph(
            ["c", *leaves],
            ties,
            staff=[Staff(id="s1", name="Ours"), Staff(id="s2", name="Also ours")],
            contacts=[
                Contact(staff_id="s1", person_id="a1"),
                Contact(staff_id="s2", person_id="a1", strength=0.5),
                Contact(staff_id="s1", person_id="a2"),
            ],
        )
    )
    assert [p.person_id for p in covered] == [p.person_id for p in plain]
    for x, y in zip(plain, covered, strict=True):
        assert x.known_by == y.known_by and x.pagerank == pytest.approx(y.pagerank, rel=1e-12)


# --- the decision chain -------------------------------------------------------------------------


def test_decision_chain_ranks_only_its_people_on_the_whole_network() -> None:
    data = small_account()
    whole = by_id(importance(build_account_graph(data, "acme")))
    chain = by_id(importance(build_account_graph(data, "acme", opportunity_id="acme-cloud")))
    assert set(chain) == {"ceo", "cto", "cfo"}  # eng1 and eng2 are not in the chain
    # Rule 2 still sees them: ceo has cto, cfo directly and eng1, eng2 through cto.
    assert (chain["ceo"].direct_dependents, chain["ceo"].dependents_within_horizon) == (2, 4)
    assert chain["ceo"].dependency_score == pytest.approx(3.0)
    assert chain["cto"].dependency_score == pytest.approx(2.0)
    assert chain["cto"].depended_on_by_many == pytest.approx(2 / 3)  # normalised in the chain
    assert chain["cfo"].depended_on_by_many == 0
    # Rule 1: cto and cfo know each other; eng1 (outside the chain) knows ceo.
    assert [chain[p].known_by for p in ("ceo", "cto", "cfo")] == [1, 1, 1]
    assert all(chain[p].known_by_many == 1.0 for p in chain)
    # Rule 3: the same PageRank as for the whole account, normalised within the chain.
    for p in chain:
        assert chain[p].pagerank == pytest.approx(whole[p].pagerank, rel=1e-12)
    top = max(chain[p].pagerank for p in chain)
    for p in chain:
        assert chain[p].important_neighbours == pytest.approx(chain[p].pagerank / top)
    assert sorted(p.rank for p in chain.values()) == [1, 2, 3]
    # Roles come from the opportunity: cto is an evaluator there (influencer elsewhere too).
    assert chain["ceo"].formal_power == pytest.approx(1.0)  # decision maker, decision layer
    assert chain["cfo"].formal_power == pytest.approx(0.63)  # approver, management
    assert chain["cto"].formal_power == pytest.approx(0.42)  # evaluator, management
    assert whole["cto"].formal_power == pytest.approx(0.49)  # influencer, management


def test_empty_decision_chain() -> None:
    g = account_graph(["a", "b"], [("knows", "a", "b")], chain={})
    assert importance(g) == []


# --- formal power and the influence matrix --------------------------------------------------------


def test_formal_power_table() -> None:
    assert formal_power(["decision_maker"], "decision") == 1.0
    assert formal_power(["approver", "user"], "management") == pytest.approx(0.63)
    assert formal_power([], "decision") == pytest.approx(0.2)
    assert formal_power(["user"], "execution") == pytest.approx(0.12)
    assert formal_power(["influencer"], None) == pytest.approx(0.28)  # unknown layer: 0.4
    assert formal_power(["influencer"], None, layer_weights={"none": 0.5}) == pytest.approx(0.35)
    assert DEFAULT_ROLE_WEIGHTS["none"] == 0.2 and DEFAULT_LAYER_WEIGHTS["execution"] == 0.4


QUADRANT_PEOPLE = [
    person("boss", layer="decision", roles="decision_maker"),
    person("hub", layer="execution"),
    person("fig", layer="decision", roles="approver"),
    person("m1", layer="execution", roles="user"),
    person("m2", layer="execution", roles="user"),
    person("m3", layer="execution", roles="user"),
]
QUADRANT_TIES = [
    *[("depends_on", m, "hub") for m in ("m1", "m2", "m3")],
    *[("knows", m, "hub") for m in ("m1", "m2", "m3")],
    ("reports_to", "hub", "boss"),
    ("knows", "boss", "hub"),
    ("knows", "m1", "boss"),
]


def test_all_four_quadrants() -> None:
    ranking = importance(account_graph(QUADRANT_PEOPLE, QUADRANT_TIES))
    r = by_id(ranking)
    # hub: known by m1, m2, m3, boss; depended on by m1, m2, m3 directly.
    assert (r["hub"].known_by, r["hub"].dependency_score) == (4, 3.0)
    # boss: known by hub and m1; hub directly (1) and m1..m3 through hub (0.5 each).
    assert (r["boss"].known_by, r["boss"].dependency_score) == (2, 2.5)
    expected_pr = reference_pagerank(lending_graph(account_graph(QUADRANT_PEOPLE, QUADRANT_TIES)))
    assert_pagerank_matches(ranking, expected_pr)
    top_pr = max(expected_pr.values())
    assert r["hub"].composite == pytest.approx((1 + 1 + expected_pr["hub"] / top_pr) / 3)
    assert r["boss"].composite == pytest.approx((0.5 + 2.5 / 3 + expected_pr["boss"] / top_pr) / 3)

    assert [r[p].formal_power for p in ("boss", "hub", "fig", "m1")] == pytest.approx(
        [1.0, 0.08, 0.9, 0.12]
    )
    assert r["hub"].quadrant == "hidden_influencer"  # rank 1 without title or role
    assert r["boss"].quadrant == "key_decision_maker"
    assert r["fig"].quadrant == "formal_authority"  # approver nobody turns to
    # Six people: K = 3, so m1 (rank 3, composite a third of hub's) is high on the network
    # axis, as the key people say; m2 and m3 (ranks 4 and 5) are not.
    assert r["m1"].quadrant == "hidden_influencer"
    assert r["m2"].quadrant == r["m3"].quadrant == "peripheral"
    assert ranking[0].person_id == "hub"
    assert all(p.formal_power_basis == "roles" for p in ranking)


def test_composite_high_is_the_key_people_cut() -> None:
    """DESIGN.md, Round 2: composite high is the top K (issue 12 item 10; this replaced the
    composite-relative-to-the-top threshold of 0.5)."""
    graph = account_graph(QUADRANT_PEOPLE, QUADRANT_TIES)
    ranking = importance(graph)
    key = {p.person_id for p in key_people(graph, ranking)}
    for p in ranking:
        assert (p.quadrant in ("key_decision_maker", "hidden_influencer")) == (p.rank <= 3)
        assert (p.quadrant in ("key_decision_maker", "formal_authority")) == (p.formal_power >= 0.5)
    # every key person (the top 3, boss the decision maker, fig the approver) is not peripheral
    assert key == {"hub", "boss", "m1", "fig"}
    assert all(p.quadrant != "peripheral" for p in ranking if p.person_id in key)
    # A smaller K moves boss out of the top; a higher formal threshold moves fig out.
    strict = by_id(importance(graph, k=1, high=0.95))
    assert strict["hub"].quadrant == "hidden_influencer"
    assert strict["boss"].quadrant == "formal_authority"
    assert strict["fig"].quadrant == "peripheral"
    # m2 and m3 tie (0.165): with K = 4 both are high, whatever their names.
    four = by_id(importance(graph, k=4))
    assert four["m2"].composite == pytest.approx(four["m3"].composite)
    assert four["m2"].quadrant == four["m3"].quadrant == "hidden_influencer"
    with pytest.raises(ValueError, match="k must be"):
        importance(graph, k=-1)


# --- parameters and trivial inputs ----------------------------------------------------------


def test_weights_are_rescaled_to_sum_one() -> None:
    g = account_graph(TREE_PEOPLE, [*TREE, ("knows", "e1", "e2")])
    default = importance(g)
    scaled = importance(g, weights=(2, 2, 2))
    assert [p.composite for p in scaled] == pytest.approx([p.composite for p in default])
    only_known = by_id(importance(g, weights=(1, 0, 0)))
    assert {p: x.composite for p, x in only_known.items()} == {
        p: x.known_by_many for p, x in only_known.items()
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weights": (0, 0, 0)},
        {"weights": (1, -1, 1)},
        {"weights": (1, 1)},
        {"horizon": 0},
        {"high": 1.5},
        {"role_weights": {"user": 2.0}},
    ],
)
def test_bad_parameters(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        importance(account_graph(["a", "b"], [("knows", "a", "b")]), **kwargs)


def test_no_people() -> None:
    assert importance(account_graph([])) == []


def test_people_without_ties_score_nothing() -> None:
    ranking = importance(account_graph(["b", "a", "c"]))
    assert [p.person_id for p in ranking] == ["a", "b", "c"]
    for p in ranking:
        assert (p.known_by_many, p.depended_on_by_many, p.important_neighbours) == (0, 0, 0)
        assert p.pagerank == pytest.approx(1 / 3)  # uniform, reported but not credited
        assert p.composite == 0 and p.quadrant == "peripheral"


def test_to_dict_is_json_ready() -> None:
    d = importance(account_graph(["a", "b"], [("knows", "a", "b")]))[0].to_dict()
    assert set(d) >= {"person_id", "known_by_many", "composite", "rank", "quadrant"}


# --- properties ------------------------------------------------------------------------------

TIE_TYPES = ("knows", "depends_on", "reports_to", "influences")


@st.composite
def random_accounts(draw: st.DrawFn) -> tuple[list[Person], list[Tie]]:
    n = draw(st.integers(min_value=1, max_value=9))
    layers = st.sampled_from([None, "decision", "management", "execution"])
    roles = st.lists(st.sampled_from(sorted(set(DEFAULT_ROLE_WEIGHTS) - {"none"})), max_size=2)
    people = [
        person(
            f"p{i}", layer=draw(layers), roles=draw(roles), department=draw(st.sampled_from("XY"))
        )
        for i in range(n)
    ]
    specs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(TIE_TYPES),
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.floats(0.05, 1.0),
                st.booleans(),
            ).filter(lambda t: t[1] != t[2]),
            max_size=3 * n,
            unique_by=lambda t: (t[0], t[1], t[2]),
        )
    )
    ties = [tie(k, f"p{a}", f"p{b}", s, d and k == "knows") for k, a, b, s, d in specs]
    return people, ties


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_accounts(), st.sampled_from([1, 2, 3, None]))
def test_scores_are_within_bounds(
    account: tuple[list[Person], list[Tie]], horizon: int | None
) -> None:
    people, ties = account
    ranking = importance(account_graph(people, ties), horizon=horizon)
    assert [p.rank for p in ranking] == list(range(1, len(people) + 1))
    for p in ranking:
        for score in (p.known_by_many, p.depended_on_by_many, p.important_neighbours):
            assert 0.0 <= score <= 1.0
        assert 0.0 <= p.composite <= 1.0 + 1e-12 and 0.0 <= p.formal_power <= 1.0
        assert p.quadrant in QUADRANTS
        assert p.direct_dependents <= p.dependents_within_horizon < len(people)
    assert [p.composite for p in ranking] == sorted((p.composite for p in ranking), reverse=True)
    assert sum(p.pagerank for p in ranking) == pytest.approx(1.0)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_accounts(), st.randoms(use_true_random=False))
def test_relabelling_people_changes_no_score(
    account: tuple[list[Person], list[Tie]], rnd: Any
) -> None:
    people, ties = account
    names = [f"z{i:02d}" for i in range(len(people))]
    rnd.shuffle(names)
    new = {p.id: names[i] for i, p in enumerate(people)}
    relabelled_people = [p.model_copy(update={"id": new[p.id]}) for p in reversed(people)]
    relabelled_ties = [
        t.model_copy(update={"source_id": new[t.source_id], "target_id": new[t.target_id]})
        for t in reversed(ties)
    ]
    before = by_id(importance(account_graph(people, ties)))
    after = by_id(importance(account_graph(relabelled_people, relabelled_ties)))
    ordered = sorted((p.composite for p in before.values()), reverse=True)
    kth = ordered[default_k(len(ordered)) - 1] if ordered else 0.0
    for old, x in before.items():
        y = after[new[old]]
        assert (x.known_by, x.direct_dependents, x.dependents_within_horizon) == (
            y.known_by,
            y.direct_dependents,
            y.dependents_within_horizon,
        )
        assert y.dependency_score == x.dependency_score
        assert y.pagerank == pytest.approx(x.pagerank, rel=1e-9, abs=1e-12)
        for attr in ("known_by_many", "depended_on_by_many", "important_neighbours", "composite"):
            assert getattr(y, attr) == pytest.approx(getattr(x, attr), rel=1e-9, abs=1e-12)
        assert y.formal_power == x.formal_power
        if abs(x.composite - kth) > 1e-9:  # not at the key-people cut, give or take rounding
            assert y.quadrant == x.quadrant


# --- the demo stories (fixtures/README.md) -----------------------------------------------------

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"


@pytest.mark.parametrize(
    ("folder", "account_id", "expert", "opportunity", "dependents", "knowers"),
    [
        ("telecom-zh", "jiangnan-mobile", "jn-huangzhicheng", "opp-jn-5gc-cloud", 22, 24),
        ("manufacturing-en", "northwind-industrial", "nw-praman", "opp-nw-mes", 24, 26),
    ],
)
def test_demo_hidden_expert_is_a_hidden_influencer(
    folder: str, account_id: str, expert: str, opportunity: str, dependents: int, knowers: int
) -> None:
    if not (DEMO / folder / "people.csv").exists():
        pytest.skip(f"fixtures/demo/{folder} not written yet")
    from graphcrm.io import load_path

    data = load_path(DEMO / folder).dataset
    for opp in (None, opportunity):
        ranking = importance(build_account_graph(data, account_id, opportunity_id=opp))
        r = by_id(ranking)[expert]
        # Depended on by more people than anyone, known by more than anyone ...
        assert r.direct_dependents == dependents and r.known_by == knowers
        assert r.known_by_many == 1.0 and r.depended_on_by_many == 1.0
        # ... rank 1 with a user's formal power in the execution layer: 0.3 x 0.4.
        assert (r.rank, r.composite) == (1, pytest.approx(1.0))
        assert r.formal_power == pytest.approx(0.12)
        assert r.quadrant == "hidden_influencer"


# --- formal power without a decision chain (DESIGN.md, Round 2; issue 12 item 9) ----------

FALLBACK_PEOPLE = [
    person("ceo", layer="decision"),
    person("vp", layer="management"),
    person("lead"),  # no layer: the lowest weight, 0.4
    person("eng", layer="execution"),
    person("deep", layer="execution"),
    person("loner", layer="management"),  # in no reporting line: the top of its own
]
FALLBACK_TIES = [
    ("reports_to", "vp", "ceo"),
    ("reports_to", "lead", "vp"),
    ("reports_to", "eng", "lead"),
    ("reports_to", "deep", "eng"),
    ("reports_to", "eng", "ceo"),  # a second, shorter line: depth 1 through the CEO
    ("knows", "eng", "vp"),
]


def test_formal_power_falls_back_to_layer_times_reports_to_depth() -> None:
    graph = account_graph(FALLBACK_PEOPLE, FALLBACK_TIES)
    depths = reports_to_depths(graph, set(graph))
    assert depths == {"ceo": 0, "vp": 1, "lead": 2, "eng": 1, "deep": 2, "loner": 0}
    r = by_id(importance(graph))
    # layer weight x (1, 0.8, 0.6, 0.4 by depth), by hand:
    expected = {
        "ceo": 1.0 * 1.0,
        "vp": 0.7 * 0.8,
        "lead": 0.4 * 0.6,
        "eng": 0.4 * 0.8,
        "deep": 0.4 * 0.6,
        "loner": 0.7 * 1.0,
    }
    assert {p: r[p].formal_power for p in r} == pytest.approx(expected)
    assert {r[p].formal_power_basis for p in r} == {"layer_and_depth"}
    # K = 3 of 6: the CEO (depended on by everyone) is in it, and reads as such.
    assert r["ceo"].rank <= 3 and r["ceo"].quadrant == "key_decision_maker"
    assert r["loner"].quadrant == "formal_authority"


def test_depth_factor_stops_at_the_last_step_and_a_cycle_reads_deepest() -> None:
    people = [person(p, layer="decision") for p in ("a", "b", "c", "d", "e", "x", "y")]
    chain = [("reports_to", x, y) for x, y in (("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"))]
    cycle = [("reports_to", "x", "y"), ("reports_to", "y", "x")]
    graph = account_graph(people, chain + cycle)
    assert reports_to_depths(graph, set(graph)) == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4}
    r = by_id(importance(graph))
    powers = [r[p].formal_power for p in ("a", "b", "c", "d", "e", "x", "y")]
    assert powers == pytest.approx([1.0, 0.8, 0.6, 0.4, 0.4, 0.4, 0.4])


def test_one_decision_role_keeps_the_role_rule_for_everyone() -> None:
    people = [*FALLBACK_PEOPLE[:-1], person("loner", layer="management", roles="user")]
    r = by_id(importance(account_graph(people, FALLBACK_TIES)))
    assert {r[p].formal_power_basis for p in r} == {"roles"}
    assert r["ceo"].formal_power == pytest.approx(0.2)  # no role x decision layer
    assert r["loner"].formal_power == pytest.approx(0.3 * 0.7)
