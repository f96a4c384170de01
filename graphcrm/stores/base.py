"""GraphStore: the one interface every store implements, and the history rules they share.

History. Every record is kept as versions, each valid from one date until the
next version (or a deletion) ends it. A write on day D ends the current version
of each changed record at D and starts a new one; an unchanged record writes
nothing, so importing the same rows twice changes nothing. An attitude holds
from its own ``as_of`` date (it is a dated reading). A read ``as_of`` a date
sees the versions valid on that date; without ``as_of`` it sees the current
ones. Nothing is overwritten: ended versions stay in the store (``history``).

Write versions. Every unit of work that changes records raises, in the same
unit, a counter per account it touches, and one store-wide counter for shared
records (staff and competitors, which every account that uses them sees):
``write_version(account_id)`` is the sum of the two, so it moves with every
write that can change what the account's analyses read, and by exactly one per
unit of work (two when one unit touches both the account and shared records).
Readers that cache read the version *before* reading the data: a result is then
never kept under a version newer than the data it was computed from.

Subclasses implement five primitives (``_read``, ``_accounts_of``, ``_apply``,
``_versions``, ``write_version``); everything else, validation included, is
shared here so that every store behaves the same.

Personal data is the one exception to "nothing is overwritten": a person's erasure
(``purge_person``) removes every version of the person and of every record that
names them, through two more primitives (``_person_versions``, ``_purge_person``).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Self

from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from graphcrm.model import (
    GLOBAL_TABLES,
    TABLES,
    Account,
    Action,
    Attitude,
    Competitor,
    Contact,
    Dataset,
    Plan,
    Record,
    Staff,
    Tie,
    check_integrity,
    record_account,
)
from graphcrm.model.integrity import Locator
from graphcrm.model.portfolio_integrity import account_kinds, tie_scope
from graphcrm.stores.cross_account import CrossAccountReads
from graphcrm.stores.expected import Expected, VersionMoved
from graphcrm.stores.write_context import leaf_context
from graphcrm.stores.write_rules import dated_attitudes, id_clashes, records_of

__all__ = [
    "PERSON_FIELDS",
    "PERSON_TABLES",
    "SEARCH_FIELDS",
    "SHARED_SCOPE",
    "Expected",
    "GraphStore",
    "TableChanges",
    "Version",
    "VersionMoved",
    "WriteReport",
]

#: The write-version scope of shared records (staff, competitors); never an account id
#: (ids start with a letter or digit). Not empty: FalkorDB finds no indexed empty string.
SHARED_SCOPE = "*shared"

Key = tuple[str, ...]
#: Which tables refer to people, and through which fields: used to end a person's records
#: (and by the write scope's and the graph patch's same questions).
PERSON_FIELDS: dict[str, tuple[str, ...]] = {
    "ties": ("source_id", "target_id"),
    "contacts": ("person_id",),
    "attitudes": ("person_id",),
    "decision_roles": ("person_id",),
    "plans": ("person_id",),
    "actions": ("person_id",),
}
# Every table holding records about a person: the person's own versions, then the
# records naming them; interactions name people in their ``person_ids`` list, so each
# store finds them its own way, and an erasure drops the person from the list (an
# interaction left with no customer person goes too).
PERSON_TABLES: tuple[str, ...] = ("people", *PERSON_FIELDS, "interactions", "role_slots")
# What "find anyone" looks in (DESIGN.md "Editing where you read"), per table searched.
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "accounts": ("name", "id"),
    "people": ("name", "title", "department"),
    "staff": ("name", "title", "team"),
}


@dataclass(frozen=True)
class Version:
    """One stored version of a record and the dates it holds for."""

    record: Record
    account_id: str | None
    valid_from: date
    valid_to: date | None
    recorded_at: str


@dataclass
class TableChanges:
    """What one write does to one table: versions to end, versions to start."""

    end: list[tuple[Key, date]] = field(default_factory=list)
    start: list[tuple[Record, str | None, date]] = field(default_factory=list)


@dataclass
class WriteReport:
    """Per table: records created, updated (a new version) and unchanged."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    #: When the new versions were recorded (None: nothing changed); not part of equality,
    #: so two stores' reports of the same write compare equal.
    recorded_at: str | None = field(default=None, compare=False)

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


