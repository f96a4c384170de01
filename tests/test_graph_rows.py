"""The graph built straight from rows equals the one built from records, on every store.

Same graph attributes, same nodes and edges in the same order, same attributes, for
the demo accounts (with their two quarters of history: interactions, moved
attitudes), Krackhardt's managers and a generated 500-person account with a plan,
actions, an interaction and a person who left; now, as of a day inside the history
and before the data; for the whole account and for each opportunity; with DESIGN's
strength parameters and with a team's.
"""

from __future__ import annotations

import gc
from datetime import date, timedelta

import networkx as nx
import pytest

from bench.analysis_bench import ACCOUNT, synthetic_account
from graphcrm.cli import DEMO_SETS, FIXTURES
from graphcrm.errors import NotFoundError
from graphcrm.gc_pause import paused_gc
from graphcrm.graph import build_account_graph, load_account_graph
from graphcrm.graph_rows import account_graph_rows
from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.interactions.demo_history import load_demo_set
from graphcrm.io.importer import import_path
from graphcrm.model import (
    Action,
    Dataset,
    DecisionRoleAssignment,
    Interaction,
    Opportunity,
    Person,
    Plan,
    RoleSlot,
)
from graphcrm.stores import GraphStore, SQLiteStore
from tests.conftest import make_store

TODAY = date(2026, 11, 1)
TEAM_STRENGTH = StrengthParameters(half_life_days=30.0, lookback_days=90)


def same_graph(fast: nx.MultiDiGraph, slow: nx.MultiDiGraph) -> None:
    assert fast.graph == slow.graph
    assert list(fast.nodes(data=True)) == list(slow.nodes(data=True))
    assert list(fast.edges(keys=True, data=True)) == list(slow.edges(keys=True, data=True))


def generated(n: int) -> Dataset:
    """The benchmark's account of ``n`` people, plus what it lacks: a plan with two
    actions, an interaction between a staff member and two people, a person who left, an
    opportunity with a decision role, a filled role slot and an open one."""
    data = synthetic_account(n)
    data.opportunities = [Opportunity(id="o1", account_id=ACCOUNT, name="Deal")]
    data.decision_roles = [
        DecisionRoleAssignment(opportunity_id="o1", person_id=data.people[2].id, role="user")
    ]
    data.role_slots = [
        RoleSlot(id="slot-a", opportunity_id="o1", role="approver", person_id=data.people[3].id),
        RoleSlot(id="slot-b", opportunity_id="o1", role="decision_maker", department="Finance"),
    ]
    first = data.people[1]
    data.people[7] = Person(**(data.people[7].model_dump() | {"left_on": TODAY - timedelta(9)}))
    data.plans = [Plan(person_id=first.id, target_level=3, owner_staff_id="s1")]
    data.actions = [
        Action(person_id=first.id, description="Visit", due=TODAY, owner_staff_id="s2"),
        Action(person_id=first.id, description="Call"),
    ]
    data.interactions = [
        Interaction(
            id="i1",
            date=TODAY - timedelta(20),
            type="meeting",
            staff_ids=["s3"],
            person_ids=[first.id, data.people[2].id],
        )
    ]
    return data


def compare(
    store: GraphStore,
    account_id: str,
    days: list[date | None],
    strengths: tuple[StrengthParameters, ...] = (STRENGTH_DEFAULTS, TEAM_STRENGTH),
) -> int:
    """Compare both builders on ``account_id`` for each day, opportunity and strength."""
    compared = 0
    for day in days:
        try:
            data = store.account_data(account_id, as_of=day)
        except NotFoundError:
            with pytest.raises(NotFoundError, match=f"no account '{account_id}'"):
                account_graph_rows(store, account_id, day)
            continue
        for opp in [None, *(o.id for o in data.opportunities)]:
            for strength in strengths:
                slow = build_account_graph(
                    data, account_id, opportunity_id=opp, as_of=day, strength=strength
                )
                fast = account_graph_rows(
                    store, account_id, day, opportunity_id=opp, strength=strength
                )
                same_graph(fast, slow)
                compared += 1
    return compared


def test_rows_build_the_records_graph_on_sqlite(sqlite_store: SQLiteStore) -> None:
    """The demo sets with their history, Krackhardt and 500 people: now, as of a day in
    the history and before the data; DESIGN's strength and a team's."""
    for name in DEMO_SETS[:3]:
        load_demo_set(sqlite_store, FIXTURES / name, today=TODAY)
    accounts = [a.id for a in sqlite_store.accounts()]
    assert len(accounts) == 3
    sqlite_store.write(generated(500), on=TODAY - timedelta(30))
    past: list[date | None] = [TODAY - timedelta(40), date(2025, 1, 1)]
    compared = sum(compare(sqlite_store, a, [None]) for a in accounts)
    compared += sum(compare(sqlite_store, a, past, (TEAM_STRENGTH,)) for a in accounts)
    compared += compare(sqlite_store, ACCOUNT, [TODAY])
    assert compared >= 2 * 3 + 3 + 2  # each account now and in its history
    g = account_graph_rows(sqlite_store, ACCOUNT, TODAY)
    assert g.number_of_nodes() == 499 + 10  # one left; the ten staff all have contacts
    assert g.graph["left"] == {"p000007": {"name": "Person 7", "left_on": "2026-10-23"}}
    assert g.edges["s3", "p000001", "contact"]["source"] == "derived"
    assert [a["description"] for a in g.nodes["p000001"]["actions"]] == ["Visit", "Call"]
    chain = account_graph_rows(sqlite_store, ACCOUNT, TODAY, opportunity_id="o1")
    assert chain.graph["decision_chain"] == {"p000002", "p000003"}  # the slot's holder too
    assert [s["person_id"] for s in chain.graph["role_slots"]] == ["p000003", None]


@pytest.mark.parametrize("kind", ["falkordb", "neo4j"])
def test_rows_build_the_records_graph_on_cypher(
    kind: str, request: pytest.FixtureRequest, tmp_path: object
) -> None:
    """The same on the Cypher stores (their own reads, orders and float encoding): the
    manufacturing demo (opportunities, roles, plans, actions) and 60 generated people,
    smaller than on SQLite to keep the suite's time (the rows' logic is shared)."""
    with make_store(kind, request, tmp_path) as store:
        import_path(store, FIXTURES / "demo/manufacturing-en", on=TODAY - timedelta(60))
        store.write(generated(60), on=TODAY - timedelta(30))
        compared = sum(compare(store, a.id, [None], (TEAM_STRENGTH,)) for a in store.accounts())
        assert compared >= 3
        with pytest.raises(NotFoundError, match="no account 'nope'"):
            account_graph_rows(store, "nope")
        with pytest.raises(NotFoundError, match="no opportunity 'x'"):
            load_account_graph(store, ACCOUNT, opportunity_id="x")


def test_paused_gc_nests_and_restores() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer load is still running
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
