"""Who is looking at a page: the sign-in session in a cookie (or an API key as Bearer).

The sign-in form POSTs the key; the service checks it with graphcrm.access and
starts a session (8 hours; only the token's hash is stored), whose token goes
into an HttpOnly, SameSite=Strict cookie scoped to /ui. So the key never
appears in a URL, a log line, page script or the browser's cookie jar, and
signing out or revoking the key ends the session at once. Every page then reads the
caller's team exactly as the REST API does (a ``TeamStore``), so a team sees
only its own accounts and another team's account reads as missing: a page
under ``/ui/accounts/{account_id}`` takes ``UiAccountDep``, which answers as
for a missing account unless the caller's team owns it (as ``AccountDep`` does
for the API).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Path, Request, Response

from api.deps import AUDIT_SCOPE_KEY, ID_PATTERN, AuditContext, Services
from api.graph_patching import graph_patcher
from graphcrm.access import AccessStore, AuthenticationFailed, Principal, TeamStore

__all__ = [
    "COOKIE",
    "SESSION_LIFETIME",
    "UiAccountDep",
    "UiTeamDep",
    "clear_session_cookie",
    "safe_next",
    "set_session_cookie",
]

COOKIE = "graphcrm_session"
SESSION_LIFETIME = timedelta(hours=8)


def _authenticate(request: Request, access: AccessStore) -> Principal:
    token = request.cookies.get(COOKIE)
    if token:
        return access.session_principal(token)
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return access.authenticate(credentials.strip())
    raise AuthenticationFailed("sign in with an API key")


def _principal(request: Request) -> Principal:
    services: Services = request.app.state.services
    principal = _authenticate(request, services.access)
    context = request.scope.get(AUDIT_SCOPE_KEY)
    if isinstance(context, AuditContext):
        context.principal = principal  # page reads of personal data are audited too
    return principal


async def _ui_team(request: Request) -> TeamStore:
    services: Services = request.app.state.services
    return TeamStore(
        services.store,
        services.access,
        _principal(request),
        on_write=services.cache.invalidate,
        on_patch=graph_patcher(services.cache, services.store),
    )


UiTeamDep = Annotated[TeamStore, Depends(_ui_team)]


async def _ui_account(
    team: UiTeamDep, account_id: Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
) -> str:
    return team.require_account(account_id)


#: The account id of the path, owned by the caller's team (NotFoundError otherwise: the
#: not-found page). The page's ``UiTeamDep`` is the same ``TeamStore`` (one per request).
UiAccountDep = Annotated[str, Depends(_ui_account)]


def set_session_cookie(response: Response, request: Request, token: str, *, path: str) -> None:
    """Keep the session token in an HttpOnly, SameSite=Strict cookie sent only to the views."""
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path=path,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(response: Response, *, path: str) -> None:
    response.delete_cookie(COOKIE, path=path, httponly=True, samesite="strict")


def in_language(target: str, lang: str) -> str:
    """``target`` in the sign-in form's language (issue 12 item 11): a Chinese form lands on
    a Chinese page; a target naming its own language keeps it."""
    if lang != "zh" or "lang=" in target.partition("?")[2]:
        return target
    return f"{target}{'&' if '?' in target else '?'}lang=zh"


def safe_next(target: str | None, base: str) -> str:
    """Where to go after signing in: a path of the views, never another host."""
    if not target or "\\" in target or target.startswith("//"):
        return base
    if target != base and not target.startswith((base + "/", base + "?")):
        return base
    return target
