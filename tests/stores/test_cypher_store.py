"""Tests of the Cypher store itself: its statement files, its graph and its executors.

Run on a real FalkorDB server that this module starts, one fresh graph per test,
and on the suite's Neo4j (or on NEO4J_URI when it names one, with NEO4J_USER,
NEO4J_PASSWORD, optional NEO4J_DATABASE; use a throwaway database, the tests empty
it). No mocks.
"""

from __future__ import annotations

import random
import re
import socket
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from falkordb import FalkorDB

from graphcrm.errors import StoreError
from graphcrm.model import Account, Contact, Dataset, Opportunity, Person, Tie
from graphcrm.stores import SQLiteStore, cypher_catalog
from graphcrm.stores.cypher import CypherStore
from graphcrm.stores.executors import CypherExecutor, FalkorDBExecutor
from tests.conftest import neo4j_executor
from tests.falkordb_server import FalkorServer, start_falkordb
from tests.sample import small_account

JAN, FEB, MAR, APR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 10)
STORES_DIR = Path(__file__).resolve().parents[2] / "graphcrm" / "stores"
BACKENDS = ["falkordb", "neo4j"]


@pytest.fixture(scope="module")
def server() -> Iterator[FalkorServer]:
    with start_falkordb() as running:
        yield running


def new_executor(
    backend: str, server: FalkorServer, request: pytest.FixtureRequest
) -> CypherExecutor:
    if backend == "falkordb":
        return FalkorDBExecutor(server.host, server.port, f"t_{uuid.uuid4().hex}")
    return neo4j_executor(request.getfixturevalue("neo4j_uri"))


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, server: FalkorServer) -> Iterator[CypherStore]:
    """A Cypher store on an empty graph, on each backend in turn."""
    s = CypherStore(new_executor(request.param, server, request))
    yield s
    s.close()


def run(store: CypherStore, statement: str, **params: object) -> list[dict[str, object]]:
    """Ad-hoc Cypher, as a Neo4j user would query the store's graph."""
    return store._executor.run(statement, params)


# -- the statement files ---------------------------------------------------------------------


class TestCatalog:
    def test_every_file_loads_and_holds_one_statement(self) -> None:
        assert len(cypher_catalog.names()) > 40
        for name in cypher_catalog.names():
            code = [
                line for line in cypher_catalog.statement(name).splitlines() if line[:2] != "//"
            ]
            assert code and ";" not in "".join(code), name
            assert re.fullmatch(r"(get|end|create|purge)_[a-z_]+", name), name
        for folder in (cypher_catalog.NEO4J_SCHEMA, cypher_catalog.FALKORDB_SCHEMA):
            assert cypher_catalog.schema_statements(folder)

    def test_every_file_is_used_and_every_name_exists(self) -> None:
        code = (STORES_DIR / "cypher.py").read_text() + (STORES_DIR / "executors.py").read_text()
        quoted = set(re.findall(r'"((?:get|end|create|purge)_[a-z_]+)"', code))
        assert quoted == set(cypher_catalog.names())
        assert "cypher_catalog.NEO4J_SCHEMA" in code
        assert "cypher_catalog.FALKORDB_SCHEMA" in code

    def test_the_two_schemas_cover_the_same_ids_and_properties(self) -> None:
        def targets(folder: str) -> dict[str, str]:
            found = {}
            for name, text in cypher_catalog.schema_statements(folder):
                pattern = re.search(r"FOR (\S+)\s+(?:ON|REQUIRE) \(?\w+\.(\w+)", text)
                assert pattern, (folder, name)
                found[name] = f"{pattern[1]}.{pattern[2]}"
            return found

        neo4j = targets(cypher_catalog.NEO4J_SCHEMA)
        assert neo4j == targets(cypher_catalog.FALKORDB_SCHEMA)
        for name, text in cypher_catalog.schema_statements(cypher_catalog.NEO4J_SCHEMA):
            assert "IF NOT EXISTS" in text, name
        unique = {
            name
            for name, text in cypher_catalog.schema_statements(cypher_catalog.NEO4J_SCHEMA)
            if "IS UNIQUE" in text
        }
        assert {neo4j[n] for n in unique} == {
            f"(n:{label}).id"
            for label in ("Account", "Person", "Staff", "Competitor", "Opportunity")
        } | {"(n:WriteVersion).scope"}

    def test_no_statement_formats_values_into_cypher(self) -> None:
        code = (STORES_DIR / "cypher.py").read_text() + (STORES_DIR / "executors.py").read_text()
        assert not re.search(r"f[\"'](?:MATCH|CREATE|MERGE|UNWIND|RETURN)", code)

    def test_every_statement_parses_on_falkordb(self, server: FalkorServer) -> None:
        params = {
            **dict.fromkeys(["day", "id", "source_id", "target_id", "rel_type"], "x"),
            **dict.fromkeys(["staff_id", "person_id", "opportunity_id", "role", "toward"], "x"),
            "account_id": "x",  # the portfolio's statements (account_values, orders)
            "as_of": "x",
            "accounts": ["x"],
            "ids": ["x"],
            "rows": [],
            "text": "x",
            "limit": 1,
        }
        graph = FalkorDB(host=server.host, port=server.port).select_graph(uuid.uuid4().hex)
        for _, text in cypher_catalog.schema_statements(cypher_catalog.FALKORDB_SCHEMA):
            graph.query(text)
        for name in cypher_catalog.names():
            graph.explain(cypher_catalog.statement(name), params)  # raises if it does not parse

    def test_name_of_quotes_no_cypher(self) -> None:
        text = cypher_catalog.statement("get_account_people")
        assert cypher_catalog.name_of(text) == "get_account_people"
        assert cypher_catalog.name_of("MATCH (n) RETURN n") == "a statement"


