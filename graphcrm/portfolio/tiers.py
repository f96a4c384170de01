"""Tiers by the course's shares, the value x potential quadrant, cadence by tier
(DESIGN.md "Account portfolio", 客户分级).

Tiers. Accounts with a value score are ranked by it (highest first), then by M (the
RFM amount, none counting as 0), then by id. With N ranked accounts:
n_strategic = max(1, round_half_up(0.05 N)); the first round_half_up(0.25 N) ranks
hold strategic and value; the first round_half_up(0.55 N) hold those and potential;
the rest are ordinary (``shares`` gives the three shares 0.05, 0.20, 0.30). A tier
recorded by hand on the account wins and is flagged as an override (whether or not it
differs from the computed one: it was set by hand); an account with no value score has
no computed tier.

Quadrant: current against future value, each split at the median over the accounts
that have both: ``star`` (both at or above), ``cash_cow`` (current only), ``rising``
(future only), ``maintain`` (neither).

Cadence: days between contacts by tier in force (strategic 30, value 60, potential 90,
ordinary 180); it drives the ``stale`` gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from statistics import median

from graphcrm.analysis.coverage import DEFAULT_CADENCE_DAYS as COVERAGE_CADENCE_DAYS
from graphcrm.model.vocab import Tier

__all__ = [
    "DEFAULT_CADENCE_DAYS",
    "DEFAULT_TIER_SHARES",
    "Quadrant",
    "RankedAccount",
    "TierResult",
    "assign_tiers",
    "quadrants",
    "round_half_up",
    "tier_bounds",
]

#: Shares of strategic, value and potential accounts (the rest are ordinary): 5/20/30/45.
DEFAULT_TIER_SHARES: tuple[float, float, float] = (0.05, 0.20, 0.30)

#: Contact cadence in days by tier (configurable); one source with the coverage analysis.
DEFAULT_CADENCE_DAYS: Mapping[str, int] = {
    tier.value: COVERAGE_CADENCE_DAYS[tier.value] for tier in Tier
}


class Quadrant(StrEnum):
    STAR = "star"  # 明星
    CASH_COW = "cash_cow"
    RISING = "rising"  # 潜力
    MAINTAIN = "maintain"


@dataclass(frozen=True)
class RankedAccount:
    """What tiering reads of one account."""

    account_id: str
    value_score: float | None
    monetary: float | None = None
    recorded_tier: Tier | None = None


@dataclass(frozen=True)
class TierResult:
    """An account's computed tier, its rank (1 = first), the tier in force and whether a
    recorded tier overrides the computed one."""

    account_id: str
    rank: int | None
    computed: Tier | None
    in_force: Tier | None
    override: bool


def round_half_up(x: Decimal) -> int:
    """Round to the nearest whole number, halves up (not Python's halves to even).

    >>> round_half_up(Decimal("2.5")), round_half_up(Decimal("1.05")), round_half_up(Decimal("0.2"))
    (3, 1, 0)
    """
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tier_bounds(n: int, shares: Sequence[float] = DEFAULT_TIER_SHARES) -> tuple[int, int, int]:
    """The last rank of strategic, of value and of potential accounts among ``n``.

    >>> tier_bounds(20), tier_bounds(21), tier_bounds(4), tier_bounds(1)
    ((1, 5, 11), (1, 5, 12), (1, 1, 2), (1, 1, 1))
    """
    s, v, p = (Decimal(str(x)) for x in shares)
    strategic = max(1, round_half_up(s * n))
    value = max(strategic, round_half_up((s + v) * n))
    potential = max(value, round_half_up((s + v + p) * n))
    return min(strategic, n), min(value, n), min(potential, n)


def _tier_at(rank: int, bounds: tuple[int, int, int]) -> Tier:
    if rank <= bounds[0]:
        return Tier.STRATEGIC
    if rank <= bounds[1]:
        return Tier.VALUE
    if rank <= bounds[2]:
        return Tier.POTENTIAL
    return Tier.ORDINARY


def assign_tiers(
    accounts: Sequence[RankedAccount], shares: Sequence[float] = DEFAULT_TIER_SHARES
) -> dict[str, TierResult]:
    """Every account's tier (see the module's rule), by account id."""
    ranked = sorted(
        (a for a in accounts if a.value_score is not None),
        key=lambda a: (-(a.value_score or 0.0), -(a.monetary or 0.0), a.account_id),
    )
    bounds = tier_bounds(len(ranked), shares)
    rank_of = {a.account_id: i for i, a in enumerate(ranked, start=1)}
    results = {}
    for a in accounts:
        rank = rank_of.get(a.account_id)
        computed = _tier_at(rank, bounds) if rank is not None else None
        override = a.recorded_tier is not None
        in_force = a.recorded_tier if a.recorded_tier is not None else computed
        results[a.account_id] = TierResult(a.account_id, rank, computed, in_force, override)
    return results


def quadrants(parts: Mapping[str, tuple[float | None, float | None]]) -> dict[str, Quadrant]:
    """The quadrant of each account with both a current and a future value.

    ``parts`` maps account ids to (current, future).

    >>> found = quadrants({"a": (4, 1), "b": (2, 4), "c": (3, 3), "d": (1, None)})
    >>> {acct: q.value for acct, q in found.items()}
    {'a': 'cash_cow', 'b': 'rising', 'c': 'star'}
    """
    both = {a: (c, f) for a, (c, f) in parts.items() if c is not None and f is not None}
    if not both:
        return {}
    mid_current = median(c for c, _ in both.values())
    mid_future = median(f for _, f in both.values())
    found = {}
    for acct, (c, f) in both.items():
        high_c, high_f = c >= mid_current, f >= mid_future
        if high_c and high_f:
            found[acct] = Quadrant.STAR
        elif high_c:
            found[acct] = Quadrant.CASH_COW
        elif high_f:
            found[acct] = Quadrant.RISING
        else:
            found[acct] = Quadrant.MAINTAIN
    return found
