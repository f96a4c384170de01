"""The relationship improvement task book (客户关系提升目标任务书) of one account.

One entry per key person with a plan: where they sit (title, department,
layer, roles), their needs and pain points, the level now against the target
level and date, the owner from our staff, the plan's status on ``today``
(the on-track rule of :mod:`graphcrm.plans.progress`) and every action (what,
owner, due, status, outcome), by due date. Entries are ordered by target
date (undated last), then person id, as in the progress report.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
from pydantic import Field

from graphcrm.plans.items import ActionItem, Result, action_item
from graphcrm.plans.progress import TargetProgress, progress

__all__ = ["TaskBook", "TaskBookEntry", "task_book"]


class TaskBookEntry(Result):
    """One key person's page of the task book."""

    person_id: str
    name: str
    title: str | None
    department: str | None
    layer: str | None
    roles: list[str]
    needs: str | None
    pain_points: str | None
    progress: TargetProgress
    actions: list[ActionItem] = Field(description="Every action, by due date (undated last).")


class TaskBook(Result):
    """The account's task book on ``today``."""

    account_id: str
    account_name: str
    today: date
    entries: list[TaskBookEntry]


def task_book(graph: nx.MultiDiGraph, *, today: date | None = None) -> TaskBook:
    """The task book of the account graph on ``today`` (default the graph's as_of, else today)."""
    report = progress(graph, today=today)
    entries = []
    for target in report.targets:
        node = graph.nodes[target.person_id]
        plan = node["plan"]
        actions = sorted(
            (action_item(graph, a, report.today) for a in node.get("actions") or ()),
            key=lambda a: (a.due or date.max, a.id),
        )
        entries.append(
            TaskBookEntry(
                person_id=target.person_id,
                name=target.name,
                title=node.get("title"),
                department=node.get("department"),
                layer=node.get("layer"),
                roles=list(node.get("roles") or ()),
                needs=plan.get("needs"),
                pain_points=plan.get("pain_points"),
                progress=target,
                actions=actions,
            )
        )
    return TaskBook(
        account_id=report.account_id,
        account_name=report.account_name,
        today=report.today,
        entries=entries,
    )