# -- the test server -----------------------------------------------------------------------------


class TestFalkorServer:
    def test_it_answers_and_stops(self) -> None:
        with start_falkordb() as running:
            executor = FalkorDBExecutor(running.host, running.port, "ping")
            executor.ensure_schema()  # (FalkorDB refuses even a read on a graph not yet made)
            assert executor.run("RETURN 1 AS one", {}) == [{"one": 1}]
            executor.close()
            port = running.port
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()


# -- the store on a real graph ---------------------------------------------------------------


class TestRound:
    def test_write_read_as_of_history_delete(self, store: CypherStore) -> None:
        data = small_account()
        report = store.write(data, on=JAN)
        assert report.created["ties"] == 8 and report.changed == len(data)
        assert store.account_data("acme").sorted() == data.sorted()

        moved = Person(id="eng1", account_id="acme", name="Eve", title="Lead", layer="management")
        assert store.write(Dataset(people=[moved]), on=MAR).updated["people"] == 1
        feb = store.account_data("acme", as_of=FEB)
        assert next(p for p in feb.people if p.id == "eng1").layer == "execution"
        assert next(p for p in store.account_data("acme").people if p.id == "eng1") == moved
        history = store.history("people", ("eng1",))
        assert [(v.valid_from, v.valid_to, v.account_id) for v in history] == [
            (JAN, MAR, "acme"),
            (MAR, None, "acme"),
        ]

        assert store.delete("people", ("cto",), on=APR) == 9
        assert "cto" not in {p.id for p in store.account_data("acme").people}
        assert "cto" in {p.id for p in store.account_data("acme", as_of=MAR).people}
        tie = store.history("ties", ("reports_to", "cto", "ceo"))
        assert [(v.valid_from, v.valid_to) for v in tie] == [(JAN, APR)]

    def test_the_graph_is_one_a_neo4j_user_can_query(self, store: CypherStore) -> None:
        store.write(small_account(), on=JAN)
        store.write(Dataset(people=[Person(id="ceo", account_id="acme", name="王总 2")]), on=FEB)
        # one identity node per person, however many versions
        assert run(store, "MATCH (p:Person {id: 'ceo'}) RETURN count(p) AS n") == [{"n": 1}]
        rows = run(
            store,
            "MATCH (:Person {id: 'ceo'})-[:HAS_VERSION]->(v:PersonVersion) "
            "RETURN v.name AS name, v.valid_from AS since, v.valid_to AS until, "
            "v.account_id AS account ORDER BY since",
        )
        assert rows == [
            {"name": "王总", "since": "2026-01-10", "until": "2026-02-10", "account": "acme"},
            {"name": "王总 2", "since": "2026-02-10", "until": None, "account": "acme"},
        ]
        reports = run(
            store,
            "MATCH (p:Person)-[r:REPORTS_TO]->(:Person {id: 'cto'}) WHERE r.valid_to IS NULL "
            "RETURN p.id AS id ORDER BY id",
        )
        assert [r["id"] for r in reports] == ["eng1", "eng2"]
        covered = run(
            store,
            "MATCH (s:Staff)-[c:CONTACT]->(p:Person {id: 'cto'}) "
            "RETURN s.id AS staff, c.strength AS strength, c.recorded_at IS NOT NULL AS dated",
        )
        assert covered == [{"staff": "s-ar", "strength": 0.8, "dated": True}]
        roles = run(
            store, "MATCH (:Person {id: 'cto'})-[:HAS_VERSION]->(v) RETURN v.roles AS roles"
        )
        assert roles == [{"roles": ["evaluator", "influencer"]}]

    def test_floats_and_text_round_trip_exactly(self, store: CypherStore) -> None:
        awkward = ['quote " and \\ backslash', "it's\nmultiline\t", "$day } ) // MATCH (n)", "王总"]
        people = [Person(id=f"p{i}", account_id="x", name=n) for i, n in enumerate(awkward)]
        strengths = [1 / 3, 0.1 + 0.2, 2.0**-30, 1.0, 0.7, 5e-300, 0.9999999999999999]
        ties = [
            Tie(type="knows", source_id="p0", target_id=f"p{1 + i}", strength=s, directed=i == 1)
            for i, s in enumerate(strengths[:3])
        ]
        ties += [
            Tie(type="influences", source_id="p1", target_id="p2", strength=strengths[3]),
            Tie(type="depends_on", source_id="p2", target_id="p3", strength=strengths[4]),
            Tie(type="depends_on", source_id="p3", target_id="p0", strength=strengths[5]),
            Tie(type="reports_to", source_id="p3", target_id="p1", strength=strengths[6]),
        ]
        data = Dataset(
            accounts=[Account(id="x", name="X")],
            people=people,
            ties=ties,
            opportunities=[
                Opportunity(id="o1", account_id="x", name="big", value=123456789.12345679),
                Opportunity(id="o2", account_id="x", name="none", value=0.0),
            ],
        )
        store.write(data, on=JAN)
        assert store.account_data("x").sorted() == data.sorted()
        assert store.write(data, on=FEB).changed == 0  # read back equal, so nothing changes

    def test_reopening_a_graph_keeps_its_schema_and_data(self, server: FalkorServer) -> None:
        graph = f"t_{uuid.uuid4().hex}"
        with CypherStore(FalkorDBExecutor(server.host, server.port, graph)) as first:
            first.write(small_account(), on=JAN)
        with CypherStore(FalkorDBExecutor(server.host, server.port, graph)) as again:
            assert again.account_data("acme").sorted() == small_account().sorted()


