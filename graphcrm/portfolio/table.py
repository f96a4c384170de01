"""The portfolio table: per account, value, RFM, tier, quadrant and cadence, as of a date
(DESIGN.md "Account portfolio"). Pure: records in, rows out.

The accounts given are the caller's visible portfolio: tiers, RFM quintiles and the
quadrant medians are computed over them and nothing else. Outside parties (accounts
whose kind is not customer or group_hq) are not customers we tier: they are listed with
no tier, quadrant or RFM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphcrm.model.portfolio_records import AccountValue, Order
from graphcrm.model.records import Account
from graphcrm.model.vocab import AccountKind
from graphcrm.portfolio.rfm import RFM_WINDOW_DAYS, Rfm, rfm_scores
from graphcrm.portfolio.tiers import (
    DEFAULT_CADENCE_DAYS,
    DEFAULT_TIER_SHARES,
    RankedAccount,
    assign_tiers,
    quadrants,
)
from graphcrm.portfolio.values import (
    DEFAULT_VALUE_WEIGHTS,
    ValueScore,
    assessments_in_force,
    value_score,
)

__all__ = ["TIERED_KINDS", "PortfolioRow", "portfolio_table"]

#: The kinds of account the portfolio tiers: customers and group headquarters.
TIERED_KINDS = frozenset({AccountKind.CUSTOMER, AccountKind.GROUP_HQ})


@dataclass(frozen=True)
class PortfolioRow:
    """One account of the portfolio, with everything its figures were built from."""

    account_id: str
    name: str
    kind: str
    parent_id: str | None
    value: ValueScore | None
    rfm: Rfm | None
    rank: int | None
    tier_computed: str | None
    tier: str | None
    tier_override: bool
    quadrant: str | None
    cadence_days: int | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the fields the CLI and the API share."""
        v = self.value
        return {
            "account_id": self.account_id,
            "name": self.name,
            "kind": self.kind,
            "parent_id": self.parent_id,
            "tier": self.tier,
            "tier_computed": self.tier_computed,
            "tier_override": self.tier_override,
            "rank": self.rank,
            "value_score": v.value_score if v else None,
            "current": v.current if v else None,
            "future": v.future if v else None,
            "social": v.social if v else None,
            "assessed_on": v.assessed_on.isoformat() if v else None,
            "quadrant": self.quadrant,
            "rfm": self.rfm.cell if self.rfm else None,
            "recency_days": self.rfm.recency_days if self.rfm else None,
            "order_count": self.rfm.frequency if self.rfm else 0,
            "order_amount": self.rfm.monetary if self.rfm else 0.0,
            "cadence_days": self.cadence_days,
        }


def _kind(account: Account) -> AccountKind:
    return account.kind or AccountKind.CUSTOMER


def portfolio_table(
    accounts: Sequence[Account],
    values: Iterable[AccountValue],
    orders: Iterable[Order],
    as_of: date,
    *,
    weights: Mapping[str, float] = DEFAULT_VALUE_WEIGHTS,
    shares: Sequence[float] = DEFAULT_TIER_SHARES,
    cadence_days: Mapping[str, int] = DEFAULT_CADENCE_DAYS,
    rfm_window_days: int = RFM_WINDOW_DAYS,
) -> list[PortfolioRow]:
    """The portfolio of ``accounts`` as of ``as_of``, one row per account, by id."""
    tiered = [a for a in accounts if _kind(a) in TIERED_KINDS]
    ids = {a.id for a in tiered}
    scores = {
        acct: value_score(v, weights)
        for acct, v in assessments_in_force(values, as_of).items()
        if acct in ids
    }
    rfm = rfm_scores(orders, as_of, ids, rfm_window_days)
    tiers = assign_tiers(
        [
            RankedAccount(
                a.id,
                scores[a.id].value_score if a.id in scores else None,
                rfm[a.id].monetary if a.id in rfm else None,
                a.tier,
            )
            for a in tiered
        ],
        shares,
    )
    quads = quadrants({acct: (s.current, s.future) for acct, s in scores.items()})
    rows = []
    for a in sorted(accounts, key=lambda a: a.id):
        t = tiers.get(a.id)
        in_force = t.in_force.value if t and t.in_force else None
        rows.append(
            PortfolioRow(
                account_id=a.id,
                name=a.name,
                kind=_kind(a).value,
                parent_id=a.parent_id,
                value=scores.get(a.id),
                rfm=rfm.get(a.id),
                rank=t.rank if t else None,
                tier_computed=t.computed.value if t and t.computed else None,
                tier=in_force,
                tier_override=bool(t and t.override),
                quadrant=quads[a.id].value if a.id in quads else None,
                cadence_days=cadence_days.get(in_force) if in_force else None,
            )
        )
    return rows
