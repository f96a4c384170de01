"""What-if: how health and the gaps would change if a level moved or a contact were made.

Planning a breakthrough (制定行动计划) asks what a step would buy: "if the CFO
came round to support us", "if our VP visited the CEO". :func:`what_if`
applies hypothetical changes to a copy of the account graph (the input is
never touched), runs :func:`graphcrm.analysis.coverage.coverage` before and
after, and reports the change in relationship health and the gaps that would
close or open (DESIGN.md, "Breakthrough").

Importance and the key people are computed once, on the original graph, and
held fixed for both runs. That is not an approximation: importance reads only
the ties among the customer's people (knows, depends on, reports to,
influences), never our contacts nor anyone's level, so none of the changes
here could move it; fixing it also keeps the two health figures weighted
alike, so the delta is the effect of the changes alone.

Changes:

- :class:`SetLevel` ``(person_id, level, toward="us")``: the person's level
  toward us (or toward a competitor) becomes ``level``.
- :class:`AddContact` ``(staff_id, person_id, strength, last_contact=None)``:
  a contact from one of our staff; it replaces an existing contact between the
  two. With no ``last_contact`` it is dated the day of the analysis (a new
  contact is a fresh one).
- :class:`RemoveContact` ``(staff_id, person_id)``: the contact goes.

All changes are checked before any is applied (unknown ids: NotFoundError; a
level outside -1..3 or a strength outside (0, 1]: ValueError), and applied in
order. Gaps are matched by (code, person_id, group): a gap present on both
sides whose weight changed is neither closed nor opened.

References
----------
.. [1] The course outlines in ``seeds/`` (制定行动计划; 客户关系提升目标任务书).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graphcrm.analysis.coverage import CoverageReport, Gap, coverage
from graphcrm.analysis.importance import importance
from graphcrm.analysis.key_people import key_people
from graphcrm.analysis.levels import MAX_LEVEL, MIN_LEVEL
from graphcrm.analysis.what_if_rivalry import (
    AddOpposes,
    RemoveOpposes,
    apply_rivalry_change,
    best_path_changes,
    validate_rivalry_change,
)
from graphcrm.errors import NotFoundError

__all__ = [
    "AddContact",
    "AddOpposes",
    "Change",
    "RemoveContact",
    "RemoveOpposes",
    "SetLevel",
    "WhatIfResult",
    "what_if",
]


@dataclass(frozen=True)
class SetLevel:
    """The person's level toward us (or toward competitor ``toward``) becomes ``level``."""

    person_id: str
    level: int
    toward: str = "us"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "set_level", **asdict(self)}


@dataclass(frozen=True)
class AddContact:
    """A contact from our ``staff_id`` to ``person_id``, replacing any between the two."""

    staff_id: str
    person_id: str
    strength: float = 1.0
    last_contact: date | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["last_contact"] = self.last_contact.isoformat() if self.last_contact else None
        return {"type": "add_contact", **d}


@dataclass(frozen=True)
class RemoveContact:
    """The contact from our ``staff_id`` to ``person_id`` goes."""

    staff_id: str
    person_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "remove_contact", **asdict(self)}


Change = SetLevel | AddContact | RemoveContact | AddOpposes | RemoveOpposes


