"""The on-track rule on one hand-made target (graphcrm.plans.progress)."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
import pytest

from graphcrm.plans import target_progress


def _graph(level: int, actions: list[dict[str, Any]], **plan: Any) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(account={"id": "a", "name": "A"})
    g.add_node("s", kind="staff", name="Sam")
    readings = [{"toward": "us", "level": 0, "as_of": "2026-01-01"}]
    if level != 0:
        readings.append({"toward": "us", "level": level, "as_of": "2026-02-15"})
    g.add_node("p", kind="person", name="Pat", level=level, attitudes=readings,
               plan={"person_id": "p", "target_level": 2, "owner_staff_id": "s", **plan},
               actions=actions)  # fmt: skip
    return g


OPEN = {"id": "x", "person_id": "p", "description": "Visit", "status": "open", "due": "2026-04-01"}
DATES = {"start_date": "2026-01-01", "target_date": "2026-05-01"}  # 120 days


@pytest.mark.parametrize(
    ("level", "actions", "plan", "today", "status", "reasons"),
    [
        (2, [], DATES, date(2026, 3, 1), "met", []),
        (1, [OPEN], DATES, date(2026, 5, 2), "missed", []),
        # 59 of 120 days gone: floor(0 + 2 x 59/120) = 0 expected; level 1 is ahead.
        (1, [OPEN], DATES, date(2026, 3, 1), "on_track", []),
        # 91 of 120 days: floor(2 x 0.758) = 1 expected; level 0 is behind.
        (0, [OPEN], DATES, date(2026, 4, 2), "off_track", ["overdue_actions", "behind_pace"]),
        # 31 days: 0 expected; at -1 he is behind pace and below his start level 0.
        (
            -1,
            [],
            DATES,
            date(2026, 2, 1),
            "off_track",
            ["no_open_actions", "behind_pace", "lost_ground"],
        ),
        # No dates: neither pace nor lost ground can be judged.
        (-1, [OPEN], {}, date(2026, 3, 1), "on_track", []),
    ],
)
def test_rule(
    level: int,
    actions: list[dict[str, Any]],
    plan: dict[str, str],
    today: date,
    status: str,
    reasons: list[str],
) -> None:
    t = target_progress(_graph(level, actions, **plan), "p", today)
    assert t.status == status
    assert [r.code for r in t.reasons] == reasons
