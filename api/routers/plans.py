"""Plans: per key person, the target level, date, owner, needs and pain points."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, Page, PlanIn, PlanUpdate, page, to_record
from graphcrm.model import Plan

router = APIRouter(prefix="/accounts/{account_id}/plans", tags=["plans"])
PersonId = Annotated[str, id_path("person")]


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
    found = select(team.records("plans", account_id, as_of=as_of), owner_staff_id=owner_staff_id)
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
    record = to_record(Plan, body)
    if record.start_date is None:  # type: ignore[attr-defined]
        record = to_record(Plan, body, start_date=date.today())
    return team.create("plans", record, account_id)  # type: ignore[return-value]


@router.get(
    "/{person_id}",
    summary="Read a person's plan",
    response_model=Plan,
    responses=responses(example("plans")),
    openapi_extra=PERSONAL_DATA,
)
def get_plan(team: TeamDep, account_id: AccountDep, person_id: PersonId, as_of: AsOfDep) -> Plan:
    return team.get("plans", (person_id,), account_id, as_of=as_of)  # type: ignore[return-value]


@router.put(
    "/{person_id}",
    summary="Update a person's plan",
    response_model=Plan,
    responses=responses(example("plans"), errors=WRITE_ERRORS),
)
def update_plan(
    team: TeamDep, account_id: AccountDep, person_id: PersonId, body: PlanUpdate
) -> Plan:
    record = to_record(Plan, body, person_id=person_id)
    return team.update("plans", record, account_id)  # type: ignore[return-value]


@router.delete(
    "/{person_id}",
    summary="Delete a person's plan",
    response_model=Deleted,
    responses=responses({"deleted": "plan/p-chen", "versions_ended": 1}, errors=WRITE_ERRORS),
)
def delete_plan(team: TeamDep, account_id: AccountDep, person_id: PersonId) -> Deleted:
    ended = team.delete("plans", (person_id,), account_id)
    return Deleted(deleted=f"plan/{person_id}", versions_ended=ended)
