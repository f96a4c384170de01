"""GET /api/v1/portfolio is served from cache after its first computation, and a write to
any of the team's accounts (and only the team's) makes the next call compute afresh."""

from __future__ import annotations

from datetime import date

from api.portfolio_cache import cache_of_store
from graphcrm.model import AccountValue, Dataset, Order
from graphcrm.portfolio.cache import PortfolioCache
from tests.api.conftest import ApiEnv


def _cache(env: ApiEnv) -> PortfolioCache:
    return cache_of_store(env.services.store)


def test_second_call_is_served_from_cache_and_a_write_refreshes(env: ApiEnv) -> None:
    day = date.today()
    cache = _cache(env)
    assert cache.computed == 0  # a new store, a new cache
    first = env.get("a", "/portfolio")
    assert first.status_code == 200, first.text
    assert cache.computed == 1
    again = env.get("a", "/portfolio")
    assert again.json() == first.json()
    assert cache.computed == 1  # not recomputed
    # team B's first call is its own computation; it leaves team A's entry alone
    env.get("b", "/portfolio")
    assert cache.computed == 2
    env.get("a", "/portfolio")
    assert cache.computed == 2
    # a write to team A's account: the next call is fresh and shows it
    values = [AccountValue(account_id="acme", as_of=day, profit=4, credit=2)]
    env.team("a").write(Dataset(account_values=values), on=day)
    fresh = env.get("a", "/portfolio").json()
    assert cache.computed == 3
    assert fresh[0]["value_score"] == (0.5 * 4 + 0.3 * 2) / 0.8
    assert first.json()[0]["value_score"] is None
    env.get("a", "/portfolio")
    assert cache.computed == 3
    # another read date is another entry
    env.get("a", "/portfolio", params={"as_of": day.isoformat()})
    assert cache.computed == 3  # today given explicitly is the same key
    env.get("a", "/portfolio", params={"as_of": "2020-01-01"})
    assert cache.computed == 4


def test_a_written_order_refreshes(env: ApiEnv) -> None:
    env.get("a", "/portfolio")
    cache = _cache(env)
    before = cache.computed
    env.team("a").write(Dataset(orders=[Order(account_id="acme", date=date.today(), amount=5)]))
    (row,) = env.get("a", "/portfolio").json()
    assert cache.computed == before + 1
    assert row["order_count"] == 1 and row["order_amount"] == 5
