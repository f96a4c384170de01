"""The health trend: relationship health at the end of each recent quarter, and now.

The dashboard draws it. Which days to read (:func:`trend_days`) and how the
readings become the trend (:func:`health_trend`) are decided here; reading
health on a day is the caller's (the views read it through the API's cache).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

__all__ = ["TREND_QUARTERS", "health_trend", "trend_days"]

#: How many quarters before the current one the trend looks back.
TREND_QUARTERS = 4


def trend_days(today: date, count: int = TREND_QUARTERS) -> list[date]:
    """The last day of each of the ``count`` quarters before today's, oldest first.

    >>> [str(d) for d in trend_days(date(2026, 2, 10), 3)]
    ['2025-06-30', '2025-09-30', '2025-12-31']
    """
    ends = []
    year, quarter = today.year, (today.month - 1) // 3  # quarters before the current one
    for _ in range(count):
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        ends.append(date(year, month, 31 if month in (3, 12) else 30))
        quarter -= 1
    return sorted(ends)


def health_trend(
    readings: Iterable[tuple[date, float | None]], *, today: date, now: float
) -> list[tuple[date, float]]:
    """The trend from health read on the :func:`trend_days` (None: the account did not
    exist yet that day, so the day is left out), then ``now`` on ``today``. No past
    reading at all: no trend (one point is not a trend).

    >>> health_trend([(date(2025, 12, 31), None), (date(2026, 3, 31), 40.0)],
    ...              today=date(2026, 5, 1), now=55.5)
    [(datetime.date(2026, 3, 31), 40.0), (datetime.date(2026, 5, 1), 55.5)]
    >>> health_trend([(date(2026, 3, 31), None)], today=date(2026, 5, 1), now=55.5)
    []
    """
    points = [(day, health) for day, health in readings if health is not None]
    if not points:
        return []
    return [*points, (today, now)]
