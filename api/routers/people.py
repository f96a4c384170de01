"""People at the customer (personal data: every read is audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Page, PersonIn, PersonUpdate, page
from graphcrm.model import DecisionRole, Layer, Person

router = APIRouter(prefix="/accounts/{account_id}/people", tags=["people"])
PersonId = Annotated[str, id_path("person")]
PEOPLE = Entity[Person, str](Person, "person", lambda team: team.people)


@router.get(
    "",
    summary="List the account's people",
    response_model=Page[Person],
    responses=responses(example_page("people")),
    openapi_extra=PERSONAL_DATA,
)
def list_people(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    department: Annotated[str | None, Query(max_length=200)] = None,
    layer: Layer | None = None,
    role: Annotated[DecisionRole | None, Query(description="Has this decision role.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> dict[str, object]:
    found = select(
        PEOPLE.list(team, account_id, as_of),
        department=department,
        layer=layer,
        role=role,
        q=q,
    )
    return page(found, paging)


Routes(
    PEOPLE,
    name="person",
    path="/{person_id}",
    key=(KeyPart("person_id", PersonId, "id"),),
    body_in=PersonIn,
    body_update=PersonUpdate,
    account_field=True,
    create=Doc(
        "Add a person to the account",
        responses(example("people"), status=201, errors=WRITE_ERRORS),
    ),
    get=Doc("Read a person", responses(example("people")), personal=True),
    replace=Doc("Update a person", responses(example("people"), errors=WRITE_ERRORS)),
    delete=Doc(
        "Delete a person; their ties, contacts, attitudes, roles, plan and actions end too",
        responses({"deleted": "person/p-chen", "versions_ended": 9}, errors=WRITE_ERRORS),
    ),
).add_to(router)
