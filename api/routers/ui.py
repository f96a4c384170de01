"""The browser views under /ui: sign-in, the accounts, and per account the dashboard,
organisation map, fishbone, decision and power chart, assessment table,
expansion cards, quarterly review and task book (with their SVG, XLSX and CSV
downloads).

Thin: each page resolves the caller's team and account as the REST API does,
reads the analyses through the API's cache (api.ui_data), or the plans
exactly as the plan routes do (graphcrm.plans.reads), and hands them to viz/
to render. Pages stay out of the OpenAPI document. A missing key answers
401 with the sign-in form; an account of another team answers 404 with the
same page as an account that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AsOfDep, CacheDep
from api.ui_auth import (
    COOKIE,
    SESSION_LIFETIME,
    UiAccountDep,
    UiTeamDep,
    clear_session_cookie,
    safe_next,
    set_session_cookie,
)
from api.ui_data import account_view
from graphcrm.access import AuthenticationFailed
from graphcrm.errors import NotFoundError
from graphcrm.plans.period import PeriodError
from graphcrm.plans.reads import read_account_review, read_task_book
from graphcrm.plans.task_book_xlsx import task_book_xlsx
from viz import (
    Nav,
    accounts_page,
    assessment_csv,
    assessment_page,
    assessment_xlsx,
    asset,
    cards_page,
    cards_xlsx,
    dashboard_page,
    fishbone_page,
    fishbone_svg,
    map_page,
    not_found_page,
    parse_lang,
    power_page,
    review_page,
    sign_in_page,
    task_book_page,
)

__all__ = ["router"]

# Pages load only what the service serves; nothing from any other host.
_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
_HEADERS = {
    "Content-Security-Policy": _CSP,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _base(request: Request) -> str:
    """Where the views are served: ``/ui`` under the app's root path (behind a proxy)."""
    return f"{request.scope.get('root_path', '')}/ui"


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=_HEADERS)


