"""Typed access to one table of a team's view: ``team.people.get(account_id, person_id) -> Person``.

A ``Table`` knows its record type and the types of its key's parts, and
nothing else: every call goes through the one untyped path of
:class:`graphcrm.access.team.TeamStore` (``records``, ``get``, ``create``,
``update``, ``delete``), so the owner rule, the shared-record rules, the id
rules and the write listener (cache invalidation) hold exactly as there.
Key parts are given as their own types (a ``TieType``, a ``date``) and
written as the store keys them: ``str`` of each part, as ``Record.key`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, TypeVarTuple

from graphcrm.access.etag import Tagged
from graphcrm.model import Record

if TYPE_CHECKING:
    from graphcrm.access.team import TeamStore

__all__ = ["RecordT", "Table"]

RecordT = TypeVar("RecordT", bound=Record)
KeyTs = TypeVarTuple("KeyTs")


class Table(Generic[RecordT, *KeyTs]):
    """One table of a team's view, typed by its record and its key's parts.

    ``account_id`` names the account the record lives in; it is None for the
    shared tables (staff, competitors) and for creating an account.
    """

    def __init__(self, team: TeamStore, name: str, model: type[RecordT]) -> None:
        self.team = team
        self.name = name
        self.model = model

    def list(self, account_id: str | None, *, as_of: date | None = None) -> list[RecordT]:
        """Every record in ``account_id`` (as they stood ``as_of``), sorted by key."""
        return [self._typed(r) for r in self.team.records(self.name, account_id, as_of=as_of)]

    def get(self, account_id: str | None, *key: *KeyTs, as_of: date | None = None) -> RecordT:
        """One record by its key's parts; NotFoundError if the account holds none."""
        return self._typed(self.team.get(self.name, _key(key), account_id, as_of=as_of))

    def get_tagged(
        self, account_id: str | None, *key: *KeyTs, as_of: date | None = None
    ) -> Tagged[RecordT]:
        """``get``, with the ETag of the version read (``graphcrm.access.etag``)."""
        found = self.team.tagged(self.name, _key(key), account_id, as_of=as_of)
        return Tagged(self._typed(found.record), found.etag)

    def create(self, account_id: str | None, record: RecordT) -> RecordT:
        """Write a record that does not exist yet (ConflictError if it does)."""
        return self._typed(self.team.create(self.name, record, account_id))

    def replace(
        self, account_id: str | None, record: RecordT, *, if_match: str | None = None
    ) -> RecordT:
        """Write a new version of a record that exists in ``account_id`` (NotFoundError if not).

        ``if_match``: StaleWrite unless it names the current version (``TeamStore.update``).
        """
        return self.save(account_id, record, if_match=if_match).record

    def save(
        self, account_id: str | None, record: RecordT, *, if_match: str | None = None
    ) -> Tagged[RecordT]:
        """``replace``, answering the new version's ETag too."""
        saved = self.team.save(self.name, record, account_id, if_match=if_match)
        return Tagged(self._typed(saved.record), saved.etag)

    def patch(
        self,
        account_id: str | None,
        *key: *KeyTs,
        change: Callable[[RecordT], RecordT],
        if_match: str | None = None,
    ) -> Tagged[RecordT]:
        """Write ``change(current record)`` as its new version (``TeamStore.patch``)."""
        saved = self.team.patch(
            self.name,
            _key(key),
            account_id,
            lambda current: change(self._typed(current)),
            if_match=if_match,
        )
        return Tagged(self._typed(saved.record), saved.etag)

    def delete(self, account_id: str | None, *key: *KeyTs, if_match: str | None = None) -> int:
        """End a record (and what hangs on it) today; how many versions ended.

        ``if_match``: StaleWrite, nothing ended, unless it names the current version.
        """
        return self.team.delete(self.name, _key(key), account_id, if_match=if_match)

    def _typed(self, record: Record) -> RecordT:
        # The store answers with the table's model; anything else is a store bug, said loudly.
        if not isinstance(record, self.model):
            raise TypeError(
                f"the {self.name} table answered a {type(record).__name__}, "
                f"not a {self.model.__name__}"
            )
        return record


def _key(parts: tuple[object, ...]) -> tuple[str, ...]:
    """The store's key: each part as ``Record.key`` writes it (enum value, ISO date)."""
    return tuple(str(p) for p in parts)
