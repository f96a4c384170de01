"""The quarterly review (季度复盘): what changed in an account between two dates.

``review(before, after)`` compares the account's graph as it stood on
``from_date`` (``before``) with the graph on ``to_date`` (``after``); reading
the two graphs from a store (``as_of`` each date) is the caller's job, so the
review itself is a pure function. It reports:

- level changes: every person whose level toward us differs between the two
  dates (a person new since ``from_date`` counts from 0, neutral), ``up`` or
  ``down``, with the six-dimension assessment behind each level;
- coverage gained and lost: every person whose coverage (noisy-OR of our
  contacts) rose or fell, with the staff whose contacts began or ended;
- gaps closed and opened: the coverage gaps (``graphcrm.analysis.coverage``)
  present on one date and not on the other, a gap being the same gap when its
  code, person and group agree; each date's gaps are computed as of that date
  (staleness judged on it);
- key people who left (``key_person_left``, DESIGN.md "Interactions"): key people on
  ``from_date`` whose ``left_on`` falls in the period, with the coverage that cost;
  each is also a gap opened;
- roles identified: role slots (待识别角色) open on ``from_date`` and filled by
  ``to_date``, with who now holds each (its ``unidentified_role`` gap is among the
  gaps closed);
- health on both dates and the change, from the same analysis;
- actions done and dropped during the period (done or dropped on ``to_date``
  and not so on ``from_date``), and those overdue on ``to_date`` (open, due
  before it);
- targets met: plans (as of ``to_date``) whose person is at or above the
  target level on ``to_date`` and was below it on ``from_date``; targets
  missed: plans whose target date fell in the period (after ``from_date``, up
  to ``to_date``) with the person below the target level on that date.

References
----------
.. [1] The course outlines in ``seeds/`` (执行计划与纠偏; 季度复盘).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from pydantic import Field

from graphcrm.analysis.coverage import CoverageReport
from graphcrm.analysis.gaps import key_person_left
from graphcrm.analysis.levels import current_level
from graphcrm.analysis.role_slots import roles_identified
from graphcrm.method.runs import coverage_on
from graphcrm.method.settings import METHOD_DEFAULTS, SettingsOnDay
from graphcrm.plans.items import ActionItem, Result, action_item, as_day, level_on, name_of, people

__all__ = [
    "QUARTER_DAYS",
    "CoverageChange",
    "GapChange",
    "KeyPersonLeft",
    "LevelChange",
    "Review",
    "RoleIdentified",
    "TargetOutcome",
    "review",
]

#: The default review period when only its end is given: one quarter.
QUARTER_DAYS = 91

_EPS = 1e-12


class LevelChange(Result):
    """A person whose level toward us moved between the two dates."""

    person_id: str
    name: str
    level_from: int
    level_to: int
    change: int
    direction: str = Field(description="up or down")
    assessment_from: dict[str, int] | None
    assessment_to: dict[str, int] | None


class CoverageChange(Result):
    """A person whose coverage by us rose or fell, and the contacts that began or ended."""

    person_id: str
    name: str
    coverage_from: float
    coverage_to: float
    staff_added: list[str]
    staff_removed: list[str]


class GapChange(Result):
    """A coverage gap closed or opened (as the coverage analysis reports it)."""

    code: str
    person_id: str | None
    group: str | None
    weight: float
    explanation: dict[str, str]


class KeyPersonLeft(GapChange):
    """A key person on the period's start who left during it, and what that cost."""

    left_on: date
    coverage_lost: float = Field(description="the person's coverage by us on from_date")
    staff: list[str] = Field(description="our staff who covered them on from_date")


class TargetOutcome(Result):
    """A target met or missed during the period."""

    person_id: str
    name: str
    owner_staff_id: str | None
    owner_name: str | None
    target_level: int
    target_date: date | None
    level_from: int
    level_to: int
    level_on_target_date: int | None


class RoleIdentified(Result):
    """A role slot open on the period's start and filled by its end (issue 15)."""

    slot_id: str
    opportunity_id: str
    role: str
    department: str | None
    layer: str | None
    person_id: str
    name: str