class UiRoute(APIRoute):
    """A page route: a missing or bad key shows the sign-in form (401), anything not
    found (or not the caller's) the not-found page (404)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            nav = Nav(parse_lang(request.query_params.get("lang")), base=_base(request))
            try:
                return await handler(request)
            except AuthenticationFailed:
                here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                page = sign_in_page(nav, next_path=safe_next(here, nav.base))
                return _html(page, 401)
            except NotFoundError:
                return _html(not_found_page(nav), 404)

        return route


router = APIRouter(prefix="/ui", include_in_schema=False, route_class=UiRoute)

Lang = Annotated[Literal["en", "zh"], Query(description="Label language.")]
PersonId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
Opportunity = Annotated[str | None, Query(pattern=ID_PATTERN, max_length=128)]
GroupBy = Annotated[Literal["department", "layer", "role"], Query()]
# The review's dates as the date pickers send them: empty means the default.
ReviewFrom = Annotated[str | None, Query(alias="from", max_length=32)]
ReviewTo = Annotated[str | None, Query(alias="to", max_length=32)]


def _nav(request: Request, lang: str, account_id: str | None, current: str | None) -> Nav:
    query = tuple((k, v) for k, v in request.query_params.multi_items())
    return Nav(parse_lang(lang), account_id, current, query, base=_base(request))


# -- signing in -------------------------------------------------------------------------


@router.get("/sign-in")
async def sign_in_form(request: Request, lang: Lang = "en", next: str | None = None) -> Response:
    nav = _nav(request, lang, None, None)
    return _html(sign_in_page(nav, next_path=safe_next(next, nav.base)))


@router.post("/sign-in")
async def sign_in(
    request: Request,
    key: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/ui",
    lang: Annotated[str, Form(max_length=5)] = "en",
) -> Response:
    nav = Nav(parse_lang(lang), base=_base(request))
    target = safe_next(next, nav.base)
    try:
        token = request.app.state.services.access.start_session(
            key.strip(), lifetime=SESSION_LIFETIME
        )
    except AuthenticationFailed:
        return _html(sign_in_page(nav, next_path=target, failed=True), 401)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, token, path=nav.base)
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    base = _base(request)
    token = request.cookies.get(COOKIE)
    if token:
        request.app.state.services.access.end_session(token)
    response = RedirectResponse(f"{base}/sign-in", status_code=303)
    clear_session_cookie(response, path=base)
    return response


@router.get("/assets/{name}")
async def get_asset(name: Annotated[str, Path(pattern=r"^[a-z0-9.\-]{1,64}$")]) -> Response:
    found = asset(name)
    if found is None:
        raise NotFoundError(f"no asset {name!r}")
    body, media_type = found
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})


# -- pages ------------------------------------------------------------------------------


@router.get("", openapi_extra=PERSONAL_DATA)
async def accounts(
    request: Request, team: UiTeamDep, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    rows = [a.model_dump(mode="json") for a in team.accounts(as_of=as_of)]
    return _html(accounts_page(rows, _nav(request, lang, None, None)))


@router.get("/accounts/{account_id}", openapi_extra=PERSONAL_DATA)
async def dashboard(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of, trend=True)
    return _html(dashboard_page(view, _nav(request, lang, account_id, "")))


@router.get("/accounts/{account_id}/map", openapi_extra=PERSONAL_DATA)
async def organisation_map(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of)
    return _html(map_page(view, _nav(request, lang, account_id, "map")))


@router.get("/accounts/{account_id}/fishbone", openapi_extra=PERSONAL_DATA)
async def fishbone(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    opportunity: Opportunity = None,
    group_by: GroupBy = "department",
    lang: Lang = "en",
) -> Response:
    view = await account_view(
        team, cache, account_id, opportunity=opportunity, as_of=as_of, group_by=group_by
    )
    nav = _nav(request, lang, account_id, "fishbone")
    return _html(fishbone_page(view, nav, group_by=group_by))


@router.get("/accounts/{account_id}/fishbone.svg", openapi_extra=PERSONAL_DATA)
async def fishbone_file(
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    opportunity: Opportunity = None,
    group_by: GroupBy = "department",
    lang: Lang = "en",
) -> Response:
    view = await account_view(
        team, cache, account_id, opportunity=opportunity, as_of=as_of, group_by=group_by
    )
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + fishbone_svg(
        view, parse_lang(lang), standalone=True
    )
    return Response(
        svg.encode("utf-8"),
        media_type="image/svg+xml",
        headers={
            **_HEADERS,
            "Content-Disposition": f'attachment; filename="{account_id}-fishbone.svg"',
        },
    )


@router.get("/accounts/{account_id}/power", openapi_extra=PERSONAL_DATA)
async def power(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of)
    return _html(power_page(view, _nav(request, lang, account_id, "power")))


@router.get("/accounts/{account_id}/assessment", openapi_extra=PERSONAL_DATA)
async def assessment(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of)
    return _html(assessment_page(view, _nav(request, lang, account_id, "assessment")))


def _download(body: bytes, media_type: str, filename: str) -> Response:
    headers = {**_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)


@router.get("/accounts/{account_id}/assessment.xlsx", openapi_extra=PERSONAL_DATA)
async def assessment_workbook(
    team: UiTeamDep, cache: CacheDep, account_id: UiAccountDep, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of)
    body = assessment_xlsx(view, parse_lang(lang))
    return _download(body, _XLSX, f"{account_id}-assessment.xlsx")


@router.get("/accounts/{account_id}/assessment.csv", openapi_extra=PERSONAL_DATA)
async def assessment_table(
    team: UiTeamDep, cache: CacheDep, account_id: UiAccountDep, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of)
    body = assessment_csv(view, parse_lang(lang))
    return _download(body, "text/csv; charset=utf-8", f"{account_id}-assessment.csv")


async def _key_view(team: Any, cache: Any, account_id: str, as_of: Any) -> Any:
    """The view with warm paths to every key person (for the cards)."""
    base = await account_view(team, cache, account_id, as_of=as_of)
    return await account_view(team, cache, account_id, as_of=as_of, paths_for=base.key_ids)


@router.get("/accounts/{account_id}/cards", openapi_extra=PERSONAL_DATA)
async def cards(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    view = await _key_view(team, cache, account_id, as_of)
    return _html(cards_page(view, view.key_ids, _nav(request, lang, account_id, "cards")))


@router.get("/accounts/{account_id}/cards.xlsx", openapi_extra=PERSONAL_DATA)
async def cards_workbook(
    team: UiTeamDep, cache: CacheDep, account_id: UiAccountDep, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    view = await _key_view(team, cache, account_id, as_of)
    return _download(cards_xlsx(view, parse_lang(lang)), _XLSX, f"{account_id}-cards.xlsx")


@router.get("/accounts/{account_id}/cards/{person_id}", openapi_extra=PERSONAL_DATA)
async def card(
    request: Request,
    team: UiTeamDep,
    cache: CacheDep,
    account_id: UiAccountDep,
    person_id: PersonId,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    view = await account_view(team, cache, account_id, as_of=as_of, paths_for=(person_id,))
    if person_id not in view.people:
        raise NotFoundError(f"no person {person_id!r}")
    return _html(cards_page(view, [person_id], _nav(request, lang, account_id, "cards")))


# -- plans and reviews --------------------------------------------------------------------


def _picked(text: str | None, field: str) -> date | None:
    """A date as a picker sends it (empty: the default); PeriodError if it is not a date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(field, f"{text!r} is not a date") from None


