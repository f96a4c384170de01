"""The portfolio's outside people: each outside person once, with the customer accounts
their ties reach, most accounts first; only the accounts the caller sees count."""

from __future__ import annotations

from datetime import date

from graphcrm.model import Account, Contact, Dataset, Person, Staff, Tie
from graphcrm.portfolio.outside_people import outside_people
from graphcrm.stores import GraphStore

JAN = date(2026, 1, 10)


def world() -> Dataset:
    return Dataset(
        accounts=[
            Account(id="acme", name="Acme"),
            Account(id="globex", name="Globex"),
            Account(id="di", name="Design Institute", kind="design_institute"),
            Account(id="gov", name="Bureau", kind="government"),
        ],
        staff=[Staff(id="s1", name="S1"), Staff(id="s2", name="S2")],
        people=[
            Person(id="a1", account_id="acme", name="A1"),
            Person(id="a2", account_id="acme", name="A2"),
            Person(id="g1", account_id="globex", name="G1"),
            Person(id="eng", account_id="di", name="Chief Engineer", title="总工"),
            Person(id="clerk", account_id="gov", name="Clerk"),
            Person(id="quiet", account_id="gov", name="Quiet"),
        ],
        ties=[
            Tie(type="influences", source_id="eng", target_id="a1", strength=0.8),
            Tie(type="knows", source_id="eng", target_id="a2", strength=0.4),
            Tie(type="knows", source_id="g1", target_id="eng", strength=0.5),
            Tie(type="knows", source_id="clerk", target_id="a1", strength=0.3),
            Tie(type="knows", source_id="a1", target_id="a2", strength=0.9),  # inside acme
        ],
        contacts=[
            Contact(staff_id="s1", person_id="eng", strength=0.5),
            Contact(staff_id="s2", person_id="eng", strength=0.2),
        ],
    )


def test_each_outside_person_once_with_the_accounts_they_reach(store: GraphStore) -> None:
    store.write(world(), on=JAN)
    found = [o.to_dict() for o in outside_people(store, {"acme", "globex", "di", "gov"})]
    assert found == [
        {
            "person_id": "eng",
            "name": "Chief Engineer",
            "title": "总工",
            "account_id": "di",
            "account_name": "Design Institute",
            "kind": "design_institute",
            "coverage": 0.6,  # 1 - (1 - 0.5)(1 - 0.2)
            "account_count": 2,
            "reaches": [
                {"account_id": "acme", "account_name": "Acme", "ties": 2},
                {"account_id": "globex", "account_name": "Globex", "ties": 1},
            ],
        },
        {
            "person_id": "clerk",
            "name": "Clerk",
            "title": None,
            "account_id": "gov",
            "account_name": "Bureau",
            "kind": "government",
            "coverage": 0.0,
            "account_count": 1,
            "reaches": [{"account_id": "acme", "account_name": "Acme", "ties": 1}],
        },
    ]


def test_only_the_accounts_the_team_sees_count(store: GraphStore) -> None:
    store.write(world(), on=JAN)
    # Globex unseen: the engineer reaches Acme only; the Bureau unseen: its clerk is not listed.
    (eng,) = outside_people(store, {"acme", "di"})
    assert (eng.person_id, eng.reaches) == (
        "eng",
        [{"account_id": "acme", "account_name": "Acme", "ties": 2}],
    )
    assert outside_people(store, {"di", "gov"}) == []  # no customer account seen
