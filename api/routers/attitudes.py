"""Attitudes: a person's dated readings toward us or a competitor (personal data, audited)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import AttitudeIn, AttitudeUpdate, Deleted, Page, page
from graphcrm.model import Attitude

router = APIRouter(prefix="/accounts/{account_id}/attitudes", tags=["attitudes"])
PersonId = Annotated[str, id_path("person")]
Toward = Annotated[
    str,
    Path(
        pattern=ID_PATTERN,
        max_length=128,
        description="`us`, or the id of the competitor the reading is toward.",
        examples=["us"],
    ),
]
Dated = Annotated[date, Path(description="The reading's date (YYYY-MM-DD).")]
READING_PATH = "/{person_id}/{toward}/{dated}"
ATTITUDES = Entity[Attitude, str, str, date](Attitude, "attitude", lambda team: team.attitudes)


@router.get(
    "",
    summary="List attitude readings: each person's dated history",
    response_model=Page[Attitude],
    responses=responses(example_page("attitudes")),
    openapi_extra=PERSONAL_DATA,
)
def list_attitudes(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    person_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    toward: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="`us` or a competitor id.")
    ] = None,
) -> dict[str, object]:
    """Readings in force ``as_of`` (each holds from its own date), by person, target and date."""
    found = select(ATTITUDES.list(team, account_id, as_of), person_id=person_id, toward=toward)
    return page(found, paging)


@router.post(
    "",
    status_code=201,
    summary="Record an attitude reading",
    response_model=Attitude,
    responses=responses(example("attitudes"), status=201, errors=WRITE_ERRORS),
)
def create_attitude(team: TeamDep, account_id: AccountDep, body: AttitudeIn) -> Attitude:
    return ATTITUDES.create(team, account_id, ATTITUDES.record(body))


@router.get(
    READING_PATH,
    summary="Read one attitude reading",
    response_model=Attitude,
    responses=responses(example("attitudes")),
    openapi_extra=PERSONAL_DATA,
)
def get_attitude(
    team: TeamDep,
    account_id: AccountDep,
    person_id: PersonId,
    toward: Toward,
    dated: Dated,
    as_of: AsOfDep,
) -> Attitude:
    return ATTITUDES.get(team, account_id, person_id, toward, dated, as_of=as_of)


@router.put(
    READING_PATH,
    summary="Correct an attitude reading",
    response_model=Attitude,
    responses=responses(example("attitudes"), errors=WRITE_ERRORS),
)
def update_attitude(
    team: TeamDep,
    account_id: AccountDep,
    person_id: PersonId,
    toward: Toward,
    dated: Dated,
    body: AttitudeUpdate,
) -> Attitude:
    record = ATTITUDES.record(body, person_id=person_id, toward=toward, as_of=dated)
    return ATTITUDES.replace(team, account_id, record)


@router.delete(
    READING_PATH,
    summary="Delete an attitude reading",
    response_model=Deleted,
    responses=responses(
        {"deleted": "attitude/p-chen/us/2025-03-01", "versions_ended": 1}, errors=WRITE_ERRORS
    ),
)
def delete_attitude(
    team: TeamDep, account_id: AccountDep, person_id: PersonId, toward: Toward, dated: Dated
) -> Deleted:
    return ATTITUDES.delete(team, account_id, person_id, toward, dated)
