"""Decision roles: who plays which role in an opportunity's decision chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import DecisionRoleIn, Page, page
from graphcrm.model import DecisionRole, DecisionRoleAssignment

router = APIRouter(prefix="/accounts/{account_id}/decision-roles", tags=["decision roles"])
OpportunityId = Annotated[str, id_path("opportunity")]
PersonId = Annotated[str, id_path("person")]
ROLE_PATH = "/{opportunity_id}/{person_id}/{role}"
ROLES = Entity[DecisionRoleAssignment, str, str, DecisionRole](
    DecisionRoleAssignment, "decision-role", lambda team: team.decision_roles
)


@router.get(
    "",
    summary="List decision roles (the decision chains of the account's opportunities)",
    response_model=Page[DecisionRoleAssignment],
    responses=responses(example_page("decision_roles")),
    openapi_extra=PERSONAL_DATA,
)
def list_decision_roles(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    opportunity_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    person_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    role: DecisionRole | None = None,
) -> dict[str, object]:
    found = select(
        ROLES.list(team, account_id, as_of),
        opportunity_id=opportunity_id,
        person_id=person_id,
        role=role,
    )
    return page(found, paging)


Routes(
    ROLES,
    name="decision_role",
    path=ROLE_PATH,
    key=(
        KeyPart("opportunity_id", OpportunityId, "opportunity_id"),
        KeyPart("person_id", PersonId, "person_id"),
        KeyPart("role", DecisionRole, "role"),
    ),
    body_in=DecisionRoleIn,
    body_update=None,  # a role is all key: a new role, not an update
    create=Doc(
        "Give a person a role in an opportunity",
        responses(example("decision_roles"), status=201, errors=WRITE_ERRORS),
    ),
    get=Doc("Read a decision role", responses(example("decision_roles")), personal=True),
    replace=None,
    delete=Doc(
        "Remove a person's role in an opportunity",
        responses(
            {"deleted": "decision-role/opp-erp/p-chen/evaluator", "versions_ended": 1},
            errors=WRITE_ERRORS,
        ),
    ),
).add_to(router)
