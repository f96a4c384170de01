"""The interaction record (互动记录): one meeting, call, visit, dinner or mail between
some of our staff and some of the customer's people (DESIGN.md "Interactions").

An interaction is a dated event, so a version of it holds from its own date (as an
attitude does): a meeting logged today about last week is seen by an as-of read of
last week. Its date cannot be in the future; it names at least one of our staff and
at least one customer person (ids separated by ``;`` in files, like a person's roles).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from graphcrm.model.records import Day, Id, Record, Text, _check_id, _term
from graphcrm.model.vocab import Direction, InteractionSource, InteractionType

__all__ = ["Interaction", "id_list"]


def id_list(value: Any) -> Any:
    """Ids given as a list or as text separated by ``;`` (or ``,``, full-width too),
    each checked as an id, duplicates dropped in order."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in re.split(r"[;；,，]", value) if part.strip()]
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected ids separated by ';', got {value!r}")
    return tuple(dict.fromkeys(_check_id(v) for v in value))


# At least one id: the document says so (minItems), the validator below words the refusal.
_ITEM = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$"}
IdList = Annotated[
    tuple[str, ...],
    BeforeValidator(id_list),
    Field(json_schema_extra={"minItems": 1, "items": _ITEM}),
]
_WHO = {"staff_ids": "one of our staff", "person_ids": "one customer person"}


class Interaction(Record):
    """One interaction. ``direction`` matters for an email or message: ``outbound``
    (sent, no answer) counts half (DESIGN.md "Interactions")."""

    id: Id
    date: Day
    type: Annotated[InteractionType, _term(InteractionType)]
    staff_ids: IdList
    person_ids: IdList
    opportunity_id: Id | None = None
    duration_min: Annotated[int, Field(ge=0, le=24 * 60)] | None = None
    direction: Annotated[Direction, _term(Direction)] | None = None
    note: Text | None = None
    source: Annotated[InteractionSource, _term(InteractionSource)] = InteractionSource.MANUAL

    def effective_date(self, written_on: dt.date) -> dt.date:
        # A dated event: it holds from its own date (never after the write, see below).
        return min(self.date, written_on)

    @field_validator("date")
    @classmethod
    def _not_in_the_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if value > dt.date.today() and not (info.context or {}).get("read_back"):
            raise ValueError(f"date {value} is in the future; log what has happened")
        return value

    @field_validator("staff_ids", "person_ids")
    @classmethod
    def _someone(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if not value:
            raise ValueError(f"an interaction names at least {_WHO[str(info.field_name)]}")
        return value
