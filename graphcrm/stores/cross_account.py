"""The store reads across accounts (DESIGN.md "Account portfolio", "Interactions"): one
read per table over many accounts for the portfolio and who-knows-whom, never one
account load per account. A mixin of ``GraphStore``; the stores answer through their
``_read`` and ``_accounts_of`` (and may override a read with one query of their own).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from datetime import date

from graphcrm.model import Contact, Dataset, Interaction, Person, Record, Tie
from graphcrm.stores.interaction_columns import InteractionColumns
from graphcrm.stores.write_rules import records_of

__all__ = ["CrossAccountReads", "named_people"]


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

    def reach_data(
        self,
        account_ids: Collection[str],
        *,
        as_of: date | None = None,
        staff_ids: Collection[str] | None = None,
        person_ids: Collection[str] | None = None,
        since: date | None = None,
    ) -> Dataset:
        """Who-knows-whom's read (DESIGN.md "Interactions": every read uses the effective
        strength): the contacts and interactions of ``account_ids`` as they stood
        ``as_of`` and the people of those accounts they name, one read per table, not
        one account load per account. ``staff_ids`` keeps the contacts of those staff
        and the interactions naming one of them; ``person_ids`` the contacts with and
        the interactions naming one of those people (both: both hold); ``since`` keeps
        the interactions dated on or after it. A pair's effective strength depends only
        on its own contact and interactions, so a filtered read gives its pairs exactly.
        Stores answer it with a filtered query; this one filters their table reads."""
        data = Dataset()
        contacts = records_of(Contact, self._read("contacts", account_ids=account_ids, as_of=as_of))
        data.contacts = [
            c for c in contacts if _pair_kept(c.staff_id, c.person_id, staff_ids, person_ids)
        ]
        found = records_of(
            Interaction, self._read("interactions", account_ids=account_ids, as_of=as_of)
        )
        data.interactions = [
            i
            for i in found
            if _names(i, staff_ids, person_ids) and (since is None or i.date >= since)
        ]
        named = named_people(data.contacts, data.interactions)
        people = self._read("people", account_ids=account_ids, as_of=as_of)
        data.people = [p for p in records_of(Person, people) if p.id in named]
        return data

    def contact_homes(
        self, account_ids: Collection[str], *, as_of: date | None = None
    ) -> list[tuple[str, str, str, date | None]]:
        """(staff id, person id, the person's account, their ``left_on``) of every contact
        of ``account_ids`` valid ``as_of`` whose person is one of those accounts' then:
        who-knows-whom's recorded pairs without a record per row (SQLite: one join)."""
        rows = self._read("contacts", account_ids=account_ids, as_of=as_of)
        people = self._read("people", account_ids=account_ids, as_of=as_of)
        home = {p.id: (p.account_id, p.left_on) for p in records_of(Person, people)}
        return [
            (c.staff_id, c.person_id, *home[c.person_id])
            for c in records_of(Contact, rows)
            if c.person_id in home
        ]

    def interaction_columns(
        self, account_ids: Collection[str], *, since: date, until: date, as_of: date | None = None
    ) -> InteractionColumns:
        """The interactions of ``account_ids`` dated ``since`` to ``until`` as plain columns
        (current versions, or those valid ``as_of``); see stores/interaction_columns.py."""
        rows = self._read("interactions", account_ids=account_ids, as_of=as_of)
        return InteractionColumns.of_records(records_of(Interaction, rows), since, until)

    def account_ties(self, account_ids: Collection[str], *, as_of: date | None = None) -> list[Tie]:
        """The ties kept in ``account_ids`` (one read: SQL on SQLite, Cypher on the Cypher
        store), cross-account ones included: the current ones, or those valid ``as_of``."""
        return records_of(Tie, self._read("ties", account_ids=account_ids, as_of=as_of))

    def accounts_of_people(self, person_ids: Collection[str]) -> dict[str, str]:
        """The account of each current person among ``person_ids`` (unknown ones left out)."""
        return self._accounts_of("people", person_ids) if person_ids else {}


def named_people(contacts: Collection[Contact], interactions: Collection[Interaction]) -> set[str]:
    """The people the contacts and the interactions name."""
    return {c.person_id for c in contacts} | {p for i in interactions for p in i.person_ids}


def _pair_kept(
    staff_id: str,
    person_id: str,
    staff_ids: Collection[str] | None,
    person_ids: Collection[str] | None,
) -> bool:
    return (staff_ids is None or staff_id in staff_ids) and (
        person_ids is None or person_id in person_ids
    )


def _names(
    interaction: Interaction, staff_ids: Collection[str] | None, person_ids: Collection[str] | None
) -> bool:
    """The interaction names one of ``staff_ids`` and one of ``person_ids`` (each if given)."""
    staff = staff_ids is None or any(s in staff_ids for s in interaction.staff_ids)
    return staff and (person_ids is None or any(p in person_ids for p in interaction.person_ids))