class Review(Result):
    """What changed between ``from_date`` and ``to_date`` (see the module docstring)."""

    account_id: str
    account_name: str
    from_date: date
    to_date: date
    health_from: float
    health_to: float
    health_change: float
    level_changes: list[LevelChange]
    moved_up: list[str]
    moved_down: list[str]
    coverage_gained: list[CoverageChange]
    coverage_lost: list[CoverageChange]
    gaps_closed: list[GapChange]
    gaps_opened: list[GapChange]
    key_people_left: list[KeyPersonLeft] = Field(
        default_factory=list,
        description="key people on from_date who left in the period (gap key_person_left)",
    )
    actions_done: list[ActionItem]
    actions_dropped: list[ActionItem]
    actions_overdue: list[ActionItem]
    targets_met: list[TargetOutcome]
    targets_missed: list[TargetOutcome]
    roles_identified: list[RoleIdentified] = Field(
        default_factory=list,
        description="role slots (待识别角色) open on from_date and filled by to_date",
    )
    settings_versions: list[int] = Field(
        default_factory=lambda: [0, 0],
        description="The team's method settings versions used on the two dates (0: defaults).",
    )


def review(
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    *,
    from_date: date,
    to_date: date,
    cadence_days: int | None = None,
    method: SettingsOnDay | None = None,
) -> Review:
    """Compare an account's graph on ``from_date`` (``before``) with it on ``to_date`` (``after``).

    Parameters
    ----------
    before, after : nx.MultiDiGraph
        The account graph read as of ``from_date`` and as of ``to_date``
        (:func:`graphcrm.graph.build_account_graph`). ``before`` may hold no
        people (the account had none yet).
    from_date, to_date : date
        The period; ``from_date`` must not be after ``to_date``.
    cadence_days : int, optional
        Passed to :func:`~graphcrm.analysis.coverage.coverage` for both dates.
    method : callable, optional
        The team's method settings on a day (DESIGN.md "Method settings"):
        each date is judged with the settings in force on it; default the
        defaults.

    Raises
    ------
    ValueError
        If ``from_date`` is after ``to_date``.
    """
    if from_date > to_date:
        raise ValueError(f"from_date {from_date} is after to_date {to_date}")
    on_day = method or (lambda _: (0, METHOD_DEFAULTS))
    (v_from, s_from), (v_to, s_to) = on_day(from_date), on_day(to_date)
    cov_from = coverage_on(before, s_from, today=from_date, cadence_days=cadence_days)
    cov_to = coverage_on(after, s_to, today=to_date, cadence_days=cadence_days)
    levels = _level_changes(before, after)
    gained, lost = _coverage_changes(before, after)
    done, dropped = _finished_actions(before, after, to_date)
    overdue = [
        item
        for pid in people(after)
        for a in after.nodes[pid].get("actions") or ()
        if (item := action_item(after, a, to_date)).overdue
    ]
    overdue.sort(key=lambda a: (a.due or date.max, a.id))
    met, missed = _targets(before, after, from_date, to_date)
    closed, opened = _gap_changes(cov_from, cov_to)
    departed = _key_people_left(cov_from, after, from_date, to_date)
    account = after.graph.get("account") or {}
    return Review(
        account_id=str(account.get("id", "")),
        account_name=str(account.get("name", "")),
        from_date=from_date,
        to_date=to_date,
        health_from=cov_from.health,
        health_to=cov_to.health,
        health_change=cov_to.health - cov_from.health,
        level_changes=levels,
        moved_up=[c.person_id for c in levels if c.direction == "up"],
        moved_down=[c.person_id for c in levels if c.direction == "down"],
        coverage_gained=gained,
        coverage_lost=lost,
        gaps_closed=closed,
        gaps_opened=opened + [_gap(g) for g in departed],
        key_people_left=departed,
        actions_done=done,
        actions_dropped=dropped,
        actions_overdue=overdue,
        targets_met=met,
        targets_missed=missed,
        roles_identified=[RoleIdentified(**r) for r in roles_identified(before, after)],
        settings_versions=[v_from, v_to],
    )


def _key_people_left(
    cov_from: CoverageReport, after: nx.MultiDiGraph, from_date: date, to_date: date
) -> list[KeyPersonLeft]:
    """``key_person_left`` for each key person on ``from_date`` who left by ``to_date``."""
    gone = after.graph.get("left") or {}
    found = []
    for pid in cov_from.key_people:
        left_on = (gone.get(pid) or {}).get("left_on")
        if left_on and from_date < date.fromisoformat(left_on) <= to_date:
            gap = key_person_left(cov_from.person(pid), left_on)
            found.append(
                KeyPersonLeft(
                    **_gap(gap).model_dump(),
                    left_on=left_on,
                    coverage_lost=gap.details["coverage_lost"],
                    staff=gap.details["staff"],
                )
            )
    return found


