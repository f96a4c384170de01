"""The executor seam of the Cypher store: run Cypher, get rows of plain Python values.

The store speaks only to ``CypherExecutor``; two implementations carry it to a
server:

- ``Neo4jExecutor``, the official ``neo4j`` driver. Reads go through
  ``driver.execute_query`` routed to readers; a unit of work is one managed write
  transaction (``session.execute_write``), which the driver retries on transient
  errors and which commits all of its statements or none. The schema is the
  constraints and indexes in ``cypher/schema/``.
- ``FalkorDBExecutor``, the official ``falkordb`` client over the Redis protocol,
  one graph per executor. Reads go through ``GRAPH.RO_QUERY``. FalkorDB has no
  multi-statement transactions: every statement is atomic on its own, and a unit
  of work runs its statements in order, so a unit interrupted part-way (lost
  connection, server killed) leaves the statements before the failure applied.
  SQLite and Neo4j do not have that gap. The schema is the indexes in
  ``cypher/schema_falkordb/`` (FalkorDB has no ``CREATE CONSTRAINT``).

Both translate client errors into ``StoreError`` at this edge, with a message
that names the statement file but quotes no Cypher (nor the parameters).

``run_columns`` is the store's read path: it returns the named values of each row
as a plain list. On Neo4j the statement runs inside ``CALL { ... } RETURN
collect([...])``, so the whole answer is one Bolt record of lists of scalars: the
driver decodes it in its Rust extension instead of handling one message and one
map per row in Python (a 2,000-person account's 16,000 ties read about ten
times faster so). On FalkorDB the rows come as they are and the executor picks the
values; there a float comes from its exact ``<key>_exact`` column when the statement
gives one (FalkorDB prints doubles with 15 significant digits).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from graphcrm.errors import StoreError
from graphcrm.stores import cypher_catalog

__all__ = ["CypherExecutor", "FalkorDBExecutor", "Neo4jExecutor", "Params", "Row", "Step"]

Params = dict[str, Any]
Row = dict[str, Any]
Step = tuple[str, Params]

# A column of run_columns: a result column, or ``column.key`` (a key of a map column).
_COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?")
_EXACT = "_exact"  # suffix of FalkorDB's columns carrying a float as [m, k]


@runtime_checkable
class CypherExecutor(Protocol):
    """Runs Cypher against one graph. Values go in only as parameters; rows come back
    as dicts of scalars, lists and maps (never node or relationship objects)."""

    def run(self, statement: str, params: Params) -> list[Row]:
        """Run one read-only statement and return its rows."""
        ...

    def run_columns(
        self, statement: str, params: Params, columns: Sequence[str]
    ) -> list[list[Any]]:
        """Run one read-only statement; per row, the values of ``columns`` in order.

        A column is a result column's name or ``name.key``, a key of a map column
        (None where the map lacks it)."""
        ...

    def run_unit(self, steps: list[Step]) -> None:
        """Run write statements in order as one unit of work (see each backend for how
        atomic a unit is)."""
        ...

    def ensure_schema(self) -> None:
        """Create the constraints and indexes the store relies on; safe to repeat."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


def _checked(columns: Sequence[str]) -> tuple[str, ...]:
    """The columns, each a name or ``name.key`` (they go into Cypher text on Neo4j)."""
    for column in columns:
        if not _COLUMN.fullmatch(column):
            raise ValueError(f"not a column name: {column!r}")
    return tuple(columns)


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit]


# -- Neo4j ---------------------------------------------------------------------------------


class Neo4jExecutor:
    """CypherExecutor on Neo4j 5 or later (a server, a cluster or Aura)."""

    def __init__(self, uri: str, user: str, password: str, database: str | None = None) -> None:
        from neo4j import GraphDatabase

        self._where = f"Neo4j at {uri}" + (f", database {database!r}" if database else "")
        self._database = database or None
        with self._errors("connect"):
            # Notifications off: the server's hints (e.g. "property valid_to does not exist
            # yet" on a new database) would be logged as warnings on every read.
            self._driver = GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF"
            )

    def run(self, statement: str, params: Params) -> list[Row]:
        from neo4j import RoutingControl

        with self._errors(cypher_catalog.name_of(statement)):
            records, _, _ = self._driver.execute_query(
                statement,
                params,
                routing_=RoutingControl.READ,
                database_=self._database,
            )
            return [record.data() for record in records]

    def run_columns(
        self, statement: str, params: Params, columns: Sequence[str]
    ) -> list[list[Any]]:
        from neo4j import RoutingControl

        with self._errors(cypher_catalog.name_of(statement)):
            records, _, _ = self._driver.execute_query(
                _collected(statement, _checked(columns)),
                params,
                routing_=RoutingControl.READ,
                database_=self._database,
            )
            rows: list[list[Any]] = records[0][0]
            return rows

    def run_unit(self, steps: list[Step]) -> None:
        from neo4j import ManagedTransaction

        def work(tx: ManagedTransaction) -> None:
            for statement, params in steps:
                tx.run(statement, params).consume()

        with self._errors("a write"), self._driver.session(database=self._database) as session:
            session.execute_write(work)

    def ensure_schema(self) -> None:
        for name, text in cypher_catalog.schema_statements(cypher_catalog.NEO4J_SCHEMA):
            with self._errors(f"schema/{name}"):
                self._driver.execute_query(text, database_=self._database)

    def close(self) -> None:
        self._driver.close()

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            yield
        except Neo4jError as exc:
            # Statement errors (syntax, semantics) quote the Cypher: keep only the code.
            code = exc.code or type(exc).__name__
            detail = "" if "Statement" in code else f": {_first_line(exc.message or '')}"
            raise StoreError(f"{self._where} failed on {what} ({code}){detail}") from exc
        except (DriverError, OSError) as exc:
            raise StoreError(
                f"{self._where} failed on {what}: {type(exc).__name__}: {_first_line(str(exc))}"
            ) from exc


