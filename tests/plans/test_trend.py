"""The health trend's days and points (graphcrm.plans.trend)."""

from __future__ import annotations

from datetime import date

from graphcrm.plans.trend import TREND_QUARTERS, health_trend, trend_days


def test_trend_days_are_the_ends_of_the_four_quarters_before_todays() -> None:
    assert TREND_QUARTERS == 4
    assert trend_days(date(2026, 5, 20)) == [
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
        date(2026, 3, 31),
    ]


def test_trend_days_in_the_first_quarter_reach_back_over_the_year() -> None:
    assert trend_days(date(2026, 1, 1)) == [
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]
    # The last day of a quarter is in that quarter: its trend starts a quarter earlier.
    assert trend_days(date(2026, 12, 31), 2) == [date(2026, 6, 30), date(2026, 9, 30)]


def test_health_trend_leaves_out_days_before_the_account_and_ends_with_now() -> None:
    readings = [
        (date(2025, 6, 30), None),
        (date(2025, 9, 30), None),
        (date(2025, 12, 31), 31.25),
        (date(2026, 3, 31), 42.0),
    ]
    assert health_trend(readings, today=date(2026, 5, 20), now=47.5) == [
        (date(2025, 12, 31), 31.25),
        (date(2026, 3, 31), 42.0),
        (date(2026, 5, 20), 47.5),
    ]


def test_health_trend_without_a_past_reading_is_empty() -> None:
    assert health_trend([(date(2026, 3, 31), None)], today=date(2026, 5, 20), now=47.5) == []
    assert health_trend([], today=date(2026, 5, 20), now=47.5) == []
    # A health of zero is a reading, not a missing one.
    assert health_trend([(date(2026, 3, 31), 0.0)], today=date(2026, 4, 1), now=1.0) == [
        (date(2026, 3, 31), 0.0),
        (date(2026, 4, 1), 1.0),
    ]
