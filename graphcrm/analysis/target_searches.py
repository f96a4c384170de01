"""The warm-path searches next targets run on a graph, kept across writes that leave them
right (issue 17, the mixed phase: a write and the analyses after it).

``next_targets`` (DESIGN.md "Next targets") finds each key person's strongest
warm path in one search over the arcs a warm path may use (``paths.allowed_arcs``:
ties, our contacts, who relays, the rivalries), and in a second without the
rivalries when the account has any (for the rivalry note). Those arcs read no
level but each person's relay status (level at or above ``min_level``), and each
path's names. So after a write that changes a person's levels only (an attitude)
and leaves their relay status as it was, the searches built for the graph before
the write find exactly what new ones would on the patched graph
(``relays_unchanged``; tests/analysis/test_target_searches.py compares them after
each of a random sequence of writes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graphcrm.analysis.paths import PathSearch, allowed_arcs
from graphcrm.analysis.rivalry import rival_pairs

__all__ = ["TargetSearches", "relays_unchanged", "target_searches"]


@dataclass(frozen=True)
class TargetSearches:
    """The searches of one graph at one relay level: ``search`` keeps clear of the
    rivalries ``rivals``; ``unchecked`` ignores them (None: the account has none)."""

    min_level: int
    rivals: frozenset[frozenset[str]]
    search: PathSearch
    unchecked: PathSearch | None


def target_searches(graph: nx.MultiDiGraph, *, min_level: int = 1) -> TargetSearches:
    """Build the searches ``next_targets`` runs on ``graph`` with relays at ``min_level``."""
    rivals = rival_pairs(graph)  # once: both searches and the notes read it
    search = PathSearch(graph, allowed_arcs(graph, min_level=min_level, rivals=rivals))
    unchecked = (
        PathSearch(graph, allowed_arcs(graph, min_level=min_level, rivals=frozenset()))
        if rivals
        else None
    )
    return TargetSearches(min_level, rivals, search, unchecked)


def relays_unchanged(
    before: nx.MultiDiGraph, after: nx.MultiDiGraph, people: Iterable[str], min_level: int
) -> bool:
    """Whether each of ``people`` is a person in both graphs, and relays in both or in
    neither at ``min_level`` (``allowed_arcs``'s rule)."""

    def relays(graph: nx.MultiDiGraph, pid: str) -> bool | None:
        node = graph._node.get(pid)
        if node is None or node.get("kind") != "person":
            return None
        return int(node.get("level", 0) or 0) >= min_level

    return all((r := relays(before, p)) is not None and r == relays(after, p) for p in people)
