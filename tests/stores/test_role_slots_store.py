"""Role slots (unidentified roles, 待识别角色) in every store (SQLite, FalkorDB, Neo4j):
written, read back exactly, filled with history kept, read as of a date, ended with their
opportunity, refused when they name what they may not, and erased with their person."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.model import Dataset, Opportunity, RoleSlot
from graphcrm.stores import GraphStore
from tests.sample import small_account

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)
OPEN = RoleSlot(
    id="slot-fin",
    opportunity_id="acme-cloud",
    role="审批者",
    department="Finance 财务部",
    layer="management",
    note="someone in Finance approves",
)


def test_a_slot_is_filled_and_its_open_version_stays_in_history(store: GraphStore) -> None:
    store.write(Dataset(**{**vars(small_account()), "role_slots": [OPEN]}), on=JAN)
    assert store.account_data("acme").role_slots == [OPEN]
    assert OPEN.role == "approver" and OPEN.person_id is None
    filled = OPEN.model_copy(update={"person_id": "cfo"})
    report = store.write(Dataset(role_slots=[filled]), on=FEB)
    assert report.updated["role_slots"] == 1
    assert store.account_data("acme").role_slots == [filled]
    assert store.account_data("acme", as_of=JAN).role_slots == [OPEN]
    history = store.history("role_slots", ("slot-fin",))
    assert [(v.record, v.valid_from, v.valid_to) for v in history] == [
        (OPEN, JAN, FEB),
        (filled, FEB, None),
    ]
    assert {v.account_id for v in history} == {"acme"}
    # Deleting the opportunity ends its slots with its decision roles (3 + 1 + itself).
    assert store.delete("opportunities", ("acme-cloud",), on=MAR) == 5
    assert store.account_data("acme").role_slots == []
    assert store.account_data("acme", as_of=FEB).role_slots == [filled]


def test_bad_slots_are_refused_naming_row_and_column(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    store.write(small_account("beta", prefix="b-"), on=JAN)
    bad = Dataset(
        role_slots=[
            OPEN.model_copy(update={"id": "s1", "opportunity_id": "nope"}),
            OPEN.model_copy(update={"id": "s2", "person_id": "b-cfo"}),  # another account's
            OPEN.model_copy(update={"id": "s3", "person_id": "ghost"}),
        ]
    )
    with pytest.raises(ValidationFailed) as caught:
        store.write(bad, on=FEB)
    found = [(e.table, e.row, e.column) for e in caught.value.errors]
    assert found == [
        ("role_slots", 1, "opportunity_id"),
        ("role_slots", 2, "person_id"),
        ("role_slots", 3, "person_id"),
    ]
    assert "is not in the account of opportunity 'acme-cloud'" in caught.value.errors[1].message
    assert store.account_data("acme").role_slots == []
    assert store.history("role_slots", ("s1",)) == []


def test_erasing_the_person_removes_the_versions_naming_them(store: GraphStore) -> None:
    store.write(Dataset(**{**vars(small_account()), "role_slots": [OPEN]}), on=JAN)
    store.write(Dataset(role_slots=[OPEN.model_copy(update={"person_id": "cfo"})]), on=FEB)
    found = store.person_history("acme", "cfo")["role_slots"]
    assert [v.record.person_id for v in found] == ["cfo"]  # type: ignore[attr-defined]
    store.purge_person("acme", "cfo")
    left = store.history("role_slots", ("slot-fin",))
    assert [(v.record, v.valid_to) for v in left] == [(OPEN, FEB)]


def test_a_slot_on_an_opportunity_moved_in_one_write(store: GraphStore) -> None:
    """Slot and opportunity in one dataset: the slot lands in the opportunity's account."""
    store.write(small_account(), on=JAN)
    opp = Opportunity(id="o2", account_id="acme", name="Second 第二")
    slot = RoleSlot(id="s-o2", opportunity_id="o2", role="decision_maker", layer="decision")
    store.write(Dataset(opportunities=[opp], role_slots=[slot]), on=FEB)
    assert store.account_data("acme").role_slots == [slot]
    assert [v.account_id for v in store.history("role_slots", ("s-o2",))] == ["acme"]
