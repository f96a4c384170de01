"""Interactions (互动记录) and the relationship strength derived from them (DESIGN.md
"Interactions (互动记录) and relationship strength"): pure functions, records in,
results out."""

from graphcrm.interactions.effective import (
    EffectiveContact,
    HeavyInteraction,
    effective_contacts,
    effective_contacts_under,
)
from graphcrm.interactions.strength import (
    HALF_LIFE_DAYS,
    LOOKBACK_DAYS,
    STRENGTH_DEFAULTS,
    TYPE_WEIGHTS,
    StrengthParameters,
    derived_score,
    derived_strength,
    interaction_weight,
    strength_of_score,
)

__all__ = [
    "HALF_LIFE_DAYS",
    "LOOKBACK_DAYS",
    "STRENGTH_DEFAULTS",
    "TYPE_WEIGHTS",
    "EffectiveContact",
    "HeavyInteraction",
    "StrengthParameters",
    "derived_score",
    "derived_strength",
    "effective_contacts",
    "effective_contacts_under",
    "interaction_weight",
    "strength_of_score",
]
