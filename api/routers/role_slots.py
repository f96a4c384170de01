"""Unidentified roles (待识别角色): decision-chain slots of an account's opportunities
(DESIGN.md "Method settings, conflict ties, unidentified roles"); list, create, read,
update (PUT, PATCH: filling a slot is setting its person_id), delete, history.

Every write goes through the team's typed table and the store's checks: the
opportunity is one of this account's, the role is in the list, the person (once
filled) is one of the opportunity's account; 422 naming the field, nothing written.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, responses
from api.listing import select
from api.schemas import Page, _body_model, _without, page
from graphcrm.model import DecisionRole, RoleSlot

router = APIRouter(prefix="/accounts/{account_id}/role_slots", tags=["role slots"])
SlotId = Annotated[str, id_path("role slot")]
SLOTS = Entity[RoleSlot, str](RoleSlot, "role-slot", lambda team: team.role_slots)

EXAMPLE: dict[str, Any] = {
    "id": "slot-fin-approver",
    "opportunity_id": "opp-erp",
    "role": "approver",
    "department": "Finance 财务部",
    "layer": "management",
    "note": "someone in Finance approves the budget",
    "person_id": None,
}
RoleSlotIn = _body_model(
    "RoleSlotIn",
    RoleSlot,
    example=EXAMPLE,
    doc="A decision-chain slot of one of the account's opportunities: the role, its "
    "department and/or layer, a note; person_id empty while the holder is unknown.",
)
RoleSlotUpdate = _body_model(
    "RoleSlotUpdate",
    RoleSlot,
    exclude=("id",),
    example={**_without(EXAMPLE, "id"), "person_id": "p-chen"},
    doc="A role slot's fields (all of them: omitted optional fields are cleared); "
    "person_id fills the slot, and the unfilled version stays in its history.",
)
_REFUSED = (
    "An opportunity not of this account, a role not in the list, or a person not of the "
    "opportunity's account is refused (422 naming the field); nothing is written."
)


@router.get(
    "",
    summary="List the account's role slots (unidentified roles)",
    description="Filter by opportunity, role, or whether a person fills the slot.",
    response_model=Page[RoleSlot],
    responses=responses(
        {"items": [EXAMPLE], "total": 1, "limit": 100, "offset": 0, "next_offset": None}
    ),
)
def list_role_slots(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    opportunity_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    role: DecisionRole | None = None,
    filled: bool | None = None,
) -> dict[str, object]:
    slots = SLOTS.list(team, account_id, as_of)
    if filled is not None:
        slots = [s for s in slots if (s.person_id is not None) == filled]
    return page(select(slots, opportunity_id=opportunity_id, role=role), paging)


Routes(
    SLOTS,
    name="role_slot",
    path="/{slot_id}",
    key=(KeyPart("slot_id", SlotId, "id"),),
    body_in=RoleSlotIn,
    body_update=RoleSlotUpdate,
    create=Doc(
        "Add a role slot (an unidentified role) to an opportunity",
        responses(EXAMPLE, status=201, errors=WRITE_ERRORS),
        _REFUSED,
    ),
    get=Doc("Read a role slot", responses(EXAMPLE)),
    replace=Doc(
        "Update a role slot (fill it with a person)",
        responses(EXAMPLE, errors=WRITE_ERRORS),
        _REFUSED,
    ),
    delete=Doc(
        "Delete a role slot",
        responses(
            {"deleted": "role-slot/slot-fin-approver", "versions_ended": 1}, errors=WRITE_ERRORS
        ),
    ),
).add_to(router)
