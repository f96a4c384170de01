"""Every read uses the effective strength as of its date (DESIGN.md "Interactions"): the
plans' reads (graph, task book, review), the CLI's ``show``, who-knows-whom (staff and
person reach, the busiest staff) and the outside influencers, each checked against
strengths computed here by hand on the small account.

The case, as of T = 2026-11-30: a one-to-one meeting of s-ar with the CTO on T (recorded
0.8; derived score 1.5, strength 0.52763) and a one-to-one dinner of s-exec with the
CEO 90 days before T (no contact record; score 2 * 0.5 = 1, strength 1 - e**-0.5 =
0.39347; with a half-life of 45: 2 * 0.25 = 0.5, strength 1 - e**-0.25 = 0.22120)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graphcrm.cli import show
from graphcrm.cli_support import set_store_url
from graphcrm.method.settings import METHOD_DEFAULTS
from graphcrm.model import Dataset, Interaction
from graphcrm.plans.reads import read_graph, read_review
from graphcrm.portfolio.reach import busiest_staff, person_reach, staff_reach
from graphcrm.stores import GraphStore, SQLiteStore
from tests.sample import small_account

T = date(2026, 11, 30)
BEFORE = date(2026, 8, 1)  # before both interactions
WRITTEN = date(2026, 1, 1)
DINNER_DAY = T - timedelta(days=90)
MEETING = 1 - math.exp(-0.75)  # 0.52763
DINNER = 1 - math.exp(-0.5)  # 0.39347
DINNER_H45 = 1 - math.exp(-0.25)  # 0.22120


def _account() -> Dataset:
    data = small_account()
    data.interactions = [
        Interaction(id="i1", date=T, type="meeting", staff_ids="s-ar", person_ids="cto"),
        Interaction(id="i2", date=DINNER_DAY, type="dinner", staff_ids="s-exec", person_ids="ceo"),
    ]
    return data


def _contacts(graph: object) -> dict[tuple[str, str], float]:
    return {
        (u, v): round(d["strength"], 5)
        for u, v, d in graph.edges(data=True)  # type: ignore[attr-defined]
        if d["type"] == "contact"
    }


def _half_life_45(day: date) -> tuple[int, object]:
    return 1, METHOD_DEFAULTS.model_copy(update={"half_life_days": 45})


def test_the_plans_reads_carry_effective_strengths(sqlite_store: SQLiteStore) -> None:
    sqlite_store.write(_account(), on=WRITTEN)
    graph = read_graph(sqlite_store, "acme", T)
    assert _contacts(graph) == {
        ("s-ar", "cto"): round(MEETING, 5),  # derived replaces the recorded 0.8
        ("s-ar", "eng1"): 0.5,  # no interaction: recorded
        ("s-exec", "cfo"): 0.4,
        ("s-exec", "ceo"): round(DINNER, 5),  # the dinner creates the coverage
    }
    assert graph.edges["s-ar", "cto", "contact"]["source"] == "derived"
    # the team's half-life as of the day read (a settings lookup by day)
    slow = read_graph(sqlite_store, "acme", T, method=_half_life_45)  # type: ignore[arg-type]
    assert _contacts(slow)[("s-exec", "ceo")] == round(DINNER_H45, 5)
    # the review: the CEO gained coverage from the dinner, the CTO's fell from 0.8 to the
    # meeting's derived strength
    found = read_review(sqlite_store, "acme", from_date=BEFORE, to_date=T)
    gained = {
        c.person_id: (c.coverage_from, round(c.coverage_to, 5)) for c in found.coverage_gained
    }
    lost = {c.person_id: (c.coverage_from, round(c.coverage_to, 5)) for c in found.coverage_lost}
    assert gained == {"ceo": (0.0, round(DINNER, 5))}
    assert lost == {"cto": (0.8, round(MEETING, 5))}
    slow_review = read_review(
        sqlite_store,
        "acme",
        from_date=BEFORE,
        to_date=T,
        method=_half_life_45,  # type: ignore[arg-type]
    )
    assert [round(c.coverage_to, 5) for c in slow_review.coverage_gained] == [round(DINNER_H45, 5)]


def test_show_counts_the_coverage_an_interaction_creates(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.db")
    store.write(_account(), on=WRITTEN)
    store.close()
    app = typer.Typer()

    @app.callback()
    def _options() -> None:
        set_store_url(f"sqlite:///{tmp_path / 'g.db'}")

    app.command()(show)
    try:
        on_t = CliRunner().invoke(app, ["show", "acme", "--as-of", T.isoformat()])
        before = CliRunner().invoke(app, ["show", "acme", "--as-of", BEFORE.isoformat()])
    finally:
        set_store_url(None)
    assert on_t.exit_code == 0, on_t.output
    people = len([p for p in small_account().people])
    assert f"covered by us: 4/{people}" in on_t.stdout  # cto, eng1, cfo recorded + ceo
    assert f"covered by us: 3/{people}" in before.stdout  # the dinner had not happened


def test_who_knows_whom_reads_effective_strengths(store: GraphStore) -> None:
    store.write(_account(), on=WRITTEN)
    acme = {"acme"}
    assert staff_reach(store, "s-exec", acme, as_of=T)["accounts"] == [
        {
            "account_id": "acme",
            "people": [
                {"person_id": "ceo", "strength": pytest.approx(DINNER)},
                {"person_id": "cfo", "strength": 0.4},
            ],
        }
    ]
    assert staff_reach(store, "s-ar", acme, as_of=T)["accounts"][0]["people"] == [
        {"person_id": "cto", "strength": pytest.approx(MEETING)},
        {"person_id": "eng1", "strength": 0.5},
    ]
    # before the dinner s-exec had only the CFO
    assert staff_reach(store, "s-exec", acme, as_of=BEFORE)["people_count"] == 1
    assert busiest_staff(store, acme, as_of=T) == [
        {"staff_id": "s-ar", "accounts": 1, "people": 2},
        {"staff_id": "s-exec", "accounts": 1, "people": 2},
    ]
    ways = {w.staff_id: w for w in person_reach(store, "cto", acme, as_of=T)}
    assert ways["s-ar"].via is None and ways["s-ar"].strength == pytest.approx(MEETING)
    before = {w.staff_id: w for w in person_reach(store, "cto", acme, as_of=BEFORE)}
    assert before["s-ar"].via is None and before["s-ar"].strength == 0.8