@dataclass(frozen=True)
class WhatIfResult:
    """Health before and after the changes, and the gaps that close and open.

    ``closed`` are gaps of ``before`` missing from ``after`` and ``opened`` the
    reverse, matched by :attr:`Gap.identity`; ``before`` and ``after`` are the
    two full coverage reports.
    """

    changes: tuple[Change, ...]
    health_before: float
    health_after: float
    delta: float
    closed: tuple[Gap, ...]
    opened: tuple[Gap, ...]
    before: CoverageReport
    after: CoverageReport
    # Key people whose best warm path changed: filled when a change is a rivalry (对立).
    paths_changed: tuple[dict[str, Any], ...] = ()
    # The account with the changes applied (for analyses beside coverage: next targets).
    graph_after: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the two reports summarised by their health and gaps)."""
        return {
            "changes": [c.to_dict() for c in self.changes],
            "health_before": self.health_before,
            "health_after": self.health_after,
            "delta": self.delta,
            "closed": [g.to_dict() for g in self.closed],
            "opened": [g.to_dict() for g in self.opened],
            "gaps_after": [g.to_dict() for g in self.after.gaps],
            "paths_changed": list(self.paths_changed),
        }


def what_if(
    graph: nx.MultiDiGraph, changes: Sequence[Change], **coverage_params: Any
) -> WhatIfResult:
    """Apply hypothetical changes to a copy of the graph and compare coverage before and after.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`); left unchanged.
    changes : sequence of SetLevel, AddContact or RemoveContact
        Applied in order.
    **coverage_params
        Passed to :func:`~graphcrm.analysis.coverage.coverage` for both runs
        (``ranking``, ``key``, ``weak_below``, ``cadence_days``, ``today``,
        ``junior_below``, ``supporter_level``).

    Returns
    -------
    WhatIfResult
        Health before, after and the delta; the gaps closed and opened.

    Raises
    ------
    NotFoundError
        If a change names a person, staff member, competitor or contact the
        graph does not have.
    ValueError
        If a level is outside -1..3, a strength outside (0, 1], or a change is
        not one of the three kinds.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(account={"id": "a", "name": "A"}, as_of=None)
    >>> g.add_node("s", kind="staff", name="Sam", seniority=5)
    >>> g.add_node("p", kind="person", name="Pat", level=1)
    >>> r = what_if(g, [AddContact("s", "p", 0.5)], key=["p"], today="2026-01-01")
    >>> r.health_before, r.health_after, [gap.code for gap in r.closed]
    (0.0, 25.0, ['uncovered'])
    """
    changes = tuple(changes)
    for change in changes:
        _validate(graph, change)

    params = dict(coverage_params)
    min_level = params.pop("min_level", 1)  # who relays, for the paths a rivalry changes
    if params.get("ranking") is None:
        params["ranking"] = importance(graph)
    if params.get("key") is None:
        params["key"] = key_people(graph, list(params["ranking"]))
    params["key"] = list(params["key"])
    today = params.get("today")
    if today is None:
        as_of = graph.graph.get("as_of")
        today = date.fromisoformat(str(as_of)[:10]) if as_of else date.today()
    elif isinstance(today, str):
        today = date.fromisoformat(today)
    params["today"] = today

    before = coverage(graph, **params)
    changed = _apply(graph, changes, today)
    after = coverage(changed, **params)

    rivalry = any(isinstance(c, AddOpposes | RemoveOpposes) for c in changes)
    key_ids = [k if isinstance(k, str) else k.person_id for k in params["key"]]
    paths = best_path_changes(graph, changed, key_ids, min_level=min_level) if rivalry else ()
    was = {g.identity for g in before.gaps}
    now = {g.identity for g in after.gaps}
    return WhatIfResult(
        changes=changes,
        health_before=before.health,
        health_after=after.health,
        delta=after.health - before.health,
        closed=tuple(g for g in before.gaps if g.identity not in now),
        opened=tuple(g for g in after.gaps if g.identity not in was),
        before=before,
        after=after,
        paths_changed=paths,
        graph_after=changed,
    )


def _validate(graph: nx.MultiDiGraph, change: Any) -> None:
    if isinstance(change, SetLevel):
        _person(graph, change.person_id)
        if (
            isinstance(change.level, bool)
            or not isinstance(change.level, int)
            or not MIN_LEVEL <= change.level <= MAX_LEVEL
        ):
            raise ValueError(
                f"level for {change.person_id!r} must be a whole number from -1 (opposes) "
                f"to 3 (coach), got {change.level!r}"
            )
        if change.toward != "us":
            known = graph.graph.get("competitors") or {}
            held = graph.nodes[change.person_id].get("competitor_levels") or {}
            if change.toward not in known and change.toward not in held:
                raise NotFoundError(f"no competitor {change.toward!r}")
    elif isinstance(change, AddContact):
        _staff(graph, change.staff_id)
        _person(graph, change.person_id)
        s = change.strength
        if isinstance(s, bool) or not isinstance(s, int | float) or not 0 < s <= 1:
            raise ValueError(
                f"contact strength from {change.staff_id!r} to {change.person_id!r} must be "
                f"in (0, 1], got {s!r}"
            )
    elif isinstance(change, RemoveContact):
        _staff(graph, change.staff_id)
        _person(graph, change.person_id)
        if not any(
            d.get("type", k) == "contact"
            for k, d in graph.get_edge_data(change.staff_id, change.person_id, default={}).items()
        ):
            raise NotFoundError(
                f"no contact from {change.staff_id!r} to {change.person_id!r} to remove"
            )
    elif isinstance(change, AddOpposes | RemoveOpposes):
        validate_rivalry_change(graph, change)
    else:
        raise ValueError(
            f"unknown change {change!r}: expected SetLevel, AddContact, RemoveContact, "
            "AddOpposes or RemoveOpposes"
        )


def _apply(graph: nx.MultiDiGraph, changes: Sequence[Change], today: date) -> nx.MultiDiGraph:
    """A copy of ``graph`` with the changes applied; attribute dicts that change are new."""
    g = graph.copy()
    for change in changes:
        if isinstance(change, SetLevel):
            node = g.nodes[change.person_id]
            if change.toward == "us":
                node["level"] = change.level
            else:
                node["competitor_levels"] = {
                    **(node.get("competitor_levels") or {}),
                    change.toward: change.level,
                }
        elif isinstance(change, AddContact):
            _drop_contacts(g, change.staff_id, change.person_id)
            g.add_edge(
                change.staff_id,
                change.person_id,
                key="contact",
                type="contact",
                strength=float(change.strength),
                frequency_per_month=None,
                last_contact=(change.last_contact or today).isoformat(),
            )
        elif isinstance(change, RemoveContact):
            _drop_contacts(g, change.staff_id, change.person_id)
        else:
            apply_rivalry_change(g, change)
    return g


def _drop_contacts(g: nx.MultiDiGraph, staff_id: str, person_id: str) -> None:
    data = g.get_edge_data(staff_id, person_id, default={})
    for k in [k for k, d in data.items() if d.get("type", k) == "contact"]:
        g.remove_edge(staff_id, person_id, key=k)


def _person(graph: nx.MultiDiGraph, pid: str) -> None:
    if pid not in graph or graph.nodes[pid].get("kind") != "person":
        raise NotFoundError(f"no person {pid!r} in this account")


def _staff(graph: nx.MultiDiGraph, sid: str) -> None:
    if sid not in graph or graph.nodes[sid].get("kind") != "staff":
        raise NotFoundError(f"no staff member {sid!r}")
