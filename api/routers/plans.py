"""Plans: per key person, the target level, date, owner, needs and pain points."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Page, PlanIn, PlanUpdate, page
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


Routes(
    PLANS,
    name="plan",
    path="/{person_id}",
    key=(KeyPart("person_id", PersonId, "person_id"),),
    body_in=PlanIn,
    body_update=PlanUpdate,
    defaults={"start_date": date.today},
    create=Doc(
        "Make a plan for a person",
        responses(example("plans"), status=201, errors=WRITE_ERRORS),
        "Without a start_date the plan starts today. An owner from another team is refused.",
    ),
    get=Doc("Read a person's plan", responses(example("plans")), personal=True),
    replace=Doc("Update a person's plan", responses(example("plans"), errors=WRITE_ERRORS)),
    delete=Doc(
        "Delete a person's plan",
        responses({"deleted": "plan/p-chen", "versions_ended": 1}, errors=WRITE_ERRORS),
    ),
).add_to(router)
