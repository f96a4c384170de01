"""The plans' workflows on a real SQLite store with the demo account jiangnan-mobile:
plans from next targets, the staff agenda and the account review (graphcrm.plans)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from graphcrm.errors import NotFoundError
from graphcrm.io import load_path
from graphcrm.plans.period import DateInFutureError, InvalidPeriodError
from graphcrm.plans.planning import plan_next_targets
from graphcrm.plans.reads import read_account_review, read_agenda
from graphcrm.stores import SQLiteStore

ACCOUNT = "jiangnan-mobile"
DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "telecom-zh"
W0 = date(2026, 11, 2)  # after every reading in the demo files


@pytest.fixture
def store(sqlite_store: SQLiteStore) -> SQLiteStore:
    """The demo account without its plans and actions, written on W0."""
    data = load_path(DEMO).dataset
    data.plans, data.actions = [], []
    sqlite_store.write(data, on=W0)
    return sqlite_store


def test_plan_next_targets_writes_a_quarter_long_plan_and_a_first_action_each(
    store: SQLiteStore,
) -> None:
    draft = plan_next_targets(store, ACCOUNT, count=3, start=W0, on=W0)
    assert len(draft.plans) == 3 and len(draft.actions) == 3
    assert {p.target_date for p in draft.plans} == {W0 + timedelta(days=91)}
    assert {a.due for a in draft.actions} == {W0 + timedelta(days=14)}
    stored = store.account_data(ACCOUNT)
    assert sorted(p.person_id for p in stored.plans) == sorted(p.person_id for p in draft.plans)
    assert len(stored.actions) == 3
    for plan in draft.plans:  # the names to show: every planned person and known owner
        assert draft.names[plan.person_id]
        if plan.owner_staff_id is not None:
            assert plan.owner_staff_id in draft.names

    # Planned people are passed over: the next call plans the fourth best target.
    planned = {p.person_id for p in draft.plans}
    again = plan_next_targets(store, ACCOUNT, count=1, start=W0, on=W0)
    assert len(again.plans) == 1 and again.plans[0].person_id not in planned
    assert again.already_planned and set(again.already_planned) <= planned
    assert len(store.account_data(ACCOUNT).plans) == 4


def test_plan_next_targets_uses_the_given_target_date_and_owner(store: SQLiteStore) -> None:
    owner = sorted(s.id for s in store.staff())[0]
    draft = plan_next_targets(
        store, ACCOUNT, count=2, start=W0, target_date=date(2026, 12, 1), owner=owner, on=W0
    )
    assert [p.target_date for p in draft.plans] == [date(2026, 12, 1)] * 2
    assert {p.owner_staff_id for p in draft.plans} == {owner}
    assert {a.owner_staff_id for a in draft.actions} == {owner}


def test_plan_next_targets_refuses_a_bad_period_or_account_and_writes_nothing(
    store: SQLiteStore,
) -> None:
    with pytest.raises(InvalidPeriodError) as caught:
        plan_next_targets(store, ACCOUNT, count=1, start=W0, target_date=W0 - timedelta(days=1))
    assert caught.value.field == "target_date"
    with pytest.raises(NotFoundError):
        plan_next_targets(store, "no-such-account", count=1, start=W0)
    assert store.account_data(ACCOUNT).plans == []


def test_the_staff_agenda_lists_the_owners_new_actions_and_targets(store: SQLiteStore) -> None:
    draft = plan_next_targets(store, ACCOUNT, count=3, start=W0, on=W0)
    owner = draft.plans[0].owner_staff_id
    assert owner is not None
    agenda = read_agenda(store, owner, as_of=W0)
    mine = [p for p in draft.plans if p.owner_staff_id == owner]
    assert agenda.staff_id == owner and agenda.today == W0
    assert agenda.open_actions == len(mine) and agenda.targets == len(mine)
    assert agenda.overdue_actions == 0
    assert {i.account_id for i in agenda.items} == {ACCOUNT}
    assert [i.due for i in agenda.items] == sorted(i.due for i in agenda.items if i.due)
    assert read_agenda(store, "nobody", as_of=W0).items == []


def test_the_account_review_defaults_to_the_quarter_up_to_today(store: SQLiteStore) -> None:
    today = W0 + timedelta(days=30)
    read = read_account_review(store, ACCOUNT, from_date=None, to_date=None, today=today)
    assert (read.review.from_date, read.review.to_date) == (today - timedelta(days=91), today)
    # The account was first written on W0: 91 days before, nobody of it was known.
    assert read.new_account
    assert read.names and all(read.names.values())
    since_w0 = read_account_review(store, ACCOUNT, from_date=W0, to_date=today, today=today)
    assert not since_w0.new_account
    assert since_w0.review.level_changes == []


def test_the_account_review_refuses_future_and_reversed_periods(store: SQLiteStore) -> None:
    today = W0 + timedelta(days=30)
    with pytest.raises(DateInFutureError) as caught:
        read_account_review(
            store, ACCOUNT, from_date=None, to_date=today + timedelta(days=1), today=today
        )
    assert caught.value.field == "to"
    with pytest.raises(InvalidPeriodError):
        read_account_review(store, ACCOUNT, from_date=today, to_date=W0, today=today)
