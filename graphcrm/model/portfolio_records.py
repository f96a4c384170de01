"""The portfolio's records (DESIGN.md "Account portfolio"): value assessments and orders.

``AccountValue`` is one dated 客户价值评估: nine indicators scored 0..5, any of
them may be missing (the analysis leaves a missing one out of its mean). Every
assessment is kept: the one in force on a date is the latest dated on or before it.

``Order`` is one order of an account: a date, an amount and optionally its
margin. ``id`` is optional in files: it defaults to the account, date, amount and
margin, so the same order imported twice is one order; two equal orders on one day
need ids of their own.

Both are dated observations: a version holds from its own date (so a portfolio
read as of a past date sees the assessments and orders dated by then).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Annotated, Any, ClassVar

from pydantic import Field, model_validator

from graphcrm.model.records import Amount, Day, Id, Record, _to_date

__all__ = ["CURRENT_INDICATORS", "FUTURE_INDICATORS", "SOCIAL_INDICATORS", "AccountValue", "Order"]

#: An indicator of the assessment: 0 (worst) .. 5 (best); cost_to_serve 5 = cheapest.
Indicator = Annotated[int, Field(ge=0, le=5)]

CURRENT_INDICATORS = ("profit", "volume", "cost_to_serve")
FUTURE_INDICATORS = ("credit", "loyalty", "trust")
SOCIAL_INDICATORS = ("innovation", "network", "interaction")


class AccountValue(Record):
    """One dated value assessment of an account (nine indicators, 0..5 each)."""

    key_fields: ClassVar[tuple[str, ...]] = ("account_id", "as_of")

    account_id: Id
    as_of: Day
    profit: Indicator | None = None
    volume: Indicator | None = None
    cost_to_serve: Indicator | None = None
    credit: Indicator | None = None
    loyalty: Indicator | None = None
    trust: Indicator | None = None
    innovation: Indicator | None = None
    network: Indicator | None = None
    interaction: Indicator | None = None

    def effective_date(self, written_on: datetime.date) -> datetime.date:
        return self.as_of  # a dated assessment holds from its own date

    def indicators(self, names: tuple[str, ...]) -> list[int]:
        """The indicators of ``names`` that are present."""
        return [v for v in (getattr(self, n) for n in names) if v is not None]


class Order(Record):
    """One order of an account: date, amount and (optionally) margin."""

    key_fields: ClassVar[tuple[str, ...]] = ("account_id", "id")

    id: Id
    account_id: Id
    date: Day
    amount: Amount
    margin: Annotated[float, Field(allow_inf_nan=False)] | None = None

    def effective_date(self, written_on: datetime.date) -> datetime.date:
        return self.date  # an order is visible from the day it was placed

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id"):
            # The same order read from CSV text, an XLSX number or JSON gives the same id.
            parts = [
                str(data.get("account_id") or "").strip(),
                _canonical(_to_date, data.get("date")),
                _canonical(float, data.get("amount")),
                _canonical(float, data.get("margin")),
            ]
            text = "\x1f".join(parts)
            data = {**data, "id": "ord-" + hashlib.sha1(text.encode()).hexdigest()[:12]}
        return data


def _canonical(parse: Any, value: Any) -> str:
    """``value`` as one text whatever format spelt it (as given when it does not parse:
    validation then refuses it with its own message)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    try:
        return str(parse(value))
    except (TypeError, ValueError):
        return str(value).strip()
