"""Derived and effective strength on the DESIGN.md worked cases and edges, by hand."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from graphcrm.interactions import (
    derived_score,
    derived_strength,
    effective_contacts,
    strength_of_score,
)
from graphcrm.model import Contact, Interaction

T = date(2026, 11, 30)


def event(
    ident: str,
    days_before: int,
    kind: str = "meeting",
    people: str = "p1",
    staff: str = "s1",
    direction: str | None = None,
) -> Interaction:
    return Interaction(
        id=ident,
        date=T - timedelta(days=days_before),
        type=kind,
        staff_ids=staff,
        person_ids=people,
        direction=direction,
    )


def test_worked_case_one_meeting_on_the_day() -> None:
    found = [event("m", 0)]
    assert derived_score(found, "s1", "p1", T) == pytest.approx(1.5)
    assert round(derived_strength(found, "s1", "p1", T), 5) == 0.52763


def test_worked_case_plus_a_dinner_ninety_days_before() -> None:
    found = [event("m", 0), event("d", 90, "dinner")]
    assert derived_score(found, "s1", "p1", T) == pytest.approx(2.5)
    assert round(derived_strength(found, "s1", "p1", T), 5) == 0.71350


def test_worked_case_meeting_with_four_customer_people() -> None:
    found = [event("m", 0, people="p1;p2;p3;p4")]
    assert derived_score(found, "s1", "p1", T) == pytest.approx(0.75)
    assert round(derived_strength(found, "s1", "p1", T), 5) == 0.31271
    assert derived_strength(found, "s1", "p4", T) == derived_strength(found, "s1", "p1", T)


def test_half_life_halves_and_quarters() -> None:
    assert derived_score([event("c", 90, "call")], "s1", "p1", T) == pytest.approx(0.5)
    assert derived_score([event("c", 180, "call")], "s1", "p1", T) == pytest.approx(0.25)
    assert derived_score([event("c", 45, "call")], "s1", "p1", T) == pytest.approx(2**-0.5)


def test_lookback_edge_day_365_counts_and_day_366_does_not() -> None:
    assert derived_score([event("v", 365, "site_visit")], "s1", "p1", T) == pytest.approx(
        3.0 * 0.5 ** (365 / 90)
    )
    assert derived_score([event("v", 366, "site_visit")], "s1", "p1", T) == 0
    assert derived_score([event("v", 0, "site_visit")], "s1", "p1", T - timedelta(days=1)) == 0


def test_outbound_only_mail_counts_half() -> None:
    sent = derived_score([event("e", 0, "email", direction="outbound")], "s1", "p1", T)
    answered = derived_score([event("e", 0, "邮件", direction="both")], "s1", "p1", T)
    texted = derived_score([event("m", 0, "message", direction="outbound")], "s1", "p1", T)
    assert (sent, answered, texted) == (0.25, 0.5, 0.125)
    # a call is never halved, whatever its direction says
    assert derived_score([event("c", 0, "call", direction="outbound")], "s1", "p1", T) == 1.0


def test_parameters_are_plain_arguments() -> None:
    found = [event("c", 30, "call")]
    score = derived_score(found, "s1", "p1", T, half_life_days=30, weights={"call": 2.0})  # type: ignore[dict-item]
    assert score == pytest.approx(1.0)
    assert derived_score(found, "s1", "p1", T, lookback_days=29) == 0


def test_a_pair_with_recorded_strength_and_interactions_uses_the_derived_one() -> None:
    recorded = Contact(
        staff_id="s1",
        person_id="p1",
        strength=0.9,
        frequency_per_month=4,
        last_contact="2026-06-01",
    )
    found = [event("m", 0), event("d", 90, "dinner"), event("e", 10, "email"), event("x", 400)]
    pair = effective_contacts([recorded], found, T)[("s1", "p1")]
    score = 1.5 + 1.0 + 0.5 * 0.5 ** (10 / 90)
    assert pair.source == "derived"
    assert pair.strength == pytest.approx(1 - math.exp(-score / 2))
    assert [h.id for h in pair.heaviest] == ["m", "d", "e"]  # the heaviest three, heaviest first
    assert pair.last_contact == T
    assert pair.frequency_per_month == pytest.approx(round(2 / 3, 4))  # m and e; d is 90 days old
    # a year and more later only the recorded contact is left, and its own date is later
    later = effective_contacts([recorded], found, T + timedelta(days=400))[("s1", "p1")]
    assert (later.source, later.strength, later.frequency_per_month) == ("recorded", 0.9, 4)
    assert later.last_contact == T


def test_an_interaction_without_a_contact_record_creates_coverage() -> None:
    found = effective_contacts([], [event("m", 0, staff="s1;s2", people="p1;p2")], T)
    assert sorted(found) == [("s1", "p1"), ("s1", "p2"), ("s2", "p1"), ("s2", "p2")]
    assert {round(c.strength, 5) for c in found.values()} == {
        round(strength_of_score(1.5 / math.sqrt(2)), 5)
    }


def test_no_interactions_leave_recorded_contacts_as_they_are() -> None:
    recorded = Contact(staff_id="s1", person_id="p1", strength=0.4)
    [pair] = effective_contacts([recorded], [], T).values()
    assert (pair.strength, pair.source, pair.last_contact, pair.frequency_per_month) == (
        0.4,
        "recorded",
        None,
        None,
    )


def test_the_vectorised_strengths_equal_the_pure_ones() -> None:
    import random

    from graphcrm.interactions.bulk import pair_strengths

    rng = random.Random(7)
    kinds = ["site_visit", "dinner", "meeting", "visit", "event", "call", "email", "message"]
    found = [
        Interaction(
            id=f"i{n}",
            date=T - timedelta(days=rng.randint(0, 400)),
            type=rng.choice(kinds),
            staff_ids=rng.sample(["s1", "s2", "s3"], rng.randint(1, 2)),
            person_ids=rng.sample(["p1", "p2", "p3", "p4"], rng.randint(1, 3)),
            direction=rng.choice([None, "outbound", "inbound"]),
        )
        for n in range(200)
    ]
    bulk = pair_strengths(found, T)
    pure = effective_contacts([], found, T)
    assert len(bulk) == len(pure)
    for row in bulk.itertuples():
        assert row.strength == pytest.approx(pure[(row.staff_id, row.person_id)].strength)
