"""Role slots in the account graph (DESIGN.md "Method settings, conflict ties, unidentified
roles"): a filled slot is a decision role of its holder, and every slot (open or filled)
is listed on the graph for the analyses (``graphcrm.analysis.role_slots``).

Two graph attributes, set by :func:`slot_attributes`:

``role_slots``
    One dict per slot of the opportunity asked for (every opportunity of the account
    when none was): id, opportunity_id, role, department, layer, note, ``person_id``
    (the holder, None while the slot is open or when the holder is not a person of the
    graph, e.g. left by the read date) and ``holder_name``; by opportunity, then id.
``decision_chains``
    {opportunity id: {person id: [role codes]}}: the people of the graph with a role in
    each of those opportunities (decision roles and filled slots), for completeness.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from graphcrm.model import Dataset, DecisionRoleAssignment, Person

__all__ = ["slot_attributes", "with_slot_roles"]


def with_slot_roles(data: Dataset) -> Dataset:
    """``data`` with each filled slot also a decision role of its holder in its opportunity
    (the same object when no slot is filled: accounts without slots cost nothing)."""
    filled = [s for s in data.role_slots if s.person_id]
    if not filled:
        return data
    have = {(r.opportunity_id, r.person_id, r.role) for r in data.decision_roles}
    more = [
        DecisionRoleAssignment(opportunity_id=s.opportunity_id, person_id=s.person_id, role=s.role)
        for s in filled
        if (s.opportunity_id, s.person_id, s.role) not in have
    ]
    return replace(data, decision_roles=[*data.decision_roles, *more])


def slot_attributes(
    data: Dataset, account_id: str, opportunity_id: str | None, people: Mapping[str, Person]
) -> dict[str, Any]:
    """The graph attributes ``role_slots`` and ``decision_chains`` (module docstring) of
    the account's opportunities in scope; ``people`` are the graph's persons, by id."""
    scope = {
        o.id
        for o in data.opportunities
        if o.account_id == account_id and opportunity_id in (None, o.id)
    }
    slots = []
    for s in sorted(data.role_slots, key=lambda s: (s.opportunity_id, s.id)):
        if s.opportunity_id not in scope:
            continue
        holder = people.get(s.person_id) if s.person_id else None
        row = s.model_dump(mode="json")
        row["person_id"] = holder.id if holder else None
        row["holder_name"] = holder.name if holder else None
        slots.append(row)
    chains: dict[str, dict[str, list[str]]] = {o: {} for o in sorted(scope)}
    for r in data.decision_roles:
        if r.opportunity_id in chains and r.person_id in people:
            chains[r.opportunity_id].setdefault(r.person_id, []).append(r.role.value)
    return {"role_slots": slots, "decision_chains": chains}
