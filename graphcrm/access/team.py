"""One team's view of the graph store: only the accounts it owns, and only what its key may do.

Every read and write of account data by a principal goes through ``TeamStore``:
an account the team does not own answers NotFoundError worded exactly as for
an account that does not exist; records are found only inside the account
they are asked for; a write may reach only the team's accounts (see
``graphcrm.access.scope``); a read-only key cannot write. Staff and
competitors are shared by every team: any key that may write can add new
ones, but changing or deleting one (which every team's accounts see, and a
deletion ends their contacts or attitudes everywhere) needs an admin key,
and an operator key once an account outside the team uses it (see
``graphcrm.access.shared``). A new record whose id is taken is refused in the
same words whoever holds the id (see ``create``).
``on_write`` is told which accounts a write changed (None: all of them, after
a change to shared records), so callers can drop cached results. A write of
one record of one account is first offered to ``on_patch`` as a
``RecordChange`` (``graphcrm.graph_patch``): if it answers True (it patched its
cached graphs and dropped the results), ``on_write`` is not told.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import cast

from graphcrm.access.errors import PermissionDenied, StaleWrite, TooManyRows
from graphcrm.access.etag import Tagged, etag_matches, record_etag, stale_write, version_etag
from graphcrm.access.scope import id_taken, write_scope
from graphcrm.access.shared import used_outside
from graphcrm.access.store import AccessStore, Principal
from graphcrm.access.tables import Table
from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from graphcrm.graph_patch import PATCHABLE, RecordChange
from graphcrm.io import ImportLimits, ImportResult, load_bytes
from graphcrm.model import (
    GLOBAL_TABLES,
    TABLES,
    Account,
    Action,
    Attitude,
    Competitor,
    Contact,
    Dataset,
    DecisionRole,
    DecisionRoleAssignment,
    Interaction,
    Opportunity,
    Person,
    Plan,
    Record,
    RoleSlot,
    Staff,
    Tie,
    TieType,
)
from graphcrm.model.integrity import Locator
from graphcrm.plans.owners import foreign_owner_errors
from graphcrm.stores.base import Expected, GraphStore, Key, Version, VersionMoved, WriteReport
from graphcrm.stores.no_wait import WriterBusy, not_waiting

__all__ = ["NOUNS", "TeamStore", "WriteListener", "account_owners", "write_order"]

WriteListener = Callable[[Collection[str] | None], None]
PatchListener = Callable[[RecordChange], bool]
#: How often ``patch`` re-reads and re-applies a patch sent without If-Match when
#: another write lands between its read and its write.
PATCH_ATTEMPTS = 3

NOUNS = {
    "accounts": "account",
    "staff": "staff member",
    "competitors": "competitor",
    "people": "person",
    "opportunities": "opportunity",
    "ties": "tie",
    "contacts": "contact",
    "attitudes": "attitude",
    "decision_roles": "decision role",
    "plans": "plan",
    "actions": "action",
    "interactions": "interaction",
    "role_slots": "role slot",
}


def _valid_at(versions: list[Version], as_of: date) -> Version | None:
    for v in versions:
        if v.valid_from <= as_of and (v.valid_to is None or v.valid_to > as_of):
            return v
    return None


def _not_found(table: str, key: Key) -> NotFoundError:
    return NotFoundError(f"no {NOUNS[table]} {'/'.join(key)!r}")


def _name(table: str, key: Key) -> str:
    return f"{NOUNS[table]} {'/'.join(key)!r}"


class TeamStore:
    """A principal's window on a GraphStore (one per request; cheap to make)."""

    def __init__(
        self,
        store: GraphStore,
        access: AccessStore,
        principal: Principal,
        *,
        on_write: WriteListener | None = None,
        on_patch: PatchListener | None = None,
    ) -> None:
        self.store = store
        self.access = access
        self.principal = principal
        self._on_write = on_write
        self._on_patch = on_patch
        self._owned: set[str] = set()
        # Typed accessors, one per table: each goes through the methods below. Typed by
        # annotation, not by calling Table[...]: that call costs ~1 us a table per request.
        self.accounts_table: Table[Account, str] = Table(self, "accounts", Account)
        self.staff: Table[Staff, str] = Table(self, "staff", Staff)
        self.competitors: Table[Competitor, str] = Table(self, "competitors", Competitor)
        self.people: Table[Person, str] = Table(self, "people", Person)
        self.opportunities: Table[Opportunity, str] = Table(self, "opportunities", Opportunity)
        self.ties: Table[Tie, TieType, str, str] = Table(self, "ties", Tie)
        self.contacts: Table[Contact, str, str] = Table(self, "contacts", Contact)
        self.attitudes: Table[Attitude, str, str, date] = Table(self, "attitudes", Attitude)
        self.decision_roles: Table[DecisionRoleAssignment, str, str, DecisionRole] = Table(
            self, "decision_roles", DecisionRoleAssignment
        )
        self.plans: Table[Plan, str] = Table(self, "plans", Plan)
        self.actions: Table[Action, str] = Table(self, "actions", Action)
        self.interactions: Table[Interaction, str] = Table(self, "interactions", Interaction)
        self.role_slots: Table[RoleSlot, str] = Table(self, "role_slots", RoleSlot)

    # -- visibility ---------------------------------------------------------------------

    def require_account(self, account_id: str) -> str:
        """``account_id`` if the team owns it; NotFoundError, as for a missing account, if not."""
        if account_id in self._owned:
            return account_id
        if not self.access.owns(self.principal.team_id, account_id):
            raise NotFoundError(f"no account {account_id!r}")
        self._owned.add(account_id)
        return account_id

    def accounts(self, *, as_of: date | None = None) -> list[Account]:
        """The team's accounts (as they stood ``as_of``), sorted by id."""
        owned = self.access.owned_accounts(self.principal.team_id)
        return [a for a in self.store.accounts(as_of=as_of) if a.id in owned]

    def account_data(self, account_id: str, *, as_of: date | None = None) -> Dataset:
        return self.store.account_data(self.require_account(account_id), as_of=as_of)

    # -- records --------------------------------------------------------------------------

    def records(
        self, table: str, account_id: str | None, *, as_of: date | None = None
    ) -> list[Record]:
        """Every record of ``table`` in one account (None: a shared table), sorted by key."""
        if table == "staff":
            return list(self.store.staff(as_of=as_of))
        if table == "competitors":
            return list(self.store.competitors(as_of=as_of))
        if account_id is None:
            raise NotFoundError(f"the {table} table belongs to accounts; name one")
        data = self.account_data(account_id, as_of=as_of)
        return sorted(data.table(table), key=lambda r: r.key)

    def get(
        self, table: str, key: Key, account_id: str | None, *, as_of: date | None = None
    ) -> Record:
        """One record by key, inside ``account_id`` (None for staff and competitors)."""
        version = self._version(table, key, account_id, as_of)
        if version is None:
            raise _not_found(table, key)
        return version.record

    def create(self, table: str, record: Record, account_id: str | None) -> Record:
        """Write a record that does not exist yet (ConflictError if it does).

        Creating an account makes the team its owner. Ids are global, so a
        record keyed by id (account, person, opportunity, action, staff member,
        competitor) whose id any current record holds, in this team's accounts
        or any other, or an account id another team owns, is refused with one
        answer, 409 "<noun> id '<id>' is taken; choose another id", that does
        not say where the id is used.
        """
        self._writable()
        allowed = [] if account_id is None else [self.require_account(account_id)]
        if id_taken(self.store, self.access, self.principal.team, table, record.key):
            raise ConflictError(f"{NOUNS[table]} id {record.key[0]!r} is taken; choose another id")
        if table == "accounts":
            return self._create_account(record)
        if isinstance(record, Attitude) and record.as_of is None:
            record = record.model_copy(update={"as_of": date.today()})
        data = _one(table, record)
        scope = write_scope(self.store, data, allowed)
        if self._version(table, record.key, None, None, scoped=False) is not None:
            raise ConflictError(f"{NOUNS[table]} {'/'.join(record.key)!r} already exists")
        self._check_owners(data)
        with _in_write_order(self.store), self._writing(account_id, table):
            self.store.write(data)
            change = RecordChange(account_id or "", table, record)
            self._changed(scope.accounts, scope.global_tables, change)
        return record

    def tagged(
        self, table: str, key: Key, account_id: str | None, *, as_of: date | None = None
    ) -> Tagged[Record]:
        """``get``, with the ETag of the version read (see ``graphcrm.access.etag``)."""
        version = self._version(table, key, account_id, as_of)
        if version is None:
            raise _not_found(table, key)
        return Tagged(version.record, version_etag(table, version))

    def update(
        self, table: str, record: Record, account_id: str | None, *, if_match: str | None = None
    ) -> Record:
        """Write a new version of a record that exists in ``account_id`` (NotFoundError if not).

        The whole record is replaced. ``if_match`` (an ETag, a list of them, or
        ``*``): StaleWrite, nothing written, unless it names the current version;
        the check and the write are one unit of work in the store. None: no check
        (the last writer wins, as before optimistic concurrency).
        """
        return self.save(table, record, account_id, if_match=if_match).record

    def save(
        self, table: str, record: Record, account_id: str | None, *, if_match: str | None = None
    ) -> Tagged[Record]:
        """``update``, answering the record written with the ETag of its new version."""
        self._writable()
        if table in GLOBAL_TABLES:
            self._shared_change([record.key[0]], table)
        version = self._version(table, record.key, account_id, None)
        if version is None:
            raise _not_found(table, record.key)
        expect = self._expected(table, version, if_match)
        allowed = [] if account_id is None else [self.require_account(account_id)]
        data = _one(table, record)
        scope = write_scope(self.store, data, allowed)
        self._check_owners(data)
        # This process's writes patch its graphs in order; readers of the new version wait
        # for the patch rather than build the graph again (``_writing``).
        with _in_write_order(self.store), self._writing(account_id, table):
            try:
                report = self.store.write(data, expect=expect)
            except VersionMoved:
                raise self._stale(table, record.key, if_match or "") from None
            if report.changed:
                change = RecordChange(account_id or "", table, record, before=version.record)
                self._changed(scope.accounts | set(allowed), scope.global_tables, change)
        if report.recorded_at is None:
            return Tagged(record, version_etag(table, version))
        return Tagged(record, record_etag(table, record.key, report.recorded_at))

    def patch(
        self,
        table: str,
        key: Key,
        account_id: str | None,
        change: Callable[[Record], Record],
        *,
        if_match: str | None = None,
    ) -> Tagged[Record]:
        """Write ``change(current record)`` as the record's new version (a partial update).

        ``change`` may raise (a validation error): nothing is written. With
        ``if_match``: StaleWrite unless it names the current version. Without:
        the change is applied to the version read, and written only if that is
        still current; if another write came between, it is read and applied
        again (up to PATCH_ATTEMPTS times), so a partial update never undoes a
        concurrent one's other fields.
        """
        self._writable()  # a read-only key is refused before its patch is looked at
        for attempt in range(1, PATCH_ATTEMPTS + 1):
            read = self.tagged(table, key, account_id)
            guard = if_match or read.etag
            try:
                return self.save(table, change(read.record), account_id, if_match=guard)
            except StaleWrite:
                if if_match is not None or attempt == PATCH_ATTEMPTS:
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def delete(
        self, table: str, key: Key, account_id: str | None, *, if_match: str | None = None
    ) -> int:
        """End a record (and what hangs on it) today; returns how many versions ended.

        ``if_match``: as for ``update`` (StaleWrite, nothing ended).
        """
        self._writable()
        if table in GLOBAL_TABLES:
            self._shared_change([key[0]], table)
        version = self._version(table, key, account_id, None)
        if version is None:
            raise _not_found(table, key)
        try:
            ended = self.store.delete(table, key, expect=self._expected(table, version, if_match))
        except VersionMoved:
            raise self._stale(table, key, if_match or "") from None
        change = RecordChange(account_id or "", table, ended=key, before=version.record)
        self._changed([account_id] if account_id else [], table in GLOBAL_TABLES, change)
        return ended

    def write(
        self, data: Dataset, *, on: date | None = None, locate: Locator | None = None
    ) -> WriteReport:
        """Write a whole dataset (an import): all of it, or none if any row is wrong.

        Rows may reach only the team's accounts; new accounts become the team's.
        """
        self._writable()
        for table in GLOBAL_TABLES:
            changed = [r.key[0] for r in data.table(table) if self._differs(table, r)]
            if changed:
                self._shared_change(changed, table)
        owned = self.access.owned_accounts(self.principal.team_id)
        foreign = {a for a, team in self.access.owners().items() if team != self.principal.team}
        scope = write_scope(self.store, data, owned, locate=locate, foreign=foreign)
        self._check_owners(data, locate)
        claimed = self.access.claim(self.principal.team_id, scope.new_accounts)
        try:
            report = self.store.write(data, on=on, locate=locate)
        except BaseException:
            self.access.release(self.principal.team_id, claimed)
            raise
        shared = any(report.created.get(t) or report.updated.get(t) for t in GLOBAL_TABLES)
        if report.changed:
            self._changed(scope.accounts | scope.new_accounts, shared)
        return report

    def import_bytes(
        self,
        content: bytes,
        filename: str,
        *,
        on: date | None = None,
        max_rows: int | None = None,
        limits: ImportLimits | None = None,
    ) -> ImportResult:
        """Import an uploaded file (zip of CSVs, .xlsx, .json, one table's .csv): all or nothing.

        Every row is read and validated first (ValidationFailed lists every
        problem with file, row and column, headers as written); more than
        ``max_rows`` rows is TooManyRows; past one of ``limits`` (sizes of a zip
        or .xlsx, JSON nesting) ImportTooLarge; then ``write`` as above.
        """
        self._writable()
        validated = load_bytes(content, filename, limits=limits)
        data = validated.dataset
        if max_rows is not None and len(data) > max_rows:
            raise TooManyRows(
                f"the import holds {len(data)} rows; at most {max_rows} are accepted at once; "
                "nothing was written"
            )
        try:
            report = self.write(data, on=on, locate=validated.locate)
        except ValidationFailed as exc:
            raise ValidationFailed([validated.as_written(e) for e in exc.errors]) from None
        return ImportResult(
            dataset=data,
            report=report,
            rows={table: len(data.table(table)) for table in TABLES},
            sources={table: place.source for table, place in validated.places.items()},
        )

    # -- helpers -------------------------------------------------------------------------

    def _create_account(self, account: Record) -> Record:
        account_id = account.key[0]
        data = _one("accounts", account)
        owned = self.access.owns(self.principal.team_id, account_id)
        scope = write_scope(self.store, data, [account_id] if owned else [])
        if not scope.new_accounts:
            raise ConflictError(f"account id {account_id!r} is taken; choose another id")
        claimed = self.access.claim(self.principal.team_id, scope.new_accounts)
        try:
            self.store.write(data)
        except BaseException:
            self.access.release(self.principal.team_id, claimed)
            raise
        self._changed(scope.new_accounts, False)
        return account

    def _version(
        self,
        table: str,
        key: Key,
        account_id: str | None,
        as_of: date | None,
        *,
        scoped: bool = True,
    ) -> Version | None:
        if scoped and account_id is not None:
            self.require_account(account_id)
        if as_of is None:
            version = self.store.current(table, key)
        else:
            version = _valid_at(self.store.history(table, key), as_of)
        if version is None or (scoped and version.account_id != account_id):
            return None
        return version

    def _expected(self, table: str, version: Version, if_match: str | None) -> Expected | None:
        """The store precondition an ``If-Match`` asks for (StaleWrite if it already fails)."""
        if if_match is None:
            return None
        if not etag_matches(if_match, version_etag(table, version)):
            raise self._stale(table, version.record.key, if_match)
        return Expected(table, version.record.key, version.recorded_at)

    def _stale(self, table: str, key: Key, if_match: str) -> StaleWrite:
        return stale_write(table, _name(table, key), self.store.history(table, key), if_match)

    def _check_owners(self, data: Dataset, locate: Locator | None = None) -> None:
        """Refuse plans and actions owned by staff of another access team (ValidationFailed).

        The rule is :func:`graphcrm.plans.owners.foreign_owner_errors`; it holds for
        every write of the team, record by record or a whole import.
        """
        rows = [
            (table, i, record)
            for table in ("plans", "actions")
            for i, record in enumerate(data.table(table))
            if isinstance(record, Plan | Action) and record.owner_staff_id
        ]
        if not rows:
            return
        staff = {s.id: s for s in self.store.staff()} | {s.id: s for s in data.staff}
        teams = [t.name for t in self.access.teams()]
        errors = foreign_owner_errors(rows, staff, team=self.principal.team, teams=teams)
        if locate is not None:
            placed = []
            for e in errors:
                source, row = locate(e.table, e.row or 0)
                placed.append(replace(e, row=row, source=source))  # its kind kept
            errors = placed
        else:
            errors = [replace(e, row=None) for e in errors]
        if errors:
            raise ValidationFailed(errors)

    def _differs(self, table: str, record: Record) -> bool:
        """Whether ``record`` would change a stored record (not create one)."""
        current = self.store.current(table, record.key)
        return current is not None and current.record != record

    def _shared_change(self, ids: list[str], table: str) -> None:
        """Refuse changing or deleting shared records this key may not (see module docstring)."""
        if not self.principal.admin:
            raise PermissionDenied(
                f"{NOUNS[table]} {', '.join(repr(i) for i in ids[:10])} is shared by every team; "
                "changing or deleting shared records needs an admin key (new ones need not)",
                code="admin_required",
            )
        if self.principal.operator:
            return
        owned = self.access.owned_accounts(self.principal.team_id)
        outside = used_outside(self.store, table, ids, owned)
        if outside:
            raise PermissionDenied(
                f"{NOUNS[table]} {', '.join(repr(i) for i in outside[:10])} is used by accounts "
                "outside your team; changing or deleting it needs an operator key",
                code="operator_required",
            )

    def _writable(self) -> None:
        if self.principal.read_only:
            raise PermissionDenied("this API key is read-only", code="read_only_key")

    def _writing(self, account_id: str | None, table: str) -> AbstractContextManager[object]:
        """``on_patch``'s ``writing(account)`` mark around a one-record write it may patch
        (a listener without one, or another write: nothing)."""
        mark = getattr(self._on_patch, "writing", None)
        if mark is None or not account_id or table not in PATCHABLE:
            return contextlib.nullcontext()
        return cast(AbstractContextManager[object], mark(account_id))

    def _changed(
        self, accounts: Collection[str], shared: bool, change: RecordChange | None = None
    ) -> None:
        if (
            change is not None
            and self._on_patch is not None
            and not shared
            and change.table in PATCHABLE
            and set(accounts) == {change.account_id}
            and self._on_patch(change)
        ):
            return
        if self._on_write is not None:
            self._on_write(None if shared else set(accounts))


