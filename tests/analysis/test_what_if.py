"""What-if: changes on a copy, health before and after, gaps closed and opened."""

from __future__ import annotations

import copy
import json
from datetime import date

import networkx as nx
import pytest

from graphcrm.analysis.coverage import coverage
from graphcrm.analysis.importance import importance
from graphcrm.analysis.what_if import AddContact, RemoveContact, SetLevel, what_if
from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from tests.analysis.helpers import ranking
from tests.sample import small_account


def account() -> nx.MultiDiGraph:
    """ceo (decision, level 0, the rival's at 2) uncovered; cto (level 3) covered by ar at 0.8
    on 2026-03-01; our vp (seniority 5) and ar (3); as of 2026-03-10, a value account."""
    g = nx.MultiDiGraph(
        account={"id": "acc", "name": "Acme", "tier": "value"},
        as_of=date(2026, 3, 10),
        competitors={"rival": "Rival Corp"},
    )
    g.add_node("ar", kind="staff", name="Ann", seniority=3)
    g.add_node("vp", kind="staff", name="Bo", seniority=5)
    g.add_node(
        "ceo",
        kind="person",
        name="Wang",
        layer="decision",
        level=0,
        competitor_levels={"rival": 2},
    )
    g.add_node("cto", kind="person", name="Chen", layer="management", level=3)
    g.add_edge("ar", "cto", key="contact", type="contact", strength=0.8, last_contact="2026-03-01")
    return g


RANKING = ranking(ceo=0.75, cto=0.25)
KEY = ["ceo", "cto"]


def ids(gaps: tuple) -> list[tuple]:
    return [g.identity for g in gaps]


def test_adding_a_contact_closes_uncovered_and_opens_what_follows() -> None:
    g = account()
    r = what_if(g, [AddContact("ar", "ceo", 0.5)], ranking=RANKING, key=KEY)
    # before: ceo 0, cto (4/4) x 0.8 -> 100 x 0.25 x 0.8 / 1.0 = 20
    # after: ceo (1/4) x 0.5 = 0.125 -> 100 x (0.75 x 0.125 + 0.25 x 0.8) = 29.375
    assert r.health_before == pytest.approx(20.0)
    assert r.health_after == pytest.approx(29.375)
    assert r.delta == pytest.approx(9.375)
    assert ids(r.closed) == [("uncovered", "ceo", None)]
    assert sorted(ids(r.opened)) == [
        ("peer_mismatch", "ceo", None),  # a decision-layer person covered by seniority 3
        ("single_threaded", "ceo", None),
    ]


def test_a_senior_contact_opens_no_peer_mismatch() -> None:
    r = what_if(account(), [AddContact("vp", "ceo", 0.5)], ranking=RANKING, key=KEY)
    assert ids(r.opened) == [("single_threaded", "ceo", None)]


def test_a_new_contact_is_dated_the_day_of_the_analysis() -> None:
    g = account()
    r = what_if(g, [AddContact("vp", "cto", 0.5)], ranking=RANKING, key=KEY, today="2026-06-01")
    # the ar contact (2026-03-01) is 92 days old, past 60; the new one is fresh
    assert ("stale", "cto", None) in ids(r.before.gaps)
    assert ids(r.closed) == [("stale", "cto", None), ("single_threaded", "cto", None)]
    old = AddContact("vp", "cto", 0.5, last_contact=date(2026, 1, 1))
    r = what_if(g, [old], ranking=RANKING, key=KEY, today="2026-06-01")
    assert ids(r.closed) == [("single_threaded", "cto", None)]


def test_raising_a_level() -> None:
    g = account()
    g.add_edge("vp", "ceo", key="contact", type="contact", strength=1.0, last_contact="2026-03-01")
    r = what_if(g, [SetLevel("ceo", 2)], ranking=RANKING, key=KEY)
    # ceo quality 1/4 -> 3/4 with full coverage: +100 x 0.75 x 0.5
    assert r.delta == pytest.approx(37.5)
    assert sorted(ids(r.closed)) == [
        ("layer_without_supporter", None, "decision"),
        ("unfavourable", "ceo", None),
    ]
    assert ids(r.opened) == []


