"""Shared fixtures: a store of every kind the contract covers, on real servers and files."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from graphcrm.stores import GraphStore, SQLiteStore

# SQLite always; FalkorDB on a server the tests start; Neo4j when NEO4J_URI names one
# (use a throwaway database: the tests empty it).
STORE_KINDS = ["sqlite", "falkordb"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[object]:
    from tests.falkordb_server import start_falkordb

    server = start_falkordb()
    yield server
    server.stop()


def make_store(kind: str, request: pytest.FixtureRequest, tmp_path: object) -> GraphStore:
    if kind == "sqlite":
        return SQLiteStore(tmp_path / "graph.db")  # type: ignore[operator]
    from graphcrm.stores.cypher import CypherStore
    from graphcrm.stores.executors import FalkorDBExecutor, Neo4jExecutor

    if kind == "falkordb":
        server = request.getfixturevalue("falkordb_server")
        return CypherStore(FalkorDBExecutor(server.host, server.port, f"t_{uuid.uuid4().hex}"))
    executor = Neo4jExecutor(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE"),
    )
    executor.run("MATCH (n) DETACH DELETE n", {})
    return CypherStore(executor)


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[GraphStore]:
    """A fresh, empty store of each kind in turn."""
    s = make_store(request.param, request, tmp_path)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: object) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "graph.db")  # type: ignore[operator]
    yield s
    s.close()
