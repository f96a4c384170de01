"""The portfolio read from a real SQLite store: groups and roll-ups computed by hand,
the tier in force driving ``stale``, and scoping to the accounts a caller sees."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graphcrm.model import Account, AccountValue, Contact, Dataset, Order, Person, Staff
from graphcrm.portfolio.groups import GroupNode, rollup
from graphcrm.portfolio.service import account_state, read_portfolio
from graphcrm.stores import SQLiteStore

T = date(2026, 6, 30)


def group() -> Dataset:
    """One headquarters over three subsidiaries (sub3 under sub2: any depth)."""
    return Dataset(
        accounts=[
            Account(id="hq", name="HQ", kind="group_hq"),
            Account(id="sub1", name="Sub 1", parent_id="hq"),
            Account(id="sub2", name="Sub 2", parent_id="hq"),
            Account(id="sub3", name="Sub 3", parent_id="sub2"),
            Account(id="other", name="Other"),
        ],
        account_values=[
            AccountValue(account_id="hq", as_of=T, profit=2, credit=2, network=2),  # 2.0
            AccountValue(account_id="sub1", as_of=T, profit=4, credit=4, network=4),  # 4.0
            AccountValue(account_id="sub2", as_of=T, profit=3, credit=3, network=3),  # 3.0
            AccountValue(account_id="other", as_of=T, profit=5, credit=5, network=5),  # 5.0
        ],
        orders=[
            Order(account_id="sub1", date=T - timedelta(days=10), amount=400),
            Order(account_id="sub1", date=T - timedelta(days=20), amount=200),
            Order(account_id="sub2", date=T - timedelta(days=30), amount=300),
            Order(account_id="sub3", date=T - timedelta(days=40), amount=100),
        ],
    )


def test_rollup_by_hand() -> None:
    tree = GroupNode("hq", [GroupNode("sub1"), GroupNode("sub2", [GroupNode("sub3")])])
    counts = {"sub1": 2, "sub2": 1, "sub3": 1}
    amounts = {"sub1": 600.0, "sub2": 300.0, "sub3": 100.0}
    values = {"hq": 2.0, "sub1": 4.0, "sub2": 3.0, "sub3": None}
    health = {"hq": 0.5, "sub1": 0.8, "sub2": 0.2, "sub3": 0.6}
    r = rollup(tree, counts, amounts, values, health)
    assert (r.order_count, r.order_amount) == (4, 1000.0)
    # value: (0*2 + 600*4 + 300*3) / 900 = 3300 / 900 (sub3 has no value; hq no orders)
    assert r.value_score == pytest.approx(3300 / 900)
    # health: (0*0.5 + 600*0.8 + 300*0.2 + 100*0.6) / 1000 = 0.6
    assert r.health == pytest.approx(0.6)
    no_orders = rollup(GroupNode("hq", [GroupNode("sub1")]), {}, {}, values, health)
    assert (no_orders.value_score, no_orders.health) == (3.0, pytest.approx(0.65))  # plain


def test_group_rollups_from_the_store(sqlite_store: SQLiteStore) -> None:
    sqlite_store.write(group(), on=T - timedelta(days=200))
    p = read_portfolio(sqlite_store, None, T)
    assert [g.to_dict() for g in p.groups] == [
        {
            "account_id": "hq",
            "children": [
                {"account_id": "sub1", "children": []},
                {
                    "account_id": "sub2",
                    "children": [{"account_id": "sub3", "children": []}],
                },
            ],
        },
        {"account_id": "other", "children": []},
    ]
    hq = p.rollups["hq"]
    assert hq.members == ("hq", "sub1", "sub2", "sub3")
    assert (hq.order_count, hq.order_amount) == (4, 1000.0)
    assert hq.value_score == pytest.approx(3300 / 900)
    sub2 = p.rollups["sub2"]
    assert (sub2.order_count, sub2.order_amount, sub2.value_score) == (2, 400.0, 3.0)
    assert set(p.rollups) == {"hq", "sub2"}  # only accounts that head a group
    # N = 4 scored accounts: other 5.0 strategic; rhu(1.0) = 1 value; rhu(2.2) = 2 potential
    tiers = {r.account_id: r.tier for r in p.rows}
    assert tiers == {
        "other": "strategic",
        "sub1": "potential",
        "sub2": "ordinary",
        "hq": "ordinary",
        "sub3": None,
    }


def test_tiers_count_only_the_accounts_the_caller_sees(sqlite_store: SQLiteStore) -> None:
    sqlite_store.write(group(), on=T - timedelta(days=200))
    seen = read_portfolio(sqlite_store, {"sub1", "sub2"}, T, with_states=False)
    assert [r.account_id for r in seen.rows] == ["sub1", "sub2"]
    # N = 2: sub1 strategic (rank 1), sub2: rhu(0.5) = 1 value bound, rhu(1.1) = 1 -> ordinary
    assert {r.account_id: r.tier for r in seen.rows} == {"sub1": "strategic", "sub2": "ordinary"}
    assert {r.account_id: r.rfm.cell for r in seen.rows if r.rfm} == {
        "sub1": "5-5-5",
        "sub2": "1-1-1",
    }


def one_key_person(tier: str | None = None) -> Dataset:
    return Dataset(
        accounts=[Account(id="acme", name="Acme", tier=tier)],
        staff=[Staff(id="s", name="S", seniority=5)],
        people=[Person(id="p", account_id="acme", name="P", layer="decision")],
        contacts=[Contact(staff_id="s", person_id="p", last_contact=T - timedelta(days=100))],
        account_values=[AccountValue(account_id="acme", as_of=T, profit=3)],
    )


def test_the_tier_in_force_sets_the_cadence_of_stale(sqlite_store: SQLiteStore) -> None:
    sqlite_store.write(one_key_person(), on=T - timedelta(days=200))
    computed = read_portfolio(sqlite_store, None, T)
    (row,) = computed.to_list()
    assert "stale" in computed.states["acme"].gap_codes
    # one account: strategic (30 days); the contact 100 days ago is stale
    assert (row["tier"], row["cadence_days"]) == ("strategic", 30)
    assert "stale" in account_state(sqlite_store, "acme", T, "strategic").gap_codes
    assert "stale" not in account_state(sqlite_store, "acme", T, "ordinary").gap_codes
    sqlite_store.write(one_key_person("ordinary"), on=T)  # recorded by hand: 180 days
    recorded = read_portfolio(sqlite_store, None, T)
    assert "stale" not in recorded.states["acme"].gap_codes
    (row,) = recorded.to_list()
    assert (row["tier"], row["tier_computed"], row["tier_override"]) == (
        "ordinary",
        "strategic",
        True,
    )
    assert row["health"] is not None and row["health_quarter_ago"] is not None
