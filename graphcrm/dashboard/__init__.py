"""What a manager reads on the dashboard and the lists beside it (issue 12 items 4 and 6,
issue 13's "last touched" and people going stale soonest): pure functions over the
analyses' JSON-ready results (coverage, next targets, key people) and the account graph.

- :mod:`.key_people`: one line per key person (level -> target, who of ours covers
  them, last touched, gaps, best warm path, owner and why, next action);
- :mod:`.freshness`: the key people going stale soonest by the cadence;
- :mod:`.gap_actions`: the gaps grouped by person, one recommended action each;
- :mod:`.accounts`: a row per account for the accounts list (health and its trend,
  heaviest gap, overdue actions, next target).
"""

from graphcrm.dashboard.accounts import AccountLine, account_line, overdue_actions, trend_arrow
from graphcrm.dashboard.freshness import StaleSoon, stale_soonest
from graphcrm.dashboard.gap_actions import GAP_ACTIONS, GapGroup, gap_groups
from graphcrm.dashboard.key_people import Cover, KeyPersonLine, Owner, key_person_lines

__all__ = [
    "GAP_ACTIONS",
    "AccountLine",
    "Cover",
    "GapGroup",
    "KeyPersonLine",
    "Owner",
    "StaleSoon",
    "account_line",
    "gap_groups",
    "key_person_lines",
    "overdue_actions",
    "stale_soonest",
    "trend_arrow",
]
