"""Ties between the customer's people: reports to, depends on, knows, influences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, Page, TieIn, TieUpdate, page, to_record
from graphcrm.model import Tie, TieType

router = APIRouter(prefix="/accounts/{account_id}/ties", tags=["ties"])
PersonId = Annotated[str, id_path("person")]
TIE_PATH = "/{tie_type}/{source_id}/{target_id}"


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
        team.records("ties", account_id, as_of=as_of),
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
    return team.create("ties", to_record(Tie, body), account_id)  # type: ignore[return-value]


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
    key = (tie_type.value, source_id, target_id)
    return team.get("ties", key, account_id, as_of=as_of)  # type: ignore[return-value]


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
    record = to_record(Tie, body, type=tie_type, source_id=source_id, target_id=target_id)
    return team.update("ties", record, account_id)  # type: ignore[return-value]


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
    ended = team.delete("ties", (tie_type.value, source_id, target_id), account_id)
    return Deleted(deleted=f"tie/{tie_type.value}/{source_id}/{target_id}", versions_ended=ended)
