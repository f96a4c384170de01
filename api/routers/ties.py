"""Ties between the customer's people: reports to, depends on, knows, influences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, Page, TieIn, TieUpdate, page
from graphcrm.model import Tie, TieType

router = APIRouter(prefix="/accounts/{account_id}/ties", tags=["ties"])
PersonId = Annotated[str, id_path("person")]
TIE_PATH = "/{tie_type}/{source_id}/{target_id}"
TIES = Entity[Tie, TieType, str, str](Tie, "tie", lambda team: team.ties)


@router.get(
    "",
    summary="List the ties among the account's people",
    response_model=Page[Tie],
    responses=responses(example_page("ties")),
    openapi_extra=PERSONAL_DATA,
)
def list_ties(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    type: Annotated[TieType | None, Query(description="Only ties of this type.")] = None,
    person_id: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="Ties at either end of this person.")
    ] = None,
    source_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    target_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> dict[str, object]:
    found = select(
        TIES.list(team, account_id, as_of),
        type=type,
        person_id=person_id,
        source_id=source_id,
        target_id=target_id,
    )
    return page(found, paging)


@router.post(
    "",
    status_code=201,
    summary="Add a tie",
    response_model=Tie,
    responses=responses(example("ties"), status=201, errors=WRITE_ERRORS),
)
def create_tie(team: TeamDep, account_id: AccountDep, body: TieIn) -> Tie:
    return TIES.create(team, account_id, TIES.record(body))


@router.get(
    TIE_PATH,
    summary="Read a tie",
    response_model=Tie,
    responses=responses(example("ties")),
    openapi_extra=PERSONAL_DATA,
)
def get_tie(
    team: TeamDep,
    account_id: AccountDep,
    tie_type: TieType,
    source_id: PersonId,
    target_id: PersonId,
    as_of: AsOfDep,
) -> Tie:
    return TIES.get(team, account_id, tie_type, source_id, target_id, as_of=as_of)


@router.put(
    TIE_PATH,
    summary="Update a tie's strength, direction or date",
    response_model=Tie,
    responses=responses(example("ties"), errors=WRITE_ERRORS),
)
def update_tie(
    team: TeamDep,
    account_id: AccountDep,
    tie_type: TieType,
    source_id: PersonId,
    target_id: PersonId,
    body: TieUpdate,
) -> Tie:
    record = TIES.record(body, type=tie_type, source_id=source_id, target_id=target_id)
    return TIES.replace(team, account_id, record)


@router.delete(
    TIE_PATH,
    summary="Delete a tie",
    response_model=Deleted,
    responses=responses(
        {"deleted": "tie/reports_to/p-chen/p-wang", "versions_ended": 1}, errors=WRITE_ERRORS
    ),
)
def delete_tie(
    team: TeamDep,
    account_id: AccountDep,
    tie_type: TieType,
    source_id: PersonId,
    target_id: PersonId,
) -> Deleted:
    return TIES.delete(team, account_id, tie_type, source_id, target_id)
