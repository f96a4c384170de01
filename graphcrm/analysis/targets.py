"""Next targets: which key person to win next, through whom, and who on our team owns it.

Step 3 of managing key relationships, 选目标与负责人 (choose targets and an
owner for each; GLOSSARY.md, "five steps"), made quantitative (DESIGN.md,
"Breakthrough"): for each key person (关键客户) below their target level,

    score = composite importance x (target level - level) x strength of the best warm path

so a target ranks high when they matter, when there is far to go, and when we
have a strong way in. Every target lists the three parts, the best warm path
(:func:`graphcrm.analysis.paths.warm_paths`) and a suggested owner: the owner of
the person's plan (客户关系提升目标任务书) if it names one of our staff, else the
staff member at the start of the best path (the one who already holds the way in).

The target level of a person is their plan's ``target_level`` when the plan
sets one, else ``target_level`` (default 2, 支持并排它): DESIGN.md's "below
the target level (default 2)" read as the person's target, which the plan
records per key person. Pass ``plan_targets=False`` to use ``target_level``
for everyone.

A key person with no warm path scores 0 but is still listed, after everyone
with a path (ordered among themselves by importance x distance to go), with a
note saying a first contact has to be made.

References
----------
.. [1] The course outlines in ``seeds/`` (管控关键关系的五个步骤; 关键客户关系的拓展方法).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphcrm.analysis.importance import PersonImportance, importance
from graphcrm.analysis.key_people import KeyPerson, key_people
from graphcrm.analysis.levels import MAX_LEVEL, MIN_LEVEL, current_level
from graphcrm.analysis.paths import PathSearch, WarmPath
from graphcrm.analysis.rivalry import rival_hop, rivalry_note
from graphcrm.analysis.target_searches import TargetSearches, target_searches
from graphcrm.errors import NotFoundError

__all__ = ["NextTarget", "next_targets"]


@dataclass(frozen=True)
class NextTarget:
    """One key person to win, with the parts of the score, the way in and an owner.

    ``score = composite * (target_level - level) * path_strength``; ``target_source``
    is ``"plan"`` or ``"default"``; ``best_path`` is None when no warm path
    reaches the person (``path_strength`` 0); ``owner_source`` is ``"plan"``,
    ``"path"`` or None (no owner to suggest). ``note`` (English ``"en"`` and
    Chinese ``"zh"``) says why the person is listed without a path, else None.
    """

    person_id: str
    name: str
    rank: int
    score: float
    composite: float
    level: int
    target_level: int
    target_source: str
    level_gap: int
    path_strength: float
    best_path: WarmPath | None
    owner_staff_id: str | None
    owner_name: str | None
    owner_source: str | None
    note: dict[str, str] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, the path with names."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "rank": self.rank,
            "score": self.score,
            "parts": {
                "composite": self.composite,
                "level": self.level,
                "target_level": self.target_level,
                "target_source": self.target_source,
                "level_gap": self.level_gap,
                "path_strength": self.path_strength,
            },
            "best_path": self.best_path.to_dict() if self.best_path else None,
            "owner": {
                "staff_id": self.owner_staff_id,
                "name": self.owner_name,
                "source": self.owner_source,
            },
            "note": dict(self.note) if self.note else None,
        }


def next_targets(
    graph: nx.MultiDiGraph,
    *,
    ranking: Sequence[PersonImportance] | None = None,
    key: Iterable[KeyPerson | str] | None = None,
    target_level: int = 2,
    min_level: int = 1,
    plan_targets: bool = True,
    max_hops: int | None = None,
    searches: TargetSearches | None = None,
) -> list[NextTarget]:
    """Rank the key people still below their target level by how much winning them is worth.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`).
    ranking : sequence of PersonImportance, optional
        :func:`~graphcrm.analysis.importance.importance` of this graph;
        computed with the defaults when not given.
    key : iterable of KeyPerson or person ids, optional
        The key people; :func:`~graphcrm.analysis.key_people.key_people` of
        the ranking when not given.
    target_level : int
        The level to reach (-1..3, default 2) for a person whose plan sets none.
    min_level : int
        The lowest level at which a person relays a warm path (default 1).
    plan_targets : bool
        Use each plan's ``target_level`` when it has one (default True).
    max_hops : int, optional
        The most ties a warm path may have; no limit when None.
    searches : TargetSearches, optional
        :func:`~graphcrm.analysis.target_searches.target_searches` of this graph
        (or of one a write changed without changing them, see that module) at
        ``min_level``; built here when not given or at another level.

    Returns
    -------
    list of NextTarget
        Highest score first (ties: larger importance x gap, then id); people
        with no warm path last. ``rank`` counts from 1.

    Raises
    ------
    NotFoundError
        If a key person is not a person of the graph.
    ValueError
        If ``target_level`` is outside -1..3.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("s", kind="staff", name="Sam")
    >>> g.add_node("a", kind="person", name="Ann", level=3)
    >>> g.add_node("t", kind="person", name="Tom", level=0)
    >>> _ = g.add_edge("s", "a", key="contact", type="contact", strength=0.8)
    >>> _ = g.add_edge("a", "t", key="reports_to", type="reports_to", strength=0.5)
    >>> [(t.person_id, t.level_gap, t.path_strength, t.owner_staff_id)
    ...  for t in next_targets(g, key=["a", "t"])]
    [('t', 2, 0.4, 's')]
    """
    if isinstance(target_level, bool) or not MIN_LEVEL <= target_level <= MAX_LEVEL:
        raise ValueError(f"target_level must be from -1 to 3, got {target_level!r}")
    if ranking is None:
        ranking = importance(graph)
    composite = {p.person_id: float(p.composite) for p in ranking}
    if key is None:
        key = key_people(graph, list(ranking))
    key_ids = list(dict.fromkeys(k if isinstance(k, str) else k.person_id for k in key))
    for pid in key_ids:
        if pid not in graph or graph.nodes[pid].get("kind") != "person":
            raise NotFoundError(f"no person {pid!r} in this account (given as a key person)")

    if searches is None or searches.min_level != min_level:
        searches = target_searches(graph, min_level=min_level)
    rivals, search, unchecked = searches.rivals, searches.search, searches.unchecked
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for pid in key_ids:
        node = graph.nodes[pid]
        level = current_level(graph, pid)
        plan = node.get("plan") or {}
        goal, source = target_level, "default"
        if plan_targets and plan.get("target_level") is not None:
            goal, source = int(plan["target_level"]), "plan"
        if level >= goal:
            continue
        gap = goal - level
        weight = composite.get(pid, 0.0)
        paths = search.strongest(pid, k=1, max_hops=max_hops)
        best = paths[0] if paths else None
        strength = best.strength if best else 0.0
        owner, owner_source = _owner(graph, plan, best)
        name = str(node.get("name", pid))
        note = _rivalry(graph, pid, best, unchecked, rivals, max_hops)
        if best is None and note is None:
            note = {
                "en": f"No warm path reaches {name} yet: make a first contact, or win a "
                "supporter who knows them.",
                "zh": f"目前没有通往{name}的引荐路径：需先建立首次接触，或争取一位认识其的支持者。",
            }
        fields = {
            "person_id": pid,
            "name": name,
            "score": weight * gap * strength,
            "composite": weight,
            "level": level,
            "target_level": goal,
            "target_source": source,
            "level_gap": gap,
            "path_strength": strength,
            "best_path": best,
            "owner_staff_id": owner,
            "owner_name": str(graph.nodes[owner].get("name", owner)) if owner else None,
            "owner_source": owner_source,
            "note": note,
        }
        order = (best is None, -weight * gap * strength, -weight * gap, pid)
        rows.append((order, fields))
    rows.sort(key=lambda r: r[0])
    return [NextTarget(rank=i, **f) for i, (_, f) in enumerate(rows, start=1)]


def _rivalry(
    graph: nx.MultiDiGraph,
    pid: str,
    best: WarmPath | None,
    unchecked: PathSearch | None,
    rivals: frozenset[frozenset[str]],
    max_hops: int | None,
) -> dict[str, str] | None:
    """Why a stronger path to ``pid`` was skipped for a rivalry, if one was."""
    if unchecked is None:
        return None
    strongest = unchecked.strongest(pid, k=1, max_hops=max_hops)
    if not strongest:
        return None
    hop = rival_hop(strongest[0], rivals)
    if hop is None:
        return None
    return rivalry_note(graph, pid, strongest[0], hop, best)


def _owner(
    graph: nx.MultiDiGraph, plan: dict[str, Any], best: WarmPath | None
) -> tuple[str | None, str | None]:
    """The plan's owner if they are one of our staff here, else the start of the best path."""
    owner = plan.get("owner_staff_id")
    if owner and owner in graph and graph.nodes[owner].get("kind") == "staff":
        return str(owner), "plan"
    if best is not None:
        return best.staff_id, "path"
    return None, None
