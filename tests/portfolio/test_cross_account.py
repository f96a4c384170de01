"""Cross-account people in every store: an outside person tying into two customer
accounts is listed by both; ties between customer accounts are refused, the row named."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.graph import load_account_graph
from graphcrm.model import Account, Attitude, Contact, Dataset, Person, Staff, Tie
from graphcrm.portfolio.outside import outside_influencers
from graphcrm.stores import GraphStore

JAN, FEB = date(2026, 1, 10), date(2026, 2, 10)


def world() -> Dataset:
    return Dataset(
        accounts=[
            Account(id="acme", name="Acme"),
            Account(id="globex", name="Globex"),
            Account(id="di", name="Design Institute", kind="design_institute"),
        ],
        staff=[Staff(id="s1", name="S1"), Staff(id="s2", name="S2")],
        people=[
            Person(id="a1", account_id="acme", name="A1"),
            Person(id="g1", account_id="globex", name="G1"),
            Person(id="eng", account_id="di", name="Chief Engineer", title="总工"),
        ],
        ties=[
            Tie(type="influences", source_id="eng", target_id="a1", strength=0.8),
            Tie(type="knows", source_id="g1", target_id="eng", strength=0.5),
        ],
        contacts=[
            Contact(staff_id="s1", person_id="eng", strength=0.5),
            Contact(staff_id="s2", person_id="eng", strength=0.5),
        ],
        attitudes=[Attitude(person_id="eng", level=2, as_of=JAN)],
    )


def test_an_outside_person_is_listed_by_both_accounts(store: GraphStore) -> None:
    store.write(world(), on=JAN)
    acme = [o.to_dict() for o in outside_influencers(store, "acme")]
    assert acme == [
        {
            "person_id": "eng",
            "name": "Chief Engineer",
            "title": "总工",
            "account_id": "di",
            "account_name": "Design Institute",
            "kind": "design_institute",
            "level": 2,
            "coverage": 0.75,  # 1 - (1 - 0.5)(1 - 0.5)
            "contacts": [{"staff_id": "s1", "strength": 0.5}, {"staff_id": "s2", "strength": 0.5}],
            "ties": [
                {"type": "influences", "direction": "out", "person_id": "a1", "strength": 0.8}
            ],
        }
    ]
    (globex,) = outside_influencers(store, "globex")
    assert globex.ties == [{"type": "knows", "direction": "in", "person_id": "g1", "strength": 0.5}]
    assert outside_influencers(store, "di") == []  # the ties are kept with the customers
    # the customer's own analyses still see only its own people
    assert set(load_account_graph(store, "acme").nodes) == {"a1"}


def test_a_tie_between_two_customer_accounts_is_refused(store: GraphStore) -> None:
    store.write(world(), on=JAN)
    bad = Dataset(
        ties=[
            Tie(type="knows", source_id="a1", target_id="eng"),
            Tie(type="knows", source_id="a1", target_id="g1"),
            Tie(type="reports_to", source_id="eng", target_id="g1"),
        ]
    )
    with pytest.raises(ValidationFailed) as caught:
        store.write(bad, on=FEB)
    found = [(e.table, e.row, e.column, e.message.split(": ")[1]) for e in caught.value.errors]
    assert found == [
        ("ties", 2, "target_id", "both are customer accounts; only a person of an outside party "
         "(partner, consultant, design institute, government, group headquarters) may tie into "
         "a customer account"),
        ("ties", 3, "target_id", "only knows and influences ties may cross accounts"),
    ]  # fmt: skip
    assert len(store.account_data("acme").ties) == 1  # nothing written
