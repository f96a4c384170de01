"""Every analysis reads effective strengths: the account graph as of a date carries
them, people who left are out of it, and the review lists key people who left."""

from __future__ import annotations

import math
from datetime import date

import pytest

from graphcrm.analysis.coverage import coverage
from graphcrm.graph import build_account_graph
from graphcrm.model import Interaction
from graphcrm.plans.review import review
from tests.sample import small_account

T = date(2026, 11, 30)


def test_a_derived_contact_replaces_the_recorded_one_and_creates_coverage() -> None:
    data = small_account()
    data.interactions = [
        Interaction(id="i1", date=T, type="meeting", staff_ids="s-ar", person_ids="cto"),
        Interaction(id="i2", date=T, type="dinner", staff_ids="s-exec", person_ids="ceo"),
    ]
    g = build_account_graph(data, "acme", as_of=T)
    cto = g.edges["s-ar", "cto", "contact"]
    assert (round(cto["strength"], 5), cto["source"], cto["last_contact"]) == (
        0.52763,
        "derived",
        "2026-11-30",
    )
    assert cto["heaviest"] == [{"id": "i1", "date": "2026-11-30", "type": "meeting", "weight": 1.5}]
    ceo = g.edges["s-exec", "ceo", "contact"]  # no contact record: the dinner creates one
    assert ceo["strength"] == pytest.approx(1 - math.exp(-1))
    assert g.edges["s-ar", "eng1", "contact"]["source"] == "recorded"
    report = coverage(g, today=T)
    assert report.person("ceo").coverage == pytest.approx(1 - math.exp(-1))
    # the day before, neither interaction had happened: the recorded contacts hold
    before = build_account_graph(data, "acme", as_of=date(2026, 11, 29))
    assert before.edges["s-ar", "cto", "contact"]["strength"] == 0.8
    assert not before.has_edge("s-exec", "ceo")


def test_without_interactions_the_graph_is_as_recorded() -> None:
    data = small_account()
    g = build_account_graph(data, "acme", as_of=T)
    recorded = {(c.staff_id, c.person_id): c.strength for c in data.contacts}
    found = {(u, v): d["strength"] for u, v, d in g.edges(data=True) if d["type"] == "contact"}
    assert found == recorded


def test_a_person_who_left_is_out_and_the_review_lists_the_key_person_left() -> None:
    data = small_account()
    start = date(2026, 9, 1)
    before = build_account_graph(data, "acme", as_of=start)
    data.people = [
        p.model_copy(update={"left_on": date(2026, 10, 15)}) if p.id == "cfo" else p
        for p in data.people
    ]
    after = build_account_graph(data, "acme", as_of=T)
    assert "cfo" not in after and after.graph["left"] == {
        "cfo": {"name": "Diaz", "left_on": "2026-10-15"}
    }
    assert "cfo" in build_account_graph(data, "acme", as_of=date(2026, 10, 14))
    was = coverage(before, today=start)
    assert "cfo" in was.key_people
    result = review(before, after, from_date=start, to_date=T)
    [left] = result.key_people_left
    assert (left.code, left.person_id, left.left_on, left.staff) == (
        "key_person_left",
        "cfo",
        date(2026, 10, 15),
        ["s-exec"],
    )
    assert left.coverage_lost == pytest.approx(0.4)
    assert "key_person_left" in [g.code for g in result.gaps_opened]
    assert "关键人Diaz已于2026-10-15离任" in left.explanation["zh"]
