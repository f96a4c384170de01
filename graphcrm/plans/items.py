"""What the plan analyses share: a person's level on a day, and an action as listed.

Pure helpers over an account graph (:mod:`graphcrm.graph`): people carry their
dated ``attitudes`` (oldest first), ``plan`` and ``actions``; staff carry
their names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graphcrm.model import US

__all__ = ["ActionItem", "Result", "action_item", "as_day", "level_on", "name_of", "people"]


class Result(BaseModel):
    """Base of the plan analyses' results: immutable, JSON-ready with ``model_dump``."""

    model_config = ConfigDict(frozen=True)


class ActionItem(Result):
    """One action of a plan as listed in progress, reviews and agendas.

    ``overdue`` is True when the action is open and its due date is before
    ``today``; ``days_overdue`` counts the days since it fell due (0 if not overdue).
    """

    id: str
    person_id: str
    person_name: str
    description: str
    due: date | None
    status: str = Field(description="open, done or dropped")
    owner_staff_id: str | None
    owner_name: str | None
    outcome: str | None
    overdue: bool
    days_overdue: int


def as_day(value: Any) -> date | None:
    """An ISO date string (or date) as a date; None stays None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def people(graph: nx.MultiDiGraph) -> list[str]:
    """The customer-side people of the graph, sorted by id."""
    return sorted(n for n, d in graph.nodes(data=True) if d.get("kind") == "person")


def name_of(graph: nx.MultiDiGraph, node: str | None) -> str | None:
    """A node's name (its id when it has none); None for None or a node not in the graph."""
    if node is None or node not in graph:
        return None
    return str(graph.nodes[node].get("name") or node)


def level_on(graph: nx.MultiDiGraph, person_id: str, day: date) -> int:
    """The person's level toward us on ``day``: their latest reading dated on or before it, 0
    with none (the same rule as :func:`graphcrm.analysis.levels.current_level`)."""
    level = 0
    for reading in graph.nodes[person_id].get("attitudes") or ():
        seen = as_day(reading.get("as_of"))
        if reading.get("toward", US) == US and seen is not None and seen <= day:
            level = int(reading["level"])
    return level


def action_item(graph: nx.MultiDiGraph, action: dict[str, Any], today: date) -> ActionItem:
    """An action (a dict as the graph holds it) as listed on ``today``."""
    due = as_day(action.get("due"))
    overdue = action.get("status") == "open" and due is not None and due < today
    owner = action.get("owner_staff_id")
    return ActionItem(
        id=str(action["id"]),
        person_id=str(action["person_id"]),
        person_name=name_of(graph, action["person_id"]) or str(action["person_id"]),
        description=str(action["description"]),
        due=due,
        status=str(action.get("status") or "open"),
        owner_staff_id=owner,
        owner_name=name_of(graph, owner),
        outcome=action.get("outcome"),
        overdue=overdue,
        days_overdue=(today - due).days if overdue and due else 0,
    )
