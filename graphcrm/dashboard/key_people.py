"""One line per key person, as the dashboard lists them (issue 12 item 4; DESIGN.md,
"Round 2"): level now -> target, who of ours covers them (strength and last contact,
"last touched", from the effective contacts: derived from the interactions when there
are any), their gaps, the best warm path with its owner and why that owner, and the next
action of their plan.

The owner rule is next targets' (``graphcrm.analysis.targets``): the plan's owner wins
when the plan names one of our staff in the account, else whoever starts the best warm
path. :attr:`Owner.differs` says when the plan's owner is not the path's first person,
so the page can say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graphcrm.plans.items import ActionItem, action_item

__all__ = ["Cover", "KeyPersonLine", "Owner", "key_person_lines"]


@dataclass(frozen=True)
class Cover:
    """One of our staff covering the person: effective strength and last contact."""

    staff_id: str
    name: str
    strength: float
    last_contact: str | None


@dataclass(frozen=True)
class Owner:
    """Who should act for the person, by which rule (``plan`` or ``path``), and who starts
    the best warm path (None: no path)."""

    staff_id: str
    name: str
    source: str
    path_staff_id: str | None
    path_staff_name: str | None

    @property
    def differs(self) -> bool:
        """The plan's owner is not the one who starts the best warm path."""
        return self.path_staff_id is not None and self.path_staff_id != self.staff_id


@dataclass(frozen=True)
class KeyPersonLine:
    """A key person's line; ``target_level`` None: not below a target (not a next target),
    ``gaps``: their gap codes, heaviest first."""

    person_id: str
    name: str
    title: str | None
    rank: int
    level: int
    target_level: int | None
    covers: tuple[Cover, ...]
    last_touched: str | None
    gaps: tuple[str, ...]
    best_path: dict[str, Any] | None
    owner: Owner | None
    next_action: ActionItem | None
    planned: bool


def _covers(graph: nx.MultiDiGraph, person: dict[str, Any]) -> tuple[Cover, ...]:
    """The person's covering staff, strongest first (the coverage report's order)."""
    pid = str(person["person_id"])
    out = []
    for staff_id, strength in (person.get("contacts") or {}).items():
        edges = graph.get_edge_data(staff_id, pid) or {}
        dates = [str(d["last_contact"]) for d in edges.values() if d.get("last_contact")]
        name = str(graph.nodes[staff_id].get("name") or staff_id) if staff_id in graph else staff_id
        out.append(Cover(staff_id, name, float(strength), max(dates) if dates else None))
    return tuple(out)


def _owner(target: dict[str, Any] | None) -> Owner | None:
    owner = (target or {}).get("owner") or {}
    if not owner.get("staff_id"):
        return None
    path = (target or {}).get("best_path") or {}
    return Owner(
        staff_id=str(owner["staff_id"]),
        name=str(owner.get("name") or owner["staff_id"]),
        source=str(owner.get("source")),
        path_staff_id=path.get("staff_id"),
        path_staff_name=path.get("staff_name"),
    )


def _next_action(graph: nx.MultiDiGraph, pid: str, today: date) -> ActionItem | None:
    """The person's open action due first (undated last), as the plan's progress reads it."""
    items = [action_item(graph, a, today) for a in graph.nodes[pid].get("actions") or ()]
    open_items = sorted(
        (a for a in items if a.status == "open"), key=lambda a: (a.due or date.max, a.id)
    )
    return open_items[0] if open_items else None


def key_person_lines(
    graph: nx.MultiDiGraph,
    *,
    key_people: list[dict[str, Any]],
    coverage: dict[str, Any],
    next_targets: list[dict[str, Any]],
    today: date,
) -> list[KeyPersonLine]:
    """The key people's lines in key-people order (rank), from the analyses' results as
    the API serves them: ``key_people`` (KeyPerson.to_dict), ``coverage``
    (CoverageReport.to_dict), ``next_targets`` (NextTarget.to_dict); the graph gives
    titles, contact dates, plans and actions. People no longer in the graph are skipped.
    """
    people = {p["person_id"]: p for p in coverage.get("people", [])}
    targets = {tg["person_id"]: tg for tg in next_targets}
    gaps: dict[str, list[tuple[float, str]]] = {}
    for g in coverage.get("gaps", []):
        if g.get("person_id"):
            gaps.setdefault(g["person_id"], []).append((float(g["weight"]), str(g["code"])))
    lines = []
    for k in key_people:
        pid = str(k["person_id"])
        if pid not in graph:
            continue
        node = graph.nodes[pid]
        person = people.get(pid, {"person_id": pid, "contacts": {}, "level": 0})
        covers = _covers(graph, person)
        touched = [c.last_contact for c in covers if c.last_contact]
        target = targets.get(pid)
        lines.append(
            KeyPersonLine(
                person_id=pid,
                name=str(node.get("name") or pid),
                title=node.get("title"),
                rank=int(k.get("rank") or 0),
                level=int(person.get("level", node.get("level") or 0)),
                target_level=int(target["parts"]["target_level"]) if target else None,
                covers=covers,
                last_touched=max(touched) if touched else None,
                gaps=tuple(c for _, c in sorted(gaps.get(pid, []), key=lambda g: -g[0])),
                best_path=(target or {}).get("best_path"),
                owner=_owner(target),
                next_action=_next_action(graph, pid, today),
                planned=bool(node.get("plan")),
            )
        )
    return lines
