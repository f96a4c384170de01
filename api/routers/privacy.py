"""Personal data (admin keys only): erase a person, export everything stored about them.

Both act on a person of an account the caller's team owns (another team's account,
or a person not in the account, answers 404 as if it did not exist) and go through
graphcrm.privacy, the one write path the CLI uses too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.audit import PERSONAL_DATA
from api.deps import (
    AUDIT_SCOPE_KEY,
    AccessDep,
    AccountDep,
    AdminDep,
    AuditContext,
    CacheDep,
    StoreDep,
    id_path,
)
from api.docs import responses
from api.examples import AUDIT_ENTRY_EXAMPLE
from api.problems import ApiProblem
from api.schemas import AuditEntryOut
from graphcrm.privacy import AuditRequest, erase_person, export_person

router = APIRouter(prefix="/admin/people/{account_id}/{person_id}", tags=["admin"])
PersonId = Annotated[str, id_path("person")]
ERASE_ERRORS = (401, 403, 404, 422, 503)
EXPORT_ERRORS = (401, 403, 404, 422, 503)


class ErasureOut(BaseModel):
    """What an erasure removed (the token that replaced the person in the audit is not shown:
    it is recorded nowhere together with the person's id)."""

    account_id: str
    person_id: str
    removed: dict[str, int] = Field(description="Versions removed, per table.")
    audit_entries: int = Field(description="Audit entries now naming an opaque token instead.")


class VersionOut(BaseModel):
    """One version of a record and the dates it held for."""

    account_id: str | None
    valid_from: str
    valid_to: str | None
    recorded_at: str
    record: dict[str, Any] = Field(description="The record, in the import format's fields.")


class PersonAuditOut(BaseModel):
    about_person: list[AuditEntryOut] = Field(description="Requests whose path names the person.")
    in_their_accounts: list[AuditEntryOut] = Field(
        description="Reads of personal data and writes in their accounts since first recorded."
    )


class PersonExportOut(BaseModel):
    """Everything stored about one person, history included, and who read or changed it."""

    person_id: str
    account_id: str
    exported_at: str
    records: dict[str, list[VersionOut]] = Field(
        description="Per table, every version (ended ones too) of every record about the person."
    )
    audit: PersonAuditOut


_VERSION = {
    "account_id": "acme",
    "valid_from": "2025-03-01",
    "valid_to": None,
    "recorded_at": "2025-03-01T08:00:00.000000+00:00",
    "record": {"id": "p-chen", "account_id": "acme", "name": "陈志远", "title": "CIO"},
}
_EXPORT = {
    "person_id": "p-chen",
    "account_id": "acme",
    "exported_at": "2025-03-05T10:00:00+00:00",
    "records": {"people": [_VERSION], "ties": [], "contacts": [], "attitudes": []},
    "audit": {"about_person": [AUDIT_ENTRY_EXAMPLE], "in_their_accounts": [AUDIT_ENTRY_EXAMPLE]},
}
_ERASED = {
    "account_id": "acme",
    "person_id": "p-chen",
    "removed": {"people": 2, "ties": 3, "contacts": 1, "attitudes": 1, "plans": 1, "actions": 2},
    "audit_entries": 4,
}


@router.delete(
    "",
    summary="Erase a person for good (PIPL art. 47, GDPR art. 17); confirm with their id",
    response_model=ErasureOut,
    responses=responses(_ERASED, errors=ERASE_ERRORS),
)
def erase(
    request: Request,
    admin: AdminDep,
    access: AccessDep,
    store: StoreDep,
    cache: CacheDep,
    account_id: AccountDep,
    person_id: PersonId,
    confirm: Annotated[
        str,
        Query(max_length=128, description="The person's id again.", examples=["p-chen"]),
    ],
) -> ErasureOut:
    """Every version of the person and of every record naming them (ties, contacts,
    attitudes with assessments, decision roles, plan, actions, notes) is removed from
    the store and its files; their audit entries keep the event with an opaque token
    in place of their id; the erasure is audited. Unlike `DELETE
    /accounts/{account_id}/people/{person_id}` no history is kept: as-of reads no
    longer show them."""
    if confirm != person_id:
        raise ApiProblem(
            422,
            "confirmation_mismatch",
            f"confirm must repeat the person's id {person_id!r}; nothing was erased",
            field="confirm",
        )
    erasure = erase_person(
        store,
        access,
        account_id,
        person_id,
        confirm=confirm,
        by=admin,
        request=AuditRequest(
            request.method,
            request.app.state.route_paths.get(erase, request.url.path),
            request.url.path,
        ),
        on_write=cache.invalidate,
    )
    context = request.scope.get(AUDIT_SCOPE_KEY)
    if isinstance(context, AuditContext):
        context.path = erasure.audit_path  # this request's entry names the token too
    return ErasureOut(
        account_id=account_id,
        person_id=person_id,
        removed=erasure.removed,
        audit_entries=erasure.audit_entries,
    )


@router.get(
    "/export",
    summary="Export everything stored about a person (PIPL art. 45, GDPR art. 15)",
    response_model=PersonExportOut,
    responses=responses(_EXPORT, errors=EXPORT_ERRORS),
    openapi_extra=PERSONAL_DATA,
)
def export(
    admin: AdminDep,
    access: AccessDep,
    store: StoreDep,
    account_id: AccountDep,
    person_id: PersonId,
) -> dict[str, Any]:
    """Every version of every record about the person, across their accounts, with the
    dates each held for; and the audit: requests naming them, and reads of personal
    data and writes in their accounts since they were first recorded."""
    return export_person(store, access, account_id, person_id)
