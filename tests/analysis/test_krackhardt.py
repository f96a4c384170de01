"""The three rules on real data: Krackhardt's 21 high-tech managers (1987).

Advice-seeking ("ego goes to alter for advice") is depends_on, friendship is a
directed knows, the company's reporting lines are reports_to. The account is
loaded from fixtures/krackhardt/account through the import format, and is also
built straight from the raw edge lists (fixtures/krackhardt/raw); either way the
rules must agree with values computed here independently, with NetworkX
primitives, from the raw edge lists.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graphcrm.analysis.importance import PersonImportance, importance
from graphcrm.analysis.key_people import key_people
from graphcrm.graph import build_account_graph
from graphcrm.model import Account, Dataset, Person, Tie
from tests.analysis.test_importance import reference_pagerank

ROOT = Path(__file__).resolve().parents[2]
RAW = next(
    (
        p
        for p in (
            ROOT / "fixtures" / "krackhardt" / "raw",
            ROOT / "datasets" / "krackhardt-hightech",
            ROOT.parent / "shared" / "datasets" / "krackhardt-hightech",
            Path("/work/shared/datasets/krackhardt-hightech"),
        )
        if (p / "Krack-High-Tec-edgelist-Advice.txt").exists()
    ),
    None,
)
FIXTURE = ROOT / "fixtures" / "krackhardt" / "account"

pytestmark = pytest.mark.skipif(RAW is None, reason="Krackhardt raw edge lists not found")

Edge = tuple[str, str]


def edges(name: str) -> list[Edge]:
    """Ties present (third column 1) in one raw edge list, as (k<ego>, k<alter>)."""
    assert RAW is not None
    rows = (line.split() for line in (RAW / f"Krack-High-Tec-edgelist-{name}.txt").open())
    return [(f"k{r[0]}", f"k{r[1]}") for r in rows if len(r) == 3 and r[2] == "1"]


def raw_dataset() -> tuple[Dataset, str]:
    """The account built straight from the raw files, with the fixture's ids k1..k21."""
    assert RAW is not None
    with (RAW / "Krack-High-Tec-Attributes.csv").open() as f:
        attributes = list(csv.DictReader(f))
    layers = {"1": "decision", "2": "management", "3": "execution"}
    people = [
        Person(
            id=f"k{a['ID']}",
            account_id="krackhardt",
            name=f"Manager {a['ID']}",
            department="CEO" if a["DEPT"] == "0" else f"Department {a['DEPT']}",
            layer=layers[a["LEVEL"]],
        )
        for a in attributes
    ]
    ties = [
        *(Tie(type="depends_on", source_id=u, target_id=v) for u, v in edges("Advice")),
        *(
            Tie(type="knows", source_id=u, target_id=v, directed=True)
            for u, v in edges("Friendship")
        ),
        *(Tie(type="reports_to", source_id=u, target_id=v) for u, v in edges("ReportsTo")),
    ]
    account = Account(id="krackhardt", name="Krackhardt high-tech managers")
    return Dataset(accounts=[account], people=people, ties=ties), "krackhardt"


def fixture_dataset() -> tuple[Dataset, str]:
    from graphcrm.io import load_path

    data = load_path(FIXTURE).dataset
    assert len(data.accounts) == 1
    return data, data.accounts[0].id


SOURCES = [
    "raw",
    pytest.param(
        "fixture",
        marks=pytest.mark.skipif(
            not (FIXTURE / "people.csv").exists(), reason="fixtures/krackhardt not written yet"
        ),
    ),
]


@pytest.fixture(params=SOURCES)
def ranking(request: pytest.FixtureRequest) -> dict[str, PersonImportance]:
    data, account_id = raw_dataset() if request.param == "raw" else fixture_dataset()
    return {p.person_id: p for p in importance(build_account_graph(data, account_id))}


def test_the_fixture_holds_the_raw_ties() -> None:
    if not (FIXTURE / "people.csv").exists():
        pytest.skip("fixtures/krackhardt not written yet")
    data, _ = fixture_dataset()
    by_type = Counter(t.type.value for t in data.ties)
    assert by_type == {"depends_on": 190, "knows": 102, "reports_to": 20}
    assert {p.id for p in data.people} == {f"k{i}" for i in range(1, 22)}


def test_rule_1_is_friendship_in_degree(ranking: dict[str, PersonImportance]) -> None:
    friendship = nx.DiGraph(edges("Friendship"))
    friendship.add_nodes_from(ranking)
    for pid, p in ranking.items():
        assert p.known_by == friendship.in_degree(pid)
    top = max(friendship.in_degree(n) for n in friendship)
    for pid, p in ranking.items():
        assert p.known_by_many == pytest.approx(friendship.in_degree(pid) / top)


@pytest.mark.parametrize("horizon", [1, 3])
def test_rule_2_is_a_bounded_bfs_on_advice_and_reporting(horizon: int) -> None:
    data, account_id = raw_dataset()
    got = {
        p.person_id: p for p in importance(build_account_graph(data, account_id), horizon=horizon)
    }
    dependency = nx.DiGraph(edges("Advice") + edges("ReportsTo"))
    upstream = dependency.reverse(copy=True)
    for pid, p in got.items():
        dist = nx.single_source_shortest_path_length(upstream, pid, cutoff=horizon)
        dist.pop(pid)
        assert p.direct_dependents == sum(1 for d in dist.values() if d == 1)
        assert p.dependents_within_horizon == len(dist)
        assert p.dependency_score == pytest.approx(sum(0.5 ** (d - 1) for d in dist.values()))


