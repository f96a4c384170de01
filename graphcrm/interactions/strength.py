"""Relationship strength derived from interactions (DESIGN.md "Interactions (互动记录) and
relationship strength"; the formula there is exact).

Derived strength of our staff member s with person p as of day T, over the interactions
i on or before T within the lookback L that name s among our staff and p among the
customer's people::

    score(s, p, T) = sum_i  w(type_i) * o_i * 0.5 ** ((T - date_i).days / H) / sqrt(n_i)
    strength(s, p, T) = 1 - exp(-score / 2)

w is the type's weight, H the half-life, n_i the number of customer people in i, and
o_i is 0.5 for an outbound email or message (sent, no answer), 1 otherwise. The
parameters are plain arguments with DESIGN's defaults, so team settings can pass their own.

>>> round(strength_of_score(1.5), 5)
0.52763
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from graphcrm.model import Direction, Interaction, InteractionType

__all__ = [
    "HALF_LIFE_DAYS",
    "LOOKBACK_DAYS",
    "STRENGTH_DEFAULTS",
    "TYPE_WEIGHTS",
    "StrengthParameters",
    "derived_score",
    "derived_strength",
    "in_window",
    "interaction_weight",
    "strength_of_score",
]

#: Default weight of each interaction type (DESIGN.md): a site visit counts six message-lengths.
TYPE_WEIGHTS: Mapping[InteractionType, float] = {
    InteractionType.SITE_VISIT: 3.0,
    InteractionType.DINNER: 2.0,
    InteractionType.MEETING: 1.5,
    InteractionType.VISIT: 1.5,
    InteractionType.EVENT: 1.0,
    InteractionType.CALL: 1.0,
    InteractionType.EMAIL: 0.5,
    InteractionType.MESSAGE: 0.25,
}
HALF_LIFE_DAYS = 90.0  # an interaction counts half after this many days
LOOKBACK_DAYS = 365  # older interactions count nothing (day 365 counts, day 366 does not)

_WRITTEN = (InteractionType.EMAIL, InteractionType.MESSAGE)


@dataclass(frozen=True)
class StrengthParameters:
    """The three parameters of derived strength (a team's settings may set each), hashable
    so a graph built with them can be cached under them: ``weights`` as (type, weight)
    pairs in the order of :class:`InteractionType`."""

    weights: tuple[tuple[InteractionType, float], ...] = tuple(TYPE_WEIGHTS.items())
    half_life_days: float = HALF_LIFE_DAYS
    lookback_days: int = LOOKBACK_DAYS

    def type_weights(self) -> dict[InteractionType, float]:
        return dict(self.weights)


#: DESIGN's parameters: what a graph is built with when nobody sets others.
STRENGTH_DEFAULTS = StrengthParameters()


def in_window(day: date, as_of: date, lookback_days: int = LOOKBACK_DAYS) -> bool:
    """An interaction on ``day`` counts as of ``as_of``: not after it, at most
    ``lookback_days`` before it."""
    return 0 <= (as_of - day).days <= lookback_days


def interaction_weight(
    interaction: Interaction,
    as_of: date,
    *,
    weights: Mapping[InteractionType, float] = TYPE_WEIGHTS,
    half_life_days: float = HALF_LIFE_DAYS,
) -> float:
    """One interaction's term of the score for each (staff, person) pair it names:
    ``w(type) * o * 0.5 ** (age / H) / sqrt(n)``."""
    unanswered = interaction.type in _WRITTEN and interaction.direction == Direction.OUTBOUND
    age = (as_of - interaction.date).days
    decay: float = 0.5 ** (age / half_life_days)
    answered = 0.5 if unanswered else 1.0
    return weights[interaction.type] * answered * decay / math.sqrt(len(interaction.person_ids))


def strength_of_score(score: float) -> float:
    """``1 - exp(-score / 2)``: 0 for no score, approaching 1."""
    return 1.0 - math.exp(-score / 2.0)


def derived_score(
    interactions: Iterable[Interaction],
    staff_id: str,
    person_id: str,
    as_of: date,
    *,
    weights: Mapping[InteractionType, float] = TYPE_WEIGHTS,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> float:
    """score(s, p, T) over the interactions naming both, within the lookback."""
    return sum(
        interaction_weight(i, as_of, weights=weights, half_life_days=half_life_days)
        for i in interactions
        if staff_id in i.staff_ids
        and person_id in i.person_ids
        and in_window(i.date, as_of, lookback_days)
    )


def derived_strength(
    interactions: Iterable[Interaction],
    staff_id: str,
    person_id: str,
    as_of: date,
    *,
    weights: Mapping[InteractionType, float] = TYPE_WEIGHTS,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> float:
    """strength(s, p, T) = 1 - exp(-score / 2); 0 when no interaction counts."""
    score = derived_score(
        interactions,
        staff_id,
        person_id,
        as_of,
        weights=weights,
        half_life_days=half_life_days,
        lookback_days=lookback_days,
    )
    return strength_of_score(score)
