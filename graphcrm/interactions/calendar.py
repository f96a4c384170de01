"""Calendar import (DESIGN.md "Interactions"): each VEVENT of an RFC 5545 file, read with
the ``icalendar`` library, becomes one interaction of an account.

- The date is DTSTART's (a date for an all-day event); the duration DTEND - DTSTART in
  minutes when both are times.
- ORGANIZER and ATTENDEE addresses (``mailto:``) are matched, case-insensitively, to the
  ``email`` of our staff and of the account's people; addresses matching neither are
  reported with their counts, not as errors.
- The type comes from the title (SUMMARY) by keywords: dinner/宴请/晚餐 -> dinner,
  参观/考察/site visit -> site_visit, call/电话 -> call, anything else meeting.
- Skipped, with a count per reason: cancelled events (STATUS:CANCELLED), recurring
  events (an RRULE or RDATE: **excluded**, not expanded: a series says when people meant
  to meet, not that they did), events in the future, events with none of our staff or
  none of the account's people among the matched addresses.
- The interaction's id is derived from the event's UID, so importing the same file again
  changes nothing (and an edited event becomes a new version of the same interaction).
- A file that is not a calendar, or an event whose DTSTART or DTEND is not a date, is
  refused (ValidationFailed: the event's number in the file as the row, the property as
  the column, and why); nothing is written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

import icalendar

from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.model import Dataset, Interaction, InteractionSource, InteractionType
from graphcrm.stores.base import GraphStore, WriteReport

__all__ = [
    "CalendarSummary",
    "InteractionWriter",
    "calendar_interactions",
    "import_calendar",
    "import_matched",
    "type_of_title",
]

_KEYWORDS: tuple[tuple[InteractionType, tuple[str, ...]], ...] = (
    (InteractionType.DINNER, ("dinner", "宴请", "晚餐")),
    (InteractionType.SITE_VISIT, ("site visit", "参观", "考察")),
    (InteractionType.CALL, ("call", "电话")),
)


@dataclass
class CalendarSummary:
    """What an import did: events read, events matched (those that became interactions:
    created + updated + unchanged), interactions created / updated / unchanged, events
    skipped per reason, and unmatched addresses with their counts."""

    events: int = 0
    matched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    unmatched: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "matched": self.matched,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": dict(sorted(self.skipped.items())),
            "unmatched": dict(sorted(self.unmatched.items())),
        }


def type_of_title(title: str) -> InteractionType:
    """The interaction type a calendar title names by the keyword list (else meeting)."""
    text = title.lower()
    for kind, words in _KEYWORDS:
        if any(w in text for w in words):
            return kind
    return InteractionType.MEETING


def _address(value: Any) -> str:
    return str(value).strip().lower().removeprefix("mailto:")


def _day(value: Any) -> date:
    moment = value.dt
    return moment.date() if isinstance(moment, datetime) else moment


def _minutes(event: Any) -> int | None:
    start, end = event.get("DTSTART"), event.get("DTEND")
    if start is None or end is None:
        return None
    if not (isinstance(start.dt, datetime) and isinstance(end.dt, datetime)):
        return None
    try:
        minutes = int((end.dt - start.dt).total_seconds() // 60)
    except TypeError:  # one floating time, one with a zone: no duration can be told
        return None
    return minutes if 0 <= minutes <= 24 * 60 else None


def calendar_interactions(
    data: bytes, staff_emails: dict[str, str], people_emails: dict[str, str], today: date
) -> tuple[list[Interaction], CalendarSummary]:
    """The interactions a calendar file describes, and the summary of what was skipped
    or unmatched (``*_emails``: address -> id)."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        error = RecordError("calendar", None, None, f"not a calendar: {exc}")
        raise ValidationFailed([error]) from None
    _check_dates(calendar)
    summary = CalendarSummary()
    skipped: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    found: list[Interaction] = []
    for event in calendar.walk("VEVENT"):
        summary.events += 1
        reason = _skip_reason(event, today)
        if reason:
            skipped[reason] += 1
            continue
        addresses = [_address(event["ORGANIZER"])] if event.get("ORGANIZER") else []
        attendees = event.get("ATTENDEE") or []
        addresses += [
            _address(a) for a in (attendees if isinstance(attendees, list) else [attendees])
        ]
        staff = [staff_emails[a] for a in addresses if a in staff_emails]
        people = [people_emails[a] for a in addresses if a in people_emails]
        unmatched.update(a for a in addresses if a not in staff_emails and a not in people_emails)
        if not staff or not people:
            skipped["no staff" if not staff else "no customer person"] += 1
            continue
        title = str(event.get("SUMMARY", ""))
        uid = str(event.get("UID", "")) or f"{title}\x1f{_day(event['DTSTART'])}"
        found.append(
            Interaction(
                id="ics-" + hashlib.sha1(uid.encode()).hexdigest()[:16],
                date=_day(event["DTSTART"]),
                type=type_of_title(title),
                staff_ids=staff,
                person_ids=people,
                duration_min=_minutes(event),
                note=title or None,
                source=InteractionSource.ICS,
            )
        )
    summary.skipped, summary.unmatched = dict(skipped), dict(unmatched)
    return found, summary


