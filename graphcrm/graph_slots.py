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

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from graphcrm.model import Dataset, DecisionRoleAssignment, RoleSlot

__all__ = ["filled_slot_roles", "slot_attributes", "with_slot_roles"]


def filled_slot_roles(
    slots: Iterable[RoleSlot], have: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """(opportunity id, person id, role code) of each filled slot not already among the
    decision roles ``have`` (the same triples), in the slots' order."""
    known = set(have)
    more = []
    for s in slots:
        if s.person_id and (role := (s.opportunity_id, s.person_id, s.role.value)) not in known:
            known.add(role)
            more.append(role)
    return more


def with_slot_roles(data: Dataset) -> Dataset:
    """``data`` with each filled slot also a decision role of its holder in its opportunity
    (the same object when no slot is filled: accounts without slots cost nothing)."""
    have = ((r.opportunity_id, r.person_id, r.role.value) for r in data.decision_roles)
    more = filled_slot_roles(data.role_slots, have)
    if not more:
        return data
    added = [DecisionRoleAssignment(opportunity_id=o, person_id=p, role=r) for o, p, r in more]
    return replace(data, decision_roles=[*data.decision_roles, *added])


def slot_attributes(
    slots: Iterable[RoleSlot],
    opportunity_ids: Iterable[str],
    opportunity_id: str | None,
    roles: Iterable[tuple[str, str, str]],
    people: Mapping[str, str],
) -> dict[str, Any]:
    """The graph attributes ``role_slots`` and ``decision_chains`` (module docstring) of
    the account's opportunities (``opportunity_ids``) in scope; ``roles`` are the
    decision roles (opportunity id, person id, role code) with the filled slots', and
    ``people`` the graph's persons' names by id."""
    scope = {o for o in opportunity_ids if opportunity_id in (None, o)}
    rows = []
    for s in sorted(slots, key=lambda s: (s.opportunity_id, s.id)):
        if s.opportunity_id not in scope:
            continue
        held = s.person_id if s.person_id in people else None
        row = s.model_dump(mode="json")
        row["person_id"] = held
        row["holder_name"] = people[held] if held else None
        rows.append(row)
    chains: dict[str, dict[str, list[str]]] = {o: {} for o in sorted(scope)}
    for opp, person, role in roles:
        if opp in chains and person in people:
            chains[opp].setdefault(person, []).append(role)
    return {"role_slots": rows, "decision_chains": chains}
