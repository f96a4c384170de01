"""How a page's form post is handled (issue 11 items 1-3; DESIGN.md, "Editing where you read").

In order: a read-only key is refused (403, PermissionDenied) whatever it
sends; the form token must match (else 422, the form shown again with the
message above it); the write goes through the same core function the REST API
calls (``TeamStore``'s typed tables: validation, the owner rule, history,
cache invalidation; the audit middleware logs the post as it logs the API's);
a refusal comes back as 422 with the user's input and each message at its
field, nothing written; a save whose hidden ``version`` (the record's ETag when
the form was loaded) is no longer current comes back as 412 (issue 11 item 5),
nothing written, the input kept, the fields changed meanwhile named and each
one's current value at its field; a success redirects (303) to where the user was, with
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
from graphcrm.access.errors import StaleWrite
from graphcrm.errors import ConflictError, NotFoundError, RuleBroken, ValidationFailed
from viz.error_messages import localised
from viz.form_labels import ft
from viz.labels import Lang

__all__ = ["Refused", "form_values", "if_match", "submit", "unknown_person"]

#: Fields a form carries that are not the record's.
_NOT_RECORD = {FIELD, "next", "version"}

#: A form that picks its record from a list carries each record's version as
#: ``version.<id>`` (the chosen one is sent whatever is picked, no script needed).
_VERSION_OF = "version."


class Refused(Exception):
    """The form's input is wrong: a message per field (``form`` for the whole form), and
    each one's kind and the values it names (viz.error_messages: the page's language)."""

    def __init__(
        self,
        errors: Mapping[str, str],
        kinds: Mapping[str, tuple[str, Mapping[str, str]]] | None = None,
    ) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)
        self.kinds = dict(kinds or {})


def unknown_person(field: str, person_id: object) -> Refused:
    """Refused at ``field``: no such person in this account."""
    value = str(person_id)
    message = f"no person {value!r} in this account"
    return Refused({field: message}, {field: ("unknown_person", {"value": value})})


def form_values(form: FormData) -> dict[str, Any]:
    """The form's fields as typed (text; a list for a field sent more than once)."""
    values: dict[str, Any] = {}
    for name in form:
        items = [v for v in form.getlist(name) if isinstance(v, str)]
        values[name] = items if name == "roles" else (items[-1] if items else "")
    return values


def record_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """The record's fields from the form: blanks are absent (the record's default)."""
    return {
        k: v
        for k, v in values.items()
        if k not in _NOT_RECORD and not k.startswith(_VERSION_OF) and v not in ("", None)
    }


def if_match(values: Mapping[str, Any], record_id: str | None = None) -> str | None:
    """The form's version of the record as an If-Match for the core (None: the form loaded
    no version of it): ``version.<record_id>`` for a form that picks its record from a
    list, else ``version``."""
    picked = values.get(_VERSION_OF + record_id) if record_id is not None else None
    version = str(picked or values.get("version") or "").strip()
    return version or None


def _stale(error: StaleWrite, values: dict[str, Any], lang: Lang) -> dict[str, str]:
    """What changed meanwhile: the fields named above the form, each one's value at it.

    The form is shown again with the current version, so that a second save, made
    after seeing the changes, replaces them (DESIGN.md "Editing where you read").
    """
    for name in [k for k in values if k.startswith(_VERSION_OF)]:
        del values[name]  # the page shown again carries every listed record's current version
    if error.current is None:
        values.pop("version", None)
        return {"form": ft("stale_removed", lang)}
    values["version"] = error.etag or ""
    now = error.current.model_dump(mode="json")
    changed = [f for f in (error.changed or sorted(now)) if f not in ("id", "account_id")]
    message = ft("stale", lang).format(fields=", ".join(changed) or "-")
    errors: dict[str, str] = {}
    for field in changed:
        errors[field] = ft("now", lang).format(value=_shown(now.get(field)))
    # The current values beside the message too: a form without the field (a remove
    # button, an action's status) still shows what it is now.
    listed = "; ".join(f"{field} = {_shown(now.get(field))}" for field in changed)
    errors["form"] = message + (
        " " + ft("now_values", lang).format(values=listed) if listed else ""
    )
    return errors


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def _kind(item: Any) -> tuple[str, Mapping[str, object]]:
    """A pydantic error's kind: the rule a RuleBroken names, else pydantic's own type."""
    context = item.get("ctx") or {}
    broken = context.get("error")
    if isinstance(broken, RuleBroken):
        return broken.kind, broken.params
    return str(item["type"]), context


def _field_errors(error: Exception, lang: Lang) -> dict[str, str]:
    """Each message at its field, in the page's language where its kind is known."""
    if isinstance(error, Refused):
        out: dict[str, str] = {}
        for field, text in error.errors.items():
            kind, params = error.kinds.get(field, (None, {}))
            out[field] = localised(text, kind, params, lang)
        return out
    if isinstance(error, ValidationError):
        out = {}
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else "form"
            text = item["msg"].removeprefix("Value error, ")
            rule, named = _kind(item)
            out.setdefault(field, localised(text, rule, named, lang))
        return out
    if isinstance(error, ValidationFailed):
        out = {}
        for row in error.errors:
            text = localised(row.message, row.kind, dict(row.params), lang)
            out.setdefault(row.column or "form", text)
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
        return ui_html(refused_page(values, _field_errors(error, lang)), 422)
    except StaleWrite as error:
        errors = _stale(error, values, lang)
        return ui_html(refused_page(values, errors), 412)
    return _redirect(request, str(values.get("next") or ""), base, done)