def _check_dates(calendar: Any) -> None:
    """ValidationFailed naming every event whose DTSTART or DTEND the library could not
    read as a date or time (it keeps them as broken values with the reason)."""
    errors = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(event.get("UID", "")) or "no UID"
        for prop, reason in getattr(event, "errors", []):
            if prop in ("DTSTART", "DTEND"):
                message = f"event {number} ({uid}): not a date or time ({reason})"
                errors.append(RecordError("calendar", number, prop, message))
    if errors:
        raise ValidationFailed(errors)


def _skip_reason(event: Any, today: date) -> str | None:
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return "cancelled"
    if event.get("RRULE") is not None or event.get("RDATE") is not None:
        return "recurring"
    if event.get("DTSTART") is None:
        return "no start"
    if _day(event["DTSTART"]) > today:
        return "future"
    return None


#: Turns a file's records into interactions, given our staff's and the account's people's
#: addresses (``{email: id}``) and today: ``calendar_interactions``, ``mail_interactions``.
Matcher = Callable[
    [dict[str, str], dict[str, str], date], tuple[list[Interaction], "CalendarSummary"]
]


class InteractionWriter(Protocol):
    """Where the found interactions are written: a store, or a team's store (which checks
    the caller may write to the account), one write for the whole file."""

    def write(self, data: Dataset, *, on: date | None = None) -> WriteReport: ...


def import_matched(
    store: GraphStore,
    account_id: str,
    match: Matcher,
    today: date | None = None,
    *,
    writer: InteractionWriter | None = None,
) -> CalendarSummary:
    """Match a file's addresses to ``account_id``'s people and our staff, and write the
    interactions found in one write (to ``writer``, default ``store``); the summary
    counts what the write did."""
    today = today or date.today()
    account = store.account_data(account_id)
    people = {p.email: p.id for p in account.people if p.email}
    staff = {s.email: s.id for s in store.staff() if s.email}
    found, summary = match(staff, people, today)
    summary.matched = len(found)
    report = (writer or store).write(Dataset(interactions=found), on=today)
    summary.created = report.created.get("interactions", 0)
    summary.updated = report.updated.get("interactions", 0)
    summary.unchanged = report.unchanged.get("interactions", 0)
    return summary


def import_calendar(
    store: GraphStore,
    account_id: str,
    data: bytes,
    *,
    today: date | None = None,
    writer: InteractionWriter | None = None,
) -> CalendarSummary:
    """Import a calendar file's events as interactions of ``account_id`` (one write, to
    ``writer`` if given: the CLI writes to the store, the API through the team's store)."""

    def match(
        staff: dict[str, str], people: dict[str, str], day: date
    ) -> tuple[list[Interaction], CalendarSummary]:
        return calendar_interactions(data, staff, people, day)

    return import_matched(store, account_id, match, today, writer=writer)
