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

from datetime import date
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AsOfDep, CacheDep
from api.portfolio_cache import portfolio_cache
from api.routers import ui_edit, ui_edit_plans, ui_search, ui_what_if
from api.routers.ui_interactions import account_interactions, card_form
from api.ui_auth import (
    COOKIE,
    SESSION_LIFETIME,
    UiAccountDep,
    UiTeamDep,
    clear_session_cookie,
    in_language,
    safe_next,
    set_session_cookie,
)
from api.ui_csrf import FormTokenRefused, check_form_token
from api.ui_data import account_view
from api.ui_shell import HEADERS as _HEADERS
from api.ui_shell import UiRoute
from api.ui_shell import ui_base as _base
from api.ui_shell import ui_html as _html
from api.ui_shell import ui_nav as _nav
from api.ui_shell import ui_token as _token
from graphcrm.access import AuthenticationFailed
from graphcrm.dashboard import AccountLine, account_line, overdue_actions
from graphcrm.errors import NotFoundError
from graphcrm.plans.period import PeriodError
from graphcrm.plans.reads import read_account_review, read_task_book
from graphcrm.plans.task_book_xlsx import task_book_xlsx
from graphcrm.portfolio.cache import cached_portfolio
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
from viz.edit_forms import FORM_CSS
from viz.form_labels import ft

__all__ = ["router"]

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


router = APIRouter(prefix="/ui", include_in_schema=False, route_class=UiRoute)

Lang = Annotated[Literal["en", "zh"], Query(description="Label language.")]
PersonId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
Opportunity = Annotated[str | None, Query(pattern=ID_PATTERN, max_length=128)]
GroupBy = Annotated[Literal["department", "layer", "role"], Query()]
# The review's dates as the date pickers send them: empty means the default.
ReviewFrom = Annotated[str | None, Query(alias="from", max_length=32)]
ReviewTo = Annotated[str | None, Query(alias="to", max_length=32)]


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
    nav = Nav(parse_lang(lang), base=_base(request), csrf=_token(request).token)
    target = in_language(safe_next(next, nav.base), nav.lang)
    try:  # login CSRF: another site must not sign the browser in with its own key
        await check_form_token(request)
    except FormTokenRefused:
        return _html(sign_in_page(nav, next_path=target, error=ft("form_expired", nav.lang)), 422)
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
    try:  # another site must not end the session either
        await check_form_token(request)
    except FormTokenRefused:
        nav = Nav(parse_lang(request.query_params.get("lang")), base=base)
        return _html(not_found_page(nav), 403)
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
    lines = await run_in_threadpool(_account_lines, request, team, as_of)
    return _html(accounts_page(lines, _nav(request, lang, None, None)))


def _account_lines(request: Request, team: Any, as_of: date | None) -> list[AccountLine]:
    """Each of the team's accounts with its health, trend, heaviest gap and next target
    from the cached portfolio (the same entry as /ui/portfolio and GET /api/v1/portfolio)
    and its overdue actions (graphcrm.dashboard.accounts)."""
    accounts = team.accounts(as_of=as_of)
    day = as_of or date.today()
    found = cached_portfolio(
        portfolio_cache(request),
        team.store,
        {a.id for a in accounts},
        day,
        settings_in_force(team, as_of).settings,
    )
    states = {row["account_id"]: row for row in found.to_list()}
    return [
        account_line(
            a.model_dump(mode="json"),
            states.get(a.id),
            overdue_actions(team.actions.list(a.id), day),
        )
        for a in accounts
    ]


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
    nav = _nav(request, lang, account_id, "", team)
    editing = "" if as_of else await run_in_threadpool(ui_edit.dashboard_editing, team, nav)
    left, names = await run_in_threadpool(_left_last_quarter, team, view, as_of)
    return _html(dashboard_page(view, nav, editing=editing, left=left, names=names))


def _left_last_quarter(
    team: Any, view: Any, as_of: date | None
) -> tuple[list[Any], dict[str, str]]:
    """The key people who left in the quarter up to the read day, with the coverage lost,
    as the quarterly review finds them (``key_person_left``); read only when someone of
    the account has left by then (the graph's ``left``), so most dashboards skip it."""
    if not view.graph.graph.get("left"):
        return [], {}
    read = read_account_review(
        team,
        view.account_id,
        from_date=None,
        to_date=as_of,
        today=as_of or date.today(),
        method=team.access.method_settings.lookup(team.principal.team_id),
    )
    names = {
        **read.names,
        **{p: str(d["name"]) for p, d in read.before.nodes(data=True) if d.get("name")},
    }
    return list(read.review.key_people_left), names


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
    nav = _nav(request, lang, account_id, "map", None if as_of else team)
    editing = "" if as_of else await run_in_threadpool(ui_edit.map_editing_of, team, nav)
    return _html(map_page(view, nav, editing=editing, editing_css=FORM_CSS, as_of=as_of))


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
    nav = _nav(request, lang, account_id, "fishbone", team)
    editing = "" if as_of else await run_in_threadpool(ui_edit_plans.roles_of, team, nav)
    return _html(fishbone_page(view, nav, group_by=group_by, editing=editing, editing_css=FORM_CSS))


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
    nav = _nav(request, lang, account_id, "cards", None if as_of else team)
    met, strength = await run_in_threadpool(account_interactions, team, account_id, as_of)
    return _html(cards_page(view, view.key_ids, nav, interactions=met, strength=strength))


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
    nav = _nav(request, lang, account_id, "cards", None if as_of else team)
    met, strength = await run_in_threadpool(account_interactions, team, account_id, as_of)
    log = await run_in_threadpool(card_form, team, nav, person_id) if nav.can_write else ""
    readings = await run_in_threadpool(ui_edit.attitudes_of, team, nav, person_id, as_of)
    extra = readings + log  # the person's attitudes, editable (issue 11 item 2)
    page = cards_page(view, [person_id], nav, interactions=met, strength=strength, extra=extra)
    return _html(page)


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
    request: Request,
    team: UiTeamDep,
    account_id: UiAccountDep,
    as_of: AsOfDep,
    lang: Lang = "en",
    plan_for: Annotated[str, Query(pattern=ID_PATTERN, max_length=128)] = "",
) -> Response:
    """The task book (客户关系提升目标任务书), printable; ``plan_for``: the person its plan
    form opens with (the dashboard's "plan one" link)."""
    method = team.access.method_settings.lookup(team.principal.team_id)  # strength parameters
    book = await run_in_threadpool(partial(read_task_book, method=method), team, account_id, as_of)
    nav = _nav(request, lang, account_id, "task-book", team)
    plans = partial(ui_edit_plans.plans_of, plan_for=plan_for)
    editing = "" if as_of else await run_in_threadpool(plans, team, nav)
    return _html(task_book_page(book, nav, editing=editing))


@router.get("/accounts/{account_id}/task-book.xlsx", openapi_extra=PERSONAL_DATA)
async def task_book_workbook(team: UiTeamDep, account_id: UiAccountDep, as_of: AsOfDep) -> Response:
    """The task book's XLSX export, the same workbook as the API's (bilingual labels)."""
    method = team.access.method_settings.lookup(team.principal.team_id)  # strength parameters
    book = await run_in_threadpool(partial(read_task_book, method=method), team, account_id, as_of)
    return _download(task_book_xlsx(book), _XLSX, f"task-book-{account_id}.xlsx")


# The editing forms (issue 11), in their own module; served under the same /ui prefix.
router.include_router(ui_edit.router)
router.include_router(ui_edit_plans.router)
router.include_router(ui_what_if.router)
router.include_router(ui_search.router)
