"""The Cypher store on Neo4j itself: its schema, one write transaction per import, crashes.

On the suite's Neo4j (``neo4j_uri``: the server the session starts, or NEO4J_URI),
and for the crash test on a Neo4j of its own, started twice on one data directory.
The store contract and the Cypher store tests also run here (see test_contract.py
and test_cypher_store.py); these are what only Neo4j has.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from bench.import_bench import generate_account
from graphcrm.errors import NotFoundError, StoreError
from graphcrm.io.importer import import_path
from graphcrm.stores import cypher_catalog
from graphcrm.stores.cypher import CypherStore
from graphcrm.stores.executors import Neo4jExecutor
from tests.conftest import neo4j_executor
from tests.neo4j_server import start_neo4j, why_unavailable
from tests.sample import small_account

ROOT = Path(__file__).resolve().parents[2]
JAN = date(2026, 1, 10)


@pytest.fixture
def store(neo4j_uri: str) -> Iterator[CypherStore]:
    s = CypherStore(neo4j_executor(neo4j_uri))
    yield s
    s.close()


def run(store: CypherStore, statement: str, **params: object) -> list[dict[str, object]]:
    return store._executor.run(statement, params)


def schema_names() -> tuple[set[str], set[str]]:
    """The names of the constraints and of the plain indexes in cypher/schema/."""
    statements = cypher_catalog.schema_statements(cypher_catalog.NEO4J_SCHEMA)
    unique = {name for name, text in statements if "CREATE CONSTRAINT" in text}
    return unique, {name for name, _ in statements} - unique


class TestSchema:
    def test_constraints_and_indexes_are_those_of_cypher_schema(self, store: CypherStore) -> None:
        unique, plain = schema_names()
        assert len(unique) == 6 and len(plain) == 20  # ids of 5 identity nodes, write versions
        # plain: one per account-scoped label or type (13 in round 1; opposes, interactions
        # (account and id), account_values and orders since; role slots' account and id,
        # issue 15)
        constraints = run(store, "SHOW CONSTRAINTS YIELD name, type RETURN name, type")
        assert {r["name"] for r in constraints} == unique
        assert {r["type"] for r in constraints} == {"UNIQUENESS"}
        indexes = run(store, "SHOW INDEXES YIELD name, state, owningConstraint RETURN *")
        # Each constraint is backed by an index of the same name; plus the lookup indexes.
        ours = {r["name"] for r in indexes if r["name"] in unique | plain}
        assert ours == unique | plain
        assert {r["state"] for r in indexes} == {"ONLINE"}

    def test_applying_it_again_changes_nothing(self, store: CypherStore) -> None:
        store.write(small_account(), on=JAN)
        before = run(store, "SHOW INDEXES YIELD name, id RETURN name, id ORDER BY name")
        store._executor.ensure_schema()
        CypherStore(store._executor)  # opening a store applies it too
        assert run(store, "SHOW INDEXES YIELD name, id RETURN name, id ORDER BY name") == before
        assert store.account_data("acme").sorted() == small_account().sorted()

    def test_ids_are_unique_in_the_database_itself(self, store: CypherStore) -> None:
        store.write(small_account(), on=JAN)
        with pytest.raises(StoreError, match=r"ConstraintValidationFailed"):
            store._executor.run_unit([("CREATE (:Person {id: 'ceo'})", {})])
        assert run(store, "MATCH (p:Person {id: 'ceo'}) RETURN count(p) AS n") == [{"n": 1}]


def write_people(folder: Path, n: int, duplicate_name_at: int) -> None:
    """An import of one account and ``n`` people, the person on data row
    ``duplicate_name_at`` named like the first one."""
    folder.mkdir()
    with (folder / "accounts.csv").open("w", newline="") as f:
        csv.writer(f).writerows([["id", "name"], ["big", "Big"]])
    with (folder / "people.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "account_id", "name"])
        for row in range(1, n + 1):
            name = "Person 1" if row == duplicate_name_at else f"Person {row}"
            out.writerow([f"big-p{row:06d}", "big", name])


@pytest.mark.slow
def test_an_import_failing_on_row_90000_leaves_nothing(store: CypherStore, tmp_path: Path) -> None:
    """The whole import is one write transaction: the server refuses row 90,000 (a
    uniqueness constraint the store does not know of, added for this test), after the
    store has sent it 17 batches of 5,000 rows, and none of them stays."""
    store.write(small_account(), on=JAN)
    before = store.account_data("acme").sorted()
    write_people(tmp_path / "big", 90_000, duplicate_name_at=90_000)
    store._executor.run_unit(
        [("CREATE CONSTRAINT t_person_name FOR (v:PersonVersion) REQUIRE v.name IS UNIQUE", {})]
    )
    try:
        with pytest.raises(StoreError, match=r"ConstraintValidationFailed"):
            import_path(store, tmp_path / "big")
    finally:
        store._executor.run_unit([("DROP CONSTRAINT t_person_name", {})])
    with pytest.raises(NotFoundError):
        store.account_data("big")
    left = "MATCH (n) WHERE n.account_id = 'big' OR n.id STARTS WITH 'big' RETURN count(n) AS n"
    assert run(store, left) == [{"n": 0}]
    assert store.account_data("acme").sorted() == before


# The child process of the crash test: one import into the store at argv[1].
CHILD = """
import sys
from graphcrm.io.importer import import_path
from graphcrm.stores.cypher import CypherStore
from graphcrm.stores.executors import Neo4jExecutor

