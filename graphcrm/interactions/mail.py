"""Mail metadata import (DESIGN.md "Interactions"): a CSV of ``date, from, to, cc`` (or
日期, 发件人, 收件人, 抄送), one row per message, becomes email interactions of one
account.

Addresses (several in a cell, separated by ``;`` or ``,``) are matched to the ``email``
of our staff and of the account's people, as the calendar import does. A message from
one of our staff is ``outbound``, from a customer person ``inbound``. Rows with none of
our staff or none of the account's people, or dated in the future, are skipped with a
count; unmatched addresses are counted. Ids come from the row's cells, so importing the
same file again changes nothing. A row whose date is not a date is refused with its row
and column, and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from datetime import date

from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.interactions.calendar import CalendarSummary, import_matched
from graphcrm.model import Direction, Interaction, InteractionSource, InteractionType
from graphcrm.stores.base import GraphStore

__all__ = ["import_mail", "mail_interactions"]

_HEADERS = {"date": "date", "日期": "date", "from": "from", "发件人": "from", "to": "to"}
_HEADERS |= {"收件人": "to", "cc": "cc", "抄送": "cc"}
_SPLIT = re.compile(r"[;,；，\s]+")


def _addresses(cell: str | None) -> list[str]:
    found = (a.strip().lower().removeprefix("mailto:") for a in _SPLIT.split(cell or ""))
    return [a for a in found if a]


def mail_interactions(
    text: str, staff_emails: dict[str, str], people_emails: dict[str, str], today: date
) -> tuple[list[Interaction], CalendarSummary]:
    """The email interactions a mail-metadata CSV describes, and what was skipped."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    names = {h: _HEADERS.get((h or "").strip().lower(), "") for h in reader.fieldnames or []}
    missing = {"date", "from", "to"} - set(names.values())
    if missing:
        raise ValidationFailed(
            [
                RecordError("mail", 1, c, "missing column (date, from, to, cc)")
                for c in sorted(missing)
            ]
        )
    summary, skipped, unmatched = CalendarSummary(), Counter[str](), Counter[str]()
    found: list[Interaction] = []
    errors: list[RecordError] = []
    for number, raw in enumerate(reader, start=2):
        row = {names[k]: v for k, v in raw.items() if names.get(k)}
        summary.events += 1
        try:
            day = date.fromisoformat((row.get("date") or "").strip()[:10])
        except ValueError:
            errors.append(RecordError("mail", number, "date", f"not a date: {row.get('date')!r}"))
            continue
        sender = _addresses(row.get("from"))[:1]
        everyone = sender + _addresses(row.get("to")) + _addresses(row.get("cc"))
        unmatched.update(a for a in everyone if a not in staff_emails and a not in people_emails)
        staff = list(dict.fromkeys(staff_emails[a] for a in everyone if a in staff_emails))
        people = list(dict.fromkeys(people_emails[a] for a in everyone if a in people_emails))
        if day > today or not staff or not people:
            skipped[
                "future" if day > today else "no staff" if not staff else "no customer person"
            ] += 1
            continue
        ours = bool(sender) and sender[0] in staff_emails
        key = "\x1f".join(str(row.get(c, "")) for c in ("date", "from", "to", "cc"))
        found.append(
            Interaction(
                id="mail-" + hashlib.sha1(key.encode()).hexdigest()[:16],
                date=day,
                type=InteractionType.EMAIL,
                staff_ids=staff,
                person_ids=people,
                direction=Direction.OUTBOUND if ours else Direction.INBOUND,
                source=InteractionSource.MAIL,
            )
        )
    if errors:
        raise ValidationFailed(errors)
    summary.skipped, summary.unmatched = dict(skipped), dict(unmatched)
    return found, summary


def import_mail(
    store: GraphStore, account_id: str, text: str, *, today: date | None = None
) -> CalendarSummary:
    """Import a mail-metadata CSV as email interactions of ``account_id`` (one write)."""

    def match(
        staff: dict[str, str], people: dict[str, str], day: date
    ) -> tuple[list[Interaction], CalendarSummary]:
        return mail_interactions(text, staff, people, day)

    return import_matched(store, account_id, match, today)
