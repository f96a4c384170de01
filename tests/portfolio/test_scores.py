"""Value scores, RFM, tiers and quadrants on small portfolios computed by hand
(DESIGN.md "Account portfolio")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graphcrm.model import Account, AccountValue, Order, Tier
from graphcrm.portfolio.rfm import rfm_scores
from graphcrm.portfolio.table import portfolio_table
from graphcrm.portfolio.tiers import RankedAccount, assign_tiers, quadrants
from graphcrm.portfolio.values import assessments_in_force, value_score

T = date(2026, 6, 30)


def days_ago(n: int) -> date:
    return T - timedelta(days=n)


class TestValueScore:
    def test_all_nine(self) -> None:
        v = AccountValue(
            account_id="a", as_of=T, profit=5, volume=4, cost_to_serve=3, credit=2,
            loyalty=2, trust=2, innovation=1, network=2, interaction=3,
        )  # fmt: skip
        s = value_score(v)
        # current (5+4+3)/3 = 4, future 2, social 2: 0.5*4 + 0.3*2 + 0.2*2 = 3.0
        assert (s.current, s.future, s.social) == (4.0, 2.0, 2.0)
        assert s.value_score == pytest.approx(3.0)

    def test_missing_indicators_are_left_out(self) -> None:
        v = AccountValue(account_id="a", as_of=T, profit=4, cost_to_serve=2, credit=5)
        s = value_score(v)
        # current (4+2)/2 = 3, future 5, social none: (0.5*3 + 0.3*5) / 0.8 = 3.75
        assert (s.current, s.future, s.social) == (3.0, 5.0, None)
        assert s.value_score == pytest.approx(3.75)

    def test_no_indicator_no_score(self) -> None:
        s = value_score(AccountValue(account_id="a", as_of=T))
        assert (s.current, s.future, s.social, s.value_score) == (None, None, None, None)

    def test_weights_are_arguments(self) -> None:
        v = AccountValue(account_id="a", as_of=T, profit=4, credit=2, network=0)
        s = value_score(v, {"current": 1.0, "future": 0.0, "social": 0.0})
        assert s.value_score == pytest.approx(4.0)

    def test_the_assessment_in_force_is_the_latest_by_then(self) -> None:
        old = AccountValue(account_id="a", as_of=days_ago(100), profit=1)
        new = AccountValue(account_id="a", as_of=days_ago(10), profit=5)
        later = AccountValue(account_id="a", as_of=T + timedelta(days=1), profit=3)
        assert assessments_in_force([new, later, old], T) == {"a": new}
        assert assessments_in_force([new, later, old], days_ago(50)) == {"a": old}


class TestRfm:
    def test_fewer_than_five_accounts(self) -> None:
        orders = [
            Order(account_id="a", date=days_ago(10), amount=100),
            Order(account_id="a", date=days_ago(40), amount=200),
            Order(account_id="a", date=days_ago(400), amount=9_000),  # outside the 365 days
            Order(account_id="b", date=days_ago(100), amount=500),
            Order(account_id="c", date=days_ago(5), amount=20),
            Order(account_id="c", date=days_ago(6), amount=20),
            Order(account_id="c", date=days_ago(7), amount=20),
            Order(account_id="c", date=T + timedelta(days=1), amount=1_000),  # after T
            Order(account_id="d", date=days_ago(365), amount=50),  # exactly 365 days: out
        ]
        found = rfm_scores(orders, T)
        assert set(found) == {"a", "b", "c"}  # d has no order in the window: no RFM
        a = found["a"]
        assert (a.recency_days, a.frequency, a.monetary) == (10, 2, 300.0)
        # N = 3, score = 1 + floor(4 (rank - 1) / 2): ranks 1, 2, 3 -> 1, 3, 5.
        # R by days descending: b 100 (1), a 10 (3), c 5 (5); F: b 1, a 2, c 3;
        # M: c 60, a 300, b 500.
        assert {k: v.cell for k, v in found.items()} == {"a": "3-3-3", "b": "1-1-5", "c": "5-5-1"}

    def test_one_account(self) -> None:
        found = rfm_scores([Order(account_id="a", date=T, amount=1)], T)
        assert found["a"].cell == "1-1-1"  # rank 1 of 1: 1 + floor(0 / max(1, 0))

    def test_more_than_five_accounts(self) -> None:
        # Six accounts, one order each: a..f ordered 1..6 days ago for 10..60.
        orders = [
            Order(account_id=acct, date=days_ago(i + 1), amount=10 * (i + 1))
            for i, acct in enumerate("abcdef")
        ]
        found = rfm_scores(orders, T)
        # qcut of ranks 1..6 in five: edges 1, 2, 3, 4, 5, 6 -> ranks 1-2: 1, 3: 2, 4: 3,
        # 5: 4, 6: 5. R ranked by days descending (f first); F all equal, so the rank
        # (method "first") follows the id order; M ascending.
        assert {k: v.cell for k, v in found.items()} == {
            "a": "5-1-1",
            "b": "4-1-1",
            "c": "3-2-2",
            "d": "2-3-3",
            "e": "1-4-4",
            "f": "1-5-5",
        }

    def test_only_the_accounts_given(self) -> None:
        orders = [Order(account_id=a, date=T, amount=1) for a in "abc"]
        assert set(rfm_scores(orders, T, accounts={"a", "c"})) == {"a", "c"}


def ranked(n: int, **extra: RankedAccount) -> list[RankedAccount]:
    """n accounts p01.. with value scores n, n-1, ..., 1 (p01 first)."""
    found = [RankedAccount(f"p{i:02d}", float(n - i + 1)) for i in range(1, n + 1)]
    return [extra.get(a.account_id, a) for a in found]


def counts(results: dict[str, object]) -> dict[str, int]:
    tally: dict[str, int] = {}
    for r in results.values():
        tier = r.computed.value  # type: ignore[attr-defined]
        tally[tier] = tally.get(tier, 0) + 1
    return tally


class TestTiers:
    def test_one_account_is_strategic(self) -> None:
        (only,) = assign_tiers([RankedAccount("a", 1.0)]).values()
        assert (only.rank, only.computed, only.in_force, only.override) == (
            1,
            Tier.STRATEGIC,
            Tier.STRATEGIC,
            False,
        )

    def test_four_accounts_ties_broken_by_m_then_id(self) -> None:
        # n_strategic = max(1, rhu(0.2)) = 1; value up to rhu(1.0) = 1; potential up to
        # rhu(2.2) = 2. b, c, d tie on score 3: c (M 500) before b (M 100) before d (no M).
        results = assign_tiers(
            [
                RankedAccount("a", 4.0, 10.0),
                RankedAccount("b", 3.0, 100.0),
                RankedAccount("c", 3.0, 500.0),
                RankedAccount("d", 3.0, None),
                RankedAccount("e", None, 9_999.0),  # no value score: not ranked
            ]
        )
        assert {k: (r.rank, r.computed) for k, r in results.items()} == {
            "a": (1, Tier.STRATEGIC),
            "c": (2, Tier.POTENTIAL),
            "b": (3, Tier.ORDINARY),
            "d": (4, Tier.ORDINARY),
            "e": (None, None),
        }

    def test_twenty_accounts_with_an_override(self) -> None:
        # 1 strategic, rhu(5) = 5 -> 4 value, rhu(11) = 11 -> 6 potential, 9 ordinary.
        # p05 and p06 tie on score and M: the id decides. p20 is recorded strategic.
        extra = {
            "p05": RankedAccount("p05", 15.5, 7.0),
            "p06": RankedAccount("p06", 15.5, 7.0),
            "p20": RankedAccount("p20", 1.0, None, Tier.STRATEGIC),
        }
        results = assign_tiers(ranked(20, **extra))
        assert counts(results) == {"strategic": 1, "value": 4, "potential": 6, "ordinary": 9}
        assert (results["p05"].rank, results["p06"].rank) == (5, 6)
        assert results["p05"].computed == Tier.VALUE
        assert results["p06"].computed == Tier.POTENTIAL
        assert results["p11"].computed == Tier.POTENTIAL
        assert results["p12"].computed == Tier.ORDINARY
        p20 = results["p20"]
        assert (p20.computed, p20.in_force, p20.override) == (
            Tier.ORDINARY,
            Tier.STRATEGIC,
            True,
        )
        assert not results["p01"].override

    def test_twenty_one_accounts(self) -> None:
        # max(1, rhu(1.05)) = 1; rhu(5.25) = 5; rhu(11.55) = 12: 1, 4, 7, 9.
        results = assign_tiers(ranked(21))
        assert counts(results) == {"strategic": 1, "value": 4, "potential": 7, "ordinary": 9}
        assert results["p12"].computed == Tier.POTENTIAL
        assert results["p13"].computed == Tier.ORDINARY

    def test_shares_are_arguments(self) -> None:
        results = assign_tiers(ranked(10), shares=(0.1, 0.1, 0.1))  # 1, 1, 1, 7
        assert counts(results) == {"strategic": 1, "value": 1, "potential": 1, "ordinary": 7}


def test_quadrants_split_at_the_medians() -> None:
    # medians: current 3, future 3 (at the median counts as high).
    found = quadrants(
        {"a": (1, 1), "b": (2, 5), "c": (3, 3), "d": (4, 2), "e": (5, 4), "x": (None, 5)}
    )
    assert {k: q.value for k, q in found.items()} == {
        "a": "maintain",
        "b": "rising",
        "c": "star",
        "d": "cash_cow",
        "e": "star",
    }


def test_portfolio_table() -> None:
    accounts = [
        Account(id="big", name="Big"),
        Account(id="mid", name="Mid", tier="ordinary"),
        Account(id="small", name="Small"),
        Account(id="di", name="Institute", kind="design_institute"),
        Account(id="new", name="New"),
    ]
    values = [
        AccountValue(account_id="big", as_of=days_ago(30), profit=5, credit=4, network=3),
        AccountValue(account_id="mid", as_of=days_ago(30), profit=3, credit=3),
        AccountValue(account_id="small", as_of=days_ago(30), profit=1, credit=5),
        AccountValue(account_id="di", as_of=days_ago(30), profit=5, credit=5),
    ]
    orders = [Order(account_id="big", date=days_ago(3), amount=1_000)]
    rows = {r.account_id: r for r in portfolio_table(accounts, values, orders, T)}
    # big: (0.5*5 + 0.3*4 + 0.2*3) = 4.3; mid: (0.5*3 + 0.3*3) / 0.8 = 3; small:
    # (0.5 + 1.5) / 0.8 = 2.5. N = 3: 1 strategic, rhu(0.75) = 1, rhu(1.65) = 2.
    big = rows["big"].to_dict()
    assert big["value_score"] == pytest.approx(4.3)
    assert (big["tier"], big["tier_override"], big["rfm"], big["cadence_days"]) == (
        "strategic",
        False,
        "1-1-1",
        30,
    )
    mid = rows["mid"].to_dict()
    assert (mid["tier_computed"], mid["tier"], mid["tier_override"]) == (
        "potential",
        "ordinary",
        True,
    )
    assert mid["cadence_days"] == 180
    assert rows["small"].tier == "ordinary" and rows["small"].quadrant == "rising"
    assert rows["big"].quadrant == "star" and rows["mid"].quadrant == "cash_cow"
    # outside parties are listed but not tiered; an account with no assessment has no tier
    assert (rows["di"].tier, rows["di"].value, rows["di"].kind) == (None, None, "design_institute")
    assert (rows["new"].tier, rows["new"].rank, rows["new"].to_dict()["rfm"]) == (None, None, None)
