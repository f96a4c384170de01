"""Decision roles: who plays which role in an opportunity's decision chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import DecisionRoleIn, Deleted, Page, page, to_record
from graphcrm.model import DecisionRole, DecisionRoleAssignment

router = APIRouter(prefix="/accounts/{account_id}/decision-roles", tags=["decision roles"])
OpportunityId = Annotated[str, id_path("opportunity")]
PersonId = Annotated[str, id_path("person")]
ROLE_PATH = "/{opportunity_id}/{person_id}/{role}"


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
        team.records("decision_roles", account_id, as_of=as_of),
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
    record = to_record(DecisionRoleAssignment, body)
    return team.create("decision_roles", record, account_id)  # type: ignore[return-value]


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
    key = (opportunity_id, person_id, role.value)
    return team.get("decision_roles", key, account_id, as_of=as_of)  # type: ignore[return-value]


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
    ended = team.delete("decision_roles", (opportunity_id, person_id, role.value), account_id)
    return Deleted(
        deleted=f"decision-role/{opportunity_id}/{person_id}/{role.value}", versions_ended=ended
    )