class TestScale:
    def test_twenty_thousand_ties_in_small_batches(self, store: CypherStore) -> None:
        """A large-ish account, written in many UNWIND batches, reads back exactly, and
        rewriting it changes nothing; SQLite agrees on every count."""
        rng = random.Random(20_000)
        n = 2_000
        people = [Person(id=f"p{i}", account_id="big", name=f"Person {i}") for i in range(n)]
        keys: set[tuple[str, int, int]] = set()
        while len(keys) < 20_000:
            a, b = rng.sample(range(n), 2)
            keys.add((rng.choice(["knows", "depends_on", "influences", "knows"]), a, b))
        ties = [
            Tie(type=t, source_id=f"p{a}", target_id=f"p{b}", strength=rng.random())
            for t, a, b in sorted(keys)
        ]
        data = Dataset(accounts=[Account(id="big", name="Big")], people=people, ties=ties)
        store._batch_size = 1_500
        report = store.write(data, on=JAN)
        assert report.created["ties"] == 20_000 and report.created["people"] == n
        assert store.account_data("big").sorted() == data.sorted()
        assert store.write(data, on=FEB).changed == 0

        changed = [t.model_copy(update={"strength": 0.5}) for t in ties[:3_000]]
        report = store.write(Dataset(ties=changed), on=MAR)
        assert report.updated["ties"] == 3_000
        feb = store.account_data("big", as_of=FEB)
        assert sorted(t.strength for t in feb.ties) == sorted(t.strength for t in ties)


# -- the executors' edges --------------------------------------------------------------------


class TestRunColumns:
    """The read path: per row, the values asked for, in that order, as a plain list."""

    def test_names_and_map_keys_in_the_order_asked(self, store: CypherStore) -> None:
        store._executor.run_unit([("CREATE (:Marker {n: 1, x: 0.1, s: 'a'})", {})])
        statement = "MATCH (m:Marker) RETURN m.n AS n, properties(m) AS props"
        columns = ["props.s", "n", "props.x", "props.gone"]
        assert store._executor.run_columns(statement, {}, columns) == [["a", 1, 0.1, None]]
        empty = "MATCH (m:Absent) RETURN m.n AS n"
        assert store._executor.run_columns(empty, {}, ["n"]) == []

    def test_a_column_that_is_not_a_name_is_refused_before_it_runs(
        self, store: CypherStore
    ) -> None:
        for column in ("n) RETURN 1 AS x //", "props.a.b", "", "1n"):
            with pytest.raises(ValueError, match="not a column name"):
                store._executor.run_columns("RETURN 1 AS n", {}, [column])


