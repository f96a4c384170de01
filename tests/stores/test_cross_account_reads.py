"""The filtered cross-account reads in every store (SQLite, FalkorDB, Neo4j): who-knows-
whom's ``reach_data`` by staff member, by person and by date, and the ties kept in
accounts as of a day (``account_ties``)."""

from __future__ import annotations

from datetime import date

from graphcrm.model import Account, Contact, Dataset, Interaction, Person, Staff, Tie
from graphcrm.stores import GraphStore

JAN, MAR, JUN = date(2026, 1, 10), date(2026, 3, 10), date(2026, 6, 10)
BOTH = {"acme", "globex"}


def book() -> Dataset:
    return Dataset(
        accounts=[Account(id="acme", name="Acme"), Account(id="globex", name="Globex")],
        staff=[Staff(id="s1", name="S1"), Staff(id="s2", name="S2"), Staff(id="s10", name="S10")],
        people=[
            Person(id="a1", account_id="acme", name="A1"),
            Person(id="a2", account_id="acme", name="A2"),
            Person(id="a3", account_id="acme", name="A3"),
            Person(id="g1", account_id="globex", name="G1"),
        ],
        ties=[Tie(type="knows", source_id="a1", target_id="a2", strength=0.5)],
        contacts=[
            Contact(staff_id="s1", person_id="a1", strength=0.7),
            Contact(staff_id="s2", person_id="a2", strength=0.4),
            Contact(staff_id="s10", person_id="g1", strength=0.6),
        ],
        interactions=[
            Interaction(id="i1", date=MAR, type="meeting", staff_ids="s1;s2", person_ids="a3"),
            Interaction(id="i2", date=JAN, type="call", staff_ids="s2", person_ids="g1"),
            Interaction(id="i3", date=MAR, type="dinner", staff_ids="s10", person_ids="a2;a1"),
        ],
    )


def _read(store: GraphStore, **filters: object) -> tuple[list[str], list[str], list[str]]:
    data = store.reach_data(BOTH, **filters)  # type: ignore[arg-type]
    return (
        sorted(f"{c.staff_id}>{c.person_id}" for c in data.contacts),
        sorted(i.id for i in data.interactions),
        sorted(p.id for p in data.people),
    )


def test_reach_data_reads_only_what_the_pairs_need(store: GraphStore) -> None:
    store.write(book(), on=JAN)
    # unfiltered: every contact and interaction, and only the people they name (a1..g1
    # are all named; the tie's ends are not read for it)
    assert _read(store) == (
        ["s10>g1", "s1>a1", "s2>a2"],
        ["i1", "i2", "i3"],
        ["a1", "a2", "a3", "g1"],
    )
    # one staff member: s1 does not match s10 (whole ids only)
    assert _read(store, staff_ids={"s1"}) == (["s1>a1"], ["i1"], ["a1", "a3"])
    assert _read(store, staff_ids={"s2"}, since=MAR) == (["s2>a2"], ["i1"], ["a2", "a3"])
    assert _read(store, person_ids={"g1"}) == (["s10>g1"], ["i2"], ["g1"])
    assert _read(store, staff_ids={"s10"}, person_ids={"a2"}) == ([], ["i3"], ["a1", "a2"])
    assert _read(store, staff_ids=set()) == ([], [], [])
    # only the accounts asked for
    acme = store.reach_data({"acme"}, staff_ids={"s10"})
    assert ([c.person_id for c in acme.contacts], [i.id for i in acme.interactions]) == (
        [],
        ["i3"],
    )
    globex = store.reach_data({"globex"}, staff_ids={"s10"})
    assert [(c.person_id, c.strength) for c in globex.contacts] == [("g1", 0.6)]
    assert (globex.interactions, [p.id for p in globex.people]) == ([], ["g1"])


def test_reach_data_as_of_a_day(store: GraphStore) -> None:
    store.write(book(), on=JAN)
    later = Dataset(
        contacts=[Contact(staff_id="s1", person_id="a2", strength=0.9)],
        people=[Person(id="a2", account_id="acme", name="A2 renamed")],
    )
    store.write(later, on=JUN)
    assert _read(store, staff_ids={"s1"}, as_of=MAR) == (["s1>a1"], ["i1"], ["a1", "a3"])
    now = store.reach_data(BOTH, staff_ids={"s1"})
    assert sorted(c.person_id for c in now.contacts) == ["a1", "a2"]
    assert {p.id: p.name for p in now.people}["a2"] == "A2 renamed"


def test_account_ties_as_of_a_day(store: GraphStore) -> None:
    store.write(book(), on=JAN)
    store.write(Dataset(accounts=[Account(id="di", name="DI", kind="design_institute")]), on=JAN)
    store.write(Dataset(people=[Person(id="eng", account_id="di", name="Eng")]), on=JAN)
    crossing = Tie(type="influences", source_id="eng", target_id="a1", strength=0.8)
    store.write(Dataset(ties=[crossing]), on=MAR)
    store.delete("ties", ("knows", "a1", "a2"), on=JUN)

    def keys(**as_of: date) -> list[tuple[str, ...]]:
        return sorted(t.key for t in store.account_ties({"acme"}, **as_of))

    assert keys(as_of=JAN) == [("knows", "a1", "a2")]
    assert keys(as_of=MAR) == [("influences", "eng", "a1"), ("knows", "a1", "a2")]
    assert keys() == [("influences", "eng", "a1")]  # the current ones
    assert store.account_ties({"globex"}, as_of=MAR) == []
    assert sorted(t.strength for t in store.account_ties({"acme"}, as_of=MAR)) == [0.5, 0.8]
