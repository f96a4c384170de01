"""The portfolio routes: team-scoped tiers, the reach of a person and of a staff member."""

from __future__ import annotations

from datetime import date

from graphcrm.model import Account, AccountValue, Dataset, Order, Person, Tie
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


def test_outside_people_and_an_accounts_outside_influencers(env: ApiEnv) -> None:
    """Team A's design institute: its engineer influences acme's CFO and knows its CEO."""
    day = date.today()
    env.team("a").write(
        Dataset(
            accounts=[Account(id="di", name="Design Institute", kind="design_institute")],
            people=[Person(id="di-eng", account_id="di", name="Wang Gong", title="总工")],
            ties=[
                Tie(type="influences", source_id="di-eng", target_id="cfo", strength=0.8),
                Tie(type="knows", source_id="ceo", target_id="di-eng", strength=0.4),
            ],
        ),
        on=day,
    )
    (person,) = env.get("a", "/portfolio/outside-people").json()
    assert person == {
        "person_id": "di-eng",
        "name": "Wang Gong",
        "title": "总工",
        "account_id": "di",
        "account_name": "Design Institute",
        "kind": "design_institute",
        "coverage": 0.0,
        "account_count": 1,
        "reaches": [{"account_id": "acme", "account_name": "Acme 集团", "ties": 2}],
    }
    assert env.get("b", "/portfolio/outside-people").json() == []
    (influencer,) = env.get("a", "/accounts/acme/outside-influencers").json()
    assert (influencer["person_id"], influencer["level"], influencer["ties"]) == (
        "di-eng",
        None,
        [
            {"type": "influences", "direction": "out", "person_id": "cfo", "strength": 0.8},
            {"type": "knows", "direction": "in", "person_id": "ceo", "strength": 0.4},
        ],
    )
    assert env.get("a", "/accounts/di/outside-influencers").json() == []
    assert env.get("b", "/accounts/acme/outside-influencers").status_code == 404