def test_rule_2_with_the_default_horizon(ranking: dict[str, PersonImportance]) -> None:
    upstream = nx.DiGraph(edges("Advice") + edges("ReportsTo")).reverse(copy=True)
    scores = {}
    for pid in ranking:
        dist = nx.single_source_shortest_path_length(upstream, pid, cutoff=3)
        scores[pid] = sum(0.5 ** (d - 1) for n, d in dist.items() if n != pid)
    top = max(scores.values())
    for pid, p in ranking.items():
        assert p.dependency_score == pytest.approx(scores[pid])
        assert p.depended_on_by_many == pytest.approx(scores[pid] / top)


def test_rule_3_is_pagerank_on_the_lending_graph(ranking: dict[str, PersonImportance]) -> None:
    lending = nx.DiGraph()
    lending.add_nodes_from(ranking)
    for u, v in edges("Advice") + edges("Friendship") + edges("ReportsTo"):
        # Every raw tie has strength 1; advice and reporting on one pair add up to 2.
        w = lending[u][v]["weight"] + 1 if lending.has_edge(u, v) else 1.0
        lending.add_edge(u, v, weight=w)
    assert max(w for _, _, w in lending.edges(data="weight")) == 3  # all three on one pair
    expected = reference_pagerank(lending)
    top = max(expected.values())
    for pid, p in ranking.items():
        assert p.pagerank == pytest.approx(expected[pid], rel=1e-7)
        assert p.important_neighbours == pytest.approx(expected[pid] / top, rel=1e-7)


def test_facts_a_reader_can_check_by_eye(ranking: dict[str, PersonImportance]) -> None:
    advice = edges("Advice")
    # Manager 2 is asked for advice by 18 of the other 20, more than anyone (next: 15).
    asked = Counter(v for _, v in advice)
    assert asked["k2"] == 18 and sorted(asked.values())[-2] == 15
    # His three reports (1, 4, 16) are among those 18: 18 direct dependents in all.
    assert {u for u, v in edges("ReportsTo") if v == "k2"} == {"k1", "k4", "k16"}
    assert {"k1", "k4", "k16"} <= {u for u, v in advice if v == "k2"}
    assert ranking["k2"].direct_dependents == 18
    # He is also the most befriended: named as a friend by 10 managers.
    assert ranking["k2"].known_by == 10
    assert ranking["k2"].known_by_many == 1.0
    assert ranking["k2"].depended_on_by_many == 1.0
    # So he ranks first, without being the CEO (manager 7).
    assert ranking["k2"].rank == 1
    # The CEO has four direct reports (2, 14, 18, 21), the VPs.
    reports = Counter(v for _, v in edges("ReportsTo"))
    assert reports["k7"] == 4
    # Everyone seeks advice from someone, and within 3 steps everyone reaches everyone:
    # only the decay 1, 0.5, 0.25 tells them apart on rule 2.
    assert {u for u, _ in advice} == set(ranking)
    assert all(p.dependents_within_horizon == 20 for p in ranking.values())
    assert len({p.dependency_score for p in ranking.values()}) > 10


def test_key_people_on_krackhardt() -> None:
    data, account_id = raw_dataset()
    g = build_account_graph(data, account_id)
    key = key_people(g)  # 21 people: K = 5; no decision roles in this data
    assert len(key) == 5 and all(k.reasons == ("top_k",) for k in key)
    assert key[0].person_id == "k2"


def test_formal_power_falls_back_to_the_reporting_tree(
    ranking: dict[str, PersonImportance],
) -> None:
    """No opportunity, so no decision roles: formal power is layer x reports-to depth factor
    (DESIGN.md, Round 2; issue 12 item 9). The CEO (7) tops the tree in the decision layer,
    the four VPs one step down in management, the managers two steps down in execution."""
    vps = {"k2", "k14", "k18", "k21"}
    assert {p.formal_power_basis for p in ranking.values()} == {"layer_and_depth"}
    assert ranking["k7"].formal_power == pytest.approx(1.0 * 1.0)
    for pid, p in ranking.items():
        expected = 0.7 * 0.8 if pid in vps else 1.0 if pid == "k7" else 0.4 * 0.6
        assert p.formal_power == pytest.approx(expected), pid
    assert ranking["k7"].quadrant in ("key_decision_maker", "formal_authority")


def test_no_key_person_reads_peripheral_on_krackhardt() -> None:
    data, account_id = raw_dataset()
    g = build_account_graph(data, account_id)
    ranked = importance(g)
    key = {k.person_id for k in key_people(g, ranked)}
    quadrant = {p.person_id: p.quadrant for p in ranked}
    assert len(key) == 5 and all(quadrant[pid] != "peripheral" for pid in key)
    # Before the fallback all five read hidden_influencer; now the CEO reads as key decision
    # maker, and the VPs among them too.
    assert quadrant["k7"] == "key_decision_maker"
    assert {quadrant[pid] for pid in key} <= {"key_decision_maker", "hidden_influencer"}
