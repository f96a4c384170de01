"""The map's live what-if (issue 11 item 4): try levels and contacts, see health and the
gaps that close or open, then save the same changes for real.

Trying calls ``api.analyses.compute_what_if``, the function behind the REST
API's ``POST /accounts/{account_id}/what-if``, with the same body, so the page
shows exactly what the API answers; nothing is written (a read-only key may
try too). Saving writes the changes as one dataset through the team store
(``TeamStore.write``: all of them or none): a level becomes an attitude dated
today, a contact a contact.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from api.analyses import compute_what_if
from api.analysis_schemas import AddContactIn, SetLevelIn, WhatIfIn
from api.audit import PERSONAL_DATA, SAFE_POST
from api.deps import CacheDep
from api.ui_auth import UiAccountDep, UiTeamDep
from api.ui_csrf import FormTokenRefused, check_json_token
from api.ui_form_routes import FormRoute, Key, RefusedPage, Values, add_form_routes
from api.ui_forms import Refused
from api.ui_shell import HEADERS, UiRoute, ui_nav
from graphcrm.access import TeamStore
from graphcrm.errors import ValidationFailed
from graphcrm.model import Attitude, Contact, Dataset
from viz.edit_forms import form_page, what_if_refused
from viz.form_labels import ft
from viz.labels import Lang, parse_lang

__all__ = ["router", "save_changes"]

# Included by api.routers.ui under its /ui prefix.
router = APIRouter(include_in_schema=False, route_class=UiRoute)

LangQuery = Annotated[str, Query(max_length=5)]


def _json(body: bytes | dict[str, Any], status: int = 200) -> Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Response(content, status, media_type="application/json", headers=HEADERS)


@router.post("/accounts/{account_id}/what-if", openapi_extra={**PERSONAL_DATA, **SAFE_POST})
async def try_what_if(
    request: Request, team: UiTeamDep, cache: CacheDep, account_id: UiAccountDep
) -> Response:
    """The API's what-if for the changes posted as JSON (``{"changes": [...],
    "csrf_token": ...}``); 422 with the problems for a bad change or token."""
    try:
        await check_json_token(request)
        posted = await request.json()
        body = WhatIfIn.model_validate({"changes": posted.get("changes")})
        answer = await run_in_threadpool(
            compute_what_if, team, cache, account_id, body, opportunity=None, as_of=None
        )
    except FormTokenRefused:
        return _json({"error": ft("form_expired", parse_lang(None))}, 422)
    except (ValidationError, ValidationFailed, AttributeError, ValueError) as error:
        return _json({"error": str(error).splitlines()[0]}, 422)
    return _json(answer)


def save_changes(team: TeamStore, account_id: str, changes_text: str) -> object:
    """Write the tried changes: levels as today's attitudes, contacts as contacts."""
    try:
        body = WhatIfIn.model_validate({"changes": json.loads(changes_text or "[]")})
    except (ValidationError, ValueError) as error:
        raise Refused({"changes": str(error).splitlines()[0]}) from None
    data = Dataset()
    today = date.today()
    for change in body.changes:
        if isinstance(change, SetLevelIn):
            data.attitudes.append(
                Attitude(
                    person_id=change.person_id,
                    level=change.level,
                    toward=change.toward,
                    as_of=today,
                )
            )
        elif isinstance(change, AddContactIn):
            data.contacts.append(
                Contact(
                    staff_id=change.staff_id,
                    person_id=change.person_id,
                    strength=change.strength,
                    last_contact=change.last_contact,
                )
            )
        else:
            raise Refused({"changes": "only levels and new contacts can be saved from the map"})
    people = {p.id for p in team.people.list(account_id)}
    named = {a.person_id for a in data.attitudes} | {c.person_id for c in data.contacts}
    unknown = sorted(named - people)
    if unknown:
        raise Refused({"changes": f"no person {unknown[0]!r} in this account"})
    return team.write(data)


def _refused_save(
    request: Request, team: TeamStore, account_id: str, lang: Lang, key: Key
) -> RefusedPage:
    def refused(values: dict[str, Any], errors: dict[str, str]) -> str:
        nav = ui_nav(request, lang, account_id, "map", team)
        message = errors.get("changes") or errors.get("form") or next(iter(errors.values()))
        return form_page(ft("what_if", lang), what_if_refused(nav, message), nav)

    return refused


def _save(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    """Save the tried changes for real (a form post: ``changes`` as JSON, the token)."""
    return save_changes(team, account_id, str(values.get("changes") or ""))


add_form_routes(router, (FormRoute("/what-if/save", _save, _refused_save),))
