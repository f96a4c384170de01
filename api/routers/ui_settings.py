"""The method settings page under /ui/settings (DESIGN.md, "Method settings").

Thin, like the other pages (api.routers.ui): the caller's team from the
session or key, the settings through the access store's one write path
(``MethodSettingsLog.change``, as ``PUT /api/v1/settings``), the page from
viz.settings_page. A change or reset answers 303 back to the page; a value
out of range answers 422 with the page naming the key, and nothing is
written; a read-only key gets the page without forms and 403 on a post; a
post without the page's form token (api/ui_csrf.py) answers 422 and writes
nothing, as every other page form does.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from api.deps import AsOfDep
from api.routers.ui import Lang
from api.ui_auth import UiTeamDep
from api.ui_csrf import FormTokenRefused, check_form_token
from api.ui_shell import UiRoute, ui_html, ui_nav
from graphcrm.errors import ValidationFailed
from graphcrm.method.settings import parse_setting
from viz.form_labels import ft
from viz.page import Nav
from viz.settings_page import settings_page

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=UiRoute)


@router.get("/settings")
async def settings_view(
    request: Request, team: UiTeamDep, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    found = team.access.method_settings.in_force(team.principal.team_id, as_of)
    nav = ui_nav(request, lang, None, "settings", team)
    return ui_html(settings_page(found.to_dict(), nav, can_edit=nav.can_write))


@router.post("/settings")
async def settings_change(
    request: Request,
    team: UiTeamDep,
    action: Annotated[Literal["set", "reset"], Form()],
    key: Annotated[str, Form(max_length=100)] = "",
    value: Annotated[str, Form(max_length=200)] = "",
    lang: Annotated[Literal["en", "zh"], Form()] = "en",
) -> Response:
    log, principal = team.access.method_settings, team.principal
    nav = ui_nav(request, lang, None, "settings", team)
    if principal.read_only:
        found = log.in_force(principal.team_id)
        return ui_html(settings_page(found.to_dict(), nav, can_edit=False), 403)
    try:
        await check_form_token(request)
    except FormTokenRefused:
        now = log.in_force(principal.team_id).to_dict()
        error = ft("form_expired", nav.lang)
        return ui_html(settings_page(now, nav, can_edit=True, error=error), 422)
    try:
        if action == "reset":
            log.change(principal.team_id, {}, by=principal.name, reset=True)
        else:
            log.change(principal.team_id, parse_setting(key, value), by=principal.name)
    except ValidationFailed as exc:
        now = log.in_force(principal.team_id).to_dict()
        message = "; ".join(e.message for e in exc.errors)
        return ui_html(settings_page(now, nav, can_edit=True, error=message), 422)
    target = Nav(nav.lang, base=nav.base).href("settings")
    return RedirectResponse(target, status_code=303)
