"""Value scores from the nine-indicator assessment (DESIGN.md "Account portfolio").

current, future and social are the means of their three indicators (current: profit,
volume, cost_to_serve; future: credit, loyalty, trust; social: innovation, network,
interaction); a missing indicator is left out of its mean, and a part with none has
no score. value score = 0.5 current + 0.3 future + 0.2 social (``weights``); a part
without a score is left out and the other weights are scaled to sum to one (an
account assessed on current value alone scores its current value); no part, no score.

The assessment in force on a date is the latest dated on or before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from graphcrm.model.portfolio_records import (
    CURRENT_INDICATORS,
    FUTURE_INDICATORS,
    SOCIAL_INDICATORS,
    AccountValue,
)

__all__ = ["DEFAULT_VALUE_WEIGHTS", "ValueScore", "assessments_in_force", "value_score"]

#: Weights of the three parts (DESIGN.md): current 0.5, future 0.3, social 0.2.
DEFAULT_VALUE_WEIGHTS: Mapping[str, float] = {"current": 0.5, "future": 0.3, "social": 0.2}

_PARTS = {"current": CURRENT_INDICATORS, "future": FUTURE_INDICATORS, "social": SOCIAL_INDICATORS}


@dataclass(frozen=True)
class ValueScore:
    """An account's value score and the three parts it was built from (None: no score)."""

    account_id: str
    assessed_on: date
    current: float | None
    future: float | None
    social: float | None
    value_score: float | None


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def value_score(
    assessment: AccountValue, weights: Mapping[str, float] = DEFAULT_VALUE_WEIGHTS
) -> ValueScore:
    """The scores of one assessment.

    >>> from datetime import date
    >>> v = AccountValue(account_id="a", as_of=date(2026, 1, 1), profit=4, volume=2,
    ...                  credit=3, innovation=5, network=1)
    >>> s = value_score(v)
    >>> (s.current, s.future, s.social, round(s.value_score, 4))
    (3.0, 3.0, 3.0, 3.0)
    """
    parts = {name: _mean(assessment.indicators(fields)) for name, fields in _PARTS.items()}
    present = {name: score for name, score in parts.items() if score is not None}
    total = sum(weights[name] for name in present)
    score = (
        sum(weights[name] * s for name, s in present.items()) / total if present and total else None
    )
    return ValueScore(
        assessment.account_id,
        assessment.as_of,
        parts["current"],
        parts["future"],
        parts["social"],
        score,
    )


def assessments_in_force(values: Iterable[AccountValue], as_of: date) -> dict[str, AccountValue]:
    """Per account, its latest assessment dated on or before ``as_of``."""
    latest: dict[str, AccountValue] = {}
    for v in values:
        if v.as_of <= as_of and (
            v.account_id not in latest or v.as_of > latest[v.account_id].as_of
        ):
            latest[v.account_id] = v
    return latest
