"""Progress of an account's task book: each target's level against its goal, and whether the
plan is on track (执行计划与纠偏, step 5 of managing key relationships).

The on-track rule, for one target (a person's plan) on ``today``:

- ``met``: the person's level toward us is at or above the target level.
- ``missed``: the target date has passed (it is before ``today``) and the level
  is still below the target.
- ``off_track``: the target is neither met nor missed and at least one of:
  ``overdue_actions`` (an open action of the person's is past its due date);
  ``no_open_actions`` (nothing is planned to move the person: no open action);
  ``behind_pace`` (with a start and a target date: the level is below
  ``floor(start level + (target - start level) * elapsed)``, ``elapsed`` the
  share of the plan's time gone, 0..1; so by half-time of a plan from 0 to 2
  the person must have reached 1);
  ``lost_ground`` (the level is below the level on the plan's start date).
- ``on_track``: none of the above.

A plan without a start date has no start level, so neither pace nor lost
ground is judged; without a target date nothing is missed and pace is not
judged. Every reason comes with a line in English and Chinese.

References
----------
.. [1] The course outlines in ``seeds/`` (管控关键关系的五个步骤; 客户关系提升目标任务书).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

import networkx as nx
from pydantic import Field

from graphcrm.analysis.levels import current_level
from graphcrm.plans.items import ActionItem, Result, action_item, as_day, level_on, name_of, people

__all__ = [
    "STATUSES",
    "AccountProgress",
    "AgendaItem",
    "Reason",
    "StaffAgenda",
    "TargetProgress",
    "agenda",
    "progress",
    "target_progress",
]

STATUSES = ("met", "missed", "off_track", "on_track")


class Reason(Result):
    """Why a target is off track: a stable ``code`` and a line in English and Chinese."""

    code: str = Field(description="overdue_actions, no_open_actions, behind_pace or lost_ground")
    en: str
    zh: str


class TargetProgress(Result):
    """One target of the task book on ``today``: where the person stands against the plan."""

    person_id: str
    name: str
    title: str | None
    department: str | None
    owner_staff_id: str | None
    owner_name: str | None
    start_date: date | None
    target_date: date | None
    days_left: int | None = Field(description="Days to the target date (negative: passed).")
    start_level: int | None = Field(description="The level on the start date (null: no start).")
    level: int
    target_level: int
    levels_to_go: int
    expected_level: int | None = Field(description="The level the pace rule expects by today.")
    actions_open: int
    actions_done: int
    actions_dropped: int
    overdue_actions: list[ActionItem]
    next_action: ActionItem | None = Field(description="The open action due first.")
    status: str = Field(description="met, missed, off_track or on_track")
    reasons: list[Reason]


class AccountProgress(Result):
    """The task book's progress for one account: every target and every open action."""

    account_id: str
    account_name: str
    today: date
    targets: list[TargetProgress]
    open_actions: list[ActionItem] = Field(description="All open actions, by due date.")
    by_status: dict[str, int] = Field(description="Targets per status.")
    overdue_actions: int


def target_progress(graph: nx.MultiDiGraph, person_id: str, today: date) -> TargetProgress:
    """The progress of one person's plan on ``today`` (see the module docstring for the rule).

    Raises KeyError if the person has no plan in the graph.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", kind="person", name="Pat", level=1, attitudes=[
    ...     {"toward": "us", "level": 0, "as_of": "2026-01-01"},
    ...     {"toward": "us", "level": 1, "as_of": "2026-02-01"}],
    ...     plan={"person_id": "p", "target_level": 2, "start_date": "2026-01-01",
    ...           "target_date": "2026-05-01"}, actions=[])
    >>> t = target_progress(g, "p", date(2026, 3, 1))
    >>> t.status, [r.code for r in t.reasons], t.expected_level, t.days_left
    ('off_track', ['no_open_actions'], 0, 61)
    """
    node = graph.nodes[person_id]
    plan = node.get("plan")
    if not plan:
        raise KeyError(f"{person_id!r} has no plan")
    level = current_level(graph, person_id)
    goal = int(plan["target_level"])
    start, target = as_day(plan.get("start_date")), as_day(plan.get("target_date"))
    start_level = level_on(graph, person_id, start) if start else None
    items = [action_item(graph, a, today) for a in node.get("actions") or ()]
    open_items = sorted(
        (a for a in items if a.status == "open"), key=lambda a: (a.due or date.max, a.id)
    )
    overdue = [a for a in open_items if a.overdue]
    expected = _expected_level(start, target, start_level, goal, today)
    name = str(node.get("name") or person_id)
    reasons: list[Reason] = []
    if level >= goal:
        status = "met"
    elif target and target < today:
        status = "missed"
    else:
        reasons = _off_track_reasons(name, level, expected, start_level, open_items, overdue)
        status = "off_track" if reasons else "on_track"
    owner = plan.get("owner_staff_id")
    return TargetProgress(
        person_id=person_id,
        name=name,
        title=node.get("title"),
        department=node.get("department"),
        owner_staff_id=owner,
        owner_name=name_of(graph, owner),
        start_date=start,
        target_date=target,
        days_left=(target - today).days if target else None,
        start_level=start_level,
        level=level,
        target_level=goal,
        levels_to_go=max(goal - level, 0),
        expected_level=expected,
        actions_open=len(open_items),
        actions_done=sum(a.status == "done" for a in items),
        actions_dropped=sum(a.status == "dropped" for a in items),
        overdue_actions=overdue,
        next_action=open_items[0] if open_items else None,
        status=status,
        reasons=reasons,
    )


