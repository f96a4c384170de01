"""Key people: the top K by importance, plus every decision maker and approver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import KeyPerson, default_k, key_people
from graphcrm.graph import build_account_graph
from tests.analysis.test_importance import TREE, account_graph, person
from tests.sample import small_account


@pytest.mark.parametrize(
    ("n", "k"),
    [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 3),
        (10, 3),  # sqrt 3.16
        (12, 3),  # sqrt 3.46
        (13, 4),  # sqrt 3.61
        (21, 5),  # Krackhardt's managers
        (50, 7),
        (100, 10),
        (224, 15),  # sqrt 14.97
        (5_000, 15),
        (50_000, 15),
    ],
)
def test_default_k(n: int, k: int) -> None:
    assert default_k(n) == k


def test_default_k_refuses_negative_sizes() -> None:
    with pytest.raises(ValueError):
        default_k(-1)


TREE_PEOPLE = [
    person("ceo", layer="decision"),
    person("vp1", layer="management"),
    person("vp2", layer="management", roles="approver"),
    person("m1", layer="management"),
    person("m2", layer="execution"),
    person("m3", layer="execution", roles="decision_maker;approver"),
    person("e1", layer="execution"),
    person("e2", layer="execution", roles="user"),
]


def test_top_k_and_signing_roles() -> None:
    g = account_graph(TREE_PEOPLE, TREE)
    ranking = importance(g)
    assert [p.person_id for p in ranking][:3] == ["ceo", "vp1", "m1"]  # test_importance
    key = key_people(g, ranking)  # 8 people: K = 3
    assert [(k.person_id, k.reasons) for k in key] == [
        ("ceo", ("top_k",)),
        ("vp1", ("top_k",)),
        ("m1", ("top_k",)),
        ("vp2", ("approver",)),
        ("m3", ("decision_maker", "approver")),
    ]
    assert [k.rank for k in key] == sorted(k.rank for k in key)
    ranks = {p.person_id: p for p in ranking}
    for k in key:
        assert (k.name, k.rank, k.composite) == (
            ranks[k.person_id].name,
            ranks[k.person_id].rank,
            ranks[k.person_id].composite,
        )


def test_k_parameter() -> None:
    g = account_graph(TREE_PEOPLE, TREE)
    assert [k.person_id for k in key_people(g, k=0)] == ["vp2", "m3"]
    assert len(key_people(g, k=8)) == 8
    assert [k.person_id for k in key_people(g, k=1)] == ["ceo", "vp2", "m3"]
    with pytest.raises(ValueError):
        key_people(g, k=-1)


def test_explanations_in_both_languages() -> None:
    g = account_graph(TREE_PEOPLE, TREE)
    by_id = {k.person_id: k for k in key_people(g)}
    assert by_id["ceo"].explanation == {
        "en": "Rank 1 of 8 (top 3): known by 0, depended on by 2 (7 with indirect), "
        "important neighbours 1.00.",
        "zh": "重要度第1/8（前3名）：被0人认识，被2人依赖（含间接共7人），邻居重要度1.00。",
    }
    m3 = by_id["m3"].explanation
    assert m3["en"].startswith(f"Rank {by_id['m3'].rank} of 8: ")
    assert m3["en"].endswith("; decision maker, approver.")
    assert m3["zh"].endswith("；决策者、批准者。")


def test_uses_the_ranking_it_is_given() -> None:
    g = account_graph(TREE_PEOPLE, [*TREE, ("knows", "e1", "e2")])
    by_known = importance(g, weights=(1, 0, 0))  # only e1 and e2 are known by anyone
    top = [k.person_id for k in key_people(g, by_known, k=2)]
    assert top == ["e1", "e2", "m3", "vp2"]  # the rest tie at 0: by id


def test_decision_chain() -> None:
    data = small_account()
    g = build_account_graph(data, "acme", opportunity_id="acme-cloud")
    key = key_people(g)  # three people in the chain: K = 3, all of them
    assert {k.person_id for k in key} == {"ceo", "cto", "cfo"}
    reasons = {k.person_id: k.reasons for k in key}
    assert reasons["ceo"] == ("top_k", "decision_maker")
    assert reasons["cfo"] == ("top_k", "approver")
    assert reasons["cto"] == ("top_k",)


def test_whole_account_adds_signers_outside_the_top() -> None:
    g = build_account_graph(small_account(), "acme")
    key = key_people(g, k=1)
    assert [(k.person_id, k.reasons) for k in key] == [
        ("ceo", ("top_k", "decision_maker")),
        ("cfo", ("approver",)),
    ]


def test_no_people() -> None:
    assert key_people(account_graph([])) == []


def test_to_dict_round_trips_through_json() -> None:
    key = key_people(account_graph(TREE_PEOPLE, TREE))
    d = json.loads(json.dumps(key[0].to_dict(), ensure_ascii=False))
    assert d["person_id"] == "ceo" and d["reasons"] == ["top_k"]
    assert set(d["explanation"]) == {"en", "zh"}
    assert isinstance(key[0], KeyPerson)


DEMO_AND_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize(
    "folder",
    ["demo/manufacturing-en", "demo/telecom-zh", "demo/portfolio-zh", "krackhardt/account"],
)
def test_no_key_person_reads_peripheral(folder: str) -> None:
    """The matrix's composite high is the key-people cut (DESIGN.md, Round 2; issue 12
    item 10): on every demo and fixture account, and each opportunity's chain, a key person
    is never peripheral, and everyone in the top K is high on the network axis."""
    from graphcrm.io import load_path

    data = load_path(DEMO_AND_FIXTURES / folder).dataset
    checked = 0
    for account in data.accounts:
        chains = [o.id for o in data.opportunities if o.account_id == account.id]
        for opportunity in [None, *chains]:
            graph = build_account_graph(data, account.id, opportunity_id=opportunity)
            ranking = importance(graph)
            quadrant = {p.person_id: p.quadrant for p in ranking}
            k = default_k(len(ranking))
            for key in key_people(graph, ranking):
                assert quadrant[key.person_id] != "peripheral", (account.id, key.person_id)
            for p in ranking[:k]:
                assert p.quadrant in ("key_decision_maker", "hidden_influencer")
            checked += 1
    assert checked >= 1
