"""The whole portfolio computed by worker processes equals the one computed in one
process (graphcrm.portfolio.parallel), on SQLite and on a Cypher store (FalkorDB), each
worker opening the store by its URL: three copies of the small account plus an outside
party, read as of a day when one account did not yet exist a quarter before."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

from graphcrm.model import Account, AccountValue, Dataset
from graphcrm.portfolio.service import AccountState, read_portfolio
from graphcrm.stores import GraphStore, SQLiteStore
from graphcrm.stores.cypher import CypherStore
from graphcrm.stores.executors import FalkorDBExecutor
from tests.sample import small_account

T = date(2026, 6, 30)


def _write(store: GraphStore) -> None:
    for n, (account, prefix) in enumerate((("acme", ""), ("beta", "b-"), ("gamma", "g-"))):
        data = small_account(account, prefix)
        data.account_values = [AccountValue(account_id=account, as_of=T, profit=n + 2, trust=3)]
        # gamma is written a month before T: a quarter ago it was not there
        store.write(data, on=T - timedelta(days=30 if account == "gamma" else 200))
    party = Account(id="di", name="DI", kind="design_institute")
    store.write(Dataset(accounts=[party]), on=T - timedelta(days=200))


def _both(store: GraphStore, url: str) -> tuple[dict[str, AccountState], dict[str, AccountState]]:
    _write(store)
    one = read_portfolio(store, None, T)
    two = read_portfolio(store, None, T, jobs=2, store_url=url)
    assert [r.to_dict() for r in two.rows] == [r.to_dict() for r in one.rows]
    assert two.rollups == one.rollups
    return one.states, two.states


def test_parallel_equals_sequential_on_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "g.db") as store:
        one, two = _both(store, f"sqlite:///{tmp_path / 'g.db'}")
    assert two == one
    assert sorted(one) == ["acme", "beta", "gamma"]  # the outside party is not tiered
    assert one["gamma"].health_quarter_ago is None
    assert one["acme"].health is not None and one["acme"].heaviest_gap is not None


def test_parallel_equals_sequential_on_falkordb(request: pytest.FixtureRequest) -> None:
    server = request.getfixturevalue("falkordb_server")
    graph = f"t_{uuid.uuid4().hex}"
    store = CypherStore(FalkorDBExecutor(server.host, server.port, graph))
    try:
        one, two = _both(store, f"falkordb://{server.host}:{server.port}/{graph}")
    finally:
        store.close()
    assert two == one and len(one) == 3
