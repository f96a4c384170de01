"""How a page's form post is handled (issue 11 items 1-3; DESIGN.md, "Editing where you read").

In order: a read-only key is refused (403, PermissionDenied) whatever it
sends; the form token must match (else 422, the form shown again with the
message above it); the write goes through the same core function the REST API
calls (``TeamStore``'s typed tables: validation, the owner rule, history,
cache invalidation; the audit middleware logs the post as it logs the API's);
a refusal comes back as 422 with the user's input and each message at its
field, nothing written; a success redirects (303) to where the user was, with
``done=`` for the short confirmation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from api.ui_auth import safe_next
from api.ui_csrf import FIELD, FormTokenRefused, check_form_token
from api.ui_shell import ui_html
from graphcrm.access import PermissionDenied, TeamStore
from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from viz.form_labels import ft
from viz.labels import Lang

__all__ = ["Refused", "form_values", "submit"]

#: Fields a form carries that are not the record's.
_NOT_RECORD = {FIELD, "next", "version"}


class Refused(Exception):
    """The form's input is wrong: a message per field (``form`` for the whole form)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


def form_values(form: FormData) -> dict[str, Any]:
    """The form's fields as typed (text; a list for a field sent more than once)."""
    values: dict[str, Any] = {}
    for name in form:
        items = [v for v in form.getlist(name) if isinstance(v, str)]
        values[name] = items if name == "roles" else (items[-1] if items else "")
    return values


def record_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """The record's fields from the form: blanks are absent (the record's default)."""
    return {k: v for k, v in values.items() if k not in _NOT_RECORD and v not in ("", None)}


def _field_errors(error: Exception) -> dict[str, str]:
    if isinstance(error, Refused):
        return error.errors
    if isinstance(error, ValidationError):
        out: dict[str, str] = {}
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else "form"
            out.setdefault(field, item["msg"].removeprefix("Value error, "))
        return out
    if isinstance(error, ValidationFailed):
        out = {}
        for row in error.errors:
            out.setdefault(row.column or "form", row.message)
        return out
    return {"form": str(error).strip("'\"")}


def _redirect(request: Request, target: str, base: str, done: str) -> Response:
    path = safe_next(target, base)
    parts = urlsplit(path)
    query = "&".join(q for q in (parts.query, urlencode({"done": done})) if q)
    return RedirectResponse(urlunsplit(("", "", parts.path, query, "")), status_code=303)


async def submit(
    request: Request,
    team: TeamStore,
    write: Callable[[dict[str, Any]], object],
    refused_page: Callable[[dict[str, Any], dict[str, str]], str],
    *,
    lang: Lang,
    base: str,
    done: str = "saved",
) -> Response:
    """Handle one form post: ``write(values)`` calls the core; ``refused_page`` shows the
    form again with the input and the messages (status 422)."""
    if team.principal.read_only:
        raise PermissionDenied("this API key is read-only", code="read_only_key")
    values = form_values(await request.form())
    try:
        await check_form_token(request)
    except FormTokenRefused:
        return ui_html(refused_page(values, {"form": ft("form_expired", lang)}), 422)
    try:
        await run_in_threadpool(write, values)
    except (Refused, ValidationError, ValidationFailed, ConflictError, NotFoundError) as error:
        return ui_html(refused_page(values, _field_errors(error)), 422)
    return _redirect(request, str(values.get("next") or ""), base, done)
