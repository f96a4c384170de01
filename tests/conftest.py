"""Shared fixtures: a store of every kind the contract covers, on real servers and files."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

# pytest-xdist's workers inherit COLUMNS=80; a Rich console made while it is set keeps
# that width for good, so a CLI module imported by a worker would print every table at
# 80 columns whatever a test asks. Without it, Rich reads COLUMNS on each print.
os.environ.pop("COLUMNS", None)

from graphcrm.stores import GraphStore, SQLiteStore
from graphcrm.stores.executors import Neo4jExecutor

# SQLite always; FalkorDB and Neo4j on servers the tests start (Neo4j on NEO4J_URI instead
# when it names one: use a throwaway database, the tests empty it).
STORE_KINDS = ["sqlite", "falkordb", "neo4j"]


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[object]:
    from tests.falkordb_server import start_falkordb

    server = start_falkordb()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """A Neo4j to test on: NEO4J_URI, or one the suite starts (once per session).

    Without Java or Maven the Neo4j tests skip, saying which is missing; under CI=true
    they fail instead, so CI cannot pass without having run them.
    """
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    from tests.neo4j_server import start_neo4j, why_unavailable

    reason = why_unavailable()
    if reason is None:
        try:
            server = start_neo4j()
        except RuntimeError as exc:  # e.g. Maven could not fetch Neo4j's jars
            reason = str(exc)
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and Neo4j cannot run: {reason}")
        pytest.skip(f"Neo4j cannot run: {reason}")
    yield server.uri
    server.stop()


def neo4j_executor(uri: str) -> Neo4jExecutor:
    """An executor on the test Neo4j, its database emptied."""
    executor = Neo4jExecutor(
        uri,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE"),
    )
    executor.run_unit([("MATCH (n) DETACH DELETE n", {})])
    return executor


def make_store(kind: str, request: pytest.FixtureRequest, tmp_path: object) -> GraphStore:
    if kind == "sqlite":
        return SQLiteStore(tmp_path / "graph.db")  # type: ignore[operator]
    from graphcrm.stores.cypher import CypherStore
    from graphcrm.stores.executors import FalkorDBExecutor

    if kind == "falkordb":
        server = request.getfixturevalue("falkordb_server")
        return CypherStore(FalkorDBExecutor(server.host, server.port, f"t_{uuid.uuid4().hex}"))
    return CypherStore(neo4j_executor(request.getfixturevalue("neo4j_uri")))


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