def test_competitor_level_and_removing_a_contact() -> None:
    g = account()
    r = what_if(
        g,
        [SetLevel("ceo", 0, toward="rival"), RemoveContact("ar", "cto")],
        ranking=RANKING,
        key=KEY,
    )
    assert ("competitor_held", "ceo", None) in ids(r.closed)
    assert ("single_threaded", "cto", None) in ids(r.closed)
    assert ids(r.opened) == [("uncovered", "cto", None)]
    assert r.health_after == 0.0


def test_changes_apply_in_order() -> None:
    r = what_if(
        account(),
        [AddContact("vp", "ceo", 0.2), AddContact("vp", "ceo", 0.6)],
        ranking=RANKING,
        key=KEY,
    )
    assert r.after.person("ceo").contacts == {"vp": 0.6}  # the second replaced the first


def test_the_input_graph_is_never_changed() -> None:
    g = account()
    before = (copy.deepcopy(dict(g.nodes(data=True))), sorted(g.edges(keys=True, data=True)))
    graph_attrs = copy.deepcopy(g.graph)
    what_if(
        g,
        [
            SetLevel("ceo", 3),
            SetLevel("cto", 1, toward="rival"),
            AddContact("vp", "ceo", 1.0),
            RemoveContact("ar", "cto"),
        ],
        ranking=RANKING,
        key=KEY,
    )
    assert (dict(g.nodes(data=True)), sorted(g.edges(keys=True, data=True))) == before
    assert g.graph == graph_attrs


def test_importance_is_held_fixed_from_the_original_graph() -> None:
    g = build_account_graph(small_account(), "acme")
    r = what_if(g, [AddContact("s-exec", "ceo", 0.9), SetLevel("ceo", 2)], today="2026-11-01")
    weights = {p.person_id: p.composite for p in importance(g)}
    assert {p.person_id: p.weight for p in r.after.people if p.key} == {
        p: weights[p] for p in r.after.key_people
    }
    assert r.before.key_people == r.after.key_people
    plain = coverage(g, today="2026-11-01")
    assert r.health_before == pytest.approx(plain.health)
    assert r.delta > 0
    json.dumps(r.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (SetLevel("ghost", 1), NotFoundError, "no person 'ghost'"),
        (SetLevel("ar", 1), NotFoundError, "no person 'ar'"),
        (SetLevel("ceo", 4), ValueError, "from -1 .* to 3"),
        (SetLevel("ceo", -2), ValueError, "got -2"),
        (SetLevel("ceo", True), ValueError, "whole number"),  # type: ignore[arg-type]
        (SetLevel("ceo", 2, toward="nobody"), NotFoundError, "no competitor 'nobody'"),
        (AddContact("ghost", "ceo", 0.5), NotFoundError, "no staff member 'ghost'"),
        (AddContact("ar", "ghost", 0.5), NotFoundError, "no person 'ghost'"),
        (AddContact("ar", "ceo", 0.0), ValueError, r"in \(0, 1\]"),
        (AddContact("ar", "ceo", 1.5), ValueError, "got 1.5"),
        (AddContact("ar", "ceo", float("nan")), ValueError, "strength"),
        (RemoveContact("vp", "ceo"), NotFoundError, "no contact from 'vp' to 'ceo'"),
        (RemoveContact("ghost", "ceo"), NotFoundError, "no staff member"),
        ("raise the CEO", ValueError, "unknown change"),
    ],
)
def test_bad_changes_are_refused_before_anything_is_applied(
    change: object, error: type[Exception], message: str
) -> None:
    g = account()
    with pytest.raises(error, match=message):
        what_if(g, [SetLevel("ceo", 3), change], ranking=RANKING, key=KEY)  # type: ignore[list-item]
    assert g.nodes["ceo"]["level"] == 0


def test_no_changes() -> None:
    r = what_if(account(), [], ranking=RANKING, key=KEY)
    assert (r.delta, r.closed, r.opened) == (0.0, (), ())
