"""The contract every GraphStore keeps, run on SQLite, on FalkorDB and (if set up) on Neo4j."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from graphcrm.model import Action, Attitude, Contact, Dataset, Person, Plan, Record, Staff, Tie
from graphcrm.stores import GraphStore
from graphcrm.stores.base import PERSON_TABLES, Version
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

    def test_current_is_the_one_version_not_ended(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        for on, title in ((FEB, "Lead"), (MAR, "Head")):
            person = Person(id="eng1", account_id="acme", name="Eve", title=title)
            store.write(Dataset(people=[person]), on=on)
        current = store.current("people", ("eng1",))
        assert current is not None and current.record.title == "Head"
        assert (current.account_id, current.valid_from, current.valid_to) == ("acme", MAR, None)
        assert current == store.history("people", ("eng1",))[-1]
        tie = store.current("ties", ("knows", "eng1", "ceo"))
        assert tie is not None and tie.record.strength == 0.3
        store.delete("people", ("eng1",))
        assert store.current("people", ("eng1",)) is None  # ended: history only
        assert store.current("people", ("nobody",)) is None
        with pytest.raises(NotFoundError, match="unknown table 'nothing'"):
            store.current("nothing", ("eng1",))

    def test_current_agrees_with_the_history_of_every_record(self, store: GraphStore) -> None:
        store.write(small_account(), on=JAN)
        edited = small_account()  # a second version of one record of every table
        for _, records in edited.tables():
            if records and hasattr(records[0], "note"):
                records[0] = records[0].model_copy(update={"note": "edited"})
        store.write(edited, on=FEB)
        contact = small_account().contacts[-1]
        store.delete("contacts", contact.key, on=MAR)
        checked = 0
        for table, records in small_account().tables():
            for record in records:
                versions = store.history(table, record.key)
                open_ = [v for v in versions if v.valid_to is None]
                assert len(open_) <= 1, (table, record.key)
                assert store.current(table, record.key) == (open_[0] if open_ else None)
                checked += 1
        assert store.current("contacts", contact.key) is None
        assert checked == sum(len(r) for _, r in small_account().tables())

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


def _cto_story(store: GraphStore) -> None:
    """The CTO with every kind of record about them, and history: a title change in
    February, a contact ended in March, a plan with an action, a second attitude."""
    data = small_account()
    data.plans.append(
        Plan(person_id="cto", target_level=3, owner_staff_id="s-ar", needs="a quiet rollout")
    )
    data.actions.append(
        Action(id="a-cto", person_id="cto", description="Demo for Chen", owner_staff_id="s-ar")
    )
    store.write(data, on=JAN)
    cto = next(p for p in data.people if p.id == "cto")
    store.write(
        Dataset(
            people=[cto.model_copy(update={"title": "Chief technologist"})],
            attitudes=[Attitude(person_id="cto", level=2, as_of=FEB, note="cooler")],
        ),
        on=FEB,
    )
    store.delete("contacts", ("s-ar", "cto"), on=MAR)


def _names(record: Record, person_id: str) -> bool:
    return person_id in record.model_dump(mode="json").values()


def _about_others(history: dict[str, list[Version]], person_id: str) -> dict[str, list[Version]]:
    return {t: [v for v in vs if not _names(v.record, person_id)] for t, vs in history.items()}


class TestPersonHistoryAndPurge:
    def test_history_holds_every_version_of_every_record_about_the_person(
        self, store: GraphStore
    ) -> None:
        _cto_story(store)
        found = store.person_history("acme", "cto")
        assert list(found) == list(PERSON_TABLES)
        assert [(v.record.title, v.valid_from, v.valid_to) for v in found["people"]] == [  # type: ignore[attr-defined]
            ("CTO", JAN, FEB),
            ("Chief technologist", FEB, None),
        ]
        assert {v.record.key for v in found["ties"]} == {
            ("reports_to", "cto", "ceo"),
            ("reports_to", "eng1", "cto"),
            ("reports_to", "eng2", "cto"),
            ("knows", "cto", "cfo"),
            ("influences", "cto", "ceo"),
        }
        assert [(v.record.key, v.valid_to) for v in found["contacts"]] == [(("s-ar", "cto"), MAR)]
        assert [(a.record.level, a.record.recognition) for a in found["attitudes"]] == [  # type: ignore[attr-defined]
            (2, None),
            (3, 3),
        ]
        assert [v.record.key for v in found["decision_roles"]] == [
            ("acme-cloud", "cto", "evaluator")
        ]
        assert [v.record.needs for v in found["plans"]] == ["a quiet rollout"]  # type: ignore[attr-defined]
        assert [v.record.key for v in found["actions"]] == [("a-cto",)]
        assert all(v.account_id == "acme" for vs in found.values() for v in vs)
        assert all(_names(v.record, "cto") for vs in found.values() for v in vs)

    def test_a_person_outside_the_account_is_not_found(self, store: GraphStore) -> None:
        store.write(small_account("acme"), on=JAN)
        store.write(small_account("globex", prefix="g-"), on=JAN)
        for account, person in (("globex", "cto"), ("acme", "g-cto"), ("acme", "nobody")):
            with pytest.raises(NotFoundError, match=person):
                store.person_history(account, person)
            with pytest.raises(NotFoundError):
                store.purge_person(account, person)
        assert len(store.person_history("acme", "cto")["people"]) == 1  # refused: nothing gone

    def test_purge_removes_every_version_and_leaves_everyone_else(self, store: GraphStore) -> None:
        _cto_story(store)
        others = ("ceo", "cfo", "eng1", "eng2")
        before = {p: _about_others(store.person_history("acme", p), "cto") for p in others}
        expected = store.person_history("acme", "cto")

        assert store.purge_person("acme", "cto") == expected

        with pytest.raises(NotFoundError):
            store.person_history("acme", "cto")
        assert store.history("people", ("cto",)) == []
        assert store.history("plans", ("cto",)) == []
        assert store.history("actions", ("a-cto",)) == []
        for as_of in (JAN, FEB, MAR, None):
            data = store.account_data("acme", as_of=as_of)
            assert not [r for _, rs in data.tables() for r in rs if _names(r, "cto")], as_of
            assert "Chen" not in repr(data)
        assert {p: store.person_history("acme", p) for p in others} == before
        # The store goes on working: the same id can be used again, from scratch.
        store.write(Dataset(people=[Person(id="cto", account_id="acme", name="New")]), on=NOV)
        assert [v.record.name for v in store.history("people", ("cto",))] == ["New"]  # type: ignore[attr-defined]
