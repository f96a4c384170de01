"""Decision roles: who plays which role in an opportunity's decision chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import DecisionRoleIn, Deleted, Page, page
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


@router.post(
    "",
    status_code=201,
    summary="Give a person a role in an opportunity",
    response_model=DecisionRoleAssignment,
    responses=responses(example("decision_roles"), status=201, errors=WRITE_ERRORS),
)
def create_decision_role(
    team: TeamDep, account_id: AccountDep, body: DecisionRoleIn
) -> DecisionRoleAssignment:
    return ROLES.create(team, account_id, ROLES.record(body))


@router.get(
    ROLE_PATH,
    summary="Read a decision role",
    response_model=DecisionRoleAssignment,
    responses=responses(example("decision_roles")),
    openapi_extra=PERSONAL_DATA,
)
def get_decision_role(
    team: TeamDep,
    account_id: AccountDep,
    opportunity_id: OpportunityId,
    person_id: PersonId,
    role: DecisionRole,
    as_of: AsOfDep,
) -> DecisionRoleAssignment:
    return ROLES.get(team, account_id, opportunity_id, person_id, role, as_of=as_of)


@router.delete(
    ROLE_PATH,
    summary="Remove a person's role in an opportunity",
    response_model=Deleted,
    responses=responses(
        {"deleted": "decision-role/opp-erp/p-chen/evaluator", "versions_ended": 1},
        errors=WRITE_ERRORS,
    ),
)
def delete_decision_role(
    team: TeamDep,
    account_id: AccountDep,
    opportunity_id: OpportunityId,
    person_id: PersonId,
    role: DecisionRole,
) -> Deleted:
    return ROLES.delete(team, account_id, opportunity_id, person_id, role)
