"""Attitudes: a person's dated readings toward us or a competitor (personal data, audited)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import AttitudeIn, AttitudeUpdate, Page, page
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


Routes(
    ATTITUDES,
    name="attitude",
    path=READING_PATH,
    key=(
        KeyPart("person_id", PersonId, "person_id"),
        KeyPart("toward", Toward, "toward"),
        KeyPart("dated", Dated, "as_of"),
    ),
    body_in=AttitudeIn,
    body_update=AttitudeUpdate,
    create=Doc(
        "Record an attitude reading",
        responses(example("attitudes"), status=201, errors=WRITE_ERRORS),
    ),
    get=Doc("Read one attitude reading", responses(example("attitudes")), personal=True),
    replace=Doc(
        "Correct an attitude reading", responses(example("attitudes"), errors=WRITE_ERRORS)
    ),
    delete=Doc(
        "Delete an attitude reading",
        responses(
            {"deleted": "attitude/p-chen/us/2025-03-01", "versions_ended": 1}, errors=WRITE_ERRORS
        ),
    ),
).add_to(router)
