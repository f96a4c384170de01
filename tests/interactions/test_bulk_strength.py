"""All-pairs strength (issue 13's fast path) against the per-pair reference
(graphcrm.interactions.strength.derived_strength), read from every store kind."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from graphcrm.interactions.bulk import column_pair_strengths, pair_strengths, store_pair_strengths
from graphcrm.interactions.strength import (
    StrengthParameters,
    derived_score,
    derived_strength,
)
from graphcrm.model import Interaction
from graphcrm.stores.base import GraphStore
from graphcrm.stores.interaction_columns import InteractionColumns, _flat_ids
from tests.conftest import make_store
from tests.sample import small_account

T = date(2026, 11, 30)
KINDS = ["site_visit", "dinner", "meeting", "visit", "event", "call", "email", "message"]
STAFF = ["s-ar", "s-exec"]
PEOPLE = ["ceo", "cto", "cfo", "eng1", "eng2"]


def random_interactions(n: int, seed: int = 13) -> list[Interaction]:
    """``n`` interactions over the 420 days before T, so some fall past the lookback."""
    rng = random.Random(seed)
    return [
        Interaction(
            id=f"i{k}",
            date=T - timedelta(days=rng.randint(0, 420)),
            type=rng.choice(KINDS),
            staff_ids=rng.sample(STAFF, rng.randint(1, 2)),
            person_ids=rng.sample(PEOPLE, rng.randint(1, 4)),
            direction=rng.choice([None, "outbound", "inbound", "both"]),
        )
        for k in range(n)
    ]


def assert_equal_to_reference(found: list[Interaction], as_of: date, fast: object) -> None:
    rows = list(fast.itertuples())  # type: ignore[attr-defined]
    named = {
        (s, p)
        for i in found
        if 0 <= (as_of - i.date).days <= 365
        for s in i.staff_ids
        for p in i.person_ids
    }
    assert {(r.staff_id, r.person_id) for r in rows} == named
    assert [(r.staff_id, r.person_id) for r in rows] == sorted(named)
    for r in rows:
        mine = [
            i
            for i in found
            if r.staff_id in i.staff_ids
            and r.person_id in i.person_ids
            and 0 <= (as_of - i.date).days <= 365
        ]
        assert abs(r.score - derived_score(found, r.staff_id, r.person_id, as_of)) < 1e-9
        assert abs(r.strength - derived_strength(found, r.staff_id, r.person_id, as_of)) < 1e-9
        assert r.count == len(mine)
        assert r.last_contact == max(i.date for i in mine)


# Not on Neo4j: the same CypherStore code as FalkorDB, and a minute of the suite's time
# there under load (measured: 67 s for this test).
@pytest.mark.parametrize("kind", ["sqlite", "falkordb"])
def test_the_store_read_gives_the_reference_strengths(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    found = random_interactions(40)
    data = small_account()
    data.interactions = found
    store = make_store(kind, request, tmp_path)
    request.addfinalizer(store.close)
    store.write(data, on=T)
    fast = store_pair_strengths(store, ["acme"], T)
    assert_equal_to_reference(found, T, fast)
    # An earlier day: the later interactions have not happened, the window moves back.
    earlier = T - timedelta(days=100)
    assert_equal_to_reference(found, earlier, store_pair_strengths(store, ["acme"], earlier))
    assert store_pair_strengths(store, ["other"], T).empty


def test_the_design_worked_cases_and_the_window_edges() -> None:
    def one(days: int, kind: str = "meeting", people: str = "p1", **kw: str) -> Interaction:
        when = T - timedelta(days=days)
        return Interaction(id=f"x{days}{kind}{len(people)}", date=when, type=kind, **kw,
                           staff_ids="s1", person_ids=people)  # fmt: skip

    def strength(found: list[Interaction]) -> float:
        return round(float(pair_strengths(found, T)["strength"].iloc[0]), 5)

    assert strength([one(0)]) == 0.52763
    assert strength([one(0), one(90, "dinner")]) == 0.71350
    assert strength([one(0, people="p1;p2;p3;p4")]) == 0.31271
    # Day 365 counts (half-life 90: 3 * 0.5 ** (365 / 90)), day 366 does not.
    edge = pair_strengths([one(365, "site_visit"), one(366, "dinner")], T)
    assert list(edge["count"]) == [1]
    assert float(edge["score"].iloc[0]) == pytest.approx(3 * 0.5 ** (365 / 90), abs=1e-12)
    assert pair_strengths([one(-1)], T).empty  # after T: not yet
    # An outbound email or message counts half; inbound and both in full.
    mail = pair_strengths([one(0, "email", direction="outbound"), one(0, "message")], T)
    assert float(mail["score"].iloc[0]) == pytest.approx(0.5 * 0.5 + 0.25)
    inbound = pair_strengths([one(0, "email", direction="inbound")], T)
    assert float(inbound["score"].iloc[0]) == pytest.approx(0.5)


def test_team_parameters_reach_the_fast_path() -> None:
    found = random_interactions(200, seed=5)
    team = StrengthParameters(
        weights=tuple((k, w * 2) for k, w in StrengthParameters().weights),
        half_life_days=30.0,
        lookback_days=400,
    )
    fast = pair_strengths(found, T, team)
    for r in fast.itertuples():
        expected = derived_strength(
            found,
            r.staff_id,
            r.person_id,
            T,
            weights=team.type_weights(),
            half_life_days=30.0,
            lookback_days=400,
        )
        assert abs(r.strength - expected) < 1e-9
    assert len(fast) == len({(s, p) for i in found for s in i.staff_ids for p in i.person_ids})


def test_a_few_hundred_from_sqlite_give_the_reference_strengths(
    sqlite_store: GraphStore,
) -> None:
    found = random_interactions(400, seed=3)
    data = small_account()
    data.interactions = found
    sqlite_store.write(data, on=T)
    assert_equal_to_reference(found, T, store_pair_strengths(sqlite_store, ["acme"], T))


def test_the_versions_of_a_day_are_read_as_of_that_day(sqlite_store: GraphStore) -> None:
    data = small_account()
    data.interactions = [Interaction(id="m", date=T, type="meeting", staff_ids="s-ar",
                                     person_ids="cto")]  # fmt: skip
    sqlite_store.write(data, on=T)
    sqlite_store.delete("interactions", ("m",), on=T + timedelta(days=2))
    assert store_pair_strengths(sqlite_store, ["acme"], T).empty  # deleted since
    kept = store_pair_strengths(sqlite_store, ["acme"], T, versions_as_of=T + timedelta(days=1))
    assert list(kept["strength"].round(5)) == [0.52763]


def test_id_lists_split_as_written_by_either_json_writer() -> None:
    arrays = '["a", "b:1"]["c"]["d","e-2"]'
    assert _flat_ids(arrays, 5) == ["a", "b:1", "c", "d", "e-2"]
    # Anything an id cannot hold, or an empty array, is decoded array by array.
    assert _flat_ids('["a\\u00e9"]["b"]', 2) == ["a\u00e9", "b"]
    assert _flat_ids('["a"][]["b"]', 2) == ["a", "b"]
    empty = InteractionColumns([], [], [], [], [], [], [])
    assert list(column_pair_strengths(empty, T).columns) == [
        "staff_id",
        "person_id",
        "score",
        "strength",
        "count",
        "last_contact",
    ]