class TestErrors:
    def test_unreachable_server_is_a_store_error(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with pytest.raises(StoreError, match=re.escape(f"FalkorDB at 127.0.0.1:{port}")):
            CypherStore(FalkorDBExecutor("127.0.0.1", port, "nowhere"))

    @pytest.mark.parametrize("backend", BACKENDS)
    def test_errors_quote_no_cypher_and_no_values(
        self, backend: str, server: FalkorServer, request: pytest.FixtureRequest
    ) -> None:
        executor = new_executor(backend, server, request)
        secret = "personal-detail-42"
        try:
            with pytest.raises(StoreError) as bad_syntax:
                executor.run("MATCH (n:Person RETURN n.id AS id", {"x": secret})
            with pytest.raises(StoreError) as write_in_read:
                executor.run("CREATE (n:Person {id: $x})", {"x": secret})
        finally:
            executor.close()
        for error in (bad_syntax.value, write_in_read.value):
            message = str(error)
            assert "MATCH" not in message and "CREATE" not in message
            assert secret not in message and "Person" not in message

    def test_a_failed_unit_on_falkordb_stops_at_the_failing_statement(
        self, server: FalkorServer
    ) -> None:
        """FalkorDB runs a unit statement by statement: what ran before a failure stays."""
        executor = FalkorDBExecutor(server.host, server.port, f"t_{uuid.uuid4().hex}")
        with pytest.raises(StoreError):
            executor.run_unit(
                [
                    ("CREATE (:Marker {n: 1})", {}),
                    ("MATCH (m:Marker) RETURN m.n / 'not a number' AS boom", {}),
                    ("CREATE (:Marker {n: 2})", {}),
                ]
            )
        assert executor.run("MATCH (m:Marker) RETURN m.n AS n", {}) == [{"n": 1}]
        executor.close()


def test_same_results_as_sqlite(store: CypherStore, tmp_path: Path) -> None:
    """The reference store and this one agree on reports, reads, history and deletes."""
    sqlite = SQLiteStore(tmp_path / "graph.db")

    def session(s: SQLiteStore | CypherStore) -> list[object]:
        out: list[object] = [s.write(small_account(), on=JAN)]
        out.append(s.write(small_account("globex", prefix="g-"), on=JAN))
        out.append(s.write(Dataset(contacts=[Contact(staff_id="s-ar", person_id="eng2")]), on=FEB))
        moved = Person(id="g-eng1", account_id="acme", name="Moved")
        out.append(s.write(Dataset(people=[moved]), on=MAR))
        out.append(s.delete("competitors", ("rival",), on=MAR))
        out.append(s.delete("accounts", ("globex",), on=APR))
        out += [s.accounts(), s.accounts(as_of=MAR), s.staff(), s.competitors(as_of=FEB)]
        for account in ("acme", "globex"):
            out += [s.account_data(account, as_of=day).sorted() for day in (JAN, FEB, MAR)]
        out.append(s.account_data("acme").sorted())
        for table, key in [
            ("people", ("g-eng1",)),
            ("contacts", ("s-ar", "eng2")),
            ("attitudes", ("ceo", "rival", "2026-07-01")),
            ("accounts", ("globex",)),
        ]:
            out.append(s.history(table, key))
        return [
            [(v.record, v.account_id, v.valid_from, v.valid_to) for v in o]
            if isinstance(o, list) and o and hasattr(o[0], "recorded_at")
            else o
            for o in out
        ]

    try:
        assert session(store) == session(sqlite)
    finally:
        sqlite.close()


# -- erasing a person ---------------------------------------------------------------------------


class TestPurgePerson:
    def _counts(self, store: CypherStore) -> tuple[int, int]:
        nodes = run(store, "MATCH (n) RETURN count(n) AS n")[0]["n"]
        rels = run(store, "MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        return int(nodes), int(rels)  # type: ignore[call-overload]

    def test_no_node_or_relationship_of_the_person_is_left(self, store: CypherStore) -> None:
        data = small_account()
        store.write(data, on=JAN)
        store.write(Dataset(people=[Person(id="cto", account_id="acme", name="Chen Li")]), on=FEB)
        nodes, rels = self._counts(store)
        store.purge_person("acme", "cto")
        # The identity node, 2 versions, 1 attitude; 5 ties, 1 contact, 1 decision role and
        # the 3 HAS_* relationships to those nodes.
        assert self._counts(store) == (nodes - 4, rels - 10)
        left = run(
            store,
            "MATCH (n) WHERE n.id = 'cto' OR n.person_id = 'cto' OR n.name STARTS WITH 'Chen' "
            "RETURN count(n) AS n",
        )
        assert left == [{"n": 0}]

    def test_a_unit_cut_short_can_be_erased_again(self, store: CypherStore) -> None:
        store.write(small_account(), on=JAN)
        # FalkorDB runs a unit's statements one by one: say only the first one ran.
        first = cypher_catalog.statement("purge_person_records")
        store._executor.run_unit([(first, {"person_id": "cto"})])
        assert store.person_history("acme", "cto")["attitudes"] == []
        assert len(store.person_history("acme", "cto")["people"]) == 1  # still findable
        store.purge_person("acme", "cto")
        assert run(store, "MATCH (p:Person {id: 'cto'}) RETURN count(p) AS n") == [{"n": 0}]
