"""RFM scores and cells (DESIGN.md "Account portfolio").

Over the orders of the 365 days before the read date T (dated after T - 365 days and
on or before T): R = days since the account's last order, F = order count, M = amount.
Each is scored 1..5 by quintile of rank across the accounts given (the caller's
visible portfolio): ``rank(method="first")``, then ``qcut(rank, 5, labels=1..5)``;
with fewer than 5 accounts, score = 1 + floor(4 * (rank - 1) / max(1, N - 1)). R is
reversed (a more recent order scores higher): ranked by R descending. Ties in rank
go to the account listed first, accounts being listed by id. The cell is "R-F-M",
e.g. "5-4-5". An account with no order in the window has no RFM.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from graphcrm.model.portfolio_records import Order

__all__ = ["RFM_WINDOW_DAYS", "Rfm", "rfm_scores"]

RFM_WINDOW_DAYS = 365


@dataclass(frozen=True)
class Rfm:
    """An account's RFM: the raw figures, the 1..5 scores and the cell."""

    account_id: str
    recency_days: int
    frequency: int
    monetary: float
    r: int
    f: int
    m: int

    @property
    def cell(self) -> str:
        return f"{self.r}-{self.f}-{self.m}"


def _scores(ranks: pd.Series) -> pd.Series:
    n = len(ranks)
    if n >= 5:
        return pd.qcut(ranks, 5, labels=[1, 2, 3, 4, 5]).astype(int)
    return ranks.map(lambda r: 1 + math.floor(4 * (r - 1) / max(1, n - 1))).astype(int)


def rfm_scores(
    orders: Iterable[Order],
    as_of: date,
    accounts: Collection[str] | None = None,
    window_days: int = RFM_WINDOW_DAYS,
) -> dict[str, Rfm]:
    """RFM of every account (of ``accounts``, if given) with an order in the window.

    >>> from datetime import date
    >>> o = [Order(account_id="a", date=date(2026, 1, 1), amount=10),
    ...      Order(account_id="b", date=date(2025, 12, 1), amount=30)]
    >>> {k: v.cell for k, v in rfm_scores(o, date(2026, 1, 31)).items()}
    {'a': '5-1-1', 'b': '1-5-5'}
    """
    start = as_of - timedelta(days=window_days)
    rows = [
        (o.account_id, o.date, o.amount)
        for o in orders
        if start < o.date <= as_of and (accounts is None or o.account_id in accounts)
    ]
    if not rows:
        return {}
    frame = pd.DataFrame(rows, columns=["account_id", "date", "amount"])
    per = (
        frame.groupby("account_id", sort=True)
        .agg(last=("date", "max"), frequency=("date", "size"), monetary=("amount", "sum"))
        .sort_index()
    )
    per["recency"] = [(as_of - d).days for d in per["last"]]
    r = _scores(per["recency"].rank(method="first", ascending=False))
    f = _scores(per["frequency"].rank(method="first"))
    m = _scores(per["monetary"].rank(method="first"))
    ids = [str(acct) for acct in per.index]
    recency, frequency = per["recency"].tolist(), per["frequency"].tolist()
    monetary, rs, fs, ms = per["monetary"].tolist(), r.tolist(), f.tolist(), m.tolist()
    return {
        acct: Rfm(
            acct,
            int(recency[i]),
            int(frequency[i]),
            float(monetary[i]),
            int(rs[i]),
            int(fs[i]),
            int(ms[i]),
        )
        for i, acct in enumerate(ids)
    }