def _level_changes(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> list[LevelChange]:
    changes = []
    for pid in people(after):
        old = current_level(before, pid) if _is_person(before, pid) else 0
        new = current_level(after, pid)
        if old == new:
            continue
        changes.append(
            LevelChange(
                person_id=pid,
                name=name_of(after, pid) or pid,
                level_from=old,
                level_to=new,
                change=new - old,
                direction="up" if new > old else "down",
                assessment_from=before.nodes[pid].get("assessment")
                if _is_person(before, pid)
                else None,
                assessment_to=after.nodes[pid].get("assessment"),
            )
        )
    return changes


def _contacts(graph: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for staff, person, data in graph.edges(data=True):
        if data.get("type") == "contact":
            found.setdefault(person, {})[staff] = float(data.get("strength", 1.0))
    return found


def _noisy_or(strengths: dict[str, float]) -> float:
    miss = 1.0
    for s in strengths.values():
        miss *= 1.0 - s
    return 1.0 - miss


def _coverage_changes(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph
) -> tuple[list[CoverageChange], list[CoverageChange]]:
    old, new = _contacts(before), _contacts(after)
    gained: list[CoverageChange] = []
    lost: list[CoverageChange] = []
    for pid in sorted(set(people(before)) | set(people(after))):
        was, now = old.get(pid, {}), new.get(pid, {})
        c_from, c_to = _noisy_or(was), _noisy_or(now)
        if abs(c_to - c_from) <= _EPS:
            continue
        graph = after if pid in after else before
        change = CoverageChange(
            person_id=pid,
            name=name_of(graph, pid) or pid,
            coverage_from=c_from,
            coverage_to=c_to,
            staff_added=sorted(now.keys() - was.keys()),
            staff_removed=sorted(was.keys() - now.keys()),
        )
        (gained if c_to > c_from else lost).append(change)
    return gained, lost


def _gap(gap: Any) -> GapChange:
    return GapChange(
        code=gap.code,
        person_id=gap.person_id,
        group=gap.group,
        weight=gap.weight,
        explanation=dict(gap.explanation),
    )


def _gap_changes(
    cov_from: CoverageReport, cov_to: CoverageReport
) -> tuple[list[GapChange], list[GapChange]]:
    old = {g.identity for g in cov_from.gaps}
    new = {g.identity for g in cov_to.gaps}
    closed = [_gap(g) for g in cov_from.gaps if g.identity not in new]
    opened = [_gap(g) for g in cov_to.gaps if g.identity not in old]
    return closed, opened


def _finished_actions(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, to_date: date
) -> tuple[list[ActionItem], list[ActionItem]]:
    was = {
        a["id"]: a.get("status")
        for pid in people(before)
        for a in before.nodes[pid].get("actions") or ()
    }
    done: list[ActionItem] = []
    dropped: list[ActionItem] = []
    for pid in people(after):
        for a in after.nodes[pid].get("actions") or ():
            status = a.get("status")
            if status in ("done", "dropped") and was.get(a["id"]) != status:
                (done if status == "done" else dropped).append(action_item(after, a, to_date))
    return done, dropped


def _targets(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, from_date: date, to_date: date
) -> tuple[list[TargetOutcome], list[TargetOutcome]]:
    met, missed = [], []
    for pid in people(after):
        plan = after.nodes[pid].get("plan")
        if not plan:
            continue
        goal = int(plan["target_level"])
        target = as_day(plan.get("target_date"))
        old = current_level(before, pid) if _is_person(before, pid) else 0
        new = current_level(after, pid)
        on_target = level_on(after, pid, target) if target and target <= to_date else None
        outcome = TargetOutcome(
            person_id=pid,
            name=name_of(after, pid) or pid,
            owner_staff_id=plan.get("owner_staff_id"),
            owner_name=name_of(after, plan.get("owner_staff_id")),
            target_level=goal,
            target_date=target,
            level_from=old,
            level_to=new,
            level_on_target_date=on_target,
        )
        if new >= goal and old < goal:
            met.append(outcome)
        if target and from_date < target <= to_date and on_target is not None and on_target < goal:
            missed.append(outcome)
    return met, missed


def _is_person(graph: nx.MultiDiGraph, pid: str) -> bool:
    return pid in graph and graph.nodes[pid].get("kind") == "person"
