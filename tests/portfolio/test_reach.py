"""Who-knows-whom in every store: each staff member's accounts and people, the staff with
contacts in the most accounts, and a person's closest staff through outside people."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import NotFoundError
from graphcrm.model import Account, Contact, Dataset, Person, Staff, Tie
from graphcrm.portfolio.reach import busiest_staff, person_reach, staff_reach
from graphcrm.stores import GraphStore
from tests.portfolio.test_cross_account import JAN, world

ALL = {"acme", "globex", "di"}


def more() -> Dataset:
    data = world()
    data.staff.append(Staff(id="s3", name="S3"))
    data.people.append(Person(id="a2", account_id="acme", name="A2"))
    data.ties.append(Tie(type="knows", source_id="a2", target_id="a1", strength=0.5))
    data.contacts += [
        Contact(staff_id="s1", person_id="a2", strength=0.9),
        Contact(staff_id="s1", person_id="g1", strength=0.25),
        Contact(staff_id="s3", person_id="a1", strength=0.3),
    ]
    return data


def test_staff_reach_and_the_busiest_staff(store: GraphStore) -> None:
    store.write(more(), on=JAN)
    assert staff_reach(store, "s1", ALL) == {
        "staff_id": "s1",
        "accounts": [
            {"account_id": "acme", "people": [{"person_id": "a2", "strength": 0.9}]},
            {"account_id": "di", "people": [{"person_id": "eng", "strength": 0.5}]},
            {"account_id": "globex", "people": [{"person_id": "g1", "strength": 0.25}]},
        ],
        "account_count": 3,
        "people_count": 3,
    }
    assert staff_reach(store, "s1", {"acme"})["account_count"] == 1  # only what is visible
    assert busiest_staff(store, ALL) == [
        {"staff_id": "s1", "accounts": 3, "people": 3},
        {"staff_id": "s2", "accounts": 1, "people": 1},
        {"staff_id": "s3", "accounts": 1, "people": 1},
    ]


def test_closest_staff_through_outside_people(store: GraphStore) -> None:
    store.write(more(), on=JAN)
    ways = [w.to_dict() for w in person_reach(store, "a1", ALL)]
    # s1: via a2 0.9 * 0.5 = 0.45 beats via eng 0.5 * 0.8 = 0.4; s2: via eng 0.4;
    # s3: direct 0.3.
    assert ways == [
        {"staff_id": "s1", "strength": pytest.approx(0.45), "via": "a2", "via_account_id": "acme"},
        {"staff_id": "s2", "strength": pytest.approx(0.4), "via": "eng", "via_account_id": "di"},
        {"staff_id": "s3", "strength": 0.3, "via": None, "via_account_id": None},
    ]
    # without the design institute in view, its people carry no path
    assert [w.staff_id for w in person_reach(store, "a1", {"acme"})] == ["s1", "s3"]
    with pytest.raises(NotFoundError):
        person_reach(store, "g1", {"acme"})  # another team's person: as if missing


def test_who_knows_whom_over_200_accounts_is_one_quick_query(sqlite_store: GraphStore) -> None:
    data = Dataset(staff=[Staff(id=f"s{i}", name=f"S{i}") for i in range(50)])
    for a in range(200):
        data.accounts.append(Account(id=f"a{a}", name=f"A{a}"))
        for p in range(5):
            data.people.append(Person(id=f"a{a}-p{p}", account_id=f"a{a}", name="P"))
            data.contacts.append(Contact(staff_id=f"s{(a + p) % 50}", person_id=f"a{a}-p{p}"))
    sqlite_store.write(data, on=date(2026, 1, 1))
    ids = {a.id for a in data.accounts}
    top = busiest_staff(sqlite_store, ids)
    assert len(top) == 50 and top[0] == {"staff_id": "s0", "accounts": 20, "people": 20}


def test_closest_staff_to_an_outside_person(store: GraphStore) -> None:
    store.write(more(), on=JAN)
    # eng: s1 and s2 directly (0.5 each); s3 through a1 (0.3 * 0.8 = 0.24); s1's way
    # through g1 (0.25 * 0.5) is weaker than its direct contact.
    assert [(w.staff_id, round(w.strength, 6), w.via) for w in person_reach(store, "eng", ALL)] == [
        ("s1", 0.5, None),
        ("s2", 0.5, None),
        ("s3", 0.24, "a1"),
    ]
