"""The portfolio's tables in every store (SQLite, FalkorDB, Neo4j): account kind and
parent, value assessments and orders, with history and as-of reads."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.model import Account, AccountValue, Dataset, Order
from graphcrm.stores import GraphStore, SQLiteStore
from graphcrm.stores.backup import describe
from graphcrm.stores.sqlite import SCHEMA_VERSION

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)


def group() -> Dataset:
    return Dataset(
        accounts=[
            Account(id="hq", name="Group HQ", kind="集团总部"),
            Account(id="sub1", name="Sub 1", parent_id="hq"),
            Account(id="di", name="Design Institute", kind="design_institute"),
        ],
        account_values=[
            AccountValue(account_id="sub1", as_of=JAN, profit=4, volume=3, trust=5),
            AccountValue(account_id="sub1", as_of=FEB, profit=5),
        ],
        orders=[
            Order(account_id="sub1", date=JAN, amount=1234.5678901234567, margin=-12.25),
            Order(account_id="sub1", date=FEB, amount=0),
            Order(id="po-7", account_id="hq", date=FEB, amount=99),
        ],
    )


def test_round_trip_is_exact(store: GraphStore) -> None:
    store.write(group(), on=MAR)
    sub1 = store.account_data("sub1")
    assert sub1.accounts == [Account(id="sub1", name="Sub 1", parent_id="hq")]
    assert sorted(sub1.account_values, key=lambda v: v.as_of) == group().account_values
    assert sorted(sub1.orders, key=lambda o: o.date) == group().orders[:2]
    kinds = {a.id: a.kind for a in store.accounts()}
    assert kinds == {"di": "design_institute", "hq": "group_hq", "sub1": None}
    assert [o.id for o in store.account_data("hq").orders] == ["po-7"]


def test_dated_records_read_as_of_their_own_dates(store: GraphStore) -> None:
    store.write(Dataset(accounts=group().accounts), on=JAN)
    store.write(group(), on=MAR)  # written in March, dated January and February
    jan = store.account_data("sub1", as_of=JAN)
    assert [v.as_of for v in jan.account_values] == [JAN]
    assert [o.date for o in jan.orders] == [JAN]


def test_a_changed_assessment_keeps_its_history(store: GraphStore) -> None:
    store.write(group(), on=MAR)
    changed = AccountValue(account_id="sub1", as_of=FEB, profit=2, loyalty=1)
    report = store.write(Dataset(account_values=[changed]), on=MAR)
    assert report.updated["account_values"] == 1
    versions = store.history("account_values", ("sub1", FEB.isoformat()))
    assert [v.record for v in versions] == [group().account_values[1], changed]
    assert store.write(Dataset(account_values=[changed]), on=MAR).changed == 0


def test_deleting_an_account_ends_its_values_and_orders(store: GraphStore) -> None:
    store.write(group(), on=FEB)
    store.delete("accounts", ("sub1",), on=MAR)
    old = store.account_data("sub1", as_of=FEB)
    assert len(old.orders) == 2 and len(old.account_values) == 2
    assert [a.id for a in store.accounts()] == ["di", "hq"]


def test_a_parent_cycle_is_refused_naming_the_row(store: GraphStore) -> None:
    store.write(group(), on=JAN)
    closing = Dataset(accounts=[Account(id="hq", name="Group HQ", parent_id="sub1")])
    with pytest.raises(ValidationFailed) as caught:
        store.write(closing, on=FEB)
    (error,) = caught.value.errors
    assert (error.table, error.row, error.column) == ("accounts", 1, "parent_id")
    assert "parent cycle: hq -> sub1 -> hq" in error.message
    assert store.account_data("hq").accounts[0].parent_id is None  # nothing written


def test_unknown_parent_and_account_are_refused(store: GraphStore) -> None:
    bad = Dataset(
        accounts=[Account(id="x", name="X", parent_id="nowhere")],
        orders=[Order(account_id="ghost", date=JAN, amount=1)],
    )
    with pytest.raises(ValidationFailed) as caught:
        store.write(bad, on=JAN)
    found = {(e.table, e.row, e.column, e.message) for e in caught.value.errors}
    assert found == {
        ("accounts", 1, "parent_id", "unknown parent account 'nowhere'"),
        ("orders", 1, "account_id", "unknown account 'ghost'"),
    }
    assert store.accounts() == []


def test_a_schema_3_file_gains_the_portfolio_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        store.write(Dataset(accounts=[Account(id="acme", name="Acme", tier="value")]), on=JAN)
    conn = sqlite3.connect(path)
    for table in ("account_values", "orders"):
        conn.execute(f"DROP TABLE {table}")  # as schema 3 wrote the file
    conn.execute("ALTER TABLE accounts DROP COLUMN kind")
    conn.execute("ALTER TABLE accounts DROP COLUMN parent_id")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert store.accounts() == [Account(id="acme", name="Acme", tier="value")]
        store.write(group(), on=MAR)
        assert len(store.account_data("sub1").orders) == 2
    assert describe(path)[0] == SCHEMA_VERSION == 5  # 5: accounts.language (issue 12 item 7)
