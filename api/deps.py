"""Dependencies, as ``Annotated`` aliases: the store, the caller, their team's view, the account.

Object-level authorisation lives here and only here: every route under
``/accounts/{account_id}`` takes ``AccountDep`` (the analysis routes take
``AnalysedAccountDep``, which does the same), which resolves the account id
from the path and answers 404, worded as for a missing account, unless the
caller's team owns it. Handlers below it then read and write through the
caller's ``TeamStore``, which finds records only inside that account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.cache import AnalysisCache
from api.graph_patching import graph_patcher
from api.problems import ApiProblem
from api.settings import ApiSettings
from graphcrm.access import AccessStore, AuthenticationFailed, PermissionDenied, Principal
from graphcrm.access import TeamStore as _TeamStore
from graphcrm.access.roles import TeamAdmin, require_admin
from graphcrm.stores import GraphStore

__all__ = [
    "ID_PATTERN",
    "AccessDep",
    "AccountDep",
    "AdminDep",
    "AnalysedAccount",
    "AnalysedAccountDep",
    "AsOfDep",
    "AuditContext",
    "CacheDep",
    "PageDep",
    "Paging",
    "PrincipalDep",
    "Services",
    "SettingsDep",
    "StoreDep",
    "TeamAdminDep",
    "TeamDep",
    "id_path",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
AUDIT_SCOPE_KEY = "graphcrm.audit"


@dataclass
class Services:
    """What the app holds open for its lifetime (made by the lifespan, closed after)."""

    settings: ApiSettings
    store: GraphStore
    access: AccessStore
    cache: AnalysisCache


@dataclass
class AuditContext:
    """Filled in while a request is served; the audit middleware writes it down afterwards."""

    principal: Principal | None = None
    # Set by a handler whose request path must not be recorded as it came (an erasure:
    # the path names the erased person, the entry names the erasure's token instead).
    path: str | None = None


async def _settings(request: Request) -> ApiSettings:
    return request.app.state.services.settings  # type: ignore[no-any-return]


async def _store(request: Request) -> GraphStore:
    return request.app.state.services.store  # type: ignore[no-any-return]


async def _access(request: Request) -> AccessStore:
    return request.app.state.services.access  # type: ignore[no-any-return]


async def _cache(request: Request) -> AnalysisCache:
    return request.app.state.services.cache  # type: ignore[no-any-return]


SettingsDep = Annotated[ApiSettings, Depends(_settings)]
StoreDep = Annotated[GraphStore, Depends(_store)]
AccessDep = Annotated[AccessStore, Depends(_access)]
CacheDep = Annotated[AnalysisCache, Depends(_cache)]

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key: `Authorization: Bearer gcrm_...` (see `graphcrm keys create`).",
)


# The caller and their team's view are resolved on every request, so they read the
# app's services from the request rather than through sub-dependencies: FastAPI solves
# a dependency's whole tree again wherever it appears (TeamDep appears twice on most
# routes), and each solve costs more than the cache hit it guards.
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _authenticate(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    if credentials is None:
        raise AuthenticationFailed("an API key is required: Authorization: Bearer <key>")
    access: AccessStore = request.app.state.services.access
    principal = access.authenticate(credentials.credentials)
    context = request.scope.get(AUDIT_SCOPE_KEY)
    if isinstance(context, AuditContext):
        context.principal = principal
    return principal


async def _principal(request: Request, credentials: BearerDep) -> Principal:
    return _authenticate(request, credentials)


PrincipalDep = Annotated[Principal, Depends(_principal)]


async def _admin(request: Request, principal: PrincipalDep) -> Principal:
    require_admin(principal)
    if principal.read_only and request.method not in ("GET", "HEAD"):
        raise PermissionDenied("this API key is read-only", code="read_only_key")
    return principal


AdminDep = Annotated[Principal, Depends(_admin)]


async def _team_admin(access: AccessDep, principal: AdminDep) -> TeamAdmin:
    return TeamAdmin(access, principal)


# Administration as the caller's key may do it: an operator every team, a team admin its own.
TeamAdminDep = Annotated[TeamAdmin, Depends(_team_admin)]


def _team_store(request: Request, principal: Principal) -> _TeamStore:
    services: Services = request.app.state.services
    return _TeamStore(
        services.store,
        services.access,
        principal,
        on_write=services.cache.invalidate,
        on_patch=graph_patcher(services.cache, services.store),
    )


async def _team(request: Request, credentials: BearerDep) -> _TeamStore:
    return _team_store(request, _authenticate(request, credentials))


TeamDep = Annotated[_TeamStore, Depends(_team)]


def id_path(what: str) -> object:
    """A path parameter holding an id of the import format."""
    return Path(
        pattern=ID_PATTERN,
        max_length=128,
        description=f"The {what}'s id.",
        examples=[_ID_EXAMPLES.get(what, "acme")],
    )


_ID_EXAMPLES = {
    "account": "acme",
    "person": "p-chen",
    "staff member": "s-ann",
    "competitor": "rival",
    "opportunity": "opp-erp",
    "interaction": "int-2024-03-01-chen",
    "role slot": "slot-fin-approver",
}


AccountIdPath = Annotated[
    str,
    Path(
        pattern=ID_PATTERN,
        max_length=128,
        description="The account's id (an account of the caller's team).",
        examples=["acme"],
    ),
]


async def _owned_account(team: TeamDep, account_id: AccountIdPath) -> str:
    return team.require_account(account_id)


AccountDep = Annotated[str, Depends(_owned_account)]

AsOfQuery = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description="Answer as of this date (YYYY-MM-DD); default: as things stand now. "
        "A date after today (the server's date) answers 422, code `as_of_in_future`.",
        json_schema_extra={"format": "date"},
        examples=["2025-03-31"],
    ),
]


async def _as_of(as_of: AsOfQuery = None) -> date | None:
    return _read_date(as_of)


def _read_date(as_of: str | None) -> date | None:
    if as_of is None:
        return None
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        raise ApiProblem(
            422, "invalid_request", f"as_of {as_of!r} is not a date", field="as_of"
        ) from None
    if day > date.today():
        raise ApiProblem(
            422,
            "as_of_in_future",
            f"as_of {as_of} is in the future; history is known up to today",
            field="as_of",
        )
    return day


AsOfDep = Annotated[date | None, Depends(_as_of)]


@dataclass(frozen=True)
class AnalysedAccount:
    """What an analysis route reads: the caller's team's view, an account the team owns
    (authorised as ``AccountDep`` does), the read date, and the analysis cache."""

    team: _TeamStore
    account_id: str
    as_of: date | None
    cache: AnalysisCache


async def _analysed_account(
    request: Request, team: TeamDep, account_id: AccountIdPath, as_of: AsOfQuery = None
) -> AnalysedAccount:
    # One dependency instead of TeamDep, CacheDep, AccountDep and AsOfDep: the analysis
    # routes serve most requests from the cache, where FastAPI's solving of those four
    # (and TeamDep's tree twice) was most of a request's cost. The key is still checked
    # first (TeamDep is solved before this function's own parameters are validated).
    owned = team.require_account(account_id)
    cache: AnalysisCache = request.app.state.services.cache
    return AnalysedAccount(team, owned, _read_date(as_of), cache)


AnalysedAccountDep = Annotated[AnalysedAccount, Depends(_analysed_account)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def _paging(
    limit: Annotated[int, Query(ge=1, le=1000, description="Items per page.")] = 100,
    offset: Annotated[
        int, Query(ge=0, le=10_000_000, description="Items to skip (see next_offset).")
    ] = 0,
) -> Paging:
    return Paging(limit, offset)


PageDep = Annotated[Paging, Depends(_paging)]
