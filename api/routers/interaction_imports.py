"""Calendar import over the API (DESIGN.md "Interactions"; issue 13 item 3):
``POST /accounts/{account_id}/imports/calendar`` takes an .ics file and makes its events
interactions of the account, through the same core function as ``graphcrm
import-calendar`` (graphcrm.interactions.calendar.import_calendar), written through the
caller's team's store (a read-only key answers 403, another team's account 404).

It answers the summary: events read, matched, created / updated / unchanged, skipped per
reason, unmatched addresses with their counts. A file that is not a calendar, or an
event with a DTSTART or DTEND that is not a date, answers 422 with the event's number as
the row, the property as the field, and why; nothing is written. Importing the same
file again changes nothing (interactions keyed by the events' UIDs).
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from api.audit import PERSONAL_DATA
from api.deps import AccountDep, TeamDep
from api.docs import responses
from graphcrm.interactions.calendar import import_calendar

__all__ = ["CalendarImportOut", "router"]

router = APIRouter(tags=["interactions"])

_EXAMPLE: dict[str, Any] = {
    "events": 6,
    "matched": 3,
    "created": 3,
    "updated": 0,
    "unchanged": 0,
    "skipped": {"cancelled": 1, "no customer person": 1, "recurring": 1},
    "unmatched": {"stranger@example.com": 2},
}
_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//\r\nBEGIN:VEVENT\r\nUID:m-1\r\n"
    "SUMMARY:Roadmap review\r\nDTSTART:20240301T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


class CalendarImportOut(BaseModel):
    """What a calendar import did."""

    model_config = ConfigDict(json_schema_extra={"examples": [cast("JsonDict", _EXAMPLE)]})

    events: int = Field(description="VEVENTs in the file")
    matched: int = Field(description="events that became interactions")
    created: int
    updated: int
    unchanged: int = Field(description="interactions already imported as they are")
    skipped: dict[str, int] = Field(
        description="events not imported, per reason: cancelled, recurring (excluded, not "
        "expanded), future, no start, no staff, no customer person"
    )
    unmatched: dict[str, int] = Field(
        description="addresses matching none of our staff and none of the account's people, "
        "with how many events named them"
    )


@router.post(
    "/accounts/{account_id}/imports/calendar",
    summary="Import an .ics calendar's events as the account's interactions",
    response_model=CalendarImportOut,
    responses=responses(_EXAMPLE, errors=(400, 401, 403, 404, 409, 413, 422, 503)),
    openapi_extra={
        **PERSONAL_DATA,
        "requestBody": {"content": {"multipart/form-data": {"example": {"file": _ICS}}}},
    },
)
def import_account_calendar(
    team: TeamDep,
    account_id: AccountDep,
    file: Annotated[UploadFile, File(description="An RFC 5545 calendar file (.ics).")],
) -> CalendarImportOut:
    """Organiser and attendee addresses are matched to the ``email`` of our staff and of
    the account's people; the type comes from the title by the keyword list; cancelled,
    recurring and future events are skipped and counted. All the interactions are
    written at once, dated today."""
    summary = import_calendar(team.store, account_id, file.file.read(), writer=team)
    return CalendarImportOut.model_validate(summary.to_dict())
