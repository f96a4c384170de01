"""The contract every GraphStore keeps, run on SQLite, on FalkorDB and (if set up) on Neo4j."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from graphcrm.model import Attitude, Contact, Dataset, Person, Staff, Tie
from graphcrm.stores import GraphStore
from tests.sample import small_account

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)
NOV = date(2026, 11, 1)


def levels(store: GraphStore, account: str, person: str, as_of: date | None = None) -> list[int]:
    data = store.account_data(account, as_of=as_of)
    ours = sorted(
        (a for a in data.attitudes if a.person_id == person and a.toward == "us"),
        key=lambda a: a.as_of,
    )
    return [a.level for a in ours]


class TestWriteAndRead:
    def test_round_trip_is_exact(self, store: GraphStore) -> None:
        data = small_account()
        report = store.write(data, on=JAN)
        assert report.created["people"] == 5 and report.created["ties"] == 8
        assert store.account_data("acme").sorted() == data.sorted()

    def test_same_rows_twice_change_nothing(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        report = store.write(small_account(), on=FEB)
        assert report.changed == 0
        assert report.unchanged["people"] == 5
        assert len(store.history("people", ("ceo",))) == 1

    def test_accounts_are_kept_apart(self, store: GraphStore) -> None:
        store.write(small_account("acme"), on=JAN)
        store.write(small_account("globex", prefix="g-"), on=JAN)
        assert [a.id for a in store.accounts()] == ["acme", "globex"]
        acme = store.account_data("acme")
        assert {p.id for p in acme.people} == {"ceo", "cto", "cfo", "eng1", "eng2"}
        assert {s.id for s in acme.staff} == {"s-ar", "s-exec"}  # only staff it refers to
        assert {s.id for s in store.staff()} == {"s-ar", "s-exec", "g-s-ar", "g-s-exec"}
        assert [c.id for c in store.competitors()] == ["g-rival", "rival"]

    def test_unknown_account(self, store: GraphStore) -> None:
        with pytest.raises(NotFoundError):
            store.account_data("nobody")

    def test_partial_write_refers_to_stored_people(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        store.write(Dataset(ties=[Tie(type="knows", source_id="eng2", target_id="cfo")]), on=FEB)
        assert any(t.key == ("knows", "eng2", "cfo") for t in store.account_data("acme").ties)


class TestValidation:
    def test_bad_references_write_nothing(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        before = store.account_data("acme").sorted()
        bad = Dataset(
            people=[Person(id="new", account_id="acme", name="New")],
            ties=[
                Tie(type="knows", source_id="new", target_id="ghost"),
                Tie(type="reports_to", source_id="ceo", target_id="eng1"),
            ],
            contacts=[Contact(staff_id="nobody", person_id="new")],
        )
        with pytest.raises(ValidationFailed) as info:
            store.write(bad, on=FEB)
        found = sorted((e.table, e.row, e.column, e.message) for e in info.value.errors)
        cycle = found.pop(-1)
        assert found == [
            ("contacts", 1, "staff_id", "unknown staff member 'nobody'"),
            ("ties", 1, "target_id", "unknown person 'ghost'"),
        ]
        assert cycle[:3] == ("ties", 2, "target_id")
        assert cycle[3].startswith("reports_to cycle: ")
        assert set(cycle[3].removeprefix("reports_to cycle: ").split(" -> ")) == {
            "ceo",
            "eng1",
            "cto",
        }
        assert store.account_data("acme").sorted() == before

    def test_person_and_staff_cannot_share_an_id(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        with pytest.raises(ValidationFailed, match="already a staff member's id"):
            store.write(Dataset(people=[Person(id="s-ar", account_id="acme", name="X")]))

    def test_history_only_moves_forward(self, store: GraphStore) -> None:
        store.write(small_account(), on=FEB)
        moved = Person(id="eng1", account_id="acme", name="Eve", department="Ops")
        with pytest.raises(ConflictError):
            store.write(Dataset(people=[moved]), on=JAN)
        assert store.account_data("acme").sorted() == small_account().sorted()


class TestHistory:
    def test_attitude_as_of(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        store.write(Dataset(attitudes=[Attitude(person_id="cfo", level=3, as_of="2026-10-15")]))
        assert levels(store, "acme", "cfo") == [0, 1, 3]
        assert levels(store, "acme", "cfo", as_of=date(2026, 9, 30)) == [0, 1]
        assert levels(store, "acme", "cfo", as_of=date(2026, 3, 1)) == [0]

    def test_update_keeps_the_old_version(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        promoted = Person(
            id="eng1",
            account_id="acme",
            name="Eve",
            title="Lead",
            department="IT",
            layer="management",
        )
        report = store.write(Dataset(people=[promoted]), on=MAR)
        assert report.updated["people"] == 1
        versions = store.history("people", ("eng1",))
        assert [(v.valid_from, v.valid_to) for v in versions] == [(JAN, MAR), (MAR, None)]
        assert versions[0].record.layer == "execution" and versions[1].record.title == "Lead"
        assert (
            next(p for p in store.account_data("acme", as_of=FEB).people if p.id == "eng1").layer
            == "execution"
        )
        assert (
            next(p for p in store.account_data("acme").people if p.id == "eng1").layer
            == "management"
        )

    def test_account_did_not_exist_before_it_was_written(self, store: GraphStore) -> None:
        store.write(small_account(), on=FEB)
        assert store.accounts(as_of=JAN) == []
        with pytest.raises(NotFoundError):
            store.account_data("acme", as_of=JAN)

    def test_same_day_correction_replaces_but_keeps(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        fixed = Contact(staff_id="s-ar", person_id="eng1", strength=0.6)
        store.write(Dataset(contacts=[fixed]), on=JAN)
        versions = store.history("contacts", ("s-ar", "eng1"))
        assert [v.record.strength for v in versions] == [0.5, 0.6]
        assert (
            next(
                c for c in store.account_data("acme", as_of=JAN).contacts if c.person_id == "eng1"
            ).strength
            == 0.6
        )


class TestDelete:
    def test_person_and_what_hangs_on_them(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        ended = store.delete("people", ("cto",), on=NOV)
        now = store.account_data("acme")
        assert "cto" not in {p.id for p in now.people}
        assert all("cto" not in (t.source_id, t.target_id) for t in now.ties)
        assert all(c.person_id != "cto" for c in now.contacts)
        assert all(r.person_id != "cto" for r in now.decision_roles)
        # the person, 5 ties (reports to ceo, two reports, knows cfo, influences ceo),
        # 1 contact, 1 attitude, 1 decision role
        assert ended == 1 + 5 + 1 + 1 + 1
        before = store.account_data("acme", as_of=date(2026, 10, 31))
        assert "cto" in {p.id for p in before.people}
        assert before.sorted() == small_account().sorted()

    def test_account(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        store.write(small_account("globex", prefix="g-"), on=JAN)
        store.delete("accounts", ("acme",), on=MAR)
        assert [a.id for a in store.accounts()] == ["globex"]
        assert [a.id for a in store.accounts(as_of=FEB)] == ["acme", "globex"]
        assert store.account_data("globex").sorted() == small_account("globex", "g-").sorted()

    def test_staff_who_owns_plans_cannot_go(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        with pytest.raises(ConflictError):
            store.delete("staff", ("s-exec",), on=MAR)
        store.write(Dataset(staff=[Staff(id="s-new", name="New")]), on=JAN)
        store.write(Dataset(contacts=[Contact(staff_id="s-new", person_id="eng2")]), on=JAN)
        assert store.delete("staff", ("s-new",), on=MAR) == 2

    def test_unknown_record(self, store: GraphStore) -> None:
        with pytest.raises(NotFoundError):
            store.delete("people", ("ghost",))
