"""Who-knows-whom's quick reads give what the full read gives (every store): the busiest
staff from contacts joined with their people plus the all-pairs interaction path, one
staff member's and one person's reach from reads filtered to them. The case, as of T:

- s1: contacts a1 (0.7) and g1 (0.4); a meeting with a3 on T (no contact: derived).
- s2: a contact with a2, who left before T; a message with g1 on T (with s3): score
  0.25, strength 1 - e**-0.125 = 0.117503 by default; with the team's message weight
  0 it counts with score 0 and covers nothing.
- s3: a contact with g1 (0.5) and the same message: derived 0.117503 replaces the
  recorded 0.5; with message weight 0 the pair's counted score is 0, so the contact
  does not hold either (DESIGN.md "Interactions": derived where interactions count).
- s4: a call with a1 two years before T (outside the lookback): no coverage.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from graphcrm.interactions import StrengthParameters
from graphcrm.interactions.reach import covered_pairs, effective_reach
from graphcrm.model import Account, Contact, Dataset, Interaction, InteractionType, Person, Staff
from graphcrm.portfolio.reach import busiest_staff, person_reach, staff_reach
from graphcrm.stores import GraphStore

T = date(2026, 11, 30)
BOTH = {"acme", "globex"}
MEETING = 1 - math.exp(-0.75)  # meeting weight 1.5, age 0: score 1.5
MESSAGE = 1 - math.exp(-0.125)  # message weight 0.25, age 0, one person: score 0.25
NO_MESSAGES = StrengthParameters(
    weights=tuple(
        (t, 0.0 if t == InteractionType.MESSAGE else w) for t, w in StrengthParameters().weights
    )
)


def book() -> Dataset:
    return Dataset(
        accounts=[Account(id="acme", name="Acme"), Account(id="globex", name="Globex")],
        staff=[Staff(id=f"s{i}", name=f"S{i}") for i in range(1, 5)],
        people=[
            Person(id="a1", account_id="acme", name="A1"),
            Person(id="a2", account_id="acme", name="A2", left_on=T - timedelta(days=5)),
            Person(id="a3", account_id="acme", name="A3"),
            Person(id="g1", account_id="globex", name="G1"),
        ],
        contacts=[
            Contact(staff_id="s1", person_id="a1", strength=0.7),
            Contact(staff_id="s1", person_id="g1", strength=0.4),
            Contact(staff_id="s2", person_id="a2", strength=0.6),
            Contact(staff_id="s3", person_id="g1", strength=0.5),
        ],
        interactions=[
            Interaction(id="m1", date=T, type="meeting", staff_ids="s1", person_ids="a3"),
            Interaction(id="x1", date=T, type="message", staff_ids="s2;s3", person_ids="g1"),
            Interaction(
                id="c1", date=T - timedelta(days=730), type="call", staff_ids="s4", person_ids="a1"
            ),
        ],
    )


def test_the_quick_reads_equal_the_full_read(store: GraphStore) -> None:
    store.write(book(), on=T - timedelta(days=800))
    for strength in (StrengthParameters(), NO_MESSAGES):
        full = effective_reach(store, BOTH, as_of=T, strength=strength)
        assert covered_pairs(store, BOTH, as_of=T, strength=strength) == [
            (s, p, a) for s, p, a, _ in full
        ]
        for staff_id in ("s1", "s2", "s3", "s4"):
            assert effective_reach(
                store, BOTH, as_of=T, strength=strength, staff_ids={staff_id}
            ) == [r for r in full if r[0] == staff_id]
        assert effective_reach(store, BOTH, as_of=T, strength=strength, person_ids={"g1"}) == [
            r for r in full if r[1] == "g1"
        ]
    assert busiest_staff(store, BOTH, as_of=T, strength=NO_MESSAGES) == [
        {"staff_id": "s1", "accounts": 2, "people": 3},
    ]
    assert busiest_staff(store, BOTH, as_of=T) == [
        {"staff_id": "s1", "accounts": 2, "people": 3},
        {"staff_id": "s2", "accounts": 1, "people": 1},
        {"staff_id": "s3", "accounts": 1, "people": 1},
    ]
    reach = staff_reach(store, "s1", BOTH, as_of=T)
    assert [
        (a["account_id"], [p["person_id"] for p in a["people"]]) for a in reach["accounts"]
    ] == [
        ("acme", ["a1", "a3"]),
        ("globex", ["g1"]),
    ]
    assert reach["accounts"][0]["people"][1]["strength"] == pytest.approx(MEETING, abs=1e-12)
    ways = [(w.staff_id, w.strength, w.via) for w in person_reach(store, "g1", BOTH, as_of=T)]
    assert ways == [
        ("s1", 0.4, None),
        ("s2", pytest.approx(MESSAGE, abs=1e-12), None),
        ("s3", pytest.approx(MESSAGE, abs=1e-12), None),  # derived replaces the recorded 0.5
    ]
