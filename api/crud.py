"""One typed definition per CRUD entity: its record, its table, its key, its name in answers.

Each CRUD router keeps its own routes (each with its own summary, description,
examples and parameters in the OpenAPI document) and does its work through
its ``Entity``: the body and the path's keys made into the record type, the
team's typed table for that record, and the ``Deleted`` answer, so no route
handles an untyped record or spells a table name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Generic, TypeVarTuple

from pydantic import BaseModel

from api.schemas import Deleted, to_record
from graphcrm.access.tables import RecordT, Table
from graphcrm.access.team import TeamStore

__all__ = ["Entity"]

KeyTs = TypeVarTuple("KeyTs")


class Entity(Generic[RecordT, *KeyTs]):
    """A CRUD entity: ``model`` records in ``table(team)``; ``slug/<key parts>`` names one."""

    def __init__(
        self,
        model: type[RecordT],
        slug: str,
        table: Callable[[TeamStore], Table[RecordT, *KeyTs]],
    ) -> None:
        self.model = model
        self.slug = slug
        self.table = table

    def record(self, body: BaseModel, **from_path: Any) -> RecordT:
        """The record ``body`` and the path's keys describe (ValidationError if invalid)."""
        record = to_record(self.model, body, **from_path)
        if not isinstance(record, self.model):  # to_record validates with ``self.model``
            raise TypeError(f"expected a {self.model.__name__}, got {type(record).__name__}")
        return record

    def list(self, team: TeamStore, account_id: str | None, as_of: date | None) -> list[RecordT]:
        """Every record in ``account_id`` (None: a shared table) in force ``as_of``, by key."""
        return self.table(team).list(account_id, as_of=as_of)

    def get(
        self, team: TeamStore, account_id: str | None, *key: *KeyTs, as_of: date | None
    ) -> RecordT:
        """The record with ``key`` in ``account_id`` (None: shared) as it stood ``as_of``."""
        return self.table(team).get(account_id, *key, as_of=as_of)

    def create(self, team: TeamStore, account_id: str | None, record: RecordT) -> RecordT:
        """Write a new record (the team's rules: see ``TeamStore.create``)."""
        return self.table(team).create(account_id, record)

    def replace(self, team: TeamStore, account_id: str | None, record: RecordT) -> RecordT:
        """Write a new version of an existing record (see ``TeamStore.update``)."""
        return self.table(team).replace(account_id, record)

    def delete(self, team: TeamStore, account_id: str | None, *key: *KeyTs) -> Deleted:
        """End the record with ``key`` and what hangs on it; the answer names it by key."""
        ended = self.table(team).delete(account_id, *key)
        parts = "/".join(str(part) for part in key)
        return Deleted(deleted=f"{self.slug}/{parts}", versions_ended=ended)
