"""The audit log's feed: every write, and every read of personal data, with who, what and when.

A pure ASGI middleware, so it sees the outcome (the status) of every request
and needs nothing from the handlers: the principal is noted by the auth
dependency in an ``AuditContext`` this middleware puts in the request scope;
the route (its path template) and the account come from routing. Requests
without a valid key are not attributed to anyone and are not logged.
Routes that return personal data (people, notes, attitudes, plans, analyses
naming people, exports) carry ``PERSONAL_DATA`` in their OpenAPI extension
``x-personal-data``, which is also how this middleware recognises them.

A request's entry is recorded when its response starts, and the response waits
until the entry is committed: entries recorded together are committed in one
transaction, never waiting for SQLite's write lock in the event loop
(``AuditLog.arecord``, graphcrm.access.audit_writer), and if that fails every
read of the group answers 503.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import AUDIT_SCOPE_KEY, ID_PATTERN, AuditContext, Services
from api.problems import PROBLEM_MEDIA_TYPE

__all__ = ["PERSONAL_DATA", "SAFE_POST", "AuditMiddleware"]

PERSONAL_DATA: dict[str, Any] = {"x-personal-data": True}
# A POST that writes nothing (what-if): audited as a read.
SAFE_POST: dict[str, Any] = {"x-writes": False}
_READS = {"GET", "HEAD"}
log = logging.getLogger("graphcrm.api")


class AuditMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        context = AuditContext()
        scope[AUDIT_SCOPE_KEY] = context
        recorded = False
        withheld = False

        async def send_after_audit(message: Message) -> None:
            nonlocal recorded, withheld
            if withheld:
                return
            if message["type"] == "http.response.start" and not recorded:
                recorded = True
                if not await _record(scope, context, message["status"]):
                    # No audit entry, no personal data: answer 503 instead of the body.
                    withheld = True
                    await _send_unavailable(send)
                    return
            await send(message)

        try:
            await self.app(scope, receive, send_after_audit)
        finally:
            if not recorded:
                await _record(scope, context, 500)


async def _record(scope: Scope, context: AuditContext, status: int) -> bool:
    """Write the audit entry, if the request needs one, and wait until it is committed;
    False if a needed read entry failed. Once queued, the entry is committed even if
    this request is cancelled meanwhile."""
    if context.principal is None:
        return True
    route = scope.get("route")
    method = scope["method"]
    extra = getattr(route, "openapi_extra", None) or {}
    if method in _READS or extra.get("x-writes") is False:
        if not extra.get("x-personal-data"):
            return True
        action = "read"
    else:
        action = "write"
    state = scope["app"].state
    services: Services = state.services
    endpoint = getattr(route, "endpoint", None)
    template = str(state.route_paths.get(endpoint) or getattr(route, "path", scope["path"]))
    try:
        await services.access.audit_log.arecord(
            context.principal,
            action=action,
            method=method,
            route=template,
            path=context.path or scope["path"],
            account_id=_account_id(scope),
            status=status,
        )
    except Exception:
        log.exception("could not write the audit entry for %s %s", method, scope["path"])
        return action == "write"  # a write is done already; a read is withheld
    return True


def _account_id(scope: Scope) -> str | None:
    """The path's account id if it is one: a refused path segment that is no id stays
    in ``path`` only, so ``account_id`` always names an account id a client can use."""
    value = scope.get("path_params", {}).get("account_id")
    return value if isinstance(value, str) and re.fullmatch(ID_PATTERN, value) else None


async def _send_unavailable(send: Send) -> None:
    body = json.dumps(
        {
            "type": "tag:graphcrm,2025:problem:store_unavailable",
            "title": "Service unavailable",
            "status": 503,
            "detail": "the audit log cannot be written, so personal data is not served; "
            "try again later",
            "code": "store_unavailable",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
