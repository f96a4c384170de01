"""The portfolio's outside people kept beside the portfolio (graphcrm.portfolio.cache):
computed once, served again, computed afresh after a write to one of the visible
accounts (an outside party's too), and not after a write to an account not visible."""

from __future__ import annotations

from datetime import date

from graphcrm.model import Account, Contact, Dataset, Tie
from graphcrm.portfolio.cache import PortfolioCache, cached_outside_people
from graphcrm.stores import SQLiteStore
from tests.portfolio.test_outside_people import JAN, world

SEEN = {"acme", "globex", "di", "gov"}


def test_outside_people_are_kept_until_a_visible_account_is_written(
    sqlite_store: SQLiteStore,
) -> None:
    sqlite_store.write(world(), on=JAN)
    sqlite_store.write(Dataset(accounts=[Account(id="elsewhere", name="E")]), on=JAN)
    cache = PortfolioCache()
    first = cached_outside_people(cache, sqlite_store, SEEN)
    assert [(o.person_id, len(o.reaches)) for o in first] == [("eng", 2), ("clerk", 1)]
    assert cached_outside_people(cache, sqlite_store, SEEN) is first
    assert (cache.outside.computed, cache.computed) == (1, 0)  # the portfolio's count apart
    sqlite_store.write(Dataset(accounts=[Account(id="elsewhere", name="E2")]), on=date.today())
    assert cached_outside_people(cache, sqlite_store, SEEN) is first  # not a visible account
    # a new tie from the bureau's clerk into globex: the clerk now reaches two accounts
    tie = Tie(type="knows", source_id="clerk", target_id="g1", strength=0.6)
    sqlite_store.write(Dataset(ties=[tie]), on=date.today())
    second = cached_outside_people(cache, sqlite_store, SEEN)
    assert [(o.person_id, len(o.reaches)) for o in second] == [("eng", 2), ("clerk", 2)]
    assert cache.outside.computed == 2
    # a contact with the clerk, written in the bureau (the party's own account)
    contact = Contact(staff_id="s1", person_id="clerk", strength=0.5)
    sqlite_store.write(Dataset(contacts=[contact]), on=date.today())
    third = cached_outside_people(cache, sqlite_store, SEEN)
    assert [o.coverage for o in third if o.person_id == "clerk"] == [0.5]
    assert cache.outside.computed == 3