@lru_cache(maxsize=256)
def _collected(statement: str, columns: tuple[str, ...]) -> str:
    """``statement`` as a subquery whose rows come back as one list of value lists.

    ``CALL { ... }`` without a scope clause runs on every Neo4j 5 (``CALL () { ... }``
    needs 5.23); the statement imports nothing, it only reads its parameters."""
    return f"CALL {{\n{statement}\n}}\nRETURN collect([{', '.join(columns)}]) AS rows"


# -- FalkorDB ------------------------------------------------------------------------------


class FalkorDBExecutor:
    """CypherExecutor on one FalkorDB graph, over the Redis protocol (not Bolt)."""

    def __init__(self, host: str, port: int, graph: str, *, password: str | None = None) -> None:
        from falkordb import FalkorDB

        self._where = f"FalkorDB at {host}:{port}, graph {graph!r}"
        with self._errors("connect"):
            self._db = FalkorDB(host=host, port=port, password=password)
            self._graph = self._db.select_graph(graph)

    def run(self, statement: str, params: Params) -> list[Row]:
        with self._errors(cypher_catalog.name_of(statement)):
            result = self._graph.ro_query(statement, params)
            names = [column[1] for column in result.header]
            return [
                {name: _plain(value) for name, value in zip(names, row, strict=True)}
                for row in result.result_set
            ]

    def run_columns(
        self, statement: str, params: Params, columns: Sequence[str]
    ) -> list[list[Any]]:
        pick = [_picker(column) for column in _checked(columns)]
        return [[get(row) for get in pick] for row in self.run(statement, params)]

    def run_unit(self, steps: list[Step]) -> None:
        for statement, params in steps:
            with self._errors(cypher_catalog.name_of(statement)):
                self._graph.query(statement, params)

    def ensure_schema(self) -> None:
        for name, text in cypher_catalog.schema_statements(cypher_catalog.FALKORDB_SCHEMA):
            with self._errors(f"{cypher_catalog.FALKORDB_SCHEMA}/{name}", tolerate=_exists):
                self._graph.query(text)

    def close(self) -> None:
        self._db.connection.close()

    @contextmanager
    def _errors(
        self, what: str, tolerate: Callable[[Exception], bool] | None = None
    ) -> Iterator[None]:
        from falkordb.exceptions import SchemaVersionMismatchException
        from redis.exceptions import RedisError, ResponseError

        try:
            yield
        except (RedisError, SchemaVersionMismatchException, OSError) as exc:
            if tolerate is not None and tolerate(exc):
                return
            if isinstance(exc, ResponseError) and str(exc).startswith("errMsg:"):
                # A parse error: its message quotes the query and its parameters.
                reason = "the server could not parse it"
            else:
                reason = f"{type(exc).__name__}: {_first_line(str(exc).split('errCtx')[0])}"
            raise StoreError(f"{self._where} failed on {what}: {reason}") from exc


def _exists(exc: Exception) -> bool:
    """FalkorDB's answer to creating an index it already has (there is no IF NOT EXISTS)."""
    return "already indexed" in str(exc)


def _picker(column: str) -> Callable[[Row], Any]:
    """How to take ``column`` out of a FalkorDB row: a ``map.key`` float from its exact
    ``key_exact`` pair ``[m, k]`` (the value being ``m * 2**-k``) when the row has one."""
    if "." not in column:
        return lambda row: row[column]
    name, key = column.split(".")
    exact = key + _EXACT

    def get(row: Row) -> Any:
        pair = row.get(exact)
        if pair and None not in pair:
            return math.ldexp(pair[0], -pair[1])
        return (row[name] or {}).get(key)

    return get


def _plain(value: Any) -> Any:
    """Maps and lists as plain dicts and lists (the client returns OrderedDicts)."""
    kind = type(value)
    if kind is list:
        return [_plain(v) for v in value]
    if issubclass(kind, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
