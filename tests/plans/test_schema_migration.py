"""A SQLite file of schema 1 (before plans.start_date and actions.outcome) still opens,
reads its plans and actions back with the new fields empty, and takes the new fields."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from graphcrm.model import Dataset
from graphcrm.stores.sqlite import SCHEMA_VERSION, SQLiteStore
from tests.sample import small_account


def _schema_1_file(path: Path) -> None:
    with SQLiteStore(path) as store:
        store.write(small_account("acme"), on=date(2026, 1, 5))
    conn = sqlite3.connect(path)
    conn.execute('ALTER TABLE "plans" DROP COLUMN "start_date"')
    conn.execute('ALTER TABLE "actions" DROP COLUMN "outcome"')
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_an_older_file_opens_and_takes_the_new_fields(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _schema_1_file(path)
    with SQLiteStore(path) as store:
        data = store.account_data("acme")
        [plan] = data.plans
        assert (plan.person_id, plan.start_date) == ("ceo", None)
        assert {a.outcome for a in data.actions} == {None}
        done = next(a for a in data.actions if a.id == "a-2")
        store.write(
            Dataset(
                plans=[plan.model_copy(update={"start_date": date(2026, 1, 5)})],
                actions=[done.model_copy(update={"outcome": "read and liked"})],
            ),
            on=date(2026, 2, 1),
        )
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    conn.close()
    with SQLiteStore(path) as store:
        now = store.account_data("acme")
        assert now.plans[0].start_date == date(2026, 1, 5)
        assert {a.id: a.outcome for a in now.actions}["a-2"] == "read and liked"
        assert store.account_data("acme", as_of=date(2026, 1, 20)).plans[0].start_date is None
