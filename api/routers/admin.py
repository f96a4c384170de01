"""Administration (admin keys only): teams, API keys, account ownership, the audit log.

An operator key administers every team; a team admin key only its own team (its
keys, its accounts, its audit), and another team answers as if it did not
exist. The rules live in ``graphcrm.access.roles.TeamAdmin``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import (
    DATE_PATTERN,
    ID_PATTERN,
    AdminDep,
    CacheDep,
    PageDep,
    StoreDep,
    TeamAdminDep,
)
from api.docs import responses
from api.examples import AUDIT_ENTRY_EXAMPLE
from api.schemas import (
    AuditEntryOut,
    CacheCleared,
    KeyIn,
    KeyOut,
    NewKeyOut,
    OwnerIn,
    OwnershipOut,
    Page,
    TeamIn,
    TeamOut,
)
from graphcrm.access import AuditQuery

router = APIRouter(tags=["admin"])
ADMIN_ERRORS = (401, 403, 422, 503)
ADMIN_WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 503)
KeyId = Annotated[str, Path(pattern=r"^[0-9a-f]{8}$", description="The key's id.")]

_TEAM = {"name": "east-sales", "created_at": "2025-03-01T08:00:00+00:00", "accounts": 3, "keys": 2}
_KEY = {
    "id": "3f9a1c2e",
    "principal": "bi-dashboard",
    "team": "east-sales",
    "admin": False,
    "read_only": True,
    "created_at": "2025-03-01T08:00:00+00:00",
    "revoked_at": None,
    "operator": False,
}


@router.get(
    "/admin/teams",
    summary="List teams (a team admin: its own)",
    response_model=list[TeamOut],
    responses=responses([_TEAM], errors=ADMIN_ERRORS),
)
def list_teams(admin: TeamAdminDep) -> list[TeamOut]:
    return [TeamOut(**asdict(t)) for t in admin.teams()]


@router.post(
    "/admin/teams",
    status_code=201,
    summary="Create a team (operator key)",
    response_model=TeamOut,
    responses=responses(_TEAM | {"accounts": 0, "keys": 0}, status=201, errors=ADMIN_WRITE_ERRORS),
)
def create_team(admin: TeamAdminDep, body: TeamIn) -> TeamOut:
    return TeamOut(**asdict(admin.create_team(body.name)))


@router.get(
    "/admin/keys",
    summary="List API keys, never their secrets (a team admin: its own team's)",
    response_model=list[KeyOut],
    responses=responses([_KEY], errors=ADMIN_ERRORS),
)
def list_keys(
    admin: TeamAdminDep,
    team: Annotated[str | None, Query(max_length=64, description="Only this team's keys.")] = None,
) -> list[KeyOut]:
    return [KeyOut(**asdict(k)) for k in admin.keys(team)]


@router.post(
    "/admin/keys",
    status_code=201,
    summary="Create an API key (the key is in this response only; a team admin: in its team)",
    response_model=NewKeyOut,
    responses=responses(
        _KEY | {"key": "gcrm_3f9a1c2e_" + "x" * 43}, status=201, errors=ADMIN_WRITE_ERRORS
    ),
)
def create_key(admin: TeamAdminDep, body: KeyIn) -> NewKeyOut:
    """Operator keys are made only with the CLI (`graphcrm keys create --operator`)."""
    new = admin.create_key(body.team, body.principal, admin=body.admin, read_only=body.read_only)
    return NewKeyOut(key=new.key, **asdict(new.info))


@router.delete(
    "/admin/keys/{key_id}",
    summary="Revoke an API key at once (a team admin: its own team's)",
    response_model=KeyOut,
    responses=responses(
        _KEY | {"revoked_at": "2025-03-05T10:00:00+00:00"}, errors=ADMIN_WRITE_ERRORS
    ),
)
def revoke_key(admin: TeamAdminDep, key_id: KeyId) -> KeyOut:
    return KeyOut(**asdict(admin.revoke_key(key_id)))


@router.get(
    "/admin/accounts",
    summary="List every account with its owning team (a team admin: its own)",
    response_model=list[OwnershipOut],
    responses=responses(
        [{"account_id": "acme", "name": "Acme Group 集团", "team": "east-sales"}],
        errors=ADMIN_ERRORS,
    ),
)
def list_ownership(admin: TeamAdminDep, store: StoreDep) -> list[OwnershipOut]:
    return [
        OwnershipOut(account_id=i, name=name, team=team) for i, name, team in admin.accounts(store)
    ]


@router.put(
    "/admin/accounts/{account_id}/owner",
    summary="Give an account to a team (operator key)",
    response_model=OwnershipOut,
    responses=responses(
        {"account_id": "acme", "name": "Acme Group 集团", "team": "east-sales"},
        errors=ADMIN_WRITE_ERRORS,
    ),
)
def assign_owner(
    admin: TeamAdminDep,
    store: StoreDep,
    account_id: Annotated[str, Path(pattern=ID_PATTERN, max_length=128)],
    body: OwnerIn,
) -> OwnershipOut:
    """The account may not be in the store yet (ownership ahead of an import)."""
    admin.assign(account_id, body.team)
    return next(
        OwnershipOut(account_id=i, name=name, team=team)
        for i, name, team in admin.accounts(store)
        if i == account_id
    )


@router.delete(
    "/admin/cache",
    summary="Drop every cached analysis (to free memory; no write needs it)",
    response_model=CacheCleared,
    responses=responses({"dropped": 42}, errors=ADMIN_WRITE_ERRORS),
)
def clear_cache(admin: AdminDep, cache: CacheDep) -> CacheCleared:
    """Every cached read checks the account's write version in the store, so writes made
    by any process (`graphcrm import`, another server) are seen without this."""
    dropped = len(cache)
    cache.clear()
    return CacheCleared(dropped=dropped)


@router.get(
    "/audit",
    summary="Read the audit log, newest first (a team admin: its own team's entries)",
    response_model=Page[AuditEntryOut],
    responses=responses(
        {
            "items": [AUDIT_ENTRY_EXAMPLE],
            "total": 1,
            "limit": 100,
            "offset": 0,
            "next_offset": None,
        },
        errors=ADMIN_ERRORS,
    ),
)
def read_audit(
    admin: TeamAdminDep,
    paging: PageDep,
    team: Annotated[str | None, Query(max_length=64)] = None,
    principal: Annotated[str | None, Query(max_length=64)] = None,
    account_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    action: Annotated[str | None, Query(pattern="^(read|write|erase)$")] = None,
    since: Annotated[
        str | None, Query(pattern=DATE_PATTERN, description="From this day (YYYY-MM-DD, UTC).")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=DATE_PATTERN, description="Before this day (YYYY-MM-DD, UTC).")
    ] = None,
) -> dict[str, object]:
    """Every write, and every read of personal data: who, what, when, and the answer.

    A team admin reads the entries of its own team's keys only (another `team`: none)."""
    entries, total = admin.audit(
        AuditQuery(team, principal, account_id, action, since, until, paging.limit, paging.offset)
    )
    end = paging.offset + len(entries)
    return {
        "items": [asdict(e) for e in entries],
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": end if end < total else None,
    }