store = CypherStore(Neo4jExecutor(sys.argv[1], "neo4j", ""))
import_path(store, sys.argv[2])
store.close()
print("committed", flush=True)
"""


def open_store(uri: str) -> CypherStore:
    return CypherStore(Neo4jExecutor(uri, "neo4j", ""))


def running_writes(uri: str) -> int:
    """How many transactions on the server are running a batched write right now."""
    with GraphDatabase.driver(uri, auth=None, notifications_min_severity="OFF") as driver:
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND $rows' "
            "RETURN count(*) AS n"
        )
    return int(records[0]["n"])


@pytest.mark.slow
@pytest.mark.skipif(
    why_unavailable() is not None and os.environ.get("CI") != "true",
    reason=f"Neo4j cannot run: {why_unavailable()}",
)
def test_sigkill_during_an_import_leaves_the_store_unchanged(tmp_path: Path) -> None:
    """Neo4j is killed (SIGKILL) while an import's write transaction runs; restarted on the
    same data directory it recovers to the last commit: the earlier account unchanged, and
    nothing of the import."""
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the crash test starts its own Neo4j; NEO4J_URI names another")
    generate_account(tmp_path / "big", "big", 4_000, 30_000, seed=16)
    data_dir = tmp_path / "neo4j"
    with start_neo4j(data_dir) as first:
        with open_store(first.uri) as store:
            store.write(small_account(), on=JAN)
            before = store.account_data("acme").sorted()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, first.uri, str(tmp_path / "big")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            deadline = time.monotonic() + 180
            while running_writes(first.uri) == 0:
                assert child.poll() is None, child.communicate()
                assert time.monotonic() < deadline, "the import's write never started"
                time.sleep(0.05)
            time.sleep(1.0)  # let it send more batches into the open transaction
            assert child.poll() is None, "the import committed before the kill"
            first.kill()
            assert first.process.returncode == -signal.SIGKILL
        finally:
            child.kill()
            child.communicate(timeout=30)
    with start_neo4j(data_dir) as again, open_store(again.uri) as store:
        assert store.account_data("acme").sorted() == before
        with pytest.raises(NotFoundError):
            store.account_data("big")
        left = "MATCH (n) WHERE n.account_id = 'big' OR n.id STARTS WITH 'big' RETURN count(n) AS n"
        assert run(store, left) == [{"n": 0}]
