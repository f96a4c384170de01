"""The portfolio routes: team-scoped tiers, the reach of a person and of a staff member."""

from __future__ import annotations

from datetime import date

from graphcrm.model import AccountValue, Dataset, Order
from tests.api.conftest import ApiEnv


def test_each_team_sees_its_own_portfolio(env: ApiEnv) -> None:
    day = date.today()
    env.team("a").write(
        Dataset(
            account_values=[AccountValue(account_id="acme", as_of=day, profit=4, credit=2)],
            orders=[Order(account_id="acme", date=day, amount=10)],
        ),
        on=day,
    )
    values = [AccountValue(account_id="globex", as_of=day, profit=1)]
    env.team("b").write(Dataset(account_values=values), on=day)
    a = env.get("a", "/portfolio")
    assert a.status_code == 200, a.text
    (row,) = a.json()
    # alone in team A's portfolio: acme is strategic (N = 1), whatever globex scores
    assert (row["account_id"], row["tier"], row["tier_computed"], row["rfm"]) == (
        "acme",
        "strategic",
        "strategic",
        "1-1-1",
    )
    assert row["value_score"] == (0.5 * 4 + 0.3 * 2) / 0.8
    assert isinstance(row["health"], float)
    (theirs,) = env.get("b", "/portfolio").json()
    assert theirs["account_id"] == "globex" and theirs["tier"] == "strategic"
    assert env.get("a", "/portfolio", params={"as_of": "2999-01-01"}).status_code == 422


def test_reach_is_scoped_to_the_team(env: ApiEnv) -> None:
    ours = env.get("a", "/portfolio/people/ceo/reach")
    assert ours.status_code == 200, ours.text
    assert ours.json() and all(set(w) == {"staff_id", "strength", "via", "via_account_id"}
                               for w in ours.json())  # fmt: skip
    theirs = env.get("b", "/portfolio/people/ceo/reach")
    missing = env.get("b", "/portfolio/people/nobody/reach")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.text == missing.text.replace("nobody", "ceo")
    staff = env.get("a", "/staff/s-exec/reach").json()
    assert [a["account_id"] for a in staff["accounts"]] == ["acme"]
    assert env.get("b", "/staff/s-exec/reach").json()["accounts"] == []
    assert env.get("a", "/staff/nobody/reach").status_code == 404
