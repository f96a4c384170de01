"""Interactions (互动记录): meetings, calls, visits and mail with an account's people
(DESIGN.md "Interactions"); list with filters, create, read, update, delete.

Every write goes through the team's typed table and the store's checks: staff and
people known, the people all of this account, a type in the list, a date not in the
future (422 naming the field); nothing is written otherwise.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import DATE_PATTERN, ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, responses
from api.problems import ApiProblem
from api.schemas import Page, _body_model, _without, page
from graphcrm.interactions.log import InteractionFilter
from graphcrm.model import Interaction, InteractionType

router = APIRouter(prefix="/accounts/{account_id}/interactions", tags=["interactions"])
InteractionId = Annotated[str, id_path("interaction")]
INTERACTIONS = Entity[Interaction, str](Interaction, "interaction", lambda team: team.interactions)

EXAMPLE: dict[str, Any] = {
    "id": "int-2024-03-01-chen",
    "date": "2024-03-01",
    "type": "meeting",
    "staff_ids": ["s-ann"],
    "person_ids": ["p-chen"],
    "opportunity_id": "opp-erp",
    "duration_min": 60,
    "direction": None,
    "note": "Roadmap review 路线图评审",
    "source": "api",
}
InteractionIn = _body_model(
    "InteractionIn",
    Interaction,
    example=EXAMPLE,
    doc="One interaction: our staff and the account's people who took part, on a date "
    "not in the future.",
)
InteractionUpdate = _body_model(
    "InteractionUpdate",
    Interaction,
    exclude=("id",),
    example=_without(EXAMPLE, "id"),
    doc="An interaction's fields (all of them: omitted optional fields are cleared).",
)


# A date in a query: YYYY-MM-DD only (the lax date type would take 0 as 1970-01-01).
DayQuery = Annotated[str | None, Query(pattern=DATE_PATTERN, json_schema_extra={"format": "date"})]


def _day(name: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = f"{name} {text!r} is not a date"
        raise ApiProblem(422, "invalid_request", message, field=name) from None


@router.get(
    "",
    summary="List an account's interactions",
    description="Newest first; filter by person, staff member, type and a date range.",
    response_model=Page[Interaction],
    responses=responses(
        {"items": [EXAMPLE], "total": 1, "limit": 100, "offset": 0, "next_offset": None}
    ),
    openapi_extra=PERSONAL_DATA,
)
def list_interactions(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    person_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    staff_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    type: InteractionType | None = None,
    date_from: DayQuery = None,
    date_to: DayQuery = None,
) -> dict[str, object]:
    since, until = _day("date_from", date_from), _day("date_to", date_to)
    keep = InteractionFilter(person_id, staff_id, type, since, until)
    found = [i for i in INTERACTIONS.list(team, account_id, as_of) if keep.keeps(i)]
    found.sort(key=lambda i: (i.date, i.id), reverse=True)
    return page(found, paging)


Routes(
    INTERACTIONS,
    name="interaction",
    path="/{interaction_id}",
    key=(KeyPart("interaction_id", InteractionId, "id"),),
    body_in=InteractionIn,
    body_update=InteractionUpdate,
    create=Doc(
        "Log an interaction",
        responses(EXAMPLE, status=201, errors=WRITE_ERRORS),
        "Unknown staff or people, people of another account, a type not in the list or "
        "a date in the future are refused (422 naming the field).",
    ),
    get=Doc("Read an interaction", responses(EXAMPLE), personal=True),
    replace=Doc("Update an interaction", responses(EXAMPLE, errors=WRITE_ERRORS)),
    delete=Doc(
        "Delete an interaction",
        responses(
            {"deleted": "interaction/int-2024-03-01-chen", "versions_ended": 1},
            errors=WRITE_ERRORS,
        ),
    ),
).add_to(router)
