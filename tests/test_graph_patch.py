"""A present-day graph patched from its rows equals a fresh build from the store (issue 17).

One write after another to tests.sample's small account (a person added, changed,
leaving, ended; ties added and ended; attitudes toward us and toward a competitor
not named before (then ended); a contact and a plan of a staff member new to the account, then
that contact ended; a decision role; an interaction), each applied to the store and,
as a ``RecordChange``, to the rows and the graph of the whole account and of one
opportunity's chain. After each: the patched rows hold what a fresh read holds, and
the patched graph equals the graph built from a fresh read and the records graph
(``build_account_graph``), node for node and edge for edge (their order aside), and
the graph patched is left as it was (the patch shares what it does not change).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import Any

import networkx as nx
import pytest

from graphcrm.graph import build_account_graph
from graphcrm.graph_patch import RecordChange, patch_graph, patch_rows
from graphcrm.graph_rows import account_graph_and_rows
from graphcrm.interactions import StrengthParameters
from graphcrm.model import (
    Attitude,
    Competitor,
    Contact,
    Dataset,
    DecisionRoleAssignment,
    Interaction,
    Person,
    Plan,
    Record,
    Staff,
    Tie,
)
from graphcrm.stores import GraphStore
from graphcrm.stores.analysis_read import AccountRows, row_key, shared_rows
from tests.conftest import make_store
from tests.sample import small_account

TODAY = date.today()
STRENGTH = StrengthParameters(half_life_days=30.0, lookback_days=90)
SCOPES = (None, "acme-cloud")


def _mapping(g: nx.MultiDiGraph) -> tuple[Any, ...]:
    """The graph's attributes, nodes, edges out and edges in (the patch copies both)."""
    edges = {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
    arriving = {(u, v, k): d for u, v, k, d in g.in_edges(keys=True, data=True)}
    return g.graph, dict(g.nodes(data=True)), edges, arriving


def _rows(rows: AccountRows) -> dict[str, Any]:
    """Each table's rows by key, in one form (a Cypher store's lists as tuples)."""
    tables = ("people", "ties", "decision_roles", "contacts", "interactions", "attitudes")
    found: dict[str, Any] = {
        t: {
            row_key(t, r): r if isinstance(r, Record | dict) else tuple(r) for r in getattr(rows, t)
        }
        for t in (*tables, "plans", "actions")
    }
    found["staff"] = {tuple(s) for s in rows.staff}
    found["competitors"] = {tuple(c) for c in rows.competitors}
    return found


def _writes(store: GraphStore) -> Iterator[tuple[str, RecordChange]]:
    """Each write applied to ``store``, then named and handed over as its change."""

    def write(table: str, record: Record, before: Record | None = None) -> RecordChange:
        data = Dataset()
        data.table(table).append(record)
        store.write(data)
        return RecordChange("acme", table, record, before=before)

    def end(table: str, record: Record) -> RecordChange:
        store.delete(table, record.key)
        return RecordChange("acme", table, ended=record.key, before=record)

    gao = Person(id="gao", account_id="acme", name="Gao", department="IT", layer="management")
    yield "person added", write("people", gao)
    tie = Tie(type="influences", source_id="eng1", target_id="cfo", strength=0.7)
    yield "tie added", write("ties", tie)
    yield (
        "tie to the new person",
        write("ties", Tie(type="reports_to", source_id="gao", target_id="cto")),
    )
    cto = next(p for p in store.account_data("acme").people if p.id == "cto")
    changed = Person(**(cto.model_dump() | {"layer": "decision", "name": "Chen Li"}))
    yield "person changed", write("people", changed, cto)
    yield (
        "attitude",
        write("attitudes", Attitude(person_id="cfo", toward="us", level=2, as_of=TODAY)),
    )
    rival = Attitude(person_id="cfo", toward="rival-2", level=1, as_of=TODAY)
    yield "attitude toward a competitor", write("attitudes", rival)
    contact = Contact(staff_id="s-new", person_id="eng1", strength=0.9)
    yield "contact of a staff member new to the account", write("contacts", contact)
    plan = Plan(person_id="eng2", target_level=2, owner_staff_id="s-new")
    yield "plan", write("plans", plan)
    role = DecisionRoleAssignment(opportunity_id="acme-cloud", person_id="eng2", role="user")
    yield "decision role", write("decision_roles", role)
    meeting = Interaction(
        id="i-new", date=TODAY, type="meeting", staff_ids=["s-ar"], person_ids=["eng1", "eng2"]
    )
    yield "interaction", write("interactions", meeting)
    yield "contact ended", end("contacts", contact)
    yield "plan ended (the staff member named no more)", end("plans", plan)
    yield "tie ended", end("ties", tie)
    yield "attitude toward a competitor ended", end("attitudes", rival)
    leaving = Person(**(gao.model_dump() | {"left_on": TODAY - timedelta(1)}))
    yield "person left", write("people", leaving, gao)
    yield "person ended", end("people", changed)


@pytest.mark.parametrize("kind", ["sqlite", "falkordb"])
def test_patched_rows_and_graph_equal_a_fresh_build(
    kind: str, request: pytest.FixtureRequest, tmp_path: object
) -> None:
    with make_store(kind, request, tmp_path) as store:
        store.write(small_account("acme"), on=TODAY - timedelta(30))
        store.write(
            Dataset(
                staff=[Staff(id="s-new", name="Xu")],
                competitors=[Competitor(id="rival-2", name="Second")],
            )
        )
        cached = {
            o: account_graph_and_rows(store, "acme", opportunity_id=o, strength=STRENGTH)
            for o in SCOPES
        }
        shared = partial(shared_rows, store)
        for what, change in _writes(store):
            data = store.account_data("acme")
            for opp in SCOPES:
                base, rows = cached[opp]
                before = copy.deepcopy(_mapping(base))
                rows = patch_rows(rows, change, shared)
                graph = patch_graph(base, rows, change, opportunity_id=opp, strength=STRENGTH)
                # The patch shares what it does not change with the cached graph, which
                # readers may be reading: that graph is left as it was.
                assert _mapping(base) == before, (what, opp)
                fresh, fresh_rows = account_graph_and_rows(
                    store, "acme", opportunity_id=opp, strength=STRENGTH
                )
                assert _rows(rows) == _rows(fresh_rows), what
                assert _mapping(graph) == _mapping(fresh), (what, opp)
                records = build_account_graph(data, "acme", opportunity_id=opp, strength=STRENGTH)
                assert _mapping(graph) == _mapping(records), (what, opp)
                cached[opp] = graph, rows
        whole = cached[None][0]
        assert "cto" not in whole and "gao" not in whole and "s-new" not in whole
        assert whole.graph["left"]["gao"]["left_on"] == (TODAY - timedelta(1)).isoformat()
        assert whole.graph["competitors"] == {"rival": "Rival Corp"}  # rival-2's one ended
        assert whole.nodes["eng2"]["roles"] == ("user",)
        assert cached["acme-cloud"][0].nodes["eng2"]["in_chain"] is True