@router.get("/accounts/{account_id}/review", openapi_extra=PERSONAL_DATA)
async def quarterly_review(
    request: Request,
    team: UiTeamDep,
    account_id: UiAccountDep,
    date_from: ReviewFrom = None,
    date_to: ReviewTo = None,
    lang: Lang = "en",
) -> Response:
    """The quarterly review between two dates (default: the 91 days up to today)."""
    nav = _nav(request, lang, account_id, "review")
    today = date.today()
    try:  # a bad date or period (see graphcrm.plans.period) shows the form again
        start, end = _picked(date_from, "from"), _picked(date_to, "to")
        read = await run_in_threadpool(
            read_account_review,
            team,
            account_id,
            from_date=start,
            to_date=end,
            today=today,
            method=team.access.method_settings.lookup(team.principal.team_id),
        )
    except PeriodError:
        page = review_page(
            None,
            nav,
            names={},
            account_name=account_id,
            today=today,
            date_from=date_from or "",
            date_to=date_to or "",
        )
        return _html(page, 422)
    page = review_page(
        read.review,
        nav,
        names=read.names,
        account_name=read.review.account_name,
        date_from=read.review.from_date.isoformat(),
        date_to=read.review.to_date.isoformat(),
        today=today,
        new_account=read.new_account,
    )
    return _html(page)


@router.get("/accounts/{account_id}/task-book", openapi_extra=PERSONAL_DATA)
async def task_book(
    request: Request, team: UiTeamDep, account_id: UiAccountDep, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    """The task book (客户关系提升目标任务书), printable."""
    book = await run_in_threadpool(read_task_book, team, account_id, as_of)
    return _html(task_book_page(book, _nav(request, lang, account_id, "task-book")))


@router.get("/accounts/{account_id}/task-book.xlsx", openapi_extra=PERSONAL_DATA)
async def task_book_workbook(team: UiTeamDep, account_id: UiAccountDep, as_of: AsOfDep) -> Response:
    """The task book's XLSX export, the same workbook as the API's (bilingual labels)."""
    book = await run_in_threadpool(read_task_book, team, account_id, as_of)
    return _download(task_book_xlsx(book), _XLSX, f"task-book-{account_id}.xlsx")
