"""The three rules of importance on arrays: one pass over the ties, then NumPy.

:func:`graphcrm.analysis.importance.importance` ranks every person of an
account; at 50,000 people (issue 17) a Python loop per arc or per person is
most of its time. This module reads the lending arcs once into index arrays
(:class:`LendingArrays`), which rule 3's PageRank runs on, and counts rule 1
(known by many: distinct knowers) for everyone at once. The rules are those
of DESIGN.md ("Importance", "Round 2"); the results are the same numbers as
the per-person loops they replace, not approximations
(``tests/analysis/test_importance_arrays.py`` compares them on random graphs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graphcrm.model.vocab import TieType

__all__ = ["DEPENDING", "KNOWING", "LendingArrays", "known_counts"]

#: The rule an arc feeds besides rule 3: 1 rule 1 (a ``knows`` tie), 2 rule 2
#: (``depends_on`` or ``reports_to``), 0 neither (``influences``).
KNOWING, DEPENDING = 1, 2
_RULE = {
    TieType.KNOWS.value: KNOWING,
    TieType.DEPENDS_ON.value: DEPENDING,
    TieType.REPORTS_TO.value: DEPENDING,
}


@dataclass(frozen=True)
class LendingArrays:
    """The lending arcs x -> y as node indexes: ``src[i]`` lends to ``dst[i]``.

    ``strength`` is the tie's strength and ``rule`` the rule the arc also
    feeds (:data:`KNOWING`, :data:`DEPENDING` or 0). The arcs come in the
    order of :func:`graphcrm.analysis.importance.lending_arcs`, so sums over
    them (PageRank's) add up in the same order.
    """

    src: np.ndarray
    dst: np.ndarray
    strength: np.ndarray
    rule: np.ndarray

    @classmethod
    def read(
        cls, graph: nx.MultiDiGraph, index: Mapping[str, int], lending: Mapping[str, str | None]
    ) -> LendingArrays:
        """The arcs of ``graph`` between the people of ``index``, as ``lending`` reads each type.

        One pass over NetworkX's raw adjacency (read only, as its own
        algorithms do); each tie costs two dict lookups and one tuple.
        """
        ways = {kind: (way, _RULE.get(kind, 0)) for kind, way in lending.items() if way}
        arcs: list[tuple[int, int, float, int]] = []
        add = arcs.append
        for u, nbrs in graph._adj.items():
            i = index.get(u)
            if i is None:
                continue
            for v, keyed in nbrs.items():
                j = index.get(v)
                if j is None:
                    continue
                for key, d in keyed.items():
                    found = ways.get(d.get("type", key))
                    if found is None:
                        continue
                    way, rule = found
                    s = float(d.get("strength", 1.0))
                    if way == "against":
                        add((j, i, s, rule))
                        continue
                    add((i, j, s, rule))
                    if way == "mutual" and not d.get("directed", False):
                        add((j, i, s, rule))
        if not arcs:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, np.zeros(0), empty)
        columns = tuple(zip(*arcs, strict=True))  # (src, dst, strength, rule)
        return cls(
            np.array(columns[0], dtype=np.int64),
            np.array(columns[1], dtype=np.int64),
            np.array(columns[2], dtype=np.float64),
            np.array(columns[3], dtype=np.int64),
        )

    def of_rule(self, rule: int) -> tuple[np.ndarray, np.ndarray]:
        """(src, dst) of the arcs that feed ``rule``."""
        mask = self.rule == rule
        return self.src[mask], self.dst[mask]


def known_counts(arcs: LendingArrays, n: int) -> np.ndarray:
    """Rule 1 per node index: how many distinct people have a ``knows`` arc to it."""
    src, dst = arcs.of_rule(KNOWING)
    pairs = np.sort(dst * n + src)  # one code per (known, knower) ...
    distinct = pairs[np.flatnonzero(np.diff(pairs, prepend=-1))]  # ... parallel ties once
    return np.bincount(distinct // n, minlength=n)
