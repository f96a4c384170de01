"""Logging, changing, listing and deleting one account's interactions: the one write path
the CLI (``graphcrm log``) and the API (``/accounts/{id}/interactions``) share.

A logged interaction is checked as a row of the import format (model, then the store's
integrity checks: staff and people known, all of one account), and here also against
the account it is logged in: its customer people must be that account's, or nothing is
written (ValidationFailed naming the field).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from graphcrm.errors import NotFoundError, RecordError, ValidationFailed
from graphcrm.model import Dataset, Interaction, InteractionType
from graphcrm.stores.base import GraphStore

__all__ = [
    "InteractionFilter",
    "build_interaction",
    "delete_interaction",
    "get_interaction",
    "interaction_id",
    "list_interactions",
    "log_interaction",
]

TABLE = "interactions"


def interaction_id(fields: Mapping[str, Any]) -> str:
    """A stable id for an interaction given without one: its date, type, staff and people."""
    text = "\x1f".join(
        str(fields.get(k, "")) for k in ("date", "type", "staff_ids", "person_ids", "note")
    )
    return "int-" + hashlib.sha1(text.encode()).hexdigest()[:12]


def build_interaction(fields: Mapping[str, Any]) -> Interaction:
    """An Interaction from field values (the id derived when absent); ValidationFailed
    naming each wrong field."""
    values = dict(fields)
    if not values.get("id"):
        values["id"] = interaction_id(values)
    try:
        return Interaction.model_validate(values)
    except ValidationError as exc:
        raise ValidationFailed(
            [
                RecordError(TABLE, None, ".".join(str(p) for p in e["loc"]) or None, e["msg"])
                for e in exc.errors(include_url=False)
            ]
        ) from None


def log_interaction(
    store: GraphStore, account_id: str, record: Interaction, *, on: date | None = None
) -> Interaction:
    """Write one interaction of ``account_id`` (new, or a new version of the one with its
    id); ValidationFailed, nothing written, when a person is not of the account."""
    data = store.account_data(account_id)  # NotFoundError for an unknown account
    mine = {p.id for p in data.people}
    others = [p for p in record.person_ids if p not in mine]
    if others:
        raise ValidationFailed(
            [
                RecordError(
                    TABLE,
                    None,
                    "person_ids",
                    f"person(s) {others} are not people of account {account_id!r}",
                )
            ]
        )
    stored = {i.id: i for i in data.interactions}
    if record.id not in stored:
        taken = store.history(TABLE, (record.id,))
        if taken:
            raise ValidationFailed(
                [RecordError(TABLE, None, "id", f"id {record.id!r} is already used")]
            )
    store.write(Dataset(interactions=[record]), on=on)
    return record


@dataclass(frozen=True)
class InteractionFilter:
    """Which interactions to list: any of these left None does not filter."""

    person_id: str | None = None
    staff_id: str | None = None
    type: InteractionType | None = None
    date_from: date | None = None
    date_to: date | None = None

    def keeps(self, i: Interaction) -> bool:
        return (
            (self.person_id is None or self.person_id in i.person_ids)
            and (self.staff_id is None or self.staff_id in i.staff_ids)
            and (self.type is None or i.type == self.type)
            and (self.date_from is None or i.date >= self.date_from)
            and (self.date_to is None or i.date <= self.date_to)
        )


def list_interactions(
    store: GraphStore, account_id: str, keep: InteractionFilter | None = None
) -> list[Interaction]:
    """The account's current interactions that ``keep`` keeps, newest first."""
    found = store.account_data(account_id).interactions
    keep = keep or InteractionFilter()
    return sorted((i for i in found if keep.keeps(i)), key=lambda i: (i.date, i.id), reverse=True)


def get_interaction(store: GraphStore, account_id: str, interaction_id: str) -> Interaction:
    """One current interaction of the account; NotFoundError otherwise."""
    for i in store.account_data(account_id).interactions:
        if i.id == interaction_id:
            return i
    raise NotFoundError(f"no interaction {interaction_id!r} in account {account_id!r}")


def delete_interaction(
    store: GraphStore, account_id: str, interaction_id: str, *, on: date | None = None
) -> None:
    """End one interaction of the account (its versions stay in the history)."""
    get_interaction(store, account_id, interaction_id)
    store.delete(TABLE, (interaction_id,), on=on)
