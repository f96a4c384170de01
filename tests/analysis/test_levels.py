"""Levels from the six-dimension assessment, and a person's current level, on exact cases."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from graphcrm.analysis.levels import (
    DIMENSIONS,
    assess_level,
    current_level,
    level_from_assessment,
)
from graphcrm.errors import NotFoundError
from graphcrm.graph import build_account_graph
from graphcrm.model import Account, Attitude, Competitor, Dataset, Person, Staff


def dims(*values: int) -> dict[str, int]:
    """The six dimensions in DIMENSIONS order (recognition .. competitive_preference)."""
    assert len(values) == 6
    return dict(zip(DIMENSIONS, values, strict=True))


@pytest.mark.parametrize(
    ("values", "level"),
    [
        ((3, 3, 3, 3, 3, 3), 3),
        ((-1, -1, -1, -1, -1, -1), -1),
        ((0, 0, 0, 0, 0, 0), 0),
        ((1, 1, 1, 1, 1, 1), 1),
        ((2, 2, 2, 2, 2, 2), 2),
        ((1, 1, 1, 1, 1, 0), 0),  # mean 5/6 floors to 0
        ((2, 2, 2, 2, 2, 1), 1),  # mean 11/6 floors to 1
        ((-1, 0, 0, 0, 0, 0), -1),  # mean -1/6 floors to -1, not 0
        ((3, 3, 3, 3, 2, 2), 2),  # 16/6 = 2.67 -> 2, competitive preference 2 allows it
        ((3, 3, 3, 3, 3, 2), 2),  # 17/6 = 2.83: a coach needs every dimension at 3
        ((2, 2, 2, 2, 2, 0), 1),  # competitive preference 0 caps nothing at level 1
        ((1, 1, 1, 1, 2, -1), 0),  # 5/6 -> 0: the negative cap has nothing to lower
    ],
)
def test_floor_of_the_mean(values: tuple[int, ...], level: int) -> None:
    assert level_from_assessment(dims(*values)) == level


def test_support_and_exclusive_needs_competitive_preference_two() -> None:
    a = assess_level(dims(3, 3, 3, 3, 3, 1))  # 16/6 = 2.67
    assert (a.floor_level, a.level) == (2, 1)
    assert a.caps == ("exclusive_needs_competitive_preference",)
    assert a.mean == pytest.approx(16 / 6)
    assert "competitive preference" in a.explanation["en"]
    assert "竞争偏向度" in a.explanation["zh"]


def test_negative_competitive_preference_caps_at_neutral() -> None:
    a = assess_level(dims(3, 3, 3, 3, 3, -1))  # 14/6 = 2.33: held to 1, then to 0
    assert (a.floor_level, a.level) == (2, 0)
    assert a.caps == (
        "exclusive_needs_competitive_preference",
        "negative_competitive_preference",
    )
    b = assess_level(dims(2, 2, 2, 2, 2, -1))  # 9/6 -> 1 -> 0
    assert (b.floor_level, b.level, b.caps) == (1, 0, ("negative_competitive_preference",))


def test_no_cap_reads_plainly() -> None:
    a = assess_level(dims(3, 3, 3, 3, 3, 3))
    assert a.caps == () and a.level == 3
    assert a.explanation == {
        "en": "Level 3 (coach): the six dimensions average 3.00.",
        "zh": "层级3（教练）：六维平均3.00。",
    }
    assert a.to_dict()["dimensions"] == dims(3, 3, 3, 3, 3, 3)


def test_every_assessment_exhaustively() -> None:
    """All 5**6 assessments: the coach cap never binds after the floor; caps only lower;
    the level never falls when a dimension rises."""
    scale = (-1, 0, 1, 2, 3)
    levels: dict[tuple[int, ...], int] = {}
    for values in itertools.product(scale, repeat=6):
        a = assess_level(dims(*values))
        levels[values] = a.level
        assert a.floor_level == sum(values) // 6
        assert -1 <= a.level <= a.floor_level
        assert (a.level == 3) == all(v == 3 for v in values)
        assert "coach_needs_guidance_and_information" not in a.caps
        if values[5] < 0:
            assert a.level <= 0
        if a.level >= 2:
            assert values[5] >= 2
    for values, level in levels.items():
        for i in range(6):
            if values[i] < 3:
                up = (*values[:i], values[i] + 1, *values[i + 1 :])
                assert levels[up] >= level


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({k: 1 for k in DIMENSIONS[:5]}, "missing competitive_preference"),
        (dims(1, 1, 1, 1, 1, 1) | {"charm": 2}, "unknown charm"),
        (dims(1, 1, 1, 1, 1, 4), "competitive_preference must be a whole number"),
        (dims(1, 1, 1, 1, 1, -2), "from -1 to 3"),
        (dims(1, 1, 1, 1, 1, 1) | {"guidance": True}, "guidance"),
        (dims(1, 1, 1, 1, 1, 1) | {"information": 1.5}, "information"),
    ],
)
def test_bad_assessments_are_refused(bad: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        level_from_assessment(bad)  # type: ignore[arg-type]


def _graph() -> nx.MultiDiGraph:
    data = Dataset(
        accounts=[Account(id="a", name="A")],
        staff=[Staff(id="s", name="Sam")],
        competitors=[Competitor(id="rival", name="Rival")],
        people=[Person(id=p, account_id="a", name=p) for p in ("x", "y", "z")],
        attitudes=[
            Attitude(person_id="x", level=2, as_of="2026-05-01"),
            Attitude(person_id="x", level=-1, as_of="2026-01-01"),
            Attitude(person_id="x", level=3, toward="rival", as_of="2026-02-01"),
            Attitude(person_id="x", level=1, toward="rival", as_of="2026-04-01"),
            Attitude(person_id="y", level=0),  # undated: older than any dated reading
            Attitude(person_id="y", level=1, as_of="2026-03-01"),
        ],
    )
    return build_account_graph(data, "a")


def test_current_level_is_the_latest_dated_reading() -> None:
    g = _graph()
    assert current_level(g, "x") == 2  # May beats January whatever the input order
    assert current_level(g, "x", toward="rival") == 1
    assert current_level(g, "y") == 1
    assert current_level(g, "z") == 0  # no reading: neutral
    assert current_level(g, "z", toward="rival") == 0


def test_current_level_of_unknown_ids() -> None:
    g = _graph()
    with pytest.raises(NotFoundError, match="no person 'nobody'"):
        current_level(g, "nobody")
    with pytest.raises(NotFoundError, match="no person 's'"):
        current_level(g, "s")  # staff are not rated
    with pytest.raises(NotFoundError, match="no competitor 'other'"):
        current_level(g, "x", toward="other")