def _expected_level(
    start: date | None, target: date | None, start_level: int | None, goal: int, today: date
) -> int | None:
    """The level the plan's pace expects by ``today``: from the start level to the goal in a
    straight line over the plan's days, rounded down (None without both dates and a start)."""
    if not (start and target and start_level is not None):
        return None
    span = (target - start).days
    elapsed = 1.0 if span <= 0 else min(max((today - start).days / span, 0.0), 1.0)
    return math.floor(start_level + (goal - start_level) * elapsed + 1e-9)


def _off_track_reasons(
    name: str,
    level: int,
    expected: int | None,
    start_level: int | None,
    open_items: list[ActionItem],
    overdue: list[ActionItem],
) -> list[Reason]:
    """Why a target not met nor missed is off track (none: on track)."""
    reasons: list[Reason] = []
    if overdue:
        reasons.append(
            Reason(
                code="overdue_actions",
                en=f"{len(overdue)} open action(s) past their due date",
                zh=f"{len(overdue)}项行动已逾期",
            )
        )
    if not open_items:
        reasons.append(
            Reason(
                code="no_open_actions",
                en=f"no open action is planned to move {name}",
                zh=f"没有推进{name}的待办行动",
            )
        )
    if expected is not None and level < expected:
        reasons.append(
            Reason(
                code="behind_pace",
                en=f"level {level} is behind the pace of the plan (level {expected} by now)",
                zh=f"当前层级{level}落后于计划进度（此时应达到{expected}）",
            )
        )
    if start_level is not None and level < start_level:
        reasons.append(
            Reason(
                code="lost_ground",
                en=f"level {level} is below the level {start_level} at the plan's start",
                zh=f"当前层级{level}低于计划开始时的{start_level}",
            )
        )
    return reasons


def progress(graph: nx.MultiDiGraph, *, today: date | None = None) -> AccountProgress:
    """Every target of the account's task book, and its open actions, on ``today``.

    ``today`` defaults to the graph's ``as_of``, else today's date. Targets are
    ordered by target date (undated last), then by person id.
    """
    day = today or graph.graph.get("as_of") or date.today()
    targets = [
        target_progress(graph, pid, day) for pid in people(graph) if graph.nodes[pid].get("plan")
    ]
    targets.sort(key=lambda t: (t.target_date or date.max, t.person_id))
    open_actions = sorted(
        (
            action_item(graph, a, day)
            for pid in people(graph)
            for a in graph.nodes[pid].get("actions") or ()
            if a.get("status") == "open"
        ),
        key=lambda a: (a.due or date.max, a.id),
    )
    account = graph.graph.get("account") or {}
    return AccountProgress(
        account_id=str(account.get("id", "")),
        account_name=str(account.get("name", "")),
        today=day,
        targets=targets,
        open_actions=open_actions,
        by_status={s: sum(t.status == s for t in targets) for s in STATUSES},
        overdue_actions=sum(a.overdue for a in open_actions),
    )


class AgendaItem(Result):
    """One line of a staff member's agenda: an open action, or a target they own."""

    kind: str = Field(description="action or target")
    due: date | None = Field(description="The action's due date or the target's date.")
    account_id: str
    account_name: str
    person_id: str
    person_name: str
    action: ActionItem | None = None
    target: TargetProgress | None = None


class StaffAgenda(Result):
    """A staff member's open actions and unmet targets across accounts, by due date."""

    staff_id: str
    today: date
    items: list[AgendaItem]
    open_actions: int
    overdue_actions: int
    targets: int


def agenda(staff_id: str, accounts: Iterable[AccountProgress], *, today: date) -> StaffAgenda:
    """The staff member's agenda over the given accounts' progress.

    Lists their open actions and the targets they own that are not met yet
    (missed ones stay: they need a decision), ordered by due date (undated
    last), then account, person and kind. Only the accounts passed in are
    read, so a caller passes the accounts its team can see.
    """
    items: list[AgendaItem] = []
    for book in accounts:
        for a in book.open_actions:
            if a.owner_staff_id == staff_id:
                items.append(
                    AgendaItem(
                        kind="action",
                        due=a.due,
                        person_id=a.person_id,
                        person_name=a.person_name,
                        action=a,
                        account_id=book.account_id,
                        account_name=book.account_name,
                    )
                )
        for t in book.targets:
            if t.owner_staff_id == staff_id and t.status != "met":
                items.append(
                    AgendaItem(
                        kind="target",
                        due=t.target_date,
                        person_id=t.person_id,
                        person_name=t.name,
                        target=t,
                        account_id=book.account_id,
                        account_name=book.account_name,
                    )
                )
    items.sort(key=lambda i: (i.due or date.max, i.account_id, i.person_id, i.kind))
    actions = [i.action for i in items if i.action is not None]
    return StaffAgenda(
        staff_id=staff_id,
        today=today,
        items=items,
        open_actions=len(actions),
        overdue_actions=sum(a.overdue for a in actions),
        targets=sum(i.kind == "target" for i in items),
    )
