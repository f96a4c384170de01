"""The API on Neo4j answers as it does on SQLite: the demo accounts and Krackhardt's managers.

The demo data (fixtures/, as ``graphcrm demo`` loads it) goes into a SQLite file and
into the suite's Neo4j, each served by its own app; every analysis route, and the
account's export, must give the same JSON on both, now, as of the demo's day, and as
of a day before the data (the same 404 on both).

"The same" is exact for everything but floats, which may differ in the last bit or
two: the stores return rows in different orders, and the analyses' sums (PageRank's,
for one) add in the order the graph was built (seen: 0.005843520424669424 on SQLite,
...425 on Neo4j). Ids, ranks, codes, texts and the order of every list must match.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api import create_app
from graphcrm.access import AccessStore
from graphcrm.cli import DEMO_SETS, FIXTURES
from graphcrm.io.importer import import_path
from graphcrm.stores import GraphStore, SQLiteStore
from graphcrm.stores.cypher import CypherStore
from tests.api.conftest import API, TestClient, make_settings
from tests.conftest import neo4j_executor

ACCOUNTS = ("jiangnan-mobile", "northwind-industrial", "krackhardt-hightech")
ROUTES = ("importance", "key-people", "coverage", "next-targets", "fishbone")
LOADED_ON = date(2026, 1, 1)
# Today, the demo's day (both 200), and a day before the data was loaded (404 on both).
DAYS = ("", "2026-11-01", "2025-12-01")


def same(a: Any, b: Any, where: str = "") -> None:
    """Assert ``a`` and ``b`` are the same JSON, floats equal to 12 significant digits."""
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, int | float) and isinstance(b, int | float), where
        assert math.isclose(a, b, rel_tol=1e-12), (where, a, b)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), where
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, (where, a, b)


def serve(store: GraphStore, tmp: Path) -> tuple[TestClient, dict[str, str]]:
    """The API on ``store``, with the demo data, and an admin key of the team owning it."""
    settings = make_settings(tmp)
    for path in DEMO_SETS:
        import_path(store, FIXTURES / path, on=LOADED_ON)
    with AccessStore(settings.access_db) as access:
        key = access.create_key("demo", "tester", admin=True, create_team=True).key
        for account in ACCOUNTS:
            access.assign(account, "demo")
    return TestClient(create_app(settings, store=store)), {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def answers(
    neo4j_uri: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, list[tuple[str, Any]]]]:
    """Each store's answers to every analysis and export, in the same order."""
    found: dict[str, list[tuple[str, Any]]] = {}
    stores: dict[str, GraphStore] = {
        "sqlite": SQLiteStore(tmp_path_factory.mktemp("sqlite") / "graph.db"),
        "neo4j": CypherStore(neo4j_executor(neo4j_uri)),
    }
    for kind, store in stores.items():
        client, auth = serve(store, tmp_path_factory.mktemp(kind))
        with client:
            found[kind] = []
            for account in ACCOUNTS:
                for day in DAYS:
                    query = f"?as_of={day}" if day else ""
                    for route in ROUTES:
                        url = f"{API}/accounts/{account}/{route}{query}"
                        answer = client.get(url, headers=auth)
                        wanted = 404 if day and day < LOADED_ON.isoformat() else 200
                        assert answer.status_code == wanted, (kind, url, answer.text)
                        found[kind].append((url, answer.json()))
                url = f"{API}/accounts/{account}/export?format=json"
                found[kind].append((url, client.get(url, headers=auth).json()))
        store.close()
    yield found


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_analyses_on_neo4j_equal_those_on_sqlite(
    answers: dict[str, list[tuple[str, Any]]], account: str
) -> None:
    mine = f"/accounts/{account}/"
    on_sqlite = [(url, body) for url, body in answers["sqlite"] if mine in url]
    on_neo4j = [(url, body) for url, body in answers["neo4j"] if mine in url]
    assert len(on_sqlite) == len(ROUTES) * len(DAYS) + 1
    for (url, expected), (same_url, got) in zip(on_sqlite, on_neo4j, strict=True):
        assert url == same_url
        same(got, expected, url)
    importance = next(body for url, body in on_neo4j if url.endswith("/importance"))
    assert len(importance) >= 21  # real answers, not empty ones
