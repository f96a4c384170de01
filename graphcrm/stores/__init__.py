"""Stores: the GraphStore interface, the embedded SQLite store and the Cypher store."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from graphcrm.errors import ConfigurationError
from graphcrm.settings import Settings
from graphcrm.stores.base import GraphStore, TableChanges, Version, WriteReport
from graphcrm.stores.sqlite import SQLiteStore

__all__ = [
    "GraphStore",
    "SQLiteStore",
    "TableChanges",
    "Version",
    "WriteReport",
    "open_store",
]

_NEO4J_SCHEMES = {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}


def open_store(url: str | None = None, settings: Settings | None = None) -> GraphStore:
    """Open the store a URL names (default: the ``GRAPHCRM_STORE`` setting).

    ``sqlite:///data/g.db`` (relative) or ``sqlite:////srv/g.db`` (absolute);
    ``neo4j://host:7687`` or ``bolt://...`` with user, password and database from
    settings; ``falkordb://host:6379/graph``.
    """
    settings = settings or Settings()
    url = url or settings.store
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        if not parts.path or parts.path == "/":
            raise ConfigurationError(f"store URL {url!r} names no file; e.g. sqlite:///data/g.db")
        return SQLiteStore(Path(unquote(parts.path[1:])))
    if scheme in _NEO4J_SCHEMES:
        from graphcrm.stores.cypher import CypherStore
        from graphcrm.stores.executors import Neo4jExecutor

        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        return CypherStore(
            Neo4jExecutor(url, settings.neo4j_user, password, settings.neo4j_database)
        )
    if scheme == "falkordb":
        from graphcrm.stores.cypher import CypherStore
        from graphcrm.stores.executors import FalkorDBExecutor

        graph = parts.path.strip("/") or "graphcrm"
        return CypherStore(
            FalkorDBExecutor(parts.hostname or "127.0.0.1", parts.port or 6379, graph)
        )
    raise ConfigurationError(
        f"unknown store URL {url!r}; use sqlite:///PATH, neo4j://HOST:PORT, bolt://HOST:PORT "
        "or falkordb://HOST:PORT/GRAPH"
    )
