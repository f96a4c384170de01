"""Effective contact strength: derived from interactions where there are some, else the
recorded one (DESIGN.md "Interactions (互动记录) and relationship strength").

A (staff, person) pair with at least one interaction in the lookback window as of T is
covered with the derived strength (source ``derived``, with its three heaviest
interactions); otherwise its recorded contact, if any, holds (source ``recorded``). An
interaction of a pair without a contact record creates the coverage. ``last_contact``
is the latest interaction on or before T (or the recorded date, whichever is later);
``frequency_per_month`` of a derived pair is the count of its interactions in the 90
days ending on T (T and the 89 days before it) divided by 3.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from graphcrm.interactions.strength import (
    HALF_LIFE_DAYS,
    LOOKBACK_DAYS,
    TYPE_WEIGHTS,
    StrengthParameters,
    in_window,
    interaction_weight,
    strength_of_score,
)
from graphcrm.model import Contact, Interaction, InteractionType

__all__ = ["EffectiveContact", "HeavyInteraction", "effective_contacts", "effective_contacts_under"]

FREQUENCY_DAYS = 90  # frequency_per_month counts the interactions of the last 90 days / 3
HEAVIEST = 3  # interactions kept as the explanation of a derived strength

Source = Literal["derived", "recorded"]


@dataclass(frozen=True)
class HeavyInteraction:
    """One interaction behind a derived strength, and its term of the score as of T."""

    id: str
    date: date
    type: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "type": self.type,
            "weight": round(self.weight, 5),
        }


@dataclass(frozen=True)
class EffectiveContact:
    """The strength an analysis uses for one pair as of a day, and where it comes from."""

    staff_id: str
    person_id: str
    strength: float
    source: Source
    last_contact: date | None
    frequency_per_month: float | None
    score: float | None = None  # the derived score (None when recorded)
    heaviest: tuple[HeavyInteraction, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "staff_id": self.staff_id,
            "person_id": self.person_id,
            "strength": round(self.strength, 5),
            "source": self.source,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "frequency_per_month": self.frequency_per_month,
            "score": None if self.score is None else round(self.score, 5),
            "heaviest": [h.to_dict() for h in self.heaviest],
        }


@dataclass
class _Pair:
    score: float = 0.0
    latest: date | None = None
    recent: int = 0
    counted: int = 0
    heavy: list[tuple[float, str, HeavyInteraction]] = field(default_factory=list)


def effective_contacts(
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    as_of: date,
    *,
    weights: Mapping[InteractionType, float] = TYPE_WEIGHTS,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> dict[tuple[str, str], EffectiveContact]:
    """Every covered (staff, person) pair as of ``as_of``, keyed by (staff id, person id).

    Accounts without interactions get their recorded contacts back unchanged.
    """
    pairs: dict[tuple[str, str], _Pair] = {}
    for i in interactions:
        age = (as_of - i.date).days
        if age < 0:
            continue  # not happened yet as of T
        counts = in_window(i.date, as_of, lookback_days)
        term = interaction_weight(i, as_of, weights=weights, half_life_days=half_life_days)
        heavy = HeavyInteraction(i.id, i.date, i.type.value, term)
        for s in i.staff_ids:
            for p in i.person_ids:
                pair = pairs.setdefault((s, p), _Pair())
                pair.latest = max(pair.latest or i.date, i.date)
                if not counts:
                    continue
                pair.counted += 1
                pair.score += term
                pair.recent += age < FREQUENCY_DAYS
                heapq.heappush(pair.heavy, (term, i.id, heavy))
                if len(pair.heavy) > HEAVIEST:
                    heapq.heappop(pair.heavy)
    found: dict[tuple[str, str], EffectiveContact] = {}
    recorded_last: dict[tuple[str, str], date | None] = {}
    for c in contacts:
        recorded_last[(c.staff_id, c.person_id)] = c.last_contact
        seen = pairs.get((c.staff_id, c.person_id))
        if seen is None or not seen.counted:
            found[(c.staff_id, c.person_id)] = _recorded(c, seen.latest if seen else None)
    for (s, p), pair in pairs.items():
        if pair.counted and pair.score > 0:
            found[(s, p)] = _derived(s, p, pair, recorded_last.get((s, p)))
    return found


def effective_contacts_under(
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    as_of: date,
    strength: StrengthParameters,
) -> dict[tuple[str, str], EffectiveContact]:
    """``effective_contacts`` with a team's strength parameters (type weights, half-life,
    lookback: DESIGN.md "Method settings"), the one place they meet the formula."""
    return effective_contacts(
        contacts,
        interactions,
        as_of,
        weights=strength.type_weights(),
        half_life_days=strength.half_life_days,
        lookback_days=strength.lookback_days,
    )


def _recorded(contact: Contact, latest: date | None) -> EffectiveContact:
    dates = [d for d in (contact.last_contact, latest) if d]
    return EffectiveContact(
        contact.staff_id,
        contact.person_id,
        contact.strength,
        "recorded",
        max(dates) if dates else None,
        contact.frequency_per_month,
    )


def _derived(staff_id: str, person_id: str, pair: _Pair, recorded: date | None) -> EffectiveContact:
    heaviest = tuple(h for _, _, h in sorted(pair.heavy, key=lambda t: (-t[0], t[1])))
    dates = [d for d in (pair.latest, recorded) if d]
    return EffectiveContact(
        staff_id,
        person_id,
        strength_of_score(pair.score),
        "derived",
        max(dates) if dates else None,
        round(pair.recent / 3, 4),
        pair.score,
        heaviest,
    )
