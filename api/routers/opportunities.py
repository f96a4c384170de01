"""Opportunities: the account's decisions, each with a decision chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import OpportunityIn, OpportunityUpdate, Page, page
from graphcrm.model import Opportunity

router = APIRouter(prefix="/accounts/{account_id}/opportunities", tags=["opportunities"])
OpportunityId = Annotated[str, id_path("opportunity")]
OPPORTUNITIES = Entity[Opportunity, str](
    Opportunity, "opportunity", lambda team: team.opportunities
)


@router.get(
    "",
    summary="List the account's opportunities",
    response_model=Page[Opportunity],
    responses=responses(example_page("opportunities")),
)
def list_opportunities(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    stage: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> dict[str, object]:
    found = select(OPPORTUNITIES.list(team, account_id, as_of), stage=stage, q=q)
    return page(found, paging)


Routes(
    OPPORTUNITIES,
    name="opportunity",
    path="/{opportunity_id}",
    key=(KeyPart("opportunity_id", OpportunityId, "id"),),
    body_in=OpportunityIn,
    body_update=OpportunityUpdate,
    account_field=True,
    create=Doc(
        "Add an opportunity",
        responses(example("opportunities"), status=201, errors=WRITE_ERRORS),
    ),
    get=Doc("Read an opportunity", responses(example("opportunities"))),
    replace=Doc("Update an opportunity", responses(example("opportunities"), errors=WRITE_ERRORS)),
    delete=Doc(
        "Delete an opportunity and its decision roles",
        responses({"deleted": "opportunity/opp-erp", "versions_ended": 4}, errors=WRITE_ERRORS),
    ),
).add_to(router)
