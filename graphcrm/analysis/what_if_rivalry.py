"""What-if changes to rivalries: adding or removing an ``opposes`` tie (对立) on a copy.

DESIGN.md, "conflict ties": the what-if accepts adding or removing one. A
rivalry changes no coverage, health or gap (it counts in no rule); it changes
which warm paths exist, which :func:`graphcrm.analysis.what_if.what_if` reports
as the key people whose best path changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from graphcrm.analysis.paths import PathSearch, allowed_arcs
from graphcrm.errors import NotFoundError
from graphcrm.model.vocab import TieType

__all__ = [
    "AddOpposes",
    "RemoveOpposes",
    "apply_rivalry_change",
    "best_path_changes",
    "validate_rivalry_change",
]

_OPPOSES = TieType.OPPOSES.value


@dataclass(frozen=True)
class AddOpposes:
    """An ``opposes`` tie (对立) between two customer people, replacing any between them."""

    source_id: str
    target_id: str
    strength: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"type": "add_opposes", **asdict(self)}


@dataclass(frozen=True)
class RemoveOpposes:
    """The ``opposes`` tie between two customer people (either way round) goes."""

    source_id: str
    target_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "remove_opposes", **asdict(self)}


def _person(graph: nx.MultiDiGraph, pid: str) -> None:
    if pid not in graph or graph.nodes[pid].get("kind") != "person":
        raise NotFoundError(f"no person {pid!r} in this account")


def _ties(graph: nx.MultiDiGraph, u: str, v: str) -> list[tuple[str, str, Any]]:
    return [
        (a, b, k)
        for a, b in ((u, v), (v, u))
        for k, d in graph.get_edge_data(a, b, default={}).items()
        if d.get("type", k) == _OPPOSES
    ]


def validate_rivalry_change(graph: nx.MultiDiGraph, change: AddOpposes | RemoveOpposes) -> None:
    """Both ends are people of the account and not the same; a removal names a tie there is."""
    _person(graph, change.source_id)
    _person(graph, change.target_id)
    if change.source_id == change.target_id:
        raise ValueError(f"a person cannot oppose themselves ({change.source_id!r})")
    if isinstance(change, AddOpposes):
        s = change.strength
        if isinstance(s, bool) or not isinstance(s, int | float) or not 0 < s <= 1:
            raise ValueError(f"opposes strength must be in (0, 1], got {s!r}")
    elif not _ties(graph, change.source_id, change.target_id):
        raise NotFoundError(
            f"no opposes tie between {change.source_id!r} and {change.target_id!r} to remove"
        )


def apply_rivalry_change(g: nx.MultiDiGraph, change: AddOpposes | RemoveOpposes) -> None:
    """The change made on ``g`` (a copy): any tie between the two goes, a new one may come."""
    for a, b, k in _ties(g, change.source_id, change.target_id):
        g.remove_edge(a, b, key=k)
    if isinstance(change, AddOpposes):
        g.add_edge(
            change.source_id,
            change.target_id,
            key=_OPPOSES,
            type=_OPPOSES,
            strength=float(change.strength),
            directed=False,
        )


def best_path_changes(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, people: list[str], *, min_level: int
) -> tuple[dict[str, Any], ...]:
    """Each of ``people`` whose best warm path differs after the changes, with both paths."""
    searches = [PathSearch(g, allowed_arcs(g, min_level=min_level)) for g in (before, after)]
    out = []
    for pid in people:
        was, now = (next(iter(s.strongest(pid, k=1, max_hops=None)), None) for s in searches)
        if was == now:
            continue
        out.append(
            {
                "person_id": pid,
                "strength_before": was.strength if was else 0.0,
                "strength_after": now.strength if now else 0.0,
                "path_before": was.to_dict() if was else None,
                "path_after": now.to_dict() if now else None,
            }
        )
    return tuple(out)
