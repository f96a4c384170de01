"""A row per account for the accounts list (issue 12 item 6): health with its trend
arrow, the heaviest gap, overdue actions and the next target. Health, the health a
quarter ago, the heaviest gap and the next target come from the portfolio's account
state (``graphcrm.portfolio.service``, cached by the service); this adds the arrow and
the overdue count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphcrm.model import Action, ActionStatus

__all__ = ["TREND_STEP", "AccountLine", "account_line", "overdue_actions", "trend_arrow"]

#: Health moves (0..100) smaller than this read as flat: the arrow shows a real change.
TREND_STEP = 1.0


def trend_arrow(now: float | None, before: float | None, step: float = TREND_STEP) -> str | None:
    """``up``, ``down`` or ``flat`` from the health a quarter ago to now; None when either
    is unknown (a new account has no trend).

    >>> trend_arrow(55.0, 40.0), trend_arrow(40.0, 55.0), trend_arrow(40.5, 40.0)
    ('up', 'down', 'flat')
    >>> trend_arrow(40.0, None) is None
    True
    """
    if now is None or before is None:
        return None
    if now - before >= step:
        return "up"
    if before - now >= step:
        return "down"
    return "flat"


def overdue_actions(actions: Iterable[Action], today: date) -> int:
    """The open actions due before ``today`` (the plans' overdue rule)."""
    return sum(
        1 for a in actions if a.status == ActionStatus.OPEN and a.due is not None and a.due < today
    )


@dataclass(frozen=True)
class AccountLine:
    """One account's row on the accounts list."""

    account_id: str
    name: str
    industry: str | None
    region: str | None
    tier: str | None
    health: float | None
    trend: str | None
    heaviest_gap: dict[str, Any] | None
    overdue: int
    next_target: dict[str, Any] | None


def account_line(
    account: dict[str, Any], state: dict[str, Any] | None, overdue: int
) -> AccountLine:
    """The row of an account (its record as a JSON-ready dict) with its portfolio row
    (``Portfolio.to_list()``'s dict; None: not computed) and its overdue actions
    counted by :func:`overdue_actions`. The tier is the recorded one."""
    found = state or {}
    return AccountLine(
        account_id=str(account["id"]),
        name=str(account.get("name") or account["id"]),
        industry=account.get("industry"),
        region=account.get("region"),
        tier=account.get("tier"),
        health=found.get("health"),
        trend=trend_arrow(found.get("health"), found.get("health_quarter_ago")),
        heaviest_gap=found.get("heaviest_gap"),
        overdue=overdue,
        next_target=found.get("next_target"),
    )
