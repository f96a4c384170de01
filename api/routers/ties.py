"""Ties between the customer's people: reports to, depends on, knows, influences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Page, TieIn, TieUpdate, page
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


Routes(
    TIES,
    name="tie",
    path=TIE_PATH,
    key=(
        KeyPart("tie_type", TieType, "type"),
        KeyPart("source_id", PersonId, "source_id"),
        KeyPart("target_id", PersonId, "target_id"),
    ),
    body_in=TieIn,
    body_update=TieUpdate,
    create=Doc("Add a tie", responses(example("ties"), status=201, errors=WRITE_ERRORS)),
    get=Doc("Read a tie", responses(example("ties")), personal=True),
    replace=Doc(
        "Update a tie's strength, direction or date",
        responses(example("ties"), errors=WRITE_ERRORS),
    ),
    delete=Doc(
        "Delete a tie",
        responses(
            {"deleted": "tie/reports_to/p-chen/p-wang", "versions_ended": 1}, errors=WRITE_ERRORS
        ),
    ),
).add_to(router)