def write_order(store: GraphStore) -> threading.Lock:
    """The lock one process holds from a record's write to the end of its ``on_patch``:
    the account's write version then moves by one between a cached graph and the write
    patched into it, so a burst of this process's writes patches its graphs one after
    another instead of dropping them (issue 17 "Writes patch, not drop"). Made on first
    use; ``dict.setdefault`` is atomic, so two threads get the same lock."""
    lock: threading.Lock = vars(store).setdefault("_write_order_lock", threading.Lock())
    return lock


@contextlib.contextmanager
def _in_write_order(store: GraphStore) -> Iterator[None]:
    """Hold ``write_order``; inside ``without_waiting`` (a write on the event loop) not
    waiting for it: WriterBusy, before anything is written, if another write holds it."""
    lock = write_order(store)
    if not lock.acquire(blocking=not not_waiting()):
        raise WriterBusy("another write of this process is under way")
    try:
        yield
    finally:
        lock.release()


def _one(table: str, record: Record) -> Dataset:
    data = Dataset()
    data.table(table).append(record)
    return data


def account_owners(
    store: GraphStore, access: AccessStore
) -> list[tuple[str, str | None, str | None]]:
    """(account id, name or None, owning team or None) for every account stored or owned.

    An admin's view across teams: stored accounts no team owns show ``None`` as
    team; owned ids with no current account (deleted, or assigned ahead of an
    import) show ``None`` as name.
    """
    names = {a.id: a.name for a in store.accounts()}
    owners = access.owners()
    return [(i, names.get(i), owners.get(i)) for i in sorted(names.keys() | owners.keys())]
