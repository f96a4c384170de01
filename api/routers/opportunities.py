"""Opportunities: the account's decisions, each with a decision chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, OpportunityIn, OpportunityUpdate, Page, page, to_record
from graphcrm.model import Opportunity

router = APIRouter(prefix="/accounts/{account_id}/opportunities", tags=["opportunities"])
OpportunityId = Annotated[str, id_path("opportunity")]


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
    found = select(team.records("opportunities", account_id, as_of=as_of), stage=stage, q=q)
    return page(found, paging)


@router.post(
    "",
    status_code=201,
    summary="Add an opportunity",
    response_model=Opportunity,
    responses=responses(example("opportunities"), status=201, errors=WRITE_ERRORS),
)
def create_opportunity(team: TeamDep, account_id: AccountDep, body: OpportunityIn) -> Opportunity:
    record = to_record(Opportunity, body, account_id=account_id)
    return team.create("opportunities", record, account_id)  # type: ignore[return-value]


@router.get(
    "/{opportunity_id}",
    summary="Read an opportunity",
    response_model=Opportunity,
    responses=responses(example("opportunities")),
)
def get_opportunity(
    team: TeamDep, account_id: AccountDep, opportunity_id: OpportunityId, as_of: AsOfDep
) -> Opportunity:
    key = (opportunity_id,)
    return team.get("opportunities", key, account_id, as_of=as_of)  # type: ignore[return-value]


@router.put(
    "/{opportunity_id}",
    summary="Update an opportunity",
    response_model=Opportunity,
    responses=responses(example("opportunities"), errors=WRITE_ERRORS),
)
def update_opportunity(
    team: TeamDep, account_id: AccountDep, opportunity_id: OpportunityId, body: OpportunityUpdate
) -> Opportunity:
    record = to_record(Opportunity, body, id=opportunity_id, account_id=account_id)
    return team.update("opportunities", record, account_id)  # type: ignore[return-value]


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
    ended = team.delete("opportunities", (opportunity_id,), account_id)
    return Deleted(deleted=f"opportunity/{opportunity_id}", versions_ended=ended)
