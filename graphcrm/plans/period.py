"""The dates of plans and reviews: their defaults and their rules, in one place.

- A review looks back over a period: ``to`` defaults to today and ``from`` to
  :data:`QUARTER_DAYS` (91, one quarter) before ``to``; ``from`` may not be
  after ``to``. Where a date is asked for (the API, the views), neither may be
  after today: history is known up to today.
- A plan looks ahead: it starts today unless told otherwise and is due
  :data:`PLAN_HORIZON_DAYS` (one quarter) after its start; it may not be due
  before it starts.

Each broken rule raises a :class:`PeriodError` (a ``ValueError``) that names
the date it is about, so the API can answer with the field and the CLI with
its option.
"""

from __future__ import annotations

from datetime import date, timedelta

from graphcrm.plans.review import QUARTER_DAYS

__all__ = [
    "PLAN_HORIZON_DAYS",
    "QUARTER_DAYS",
    "DateInFutureError",
    "InvalidPeriodError",
    "PeriodError",
    "asked_review_period",
    "not_in_future",
    "plan_period",
    "review_period",
]

#: A new plan is due one quarter after its start unless told otherwise.
PLAN_HORIZON_DAYS = QUARTER_DAYS


class PeriodError(ValueError):
    """A date that breaks a rule of its period; ``field`` names the date (``from``, ``to``...)."""

    code = "invalid_period"

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field} {detail}")
        self.field = field
        self.detail = detail


class DateInFutureError(PeriodError):
    """A date after today where only history can be asked for."""

    code = "date_in_future"


class InvalidPeriodError(PeriodError):
    """A period that ends before it starts."""

    code = "invalid_period"


def not_in_future(day: date | None, field: str, *, today: date) -> date | None:
    """``day`` unchanged if it is not after ``today``; DateInFutureError if it is.

    >>> not_in_future(date(2026, 3, 31), "to", today=date(2026, 3, 31))
    datetime.date(2026, 3, 31)
    >>> not_in_future(date(2026, 4, 1), "to", today=date(2026, 3, 31))
    Traceback (most recent call last):
    ...
    graphcrm.plans.period.DateInFutureError: to 2026-04-01 is in the future; history is known up to today
    """  # noqa: E501
    if day is not None and day > today:
        raise DateInFutureError(field, f"{day} is in the future; history is known up to today")
    return day


def review_period(
    from_date: date | None, to_date: date | None, *, today: date | None = None
) -> tuple[date, date]:
    """The review's dates with their defaults: ``to`` today, ``from`` 91 days before ``to``.

    Raises InvalidPeriodError (field ``from``) if ``from_date`` is after the end.

    >>> review_period(None, date(2026, 3, 31))
    (datetime.date(2025, 12, 30), datetime.date(2026, 3, 31))
    """
    end = to_date or today or date.today()
    start = from_date or end - timedelta(days=QUARTER_DAYS)
    if start > end:
        raise InvalidPeriodError("from", f"{start} is after to {end}")
    return start, end


def asked_review_period(
    from_date: date | None, to_date: date | None, *, today: date
) -> tuple[date, date]:
    """The period of a review asked for from outside: neither date after ``today``
    (DateInFutureError, ``from`` checked first), then :func:`review_period`.

    >>> asked_review_period(None, None, today=date(2026, 3, 31))
    (datetime.date(2025, 12, 30), datetime.date(2026, 3, 31))
    """
    not_in_future(from_date, "from", today=today)
    not_in_future(to_date, "to", today=today)
    return review_period(from_date, to_date, today=today)


def plan_period(start: date | None, target_date: date | None, *, today: date) -> tuple[date, date]:
    """A plan's start (default ``today``) and target date (default the start plus
    :data:`PLAN_HORIZON_DAYS`); InvalidPeriodError (field ``target_date``) if the
    target date is before the start.

    >>> plan_period(None, None, today=date(2026, 1, 5))
    (datetime.date(2026, 1, 5), datetime.date(2026, 4, 6))
    """
    begin = start or today
    goal = target_date or begin + timedelta(days=PLAN_HORIZON_DAYS)
    if goal < begin:
        raise InvalidPeriodError("target_date", f"{goal} is before the start {begin}")
    return begin, goal
