"""The dates of reviews and plans (graphcrm.plans.period): defaults, order, the future rule."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.plans.period import (
    PLAN_HORIZON_DAYS,
    QUARTER_DAYS,
    DateInFutureError,
    InvalidPeriodError,
    PeriodError,
    asked_review_period,
    not_in_future,
    plan_period,
    review_period,
)

TODAY = date(2026, 5, 20)


def test_a_quarter_is_91_days_and_the_plan_horizon_is_one_quarter() -> None:
    assert QUARTER_DAYS == 91
    assert PLAN_HORIZON_DAYS == QUARTER_DAYS


def test_review_period_defaults_to_the_91_days_up_to_today() -> None:
    assert review_period(None, None, today=TODAY) == (date(2026, 2, 18), TODAY)
    assert review_period(None, date(2026, 3, 31)) == (date(2025, 12, 30), date(2026, 3, 31))
    assert review_period(date(2026, 1, 1), None, today=TODAY) == (date(2026, 1, 1), TODAY)


def test_review_period_of_one_day_is_allowed_and_a_reversed_one_is_refused() -> None:
    assert review_period(TODAY, TODAY) == (TODAY, TODAY)
    with pytest.raises(InvalidPeriodError) as caught:
        review_period(date(2026, 4, 2), date(2026, 4, 1))
    assert caught.value.field == "from" and caught.value.code == "invalid_period"
    assert str(caught.value) == "from 2026-04-02 is after to 2026-04-01"
    assert isinstance(caught.value, ValueError)


def test_review_period_itself_does_not_apply_the_future_rule() -> None:
    # The CLI reads any date it is given; only dates asked from outside are held to today.
    assert review_period(None, date(2026, 6, 1), today=TODAY)[1] == date(2026, 6, 1)


def test_not_in_future_allows_today_and_refuses_tomorrow() -> None:
    assert not_in_future(TODAY, "to", today=TODAY) == TODAY
    assert not_in_future(None, "to", today=TODAY) is None
    with pytest.raises(DateInFutureError) as caught:
        not_in_future(date(2026, 5, 21), "as_of", today=TODAY)
    assert caught.value.code == "date_in_future" and caught.value.field == "as_of"
    assert str(caught.value) == "as_of 2026-05-21 is in the future; history is known up to today"


def test_asked_review_period_checks_from_then_to_against_today() -> None:
    with pytest.raises(DateInFutureError) as caught:
        asked_review_period(date(2026, 6, 1), date(2026, 7, 1), today=TODAY)
    assert caught.value.field == "from"
    with pytest.raises(DateInFutureError) as caught:
        asked_review_period(date(2026, 1, 1), date(2026, 5, 21), today=TODAY)
    assert caught.value.field == "to"
    # A future ``from`` with ``to`` defaulted to today is refused as in the future, not reversed.
    with pytest.raises(DateInFutureError):
        asked_review_period(date(2026, 5, 21), None, today=TODAY)
    with pytest.raises(InvalidPeriodError):
        asked_review_period(date(2026, 5, 1), date(2026, 4, 1), today=TODAY)
    assert asked_review_period(None, None, today=TODAY) == (date(2026, 2, 18), TODAY)


def test_plan_period_defaults_to_today_and_one_quarter_ahead() -> None:
    assert plan_period(None, None, today=TODAY) == (TODAY, date(2026, 8, 19))
    assert plan_period(date(2026, 1, 5), None, today=TODAY) == (date(2026, 1, 5), date(2026, 4, 6))
    assert plan_period(None, TODAY, today=TODAY) == (TODAY, TODAY)  # due the day it starts
    # A plan may start in the future: it looks ahead, unlike a review.
    assert plan_period(date(2027, 1, 1), None, today=TODAY) == (date(2027, 1, 1), date(2027, 4, 2))


def test_plan_period_refuses_a_target_date_before_the_start() -> None:
    with pytest.raises(PeriodError) as caught:
        plan_period(date(2026, 6, 1), date(2026, 5, 31), today=TODAY)
    assert isinstance(caught.value, InvalidPeriodError)
    assert caught.value.field == "target_date"
    assert str(caught.value) == "target_date 2026-05-31 is before the start 2026-06-01"
