"""Plans: per key person, the target level, date, owner, needs and pain points."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, Page, PlanIn, PlanUpdate, page
from graphcrm.model import Plan

router = APIRouter(prefix="/accounts/{account_id}/plans", tags=["plans"])
PersonId = Annotated[str, id_path("person")]
PLANS = Entity[Plan, str](Plan, "plan", lambda team: team.plans)


@router.get(
    "",
    summary="List the account's breakthrough plans",
    response_model=Page[Plan],
    responses=responses(example_page("plans")),
    openapi_extra=PERSONAL_DATA,
)
def list_plans(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    owner_staff_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> dict[str, object]:
    found = select(PLANS.list(team, account_id, as_of), owner_staff_id=owner_staff_id)
    return page(found, paging)


@router.post(
    "",
    status_code=201,
    summary="Make a plan for a person",
    response_model=Plan,
    responses=responses(example("plans"), status=201, errors=WRITE_ERRORS),
)
def create_plan(team: TeamDep, account_id: AccountDep, body: PlanIn) -> Plan:
    """Without a start_date the plan starts today. An owner from another team is refused."""
    record = PLANS.record(body)
    if record.start_date is None:
        record = PLANS.record(body, start_date=date.today())
    return PLANS.create(team, account_id, record)


@router.get(
    "/{person_id}",
    summary="Read a person's plan",
    response_model=Plan,
    responses=responses(example("plans")),
    openapi_extra=PERSONAL_DATA,
)
def get_plan(team: TeamDep, account_id: AccountDep, person_id: PersonId, as_of: AsOfDep) -> Plan:
    return PLANS.get(team, account_id, person_id, as_of=as_of)


@router.put(
    "/{person_id}",
    summary="Update a person's plan",
    response_model=Plan,
    responses=responses(example("plans"), errors=WRITE_ERRORS),
)
def update_plan(
    team: TeamDep, account_id: AccountDep, person_id: PersonId, body: PlanUpdate
) -> Plan:
    return PLANS.replace(team, account_id, PLANS.record(body, person_id=person_id))


@router.delete(
    "/{person_id}",
    summary="Delete a person's plan",
    response_model=Deleted,
    responses=responses({"deleted": "plan/p-chen", "versions_ended": 1}, errors=WRITE_ERRORS),
)
def delete_plan(team: TeamDep, account_id: AccountDep, person_id: PersonId) -> Deleted:
    return PLANS.delete(team, account_id, person_id)
