"""The store reads across accounts (DESIGN.md "Account portfolio", "Interactions"): one
read per table over many accounts for the portfolio and who-knows-whom, never one
account load per account. A mixin of ``GraphStore``; the stores answer through their
``_read`` and ``_accounts_of`` (and may override a read with one query of their own).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from datetime import date

from graphcrm.model import Contact, Dataset, Interaction, Record, Tie
from graphcrm.stores.interaction_columns import InteractionColumns
from graphcrm.stores.write_rules import records_of

__all__ = ["CrossAccountReads"]


class CrossAccountReads(ABC):
    """Reads over many accounts at once, built on the store's own table reads."""

    @abstractmethod
    def _read(
        self, table: str, *, account_ids: Collection[str] | None, as_of: date | None
    ) -> list[tuple[Record, date]]:
        """(record, valid_from) of the versions valid ``as_of`` (GraphStore._read)."""

    @abstractmethod
    def _accounts_of(self, table: str, ids: Collection[str]) -> dict[str, str]:
        """The account of each current record with one of these ids (GraphStore)."""

    def portfolio_data(
        self, account_ids: Collection[str] | None = None, *, as_of: date | None = None
    ) -> Dataset:
        """The accounts, value assessments and orders of ``account_ids`` (None: every
        account) as they stood ``as_of``: one read per table, for the portfolio
        (DESIGN.md "Account portfolio"), not one account load per account."""
        data = Dataset()
        for table in ("accounts", "account_values", "orders"):
            rows = self._read(table, account_ids=account_ids, as_of=as_of)
            data.table(table).extend(r for r, _ in rows)
        data.accounts.sort(key=lambda a: a.id)
        return data

    def reach_data(self, account_ids: Collection[str], *, as_of: date | None = None) -> Dataset:
        """The people, contacts and interactions of ``account_ids`` as they stood ``as_of``:
        one read per table, for who-knows-whom with effective strengths (DESIGN.md
        "Interactions": every read uses them), not one account load per account."""
        data = Dataset()
        for table in ("people", "contacts", "interactions"):
            rows = self._read(table, account_ids=account_ids, as_of=as_of)
            data.table(table).extend(r for r, _ in rows)
        return data

    def staff_reach(self, account_ids: Collection[str]) -> list[tuple[str, str, str, float]]:
        """Who-knows-whom: (staff id, person id, account id, strength) of every current
        contact in ``account_ids``, sorted; stores answer it with one query."""
        rows = self._read("contacts", account_ids=account_ids, as_of=None)
        contacts = records_of(Contact, rows)
        people = self._accounts_of("people", {c.person_id for c in contacts})
        found = [
            (c.staff_id, c.person_id, people[c.person_id], c.strength)
            for c in contacts
            if c.person_id in people
        ]
        return sorted(found)

    def staff_account_counts(self, account_ids: Collection[str]) -> list[tuple[str, int, int]]:
        """(staff id, accounts, people) for every staff member with a current contact in
        ``account_ids``: most accounts first, then most people, then id."""
        accounts: dict[str, set[str]] = {}
        people: dict[str, set[str]] = {}
        for staff_id, person_id, account_id, _ in self.staff_reach(account_ids):
            accounts.setdefault(staff_id, set()).add(account_id)
            people.setdefault(staff_id, set()).add(person_id)
        return sorted(
            ((s, len(a), len(people[s])) for s, a in accounts.items()),
            key=lambda r: (-r[1], -r[2], r[0]),
        )

    def interaction_columns(
        self, account_ids: Collection[str], *, since: date, until: date, as_of: date | None = None
    ) -> InteractionColumns:
        """The interactions of ``account_ids`` dated ``since`` to ``until`` as plain columns
        (current versions, or those valid ``as_of``); see stores/interaction_columns.py."""
        rows = self._read("interactions", account_ids=account_ids, as_of=as_of)
        return InteractionColumns.of_records(records_of(Interaction, rows), since, until)

    def account_ties(self, account_ids: Collection[str]) -> list[Tie]:
        """The current ties kept in ``account_ids`` (one read), cross-account ones included."""
        return records_of(Tie, self._read("ties", account_ids=account_ids, as_of=None))

    def accounts_of_people(self, person_ids: Collection[str]) -> dict[str, str]:
        """The account of each current person among ``person_ids`` (unknown ones left out)."""
        return self._accounts_of("people", person_ids) if person_ids else {}
