"""Opportunities: the account's decisions, each with a decision chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.crud import Entity
from api.deps import AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, OpportunityIn, OpportunityUpdate, Page, page
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


@router.post(
    "",
    status_code=201,
    summary="Add an opportunity",
    response_model=Opportunity,
    responses=responses(example("opportunities"), status=201, errors=WRITE_ERRORS),
)
def create_opportunity(team: TeamDep, account_id: AccountDep, body: OpportunityIn) -> Opportunity:
    record = OPPORTUNITIES.record(body, account_id=account_id)
    return OPPORTUNITIES.create(team, account_id, record)


@router.get(
    "/{opportunity_id}",
    summary="Read an opportunity",
    response_model=Opportunity,
    responses=responses(example("opportunities")),
)
def get_opportunity(
    team: TeamDep, account_id: AccountDep, opportunity_id: OpportunityId, as_of: AsOfDep
) -> Opportunity:
    return OPPORTUNITIES.get(team, account_id, opportunity_id, as_of=as_of)


@router.put(
    "/{opportunity_id}",
    summary="Update an opportunity",
    response_model=Opportunity,
    responses=responses(example("opportunities"), errors=WRITE_ERRORS),
)
def update_opportunity(
    team: TeamDep, account_id: AccountDep, opportunity_id: OpportunityId, body: OpportunityUpdate
) -> Opportunity:
    record = OPPORTUNITIES.record(body, id=opportunity_id, account_id=account_id)
    return OPPORTUNITIES.replace(team, account_id, record)


@router.delete(
    "/{opportunity_id}",
    summary="Delete an opportunity and its decision roles",
    response_model=Deleted,
    responses=responses(
        {"deleted": "opportunity/opp-erp", "versions_ended": 4}, errors=WRITE_ERRORS
    ),
)
def delete_opportunity(
    team: TeamDep, account_id: AccountDep, opportunity_id: OpportunityId
) -> Deleted:
    return OPPORTUNITIES.delete(team, account_id, opportunity_id)