class GraphStore(CrossAccountReads, ABC):
    """Accounts, their people and ties, with history. Knows nothing of analyses."""

    #: True for a file in this process (SQLite): its calls are local work, cheap enough
    #: to run on an event loop (``write_version``, microseconds, read on every cached
    #: read: api/analyses.py; a one-record write of a leaf table, about a millisecond:
    #: api/crud.py); False when they are round trips to a server.
    embedded = False

    # -- public API --------------------------------------------------------------

    def write(
        self,
        data: Dataset,
        *,
        on: date | None = None,
        locate: Locator | None = None,
        expect: Expected | None = None,
    ) -> WriteReport:
        """Validate ``data`` against what is stored, then write all of it in one unit.

        Raises ValidationFailed with every problem (and writes nothing) when any
        row is invalid in its context; ConflictError when a record already has a
        version from a later date than this write's; VersionMoved (nothing
        written) when ``expect`` no longer holds at the moment of writing.
        """
        on = on or date.today()
        data = dated_attitudes(data, on)
        existing, valid_from = self._context(data)
        errors = check_integrity(data, existing, locate)
        errors += id_clashes(data, existing, locate)
        if errors:
            raise ValidationFailed(errors)
        person_account = {p.id: p.account_id for p in [*existing.people, *data.people]}
        opportunity_account = {
            o.id: o.account_id for o in [*existing.opportunities, *data.opportunities]
        }
        # The accounts an ended version belonged to (a person may be moving away from one).
        was_person = {p.id: p.account_id for p in existing.people}
        was_opportunity = {o.id: o.account_id for o in existing.opportunities}
        scopes: set[str] = set()
        kinds = account_kinds(existing.accounts, data.accounts)
        current = {table: {r.key: r for r in existing.table(table)} for table in TABLES}
        report = WriteReport()
        changes: dict[str, TableChanges] = {}
        conflicts: list[str] = []
        for table, records in data.tables():
            tc = changes[table] = TableChanges()
            created = updated = unchanged = 0
            for rec in records:
                starts = rec.effective_date(on)
                old = current[table].get(rec.key)
                if old is not None and old == rec:
                    unchanged += 1
                    continue
                if old is not None:
                    since = valid_from[table][rec.key]
                    if starts < since:
                        conflicts.append(
                            f"{table} {'/'.join(rec.key)}: has a version from {since}, "
                            f"later than this write's date {starts}"
                        )
                        continue
                    tc.end.append((rec.key, starts))
                    updated += 1
                    was = record_account(table, old, was_person, was_opportunity)
                    if isinstance(old, Tie):
                        was = tie_scope(old, was_person, kinds)
                    scopes.add(_scope(was))
                else:
                    created += 1
                acct = record_account(table, rec, person_account, opportunity_account)
                if isinstance(rec, Tie):  # a tie from an outside party: kept with the customer
                    acct = tie_scope(rec, person_account, kinds)
                tc.start.append((rec, acct, starts))
                scopes.add(_scope(acct))
            report.created[table], report.updated[table] = created, updated
            report.unchanged[table] = unchanged
        if conflicts:
            raise ConflictError("history only moves forward; " + "; ".join(conflicts[:10]))
        if any(tc.end or tc.start for tc in changes.values()):
            report.recorded_at = _now()
            self._apply_expecting(changes, report.recorded_at, scopes, expect)
        elif expect is not None:
            self._check_expected(expect)
        return report

    def delete(
        self, table: str, key: Key, *, on: date | None = None, expect: Expected | None = None
    ) -> int:
        """End a record (and what hangs on it) as of ``on``; returns versions ended.

        Deleting an account ends everything in it; a person, their ties, contacts,
        attitudes, roles, plan and actions (a role slot they fill stays, read as unfilled);
        an opportunity, its decision roles and role slots;
        a staff member, their contacts; a competitor, attitudes toward it. A staff
        member who still owns a plan or action cannot be deleted (ConflictError).
        ``expect``: as for ``write`` (VersionMoved, nothing ended).
        """
        on = on or date.today()
        if table not in TABLES:
            raise NotFoundError(f"unknown table {table!r}")
        scope = self._scope_of(table, key)
        data = self.account_data(scope, as_of=None) if scope else None
        ends: dict[str, list[Key]] = {table: [key]}
        if table == "accounts" and data is not None:
            for name, records in data.tables():
                if name not in GLOBAL_TABLES and name != "accounts":
                    ends[name] = [r.key for r in records]
        elif table == "people" and data is not None:
            for name, fields in PERSON_FIELDS.items():
                ends[name] = [
                    r.key for r in data.table(name) if any(getattr(r, f) == key[0] for f in fields)
                ]
        elif table == "opportunities" and data is not None:
            for name in ("decision_roles", "role_slots"):  # the chain goes with it
                ends[name] = [r.key for r in data.table(name) if r.opportunity_id == key[0]]  # type: ignore[attr-defined]
        elif table in ("staff", "competitors"):
            ends.update(self._global_dependants(table, key[0]))
        changes = {name: TableChanges(end=[(k, on) for k in keys]) for name, keys in ends.items()}
        # Ending shared records (and their dependants in any account) moves every account.
        self._apply_expecting(changes, _now(), {_scope(scope)}, expect)
        return sum(len(keys) for keys in ends.values())

    def accounts(self, *, as_of: date | None = None) -> list[Account]:
        """Every account, sorted by id."""
        records = records_of(Account, self._read("accounts", account_ids=None, as_of=as_of))
        return sorted(records, key=lambda a: a.id)

    def staff(self, *, as_of: date | None = None) -> list[Staff]:
        return sorted(
            records_of(Staff, self._read("staff", account_ids=None, as_of=as_of)),
            key=lambda s: s.key,
        )

    def competitors(self, *, as_of: date | None = None) -> list[Competitor]:
        return sorted(
            records_of(Competitor, self._read("competitors", account_ids=None, as_of=as_of)),
            key=lambda c: c.key,
        )

    def account_data(self, account_id: str, *, as_of: date | None = None) -> Dataset:
        """One account as it stands (or stood ``as_of``), in the import format's tables.

        Staff and competitors are those the account's records refer to.
        Raises NotFoundError for an unknown account (or one not yet created then).
        """
        data = self._load([account_id], as_of)
        if not data.accounts:
            raise NotFoundError(f"no account {account_id!r}" + (f" as of {as_of}" if as_of else ""))
        staff_ids = {c.staff_id for c in data.contacts}
        staff_ids |= {p.owner_staff_id for p in data.plans if p.owner_staff_id}
        staff_ids |= {a.owner_staff_id for a in data.actions if a.owner_staff_id}
        staff_ids |= {s for i in data.interactions for s in i.staff_ids}
        competitor_ids = {a.toward for a in data.attitudes} - {"us"}
        data.staff = [s for s in data.staff if s.id in staff_ids]
        data.competitors = [c for c in data.competitors if c.id in competitor_ids]
        return data

    def accounts_using(self, table: str, ident: str) -> set[str]:
        """The accounts whose current records name one shared record (staff or competitor).

        A staff member: contacts, and plans or actions they own; a competitor:
        attitudes toward it. Those are the accounts a change to it reaches.
        """
        if table == "competitors":
            uses = [("attitudes", "toward")]
        elif table == "staff":
            uses = [
                ("contacts", "staff_id"),
                ("plans", "owner_staff_id"),
                ("actions", "owner_staff_id"),
            ]
        else:
            raise NotFoundError(f"{table!r} is not a shared table")
        people = {
            r.person_id  # type: ignore[attr-defined]
            for name, column in uses
            for r, _ in self._read(name, account_ids=None, as_of=None)
            if getattr(r, column) == ident
        }
        return set(self._accounts_of("people", people).values()) if people else set()

    def search(
        self, text: str, *, account_ids: Collection[str], limit: int
    ) -> dict[str, list[Record]]:
        """Current records whose SEARCH_FIELDS hold ``text`` (a case-insensitive substring:
        ASCII letters fold, Chinese matches as written), per table of SEARCH_FIELDS: the
        accounts and people of ``account_ids``, and every staff member (shared by every
        account). At most ``limit`` per table, by id; one query per table, in the store.
        """
        needle = text.lower()
        return {
            table: self._search(table, needle, None if table == "staff" else account_ids, limit)
            for table in SEARCH_FIELDS
        }

    def history(self, table: str, key: Key) -> list[Version]:
        """Every version of one record, oldest first (ended ones included)."""
        if table not in TABLES:
            raise NotFoundError(f"unknown table {table!r}")
        return sorted(self._versions(table, key), key=lambda v: (v.valid_from, v.recorded_at))

    def current(self, table: str, key: Key) -> Version | None:
        """The current version of one record (the one not ended: at most one), or None.

        What a write checks its record against: one indexed row where the store
        has an index, not the record's whole history, which grows by one version
        with every edit (issue 17, the mixed phase's writes).
        """
        if table not in TABLES:
            raise NotFoundError(f"unknown table {table!r}")
        return self._current(table, key)

    def person_history(self, account_id: str, person_id: str) -> dict[str, list[Version]]:
        """Every version, ended or not, of every record about one person, per table of
        PERSON_TABLES (oldest first): the person's own versions in any account, their
        ties (either end), contacts, attitudes (with assessments), decision roles, plan
        and actions.

        NotFoundError unless the person has a version in ``account_id`` (ids are
        global, so this is how a caller scoped to an account is kept to it).
        """
        found = self._person_versions(person_id)
        if not any(v.account_id == account_id for v in found.get("people", [])):
            raise NotFoundError(f"no person {person_id!r} in account {account_id!r}")
        return {
            table: sorted(
                found.get(table, []), key=lambda v: (v.valid_from, v.recorded_at, v.record.key)
            )
            for table in PERSON_TABLES
        }

    def purge_person(self, account_id: str, person_id: str) -> dict[str, list[Version]]:
        """Remove for good every version of the person and of every record naming them
        (what ``person_history`` returns, which is returned), in one unit of work.

        Unlike ``delete``, this leaves no history: as-of reads no longer see the
        person at any date. NotFoundError (and nothing removed) unless the person
        has a version in ``account_id``.
        """
        removed = self.person_history(account_id, person_id)
        # Every account that held a record about the person reads differently now.
        touched = {v.account_id for vs in removed.values() for v in vs if v.account_id}
        self._purge_person(person_id, touched)
        return removed

    @abstractmethod
    def write_version(self, account_id: str) -> int:
        """How many units of work have changed this account or the shared records
        (one indexed read; 0 for an account never written). It only grows, by one
        per unit of work; an unknown account answers the shared records' count."""

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- primitives each store implements ----------------------------------------

    @abstractmethod
    def _read(
        self, table: str, *, account_ids: Collection[str] | None, as_of: date | None
    ) -> list[tuple[Record, date]]:
        """(record, valid_from) of the versions valid ``as_of`` (None: current ones).

        ``account_ids`` None means every record of the table.
        """

    @abstractmethod
    def _accounts_of(self, table: str, ids: Collection[str]) -> dict[str, str]:
        """The account of each current record with one of these ids (people,
        opportunities or actions: the account-scoped tables keyed by id)."""

    @abstractmethod
    def _apply(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None = None,
    ) -> None:
        """End and start versions as one unit of work (all of it, or none), and raise
        the write version of each scope (account ids, SHARED_SCOPE) in the same unit.

        ``scopes`` None (a caller that does not say) raises the shared scope, which
        moves every account's version: safe, at the cost of every cached result.
        """

    @abstractmethod
    def _search(
        self, table: str, needle: str, account_ids: Collection[str] | None, limit: int
    ) -> list[Record]:
        """The current records of ``table`` (of ``account_ids``; None: all) one of whose
        SEARCH_FIELDS, lower-cased, holds ``needle`` (lower-case); at most ``limit``, by id."""

    @abstractmethod
    def _versions(self, table: str, key: Key) -> list[Version]:
        """All versions of one record."""

    def _current(self, table: str, key: Key) -> Version | None:
        """The version of one record with no end, or None. This default filters
        ``_versions``; a store that can look it up directly overrides it."""
        return next((v for v in self._versions(table, key) if v.valid_to is None), None)

    @abstractmethod
    def _person_versions(self, person_id: str) -> dict[str, list[Version]]:
        """Per table of PERSON_TABLES, every version of every record about the person."""

    @abstractmethod
    def _purge_person(self, person_id: str, scopes: Collection[str]) -> None:
        """Remove every version of the person and of every record naming them, all or
        nothing, leaving no copy the store itself can still read, and raise the write
        version of each scope (the accounts those records were in) in the same unit."""

    def _apply_expecting(
        self,
        changes: dict[str, TableChanges],
        recorded_at: str,
        scopes: Collection[str] | None,
        expect: Expected | None,
    ) -> None:
        """``_apply``, first checking ``expect`` in the same unit of work.

        This default serialises check and write under one lock of this store
        object: atomic among the threads of one process, which is how the
        service runs. A store with transactions (SQLite) overrides it to check
        inside the write's transaction, which also holds across processes.
        """
        if expect is None:
            self._apply(changes, recorded_at, scopes)
            return
        with _expect_lock(self):
            self._check_expected(expect)
            self._apply(changes, recorded_at, scopes)

    def _check_expected(self, expect: Expected) -> None:
        """VersionMoved unless the current version of the record is the expected one."""
        current = self._current(expect.table, expect.key)
        if current is None or current.recorded_at != expect.recorded_at:
            raise VersionMoved(f"{expect.table} {'/'.join(expect.key)!r} has changed meanwhile")

    # -- shared helpers ------------------------------------------------------------

    def _load(self, account_ids: Collection[str], as_of: date | None) -> Dataset:
        data = Dataset()
        for table in TABLES:
            scope = None if table in GLOBAL_TABLES else account_ids
            records = [r for r, _ in self._read(table, account_ids=scope, as_of=as_of)]
            data.table(table).extend(records)
        return data

    def _context(self, data: Dataset) -> tuple[Dataset, dict[str, dict[Key, date]]]:
        """The stored records an incoming dataset touches, with their versions' start dates."""
        leaf = leaf_context(
            data, self._current, lambda t: self._read(t, account_ids=None, as_of=None)
        )
        if leaf is not None:  # a few leaf records: read by key (stores/write_context.py)
            return leaf
        accounts = {a.id for a in data.accounts}
        accounts |= {p.account_id for p in data.people} | {o.account_id for o in data.opportunities}
        accounts |= {v.account_id for v in data.account_values} | {
            o.account_id for o in data.orders
        }
        incoming_people = {p.id for p in data.people}
        referenced = {t.source_id for t in data.ties} | {t.target_id for t in data.ties}
        for table in ("contacts", "attitudes", "decision_roles", "plans", "actions"):
            referenced |= {r.person_id for r in data.table(table)}  # type: ignore[attr-defined]
        referenced |= {p for i in data.interactions for p in i.person_ids}
        referenced |= {s.person_id for s in data.role_slots if s.person_id}
        accounts |= set(self._accounts_of("people", referenced - incoming_people).values())
        incoming_opps = {o.id for o in data.opportunities}
        opps = {r.opportunity_id for r in data.decision_roles} - incoming_opps
        opps |= {s.opportunity_id for s in data.role_slots} - incoming_opps
        accounts |= set(self._accounts_of("opportunities", opps).values())
        # A record keyed by id that is stored in another account moves: load that account too.
        for table in ("people", "opportunities", "actions", "interactions", "role_slots"):
            ids = {r.key[0] for r in data.table(table)}
            accounts |= set(self._accounts_of(table, ids).values())
        existing = Dataset()
        valid_from: dict[str, dict[Key, date]] = {}
        for table in TABLES:
            scope = None if table in GLOBAL_TABLES else accounts
            rows = self._read(table, account_ids=scope, as_of=None) if scope != set() else []
            existing.table(table).extend(r for r, _ in rows)
            valid_from[table] = {r.key: since for r, since in rows}
        if any(a.parent_id for a in data.accounts):
            # A parent may be any stored account, and a cycle may run through any of them.
            rows = self._read("accounts", account_ids=None, as_of=None)
            existing.accounts = records_of(Account, rows)
            valid_from["accounts"] = {r.key: since for r, since in rows}
        return existing, valid_from

    def _scope_of(self, table: str, key: Key) -> str | None:
        """The account a stored record belongs to; NotFoundError if it is not stored."""
        version = self._current(table, key)
        if version is None:
            raise NotFoundError(f"no {table} record {'/'.join(key)!r}")
        return version.account_id

    def _global_dependants(self, table: str, ident: str) -> dict[str, list[Key]]:
        if table == "competitors":
            atts = records_of(Attitude, self._read("attitudes", account_ids=None, as_of=None))
            return {"attitudes": [r.key for r in atts if r.toward == ident]}
        plans = records_of(Plan, self._read("plans", account_ids=None, as_of=None))
        actions = records_of(Action, self._read("actions", account_ids=None, as_of=None))
        owned: list[Plan | Action] = [p for p in plans if p.owner_staff_id == ident]
        owned += [a for a in actions if a.owner_staff_id == ident]
        if owned:
            raise ConflictError(f"staff {ident!r} still owns {len(owned)} plan(s) or action(s)")
        contacts = records_of(Contact, self._read("contacts", account_ids=None, as_of=None))
        return {"contacts": [r.key for r in contacts if r.staff_id == ident]}


def _expect_lock(store: GraphStore) -> threading.Lock:
    """The lock that serialises guarded writes to one store object (made on first use;
    ``dict.setdefault`` is atomic, so two threads get the same lock)."""
    lock: threading.Lock = vars(store).setdefault("_expect_lock", threading.Lock())
    return lock


def _scope(account_id: str | None) -> str:
    """The write-version scope of a record: its account, or SHARED_SCOPE for shared ones."""
    return SHARED_SCOPE if account_id is None else account_id


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
