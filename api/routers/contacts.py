"""Contacts: which of our staff covers which of the customer's people, how strongly."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import ContactIn, ContactUpdate, Page, page
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


Routes(
    CONTACTS,
    name="contact",
    path=CONTACT_PATH,
    key=(
        KeyPart("staff_id", StaffId, "staff_id"),
        KeyPart("person_id", PersonId, "person_id"),
    ),
    body_in=ContactIn,
    body_update=ContactUpdate,
    create=Doc("Add a contact", responses(example("contacts"), status=201, errors=WRITE_ERRORS)),
    get=Doc("Read a contact", responses(example("contacts")), personal=True),
    replace=Doc(
        "Update a contact's strength, frequency or last date",
        responses(example("contacts"), errors=WRITE_ERRORS),
    ),
    delete=Doc(
        "Delete a contact",
        responses({"deleted": "contact/s-ann/p-chen", "versions_ended": 1}, errors=WRITE_ERRORS),
    ),
).add_to(router)
