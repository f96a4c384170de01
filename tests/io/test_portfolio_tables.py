"""The portfolio's tables in the import format: Chinese headers, every format, export
round trips, and bad rows named by file, row and column (DESIGN.md "Account portfolio")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io import export_account, import_path
from graphcrm.model import Account, AccountValue, Order
from graphcrm.stores.sqlite import SQLiteStore

ACCOUNTS = "id,名称,类型,上级客户\nhq,Group,集团总部,\nsub,Subsidiary,,hq\ndi,Institute,设计院,\n"
VALUES = (
    "account_id,日期,利润,销量,服务成本,信用,忠诚,信任,创新,网络,互动\n"
    "sub,2026/3/1,4,3,,5,4,4,2,,1\n"
)
ORDERS = "account_id,订单日期,金额,毛利\nsub,2026-02-01,1200.5,300\nsub,2026-03-01,800,\n"


def folder(tmp_path: Path, **tables: str) -> Path:
    out = tmp_path / "in"
    out.mkdir(parents=True)
    for name, text in {"accounts": ACCOUNTS, "account_values": VALUES, "orders": ORDERS}.items():
        (out / f"{name}.csv").write_text(tables.get(name, text), encoding="utf-8")
    return out


def test_chinese_headers_import(store: SQLiteStore, tmp_path: Path) -> None:
    result = import_path(store, folder(tmp_path), on=date(2026, 3, 10))
    assert result.report.created == {
        **{t: 0 for t in result.report.created},
        "accounts": 3,
        "account_values": 1,
        "orders": 2,
    }
    sub = store.account_data("sub")
    assert sub.accounts == [Account(id="sub", name="Subsidiary", parent_id="hq")]
    assert sub.account_values == [
        AccountValue(
            account_id="sub", as_of=date(2026, 3, 1), profit=4, volume=3, credit=5,
            loyalty=4, trust=4, innovation=2, interaction=1,
        )
    ]  # fmt: skip
    assert sorted(o.amount for o in sub.orders) == [800.0, 1200.5]
    assert {a.id: a.kind for a in store.accounts()} == {
        "di": "design_institute",
        "hq": "group_hq",
        "sub": None,
    }


@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "g.json"), ("csv", "g.zip"), ("xlsx", "g.xlsx")]
)
def test_export_round_trips(store: SQLiteStore, tmp_path: Path, fmt: str, name: str) -> None:
    import_path(store, folder(tmp_path), on=date(2026, 3, 10))
    out = tmp_path / name
    export_account(store, "sub", out, fmt)
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        fresh.write(store.account_data("hq"), on=date(2026, 3, 10))  # the parent first
        import_path(fresh, out, on=date(2026, 3, 10))
        assert fresh.account_data("sub").sorted() == store.account_data("sub").sorted()
    assert import_path(store, out, on=date(2026, 3, 11)).report.changed == 0


def test_an_order_without_an_id_gets_the_same_id_from_every_format() -> None:
    a = Order.model_validate({"account_id": "x", "date": "2026/1/5", "amount": "1000"})
    b = Order.model_validate({"account_id": "x", "date": date(2026, 1, 5), "amount": 1000.0})
    assert a.id == b.id and a.id.startswith("ord-")


def test_bad_rows_are_named_and_nothing_is_written(store: SQLiteStore, tmp_path: Path) -> None:
    bad_values = "account_id,日期,利润\nsub,2026-03-01,6\n"
    with pytest.raises(ValidationFailed) as caught:
        import_path(store, folder(tmp_path / "a", account_values=bad_values))
    assert [(e.source, e.row, e.column) for e in caught.value.errors] == [
        ("account_values.csv", 2, "利润")
    ]
    bad_orders = "account_id,订单日期,金额\nnobody,2026-03-01,5\n"
    with pytest.raises(ValidationFailed) as caught:
        import_path(store, folder(tmp_path / "b", orders=bad_orders))
    (error,) = caught.value.errors
    assert (error.source, error.row, error.column) == ("orders.csv", 2, "account_id")
    assert error.message == "unknown account 'nobody'"
    assert store.accounts() == []
