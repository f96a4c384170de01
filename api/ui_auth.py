"""Who is looking at a page: the API key from the sign-in cookie (or a Bearer header).

The sign-in form POSTs the key; the service checks it with graphcrm.access and
keeps it in an HttpOnly, SameSite=Strict cookie scoped to /ui, so the key
never appears in a URL, a log line or page script. Every page then reads the
caller's team exactly as the REST API does (a ``TeamStore``), so a team sees
only its own accounts and another team's account reads as missing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response

from api.deps import AUDIT_SCOPE_KEY, AuditContext, Services
from graphcrm.access import AuthenticationFailed, Principal, TeamStore

__all__ = ["COOKIE", "UiTeamDep", "clear_key_cookie", "safe_next", "set_key_cookie"]

COOKIE = "graphcrm_key"
_MAX_AGE = 8 * 3600


def _key(request: Request) -> str:
    key = request.cookies.get(COOKIE)
    if key:
        return key
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    raise AuthenticationFailed("sign in with an API key")


def _principal(request: Request) -> Principal:
    services: Services = request.app.state.services
    principal = services.access.authenticate(_key(request))
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
    )


UiTeamDep = Annotated[TeamStore, Depends(_ui_team)]


def set_key_cookie(response: Response, request: Request, key: str, *, path: str) -> None:
    """Keep the key in an HttpOnly, SameSite=Strict cookie sent only to the views."""
    response.set_cookie(
        COOKIE,
        key,
        max_age=_MAX_AGE,
        path=path,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_key_cookie(response: Response, *, path: str) -> None:
    response.delete_cookie(COOKIE, path=path, httponly=True, samesite="strict")


def safe_next(target: str | None, base: str) -> str:
    """Where to go after signing in: a path of the views, never another host."""
    if not target or "\\" in target or target.startswith("//"):
        return base
    if target != base and not target.startswith((base + "/", base + "?")):
        return base
    return target
