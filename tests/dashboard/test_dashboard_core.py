"""graphcrm.dashboard on the small hand-made account (tests/sample.py) read on 2026-11-01:
the key people's lines, the people going stale soonest, the gaps by person, the accounts
list's trend arrow and overdue count; values worked out by hand from the sample's records.

Key people: the CEO (decision maker, rank 1), the CTO (rank 2), the CFO (approver, rank 3).
The account is strategic: cadence 30 days.
"""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.analysis.coverage import coverage
from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import key_people
from graphcrm.analysis.targets import next_targets
from graphcrm.dashboard import (
    account_line,
    gap_groups,
    key_person_lines,
    overdue_actions,
    stale_soonest,
    trend_arrow,
)
from graphcrm.graph import build_account_graph
from graphcrm.model import Action, Dataset, Interaction
from tests.sample import small_account

DAY = date(2026, 11, 1)


def _read(data: Dataset) -> tuple[list, dict, list, object]:
    graph = build_account_graph(data, "acme", as_of=DAY)
    ranking = importance(graph)
    key = key_people(graph, ranking)
    report = coverage(graph, ranking=ranking, key=key, today=DAY).to_dict()
    targets = [t.to_dict() for t in next_targets(graph, ranking=ranking, key=key)]
    lines = key_person_lines(
        graph,
        key_people=[k.to_dict() for k in key],
        coverage=report,
        next_targets=targets,
        today=DAY,
    )
    return lines, report, targets, graph


def test_one_line_per_key_person_with_cover_path_owner_and_action() -> None:
    lines, *_ = _read(small_account())
    ceo, cto, cfo = lines
    assert [(x.person_id, x.rank) for x in lines] == [("ceo", 1), ("cto", 2), ("cfo", 3)]
    # CEO: level 0 (no reading toward us), plan target 2; nobody of ours covers them.
    assert (ceo.level, ceo.target_level, ceo.covers, ceo.last_touched) == (0, 2, (), None)
    assert ceo.gaps == ("uncovered", "unfavourable", "competitor_held")  # heaviest first
    # The warm path starts with Ann (s-ar -> CTO -> CEO), but the plan names Bo Wang:
    # the plan's owner wins, and the line says they differ.
    assert ceo.best_path is not None and ceo.best_path["staff_id"] == "s-ar"
    assert [p["person_id"] for p in ceo.best_path["people"]] == ["cto", "ceo"]
    assert ceo.owner is not None
    assert (ceo.owner.staff_id, ceo.owner.source, ceo.owner.path_staff_name) == (
        "s-exec",
        "plan",
        "Ann Lee",
    )
    assert ceo.owner.differs
    # The open action due first ("Send reference case" is done).
    assert ceo.next_action is not None
    assert (ceo.next_action.description, ceo.next_action.due) == (
        "Executive visit with our VP",
        date(2026, 12, 15),
    )
    assert ceo.planned
    # CTO: our coach (level 3), at target: no target, no path; Ann covers at 0.8.
    assert (cto.level, cto.target_level, cto.owner, cto.best_path) == (3, None, None, None)
    assert [(c.name, c.strength, c.last_contact) for c in cto.covers] == [
        ("Ann Lee", 0.8, "2026-10-20")
    ]
    assert cto.last_touched == "2026-10-20" and cto.gaps == ("single_threaded",)
    # CFO: level 1 -> 2 (default target), Bo covers at 0.4, last touched on 2026-03-01;
    # no plan: the owner is the path's first person (Ann), who does not differ.
    assert (cfo.level, cfo.target_level, cfo.last_touched) == (1, 2, "2026-03-01")
    assert cfo.owner is not None and (cfo.owner.name, cfo.owner.source) == ("Ann Lee", "path")
    assert not cfo.owner.differs and cfo.next_action is None and not cfo.planned
    assert cfo.gaps == ("stale", "single_threaded")


def test_an_interaction_makes_the_cover_and_the_last_touch() -> None:
    """A one-to-one meeting of Ann with the CFO on the read day: derived strength 0.52763
    (DESIGN.md's worked case), last touched that day, and the stale gap is gone."""
    data = small_account()
    data.interactions.append(
        Interaction(id="i-cfo", date=DAY, type="meeting", staff_ids="s-ar", person_ids="cfo")
    )
    lines, *_ = _read(data)
    cfo = lines[2]
    assert [(c.staff_id, c.last_contact) for c in cfo.covers] == [
        ("s-ar", "2026-11-01"),
        ("s-exec", "2026-03-01"),
    ]
    assert cfo.covers[0].strength == pytest.approx(0.52763, abs=1e-5)
    assert cfo.last_touched == "2026-11-01"
    assert "stale" not in cfo.gaps


def test_stale_soonest_counts_the_days_left_by_the_cadence() -> None:
    _, report, *_ = _read(small_account())
    found = stale_soonest(report)
    # CFO: 245 days since 2026-03-01, 215 past the 30-day cadence; CTO: 12 days, 18 left;
    # the CEO has no dated contact and is not listed.
    assert [(s.person_id, s.days_since, s.days_left, s.stale) for s in found] == [
        ("cfo", 245, -215, True),
        ("cto", 12, 18, False),
    ]


def test_gaps_grouped_by_person_heaviest_first_with_one_action_each() -> None:
    _, report, *_ = _read(small_account())
    groups = gap_groups(report)
    assert [(g.person_id, g.group, g.codes) for g in groups] == [
        ("ceo", None, ("uncovered", "unfavourable", "competitor_held")),
        (None, "decision", ("layer_without_supporter",)),
        (None, "Executive", ("department_without_supporter",)),
        ("cfo", None, ("stale", "single_threaded")),
        ("cto", None, ("single_threaded",)),
        (None, "execution", ("layer_without_supporter",)),
    ]
    ceo, decision = groups[0], groups[1]
    assert ceo.action["en"].startswith("Make a first contact with 王总")
    assert ceo.action["zh"] == "与王总建立首次接触：请认识其的支持者引荐。"
    assert decision.action == {
        "en": "Win a supporter in the decision layer.",
        "zh": "在决策层争取一位支持者。",
    }
    assert groups[3].action["en"] == "Get back in touch with Diaz now."
    # Each gap appears exactly once over the groups.
    assert sum(len(g.codes) for g in groups) == len(report["gaps"])


def test_accounts_list_trend_and_overdue() -> None:
    assert [trend_arrow(50.0, 40.0), trend_arrow(40.0, 50.0), trend_arrow(40.9, 40.0)] == [
        "up",
        "down",
        "flat",
    ]
    assert trend_arrow(40.0, None) is None and trend_arrow(None, 40.0) is None
    actions = [
        Action(id="a1", person_id="p", description="late", due="2026-10-31"),
        Action(id="a2", person_id="p", description="today", due="2026-11-01"),
        Action(id="a3", person_id="p", description="done late", due="2026-10-01", status="done"),
        Action(id="a4", person_id="p", description="undated"),
    ]
    assert overdue_actions(actions, DAY) == 1  # only a1: open and due before the day
    line = account_line(
        {"id": "acme", "name": "Acme", "tier": "strategic"},
        {"health": 42.0, "health_quarter_ago": 30.0, "heaviest_gap": {"code": "stale"}},
        3,
    )
    assert (line.trend, line.overdue, line.tier, line.heaviest_gap) == (
        "up",
        3,
        "strategic",
        {"code": "stale"},
    )
    assert account_line({"id": "new"}, None, 0).trend is None
