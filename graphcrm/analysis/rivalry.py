"""Rivalry (对立): who opposes whom among the customer's people, and the warm paths it rules out.

DESIGN.md, "Method settings, conflict ties, unidentified roles": an
``opposes`` tie is a rivalry or conflict between two customer people,
symmetric whichever way it was recorded, with a strength. It counts in none
of the three rules (``LENDING`` gives it no arc) and a warm path never relays
from u to v when u and v oppose each other: asking someone to introduce us to
their rival loses the deal. Next targets take the best path that does not,
and say why the stronger one was skipped, in both languages.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from typing import TYPE_CHECKING

import networkx as nx

from graphcrm.model.vocab import TieType

if TYPE_CHECKING:  # paths reads rival_pairs from here
    from graphcrm.analysis.paths import WarmPath

__all__ = ["rival_hop", "rival_pairs", "rivalry_note"]

Pair = frozenset[str]


def rival_pairs(graph: nx.MultiDiGraph) -> frozenset[Pair]:
    """Every pair of customer people joined by an ``opposes`` tie (either way, any strength > 0).

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["a", "b"], kind="person")
    >>> _ = g.add_edge("a", "b", key="opposes", type="opposes", strength=0.7)
    >>> sorted(sorted(p) for p in rival_pairs(g))
    [['a', 'b']]
    """
    nodes = graph._node  # the raw adjacency, read only: an edge view costs more than the rule
    opposes = TieType.OPPOSES.value
    pairs = set()
    for u, nbrs in graph._adj.items():
        if nodes[u].get("kind") != "person":
            continue
        for v, keyed in nbrs.items():
            for key, d in keyed.items():
                if (
                    d.get("type", key) == opposes
                    and nodes[v].get("kind") == "person"
                    and float(d.get("strength", 1.0)) > 0
                ):
                    pairs.add(frozenset((u, v)))
    return frozenset(pairs)


def rival_hop(path: WarmPath, rivals: Collection[Pair]) -> tuple[str, str] | None:
    """The first step u -> v of ``path`` (customer people only) where u and v oppose each other."""
    people = path.people
    for u, v in itertools.pairwise(people):
        if frozenset((u, v)) in rivals:
            return u, v
    return None


def rivalry_note(
    graph: nx.MultiDiGraph,
    target: str,
    skipped: WarmPath,
    hop: tuple[str, str],
    chosen: WarmPath | None,
) -> dict[str, str]:
    """Why the strongest path to ``target`` was not taken, in English and Chinese."""

    def name(pid: str) -> str:
        return str(graph.nodes[pid].get("name", pid))

    u, v = name(hop[0]), name(hop[1])
    relays = " -> ".join(name(p) for p in skipped.people)
    en = (
        f"The strongest warm path ({relays}, strength {skipped.strength:.3f}) was skipped: "
        f"{u} and {v} oppose each other (对立), so {u} will not introduce us to {v}."
    )
    zh = (
        f"最强的引荐路径（{relays}，强度 {skipped.strength:.3f}）已跳过："
        f"{u}与{v}相互对立，{u}不会为我们引荐{v}。"
    )
    if chosen is None:
        en += f" No other warm path reaches {name(target)}: make a first contact."
        zh += f"没有其他通往{name(target)}的引荐路径：需先建立首次接触。"
    else:
        en += f" The next path (strength {chosen.strength:.3f}) is used instead."
        zh += f"改用下一条路径（强度 {chosen.strength:.3f}）。"
    return {"en": en, "zh": zh}
