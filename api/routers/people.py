"""People at the customer (personal data: every read is audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import Deleted, Page, PersonIn, PersonUpdate, page
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


@router.post(
    "",
    status_code=201,
    summary="Add a person to the account",
    response_model=Person,
    responses=responses(example("people"), status=201, errors=WRITE_ERRORS),
)
def create_person(team: TeamDep, account_id: AccountDep, body: PersonIn) -> Person:
    return PEOPLE.create(team, account_id, PEOPLE.record(body, account_id=account_id))


@router.get(
    "/{person_id}",
    summary="Read a person",
    response_model=Person,
    responses=responses(example("people")),
    openapi_extra=PERSONAL_DATA,
)
def get_person(
    team: TeamDep, account_id: AccountDep, person_id: PersonId, as_of: AsOfDep
) -> Person:
    return PEOPLE.get(team, account_id, person_id, as_of=as_of)


@router.put(
    "/{person_id}",
    summary="Update a person",
    response_model=Person,
    responses=responses(example("people"), errors=WRITE_ERRORS),
)
def update_person(
    team: TeamDep, account_id: AccountDep, person_id: PersonId, body: PersonUpdate
) -> Person:
    record = PEOPLE.record(body, id=person_id, account_id=account_id)
    return PEOPLE.replace(team, account_id, record)


@router.delete(
    "/{person_id}",
    summary="Delete a person; their ties, contacts, attitudes, roles, plan and actions end too",
    response_model=Deleted,
    responses=responses({"deleted": "person/p-chen", "versions_ended": 9}, errors=WRITE_ERRORS),
)
def delete_person(team: TeamDep, account_id: AccountDep, person_id: PersonId) -> Deleted:
    return PEOPLE.delete(team, account_id, person_id)
