"""The account graph: nodes, typed edges and attributes as graph.py documents them."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph, load_account_graph
from graphcrm.stores import SQLiteStore
from tests.sample import small_account


def test_whole_account() -> None:
    g = build_account_graph(small_account(), "acme")
    assert g.graph["account"]["name"] == "Acme 集团"
    assert g.graph["decision_chain"] is None and g.graph["competitors"] == {"rival": "Rival Corp"}
    persons = {n for n, d in g.nodes(data=True) if d["kind"] == "person"}
    assert persons == {"ceo", "cto", "cfo", "eng1", "eng2"}
    assert {n for n, d in g.nodes(data=True) if d["kind"] == "staff"} == {"s-ar", "s-exec"}
    assert g.number_of_edges() == 8 + 3
    assert g.edges["eng1", "ceo", "knows"] == {
        "type": "knows",
        "strength": 0.3,
        "since": None,
        "directed": True,
    }
    assert g.edges["s-ar", "cto", "contact"]["frequency_per_month"] == 4
    cto = g.nodes["cto"]
    assert (cto["level"], cto["level_as_of"]) == (3, "2026-06-01")
    assert cto["assessment"]["guidance"] == 3
    assert cto["roles"] == ("evaluator", "influencer")  # own roles, then roles in opportunities
    ceo = g.nodes["ceo"]
    assert ceo["level"] == 0 and ceo["level_as_of"] is None  # no reading toward us
    assert ceo["competitor_levels"] == {"rival": 2}
    assert ceo["plan"]["owner_staff_id"] == "s-exec"
    assert [a["description"] for a in ceo["actions"]] == [
        "Executive visit with our VP",
        "Send reference case",
    ]  # by due date, undated last
    assert g.nodes["cfo"]["level"] == 1  # the later of two readings


def test_one_opportunity_marks_its_decision_chain() -> None:
    g = build_account_graph(small_account(), "acme", opportunity_id="acme-cloud")
    assert g.graph["decision_chain"] == {"ceo", "cto", "cfo"}
    assert g.graph["opportunity"]["name"] == "Cloud migration"
    assert g.nodes["cto"]["roles"] == ("evaluator",)  # only the role in this decision
    assert not g.nodes["eng1"]["in_chain"] and g.nodes["ceo"]["in_chain"]
    assert g.number_of_nodes() == 7  # the whole network stays


def test_unknown_account_or_opportunity() -> None:
    with pytest.raises(NotFoundError):
        build_account_graph(small_account(), "nope")
    with pytest.raises(NotFoundError, match="no opportunity 'x'"):
        build_account_graph(small_account(), "acme", opportunity_id="x")


def test_from_a_store_as_of(sqlite_store: SQLiteStore) -> None:
    sqlite_store.write(small_account(), on=date(2026, 1, 1))
    g = load_account_graph(sqlite_store, "acme", as_of=date(2026, 5, 1))
    assert g.nodes["cfo"]["level"] == 0 and g.nodes["cto"]["level"] == 0
    assert g.graph["competitors"] == {}  # the rival reading is from July
    assert load_account_graph(sqlite_store, "acme").nodes["cto"]["level"] == 3
