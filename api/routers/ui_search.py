"""Find anyone from every page (issue 11 item 6; DESIGN.md "Editing where you read").

``/ui/search?q=`` answers the box in every page's header with the same core search
as ``GET /api/v1/search`` (``graphcrm.access.search.search``): people, accounts and
our staff by name, title or department, across the accounts the caller's team owns.
Thin: the hits in, ``viz.search_page`` out. A blank box shows the box alone; a
query the core refuses (too long) comes back 422 with the message at the field.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.audit import PERSONAL_DATA
from api.ui_auth import UiTeamDep
from api.ui_shell import UiRoute, ui_html, ui_nav
from graphcrm.access.search import MAX_RESULTS, search
from graphcrm.errors import ValidationFailed
from viz.labels import parse_lang
from viz.search_page import search_page

__all__ = ["router"]

# Included by api.routers.ui under its /ui prefix.
router = APIRouter(include_in_schema=False, route_class=UiRoute)

# Longer than the core allows, so that the core's own rule (and message) refuses it.
Q = Annotated[str, Query(max_length=1000)]


@router.get("/search", openapi_extra=PERSONAL_DATA)
async def find_anyone(request: Request, team: UiTeamDep, q: Q = "", lang: str = "en") -> Response:
    nav = ui_nav(request, parse_lang(lang), None, "search", team)
    if not q.strip():
        return ui_html(search_page(nav, q, None))
    try:
        hits = await run_in_threadpool(search, team, q, MAX_RESULTS)
    except ValidationFailed as error:
        return ui_html(search_page(nav, q, None, error=error.errors[0].message), 422)
    return ui_html(search_page(nav, q, hits))
