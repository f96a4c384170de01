"""Erase a person: every version of them and of everything naming them, for good.

The rule (DESIGN, "Personal data"): remove every version of the person and of
every record that names them (ties at either end, contacts, attitudes with their
assessments, decision roles, their plan and its actions, and the notes those
hold) in the store, leaving no copy in its files; keep the audit entries about
them, the person replaced by an opaque token; audit the erasure itself (action
``erase``, its path naming the token). Interactions, once they exist, lose the
person from their people, and go when no customer person is left: that joins
``GraphStore.purge_person`` with the interactions table.

Confirmation is the person's id given twice; anything else erases nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from graphcrm.access.audit_erasure import erasure_token, pseudonymise_person
from graphcrm.access.store import AccessStore, Principal
from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.stores.base import GraphStore

__all__ = ["AuditRequest", "Erasure", "check_confirmation", "erase_person"]

ERASE_ACTION = "erase"


@dataclass(frozen=True)
class AuditRequest:
    """How the erasure was asked for, as its audit entry records it: the method
    (``DELETE``, or ``CLI``), the route template and the path (which names the
    person; the entry gets the token in its place)."""

    method: str
    route: str
    path: str


@dataclass(frozen=True)
class Erasure:
    """What an erasure removed: versions per table, audit entries made anonymous, and
    the path its own audit entry records (the person's id replaced by the token)."""

    account_id: str
    person_id: str
    removed: dict[str, int]
    audit_entries: int
    audit_path: str
    accounts: frozenset[str]


def check_confirmation(person_id: str, confirm: str | None) -> None:
    """ValidationFailed unless ``confirm`` repeats the person's id exactly."""
    if confirm != person_id:
        raise ValidationFailed(
            [
                RecordError(
                    "erasure",
                    None,
                    "confirm",
                    f"confirm must repeat the person's id {person_id!r} exactly "
                    f"(got {confirm!r}); nothing was erased",
                )
            ]
        )


def erase_person(
    store: GraphStore,
    access: AccessStore,
    account_id: str,
    person_id: str,
    *,
    confirm: str | None,
    by: Principal | None,
    request: AuditRequest,
    on_write: Callable[[Collection[str] | None], None] | None = None,
) -> Erasure:
    """Erase the person ``person_id`` of ``account_id`` (see the module's rule).

    ``by`` is the admin asking (None from the CLI, which acts as the store's
    operator); ``on_write`` is told the accounts that changed, so caches drop
    what they hold of the person. NotFoundError if the person has no version in
    the account, ValidationFailed if ``confirm`` is not their id: nothing is
    erased then.
    """
    check_confirmation(person_id, confirm)
    store.person_history(account_id, person_id)  # NotFoundError before anything changes
    # The audit first: if the store's purge then fails, the person is still there to be
    # erased again (the other way round, a failure would leave their id in the audit).
    token = erasure_token()
    rewritten = pseudonymise_person(access, person_id, token)
    removed = store.purge_person(account_id, person_id)
    accounts = frozenset(v.account_id for vs in removed.values() for v in vs if v.account_id)
    if on_write is not None:
        on_write(accounts | {account_id})
    path = "/".join(token if part == person_id else part for part in request.path.split("/"))
    access.record(
        by,
        action=ERASE_ACTION,
        method=request.method,
        route=request.route,
        path=path,
        account_id=account_id,
        status=200,
    )
    return Erasure(
        account_id,
        person_id,
        {table: len(vs) for table, vs in removed.items()},
        rewritten,
        path,
        accounts,
    )
