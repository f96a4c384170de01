"""Unidentified roles (待识别角色, DESIGN.md "Method settings, conflict ties, unidentified
roles"): a slot in one opportunity's decision chain that we know exists ("someone in
Finance approves") before we know who holds it.

A ``RoleSlot`` names its opportunity, the decision role, and a department and/or
layer and a note; ``person_id`` is empty while the holder is unknown and names the
person once identified. Filling a slot is a new version of it, so the unfilled
version stays in history. The cross-row rules (the opportunity exists, the person is
in its account) are ``check_role_slots``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated

from graphcrm.model.records import Id, Record, Text, _term
from graphcrm.model.vocab import DecisionRole, Layer

__all__ = ["RoleSlot", "check_role_slots"]

Err = Callable[[str, int, str | None, str], None]


class RoleSlot(Record):
    """One decision-chain slot of an opportunity: a role, where it sits, who holds it."""

    id: Id
    opportunity_id: Id
    role: Annotated[DecisionRole, _term(DecisionRole)]
    department: Text | None = None
    layer: Annotated[Layer, _term(Layer)] | None = None
    note: Text | None = None
    person_id: Id | None = None  # empty while the holder is unknown (待识别)


def check_role_slots(
    slots: Sequence[RoleSlot],
    person_account: Mapping[str, str],
    opportunity_account: Mapping[str, str],
    err: Err,
) -> None:
    """Report, through ``err`` (table, index, column, message), each slot on an unknown
    opportunity, or filled by an unknown person or one outside the opportunity's account."""
    for i, slot in enumerate(slots):
        account = opportunity_account.get(slot.opportunity_id)
        if account is None:
            err("role_slots", i, "opportunity_id", f"unknown opportunity {slot.opportunity_id!r}")
        if slot.person_id is None:
            continue
        held = person_account.get(slot.person_id)
        if held is None:
            err("role_slots", i, "person_id", f"unknown person {slot.person_id!r}")
        elif account is not None and held != account:
            err(
                "role_slots",
                i,
                "person_id",
                f"person {slot.person_id!r} is not in the account of opportunity "
                f"{slot.opportunity_id!r}",
            )
