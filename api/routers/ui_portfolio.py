"""The portfolio page at /ui/portfolio (issue 14 item 7): the caller's team's accounts
only, like the accounts list at /ui, read through the same cached core function as
``GET /api/v1/portfolio`` (graphcrm.portfolio.cache over graphcrm.portfolio.service).

Thin: the team's visible accounts in, ``viz.portfolio_page`` out. Outside the OpenAPI
document like every page; a missing key answers 401 with the sign-in form.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import AsOfDep
from api.portfolio_cache import portfolio_cache
from api.ui_auth import UiTeamDep
from api.ui_shell import UiRoute
from api.ui_shell import ui_html as _html
from api.ui_shell import ui_nav as _nav
from graphcrm.method.apply import strength_parameters
from graphcrm.portfolio.cache import cached_outside_people, cached_portfolio
from viz.portfolio_page import SORT_PATTERN, portfolio_page

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=UiRoute)

Sort = Annotated[str | None, Query(pattern=SORT_PATTERN, max_length=32)]


@router.get("/portfolio", openapi_extra=PERSONAL_DATA)
async def portfolio(
    request: Request,
    team: UiTeamDep,
    as_of: AsOfDep,
    sort: Sort = None,
    lang: Annotated[Literal["en", "zh"], Query()] = "en",
) -> Response:
    visible = {a.id for a in team.accounts(as_of=as_of)}
    day = as_of or date.today()
    settings = settings_in_force(team, as_of).settings
    cache = portfolio_cache(request)
    found = await run_in_threadpool(cached_portfolio, cache, team.store, visible, day, settings)
    # Who reaches across the book now (current ties), as GET /api/v1/portfolio/outside-people,
    # kept beside the portfolio until a write to one of the team's accounts.
    everyone = {a.id for a in team.accounts()}
    strength = strength_parameters(settings_in_force(team, None).settings)
    outside = await run_in_threadpool(cached_outside_people, cache, team.store, everyone, strength)
    nav = _nav(request, lang, None, "portfolio")
    return _html(portfolio_page(found.to_list(), nav, sort, [o.to_dict() for o in outside]))
