"""Which accounts a write touches, and refusing references into accounts the writer cannot see.

A dataset can reach an account in many ways besides its ``accounts`` rows: a
person's ``account_id``, a tie or contact naming a stored person, a decision
role naming a stored opportunity, an id that is already stored in some
account (the store would move that record). ``write_scope`` follows each of
these through the store's public ``history`` and refuses, with the store's
own wording, anything that lands outside the accounts the writer may change:
a reference to a person in an account the writer cannot see reads "unknown
person", exactly as for a person who does not exist, so the answer tells
nothing about other teams' data. Ids are global, so an id in use in an unseen
account can only be refused; it is refused as "taken", in the words used for
every id that is taken for whatever reason (an id held in another team's
account, a person's id that is a staff member's, or the reverse), never
saying where or by whom: see ``id_taken`` and ``TAKEN``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from graphcrm.access.store import AccessStore
from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.model import GLOBAL_TABLES, Dataset
from graphcrm.model.integrity import Locator
from graphcrm.stores.base import PERSON_FIELDS, GraphStore, Key

__all__ = ["ID_TABLES", "TAKEN", "WriteScope", "current_account", "id_taken", "write_scope"]

_MISSING = object()
# The tables keyed by one id, and the tables whose ids an id must not repeat:
# people and staff are nodes of one graph, so one id cannot name both.
ID_TABLES: dict[str, tuple[str, ...]] = {
    "accounts": ("accounts",),
    "people": ("people", "staff"),
    "opportunities": ("opportunities",),
    "actions": ("actions",),
    "staff": ("staff", "people"),
    "competitors": ("competitors",),
    "interactions": ("interactions",),
    "role_slots": ("role_slots",),
}
TAKEN = "id {ident!r} is taken; choose another id"


@dataclass
class WriteScope:
    """Where a valid write lands.

    ``accounts``: stored accounts it changes; ``new_accounts``: account ids it
    creates (not stored now); ``global_tables``: whether it writes staff or
    competitors, which every account shares.
    """

    accounts: set[str] = field(default_factory=set)
    new_accounts: set[str] = field(default_factory=set)
    global_tables: bool = False


def current_account(store: GraphStore, table: str, ident: str) -> object:
    """The account holding the current version of a record keyed by id, or a sentinel.

    Returns ``None`` for a stored global record (staff, competitors) and the
    module's missing marker when no current version exists.
    """
    version = store.current(table, (ident,))
    return _MISSING if version is None else version.account_id


def id_taken(store: GraphStore, access: AccessStore, team: str, table: str, key: Key) -> bool:
    """Whether a new record of ``table`` may not have this key's id (any table keyed by one id).

    Taken: a current record with the id in any account (the team's own or
    not), a staff member's id for a person and the reverse, and an account
    id that another team owns (assigned ahead of an import, or deleted).
    """
    if table not in ID_TABLES:
        return False
    ident = key[0]
    if any(current_account(store, t, ident) is not _MISSING for t in ID_TABLES[table]):
        return True
    return table == "accounts" and access.owners().get(ident, team) != team


def write_scope(
    store: GraphStore,
    data: Dataset,
    allowed: Collection[str],
    *,
    locate: Locator | None = None,
    foreign: Collection[str] = (),
) -> WriteScope:
    """Check that ``data`` only reaches accounts in ``allowed`` (or new ones); say where it lands.

    Raises ValidationFailed with one RecordError per offending row and column,
    worded as the store words a missing reference ("unknown person 'p1'").
    Account rows whose id is not stored now are returned as ``new_accounts``:
    the caller must claim them before writing; those in ``foreign`` (account
    ids other teams own, stored or not) are refused as taken, like any other.
    """
    allowed = set(allowed)
    scope = WriteScope(global_tables=any(data.table(t) for t in GLOBAL_TABLES))
    errors: list[RecordError] = []
    lookups: dict[tuple[str, str], object] = {}

    def where(table: str, index: int) -> tuple[str | None, int | None]:
        return locate(table, index) if locate else (None, index + 1)

    def err(table: str, index: int, column: str, message: str) -> None:
        source, row = where(table, index)
        errors.append(RecordError(table, row, column, message, source))

    def stored_in(table: str, ident: str) -> object:
        if (table, ident) not in lookups:
            lookups[table, ident] = current_account(store, table, ident)
        return lookups[table, ident]

    def in_use(table: str, index: int, ident: str) -> None:
        err(table, index, "id", TAKEN.format(ident=ident))

    incoming_accounts: set[str] = set()
    for i, account in enumerate(data.accounts):
        incoming_accounts.add(account.id)
        held = stored_in("accounts", account.id)
        if account.id in foreign and account.id not in allowed:
            in_use("accounts", i, account.id)
        elif held is _MISSING:
            scope.new_accounts.add(account.id)
        elif account.id in allowed:
            scope.accounts.add(account.id)
        else:
            in_use("accounts", i, account.id)

    def account_ref(table: str, index: int, account_id: str) -> None:
        if account_id in incoming_accounts or account_id in allowed:
            if account_id in allowed:
                scope.accounts.add(account_id)
        else:
            err(table, index, "account_id", f"unknown account {account_id!r}")

    for table in ("people", "opportunities", "actions", "interactions", "role_slots"):
        for i, rec in enumerate(data.table(table)):
            held = stored_in(table, rec.key[0])
            if held is _MISSING:
                continue
            if held in allowed:
                scope.accounts.add(held)
            else:
                in_use(table, i, rec.key[0])
    # A person with a stored staff member's id, or the reverse (the store would
    # name the clash, which is only fair for ids the writer can see).
    for table, other in (("people", "staff"), ("staff", "people")):
        incoming_other = {r.key[0] for r in data.table(other)}
        for i, rec in enumerate(data.table(table)):
            ident = rec.key[0]
            if ident not in incoming_other and stored_in(other, ident) is not _MISSING:
                in_use(table, i, ident)
    for i, person in enumerate(data.people):
        account_ref("people", i, person.account_id)
    for i, opp in enumerate(data.opportunities):
        account_ref("opportunities", i, opp.account_id)

    incoming_people = {p.id for p in data.people}
    incoming_opps = {o.id for o in data.opportunities}

    def ref(table: str, index: int, column: str, target: str, ident: str, what: str) -> None:
        incoming = incoming_people if target == "people" else incoming_opps
        if ident in incoming:
            return
        held = stored_in(target, ident)
        if held is _MISSING:
            return  # the store reports it as unknown, in the same words
        if held in allowed:
            scope.accounts.add(held)
        else:
            err(table, index, column, f"unknown {what} {ident!r}")

    for table, columns in PERSON_FIELDS.items():
        for i, rec in enumerate(data.table(table)):
            for column in columns:
                ref(table, i, column, "people", getattr(rec, column), "person")
    for i, role in enumerate(data.decision_roles):
        opp_id = role.opportunity_id
        ref("decision_roles", i, "opportunity_id", "opportunities", opp_id, "opportunity")
    _interaction_refs(data, ref)
    _slot_refs(data, ref)

    if errors:
        raise ValidationFailed(errors)
    return scope


def _interaction_refs(data: Dataset, ref: Callable[[str, int, str, str, str, str], None]) -> None:
    """An interaction names its people (and opportunity): each must be reachable."""
    for i, met in enumerate(data.interactions):
        for pid in met.person_ids:
            ref("interactions", i, "person_ids", "people", pid, "person")
        if met.opportunity_id:
            what = met.opportunity_id
            ref("interactions", i, "opportunity_id", "opportunities", what, "opportunity")


def _slot_refs(data: Dataset, ref: Callable[[str, int, str, str, str, str], None]) -> None:
    """A role slot names its opportunity and, once filled, its person: each must be
    reachable (DESIGN.md "unidentified roles")."""
    for i, slot in enumerate(data.role_slots):
        ref("role_slots", i, "opportunity_id", "opportunities", slot.opportunity_id, "opportunity")
        if slot.person_id:
            ref("role_slots", i, "person_id", "people", slot.person_id, "person")
