"""Counts that describe one account at a glance: the ``graphcrm show`` view."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["AccountSummary", "account_summary"]


@dataclass(frozen=True)
class AccountSummary:
    """How big an account's map is and how well we reach it."""

    account_id: str
    name: str
    people: int
    by_layer: dict[str, int] = field(default_factory=dict)  # layer code or "" for unknown
    by_department: dict[str, int] = field(default_factory=dict)
    ties_by_type: dict[str, int] = field(default_factory=dict)
    levels: dict[int, int] = field(default_factory=dict)  # current level toward us -> people
    unassessed: int = 0  # people with no attitude reading (counted at level 0 above)
    covered: int = 0  # people with at least one contact from our staff
    covered_by_staff: dict[str, int] = field(default_factory=dict)  # staff name -> people
    opportunities: int = 0


def account_summary(graph: nx.MultiDiGraph, opportunities: int = 0) -> AccountSummary:
    """Count people by layer and department, ties by type, levels and our coverage."""
    people = [(n, d) for n, d in graph.nodes(data=True) if d["kind"] == "person"]
    contacts = [(u, v) for u, v, k in graph.edges(keys=True) if k == "contact"]
    staff_names = {n: d["name"] for n, d in graph.nodes(data=True) if d["kind"] == "staff"}
    ties = Counter(k for _, _, k in graph.edges(keys=True) if k != "contact")
    return AccountSummary(
        account_id=graph.graph["account"]["id"],
        name=graph.graph["account"]["name"],
        people=len(people),
        by_layer=dict(Counter(d["layer"] or "" for _, d in people).most_common()),
        by_department=dict(Counter(d["department"] or "" for _, d in people).most_common()),
        ties_by_type=dict(sorted(ties.items())),
        levels=dict(sorted(Counter(d["level"] for _, d in people).items())),
        unassessed=sum(1 for _, d in people if d["level_as_of"] is None),
        covered=len({v for _, v in contacts}),
        covered_by_staff=dict(Counter(staff_names[u] for u, _ in contacts).most_common()),
        opportunities=opportunities,
    )
