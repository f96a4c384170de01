"""Contacts: which of our staff covers which of the customer's people, how strongly."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import ContactIn, ContactUpdate, Deleted, Page, page
from graphcrm.model import Contact

router = APIRouter(prefix="/accounts/{account_id}/contacts", tags=["contacts"])
StaffId = Annotated[str, id_path("staff member")]
PersonId = Annotated[str, id_path("person")]
CONTACT_PATH = "/{staff_id}/{person_id}"
CONTACTS = Entity[Contact, str, str](Contact, "contact", lambda team: team.contacts)


@router.get(
    "",
    summary="List our contacts with the account's people",
    response_model=Page[Contact],
    responses=responses(example_page("contacts")),
    openapi_extra=PERSONAL_DATA,
)
def list_contacts(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    staff_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    person_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> dict[str, object]:
    found = select(CONTACTS.list(team, account_id, as_of), staff_id=staff_id, person_id=person_id)
    return page(found, paging)


@router.post(
    "",
    status_code=201,
    summary="Add a contact",
    response_model=Contact,
    responses=responses(example("contacts"), status=201, errors=WRITE_ERRORS),
)
def create_contact(team: TeamDep, account_id: AccountDep, body: ContactIn) -> Contact:
    return CONTACTS.create(team, account_id, CONTACTS.record(body))


@router.get(
    CONTACT_PATH,
    summary="Read a contact",
    response_model=Contact,
    responses=responses(example("contacts")),
    openapi_extra=PERSONAL_DATA,
)
def get_contact(
    team: TeamDep, account_id: AccountDep, staff_id: StaffId, person_id: PersonId, as_of: AsOfDep
) -> Contact:
    return CONTACTS.get(team, account_id, staff_id, person_id, as_of=as_of)


@router.put(
    CONTACT_PATH,
    summary="Update a contact's strength, frequency or last date",
    response_model=Contact,
    responses=responses(example("contacts"), errors=WRITE_ERRORS),
)
def update_contact(
    team: TeamDep,
    account_id: AccountDep,
    staff_id: StaffId,
    person_id: PersonId,
    body: ContactUpdate,
) -> Contact:
    record = CONTACTS.record(body, staff_id=staff_id, person_id=person_id)
    return CONTACTS.replace(team, account_id, record)


@router.delete(
    CONTACT_PATH,
    summary="Delete a contact",
    response_model=Deleted,
    responses=responses(
        {"deleted": "contact/s-ann/p-chen", "versions_ended": 1}, errors=WRITE_ERRORS
    ),
)
def delete_contact(
    team: TeamDep, account_id: AccountDep, staff_id: StaffId, person_id: PersonId
) -> Deleted:
    return CONTACTS.delete(team, account_id, staff_id, person_id)
