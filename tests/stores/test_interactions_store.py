"""The interactions table on every store (SQLite, FalkorDB, Neo4j): round trip, as-of
reads from the interaction's own date, integrity refusals, and the erasure's rule."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.model import Dataset, Interaction, Person, Staff
from graphcrm.stores import GraphStore
from tests.sample import small_account

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)


def meeting(ident: str, day: str, people: str, staff: str = "s-ar", **extra: object) -> Interaction:
    return Interaction(
        id=ident, date=day, type="meeting", staff_ids=staff, person_ids=people, **extra
    )


def test_round_trip_with_lists_and_emails(store: GraphStore) -> None:
    data = small_account()
    data.people[0] = data.people[0].model_copy(update={"email": "wang@acme.cn"})
    data.staff[0] = data.staff[0].model_copy(update={"email": "ann@us.com"})
    data.people[1] = data.people[1].model_copy(update={"left_on": date(2026, 2, 1)})
    data.interactions = [
        meeting("i1", "2026-01-05", "ceo;cto", "s-ar;s-exec", duration_min=45, note="路线图"),
        Interaction(
            id="i2",
            date="2026-01-08",
            type="email",
            staff_ids="s-ar",
            person_ids="cfo",
            direction="outbound",
            source="mail",
        ),
    ]
    store.write(data, on=JAN)
    assert store.account_data("acme").sorted() == data.sorted()


def test_an_interaction_holds_from_its_own_date(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    store.write(Dataset(interactions=[meeting("i1", "2026-01-20", "ceo")]), on=MAR)
    assert [i.id for i in store.account_data("acme", as_of=date(2026, 1, 20)).interactions] == [
        "i1"
    ]
    assert store.account_data("acme", as_of=date(2026, 1, 19)).interactions == []
    # the staff an interaction names are among the account's staff
    assert {s.id for s in store.account_data("acme").staff} == {"s-ar", "s-exec"}


def test_bad_references_write_nothing(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    store.write(small_account("globex", prefix="g-"), on=JAN)
    bad = Dataset(
        interactions=[
            meeting("i1", "2026-01-20", "ceo", staff="nobody"),
            meeting("i2", "2026-01-20", "ghost"),
            meeting("i3", "2026-01-20", "ceo;g-ceo"),
            meeting("i4", "2026-01-20", "ceo", opportunity_id="globex-cloud"),
        ]
    )
    with pytest.raises(ValidationFailed) as caught:
        store.write(bad, on=FEB)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {
        (1, "staff_ids"),
        (2, "person_ids"),
        (3, "person_ids"),
        (4, "opportunity_id"),
    }
    assert store.account_data("acme").interactions == []


def test_erasure_takes_the_person_out_and_drops_interactions_left_empty(
    store: GraphStore,
) -> None:
    store.write(small_account(), on=JAN)
    store.write(
        Dataset(
            interactions=[
                meeting("both", "2026-01-05", "ceo;cto"),
                meeting("alone", "2026-01-06", "cto"),
            ]
        ),
        on=JAN,
    )
    store.write(Dataset(interactions=[meeting("both", "2026-01-05", "ceo;cto", note="v2")]), on=FEB)
    history = store.person_history("acme", "cto")
    assert sorted(v.record.key[0] for v in history["interactions"]) == ["alone", "both", "both"]
    store.purge_person("acme", "cto")
    left = store.account_data("acme").interactions
    assert [(i.id, i.person_ids) for i in left] == [("both", ("ceo",))]
    assert all(v.record.person_ids == ("ceo",) for v in store.history("interactions", ("both",)))
    assert store.history("interactions", ("alone",)) == []


def test_people_and_staff_email_are_checked() -> None:
    with pytest.raises(ValueError, match="e-mail"):
        Person(id="p", account_id="a", name="n", email="not an address")
    assert Staff(id="s", name="n", email=" Ann@US.com ").email == "ann@us.com"
