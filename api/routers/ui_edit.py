"""The pages' editing forms (issue 11 item 1): people, ties and attitudes.

Each post is one ``FormRoute`` (api.ui_form_routes, at the end of this module):
it goes through ``api.ui_forms.submit`` (read-only 403, form token, 422 with
the input kept, 412 for a stale version, 303 back) and writes through the team
store's typed tables, the same calls the REST API's CRUD routes make
(api/crud.py), so a page and the API can never disagree. The routes sit under
the account, so an account of another team answers 404 exactly as a missing one.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN
from api.routers.ui_edit_plans import coverage_of, versioned
from api.ui_auth import UiAccountDep, UiTeamDep, safe_next
from api.ui_form_routes import FormRoute, Key, RefusedPage, Values, add_form_routes
from api.ui_forms import if_match, record_fields
from api.ui_history import histories, shown
from api.ui_shell import UiRoute, ui_base, ui_html, ui_nav
from graphcrm.access import TeamStore
from graphcrm.access.guarded_writes import replace_to_key
from graphcrm.analysis.levels import DIMENSIONS, assess_level
from graphcrm.model import Attitude, Person, Tie
from viz import Nav
from viz.edit_forms import (
    attitude_form,
    attitudes_list,
    form_page,
    map_attitudes,
    map_editing,
    people_panel,
    person_form,
    tie_form,
    what_if_panel,
)
from viz.form_labels import ft
from viz.labels import Lang, level_label, parse_lang

__all__ = ["attitudes_of", "router"]

# Included by api.routers.ui under its /ui prefix.
router = APIRouter(include_in_schema=False, route_class=UiRoute)

LangQuery = Annotated[str, Query(max_length=5)]
PersonId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
Toward = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
#: Where a form page returns after its save: a path of the views (api.ui_auth.safe_next).
NextQuery = Annotated[str | None, Query(max_length=500)]


def _people(team: TeamStore, account_id: str) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in team.people.list(account_id)]


def dashboard_editing(team: TeamStore, nav: Nav) -> str:
    """The dashboard's people panel: every person, edit links and the add form."""
    account_id = str(nav.account_id)
    people = [p.model_dump(mode="json") for p in team.people.list(account_id)]
    return people_panel(people, nav)


def map_editing_of(team: TeamStore, nav: Nav) -> str:
    """The map's forms: the tie picker, the attitude form, the ties with remove buttons."""
    account_id = str(nav.account_id)
    ties = versioned(team, nav, "ties", team.ties.list(account_id))
    competitors = [(c.id, c.name) for c in team.competitors.list(None)]
    coverage = coverage_of(team, nav) if nav.can_write or team.contacts.list(account_id) else ""
    people = _people(team, account_id)
    staff = [(s.id, s.name) for s in team.staff.list(None)]
    trial = what_if_panel(nav, people, staff) if people else ""
    return trial + map_editing(nav, people, ties, competitors) + coverage


# -- people ---------------------------------------------------------------------------


def _person_page(
    request: Request, team: TeamStore, account_id: str, lang: Lang, key: tuple[Any, ...]
) -> RefusedPage:
    """The person form (``key``: the person's id; empty for the add form) with ``values``."""
    person_id = key[0] if key else None

    def refused(values: dict[str, Any], errors: dict[str, str]) -> str:
        nav = ui_nav(request, lang, account_id, "", team)
        title = ft("edit_person" if person_id else "add_person", lang)
        history = None
        if person_id is not None:  # who changed them and when, as it stands now
            found = histories(team, "people", account_id, [(person_id,)])
            history = shown(next(iter(found.values()), []))
        form = person_form(
            nav,
            values,
            errors,
            person_id=person_id,
            next_path=str(values.get("next") or ""),
            history=history,
        )
        return form_page(title, form, nav)

    return refused


def _person(account_id: str, values: dict[str, Any], person_id: str | None = None) -> Person:
    fields = record_fields(values)
    if person_id is not None:
        fields["id"] = person_id
    return Person.model_validate({**fields, "account_id": account_id})


@router.get("/accounts/{account_id}/people/{person_id}/edit", openapi_extra=PERSONAL_DATA)
async def edit_person_page(
    request: Request,
    team: UiTeamDep,
    account_id: UiAccountDep,
    person_id: PersonId,
    lang: LangQuery = "en",
) -> Response:
    found = await run_in_threadpool(team.people.get_tagged, account_id, person_id)
    values = found.record.model_dump(mode="json", exclude_none=True)
    values["version"] = found.etag  # the save is refused (412) if someone changes it meanwhile
    values["next"] = ui_nav(request, lang, account_id, "").href()
    page = _person_page(request, team, account_id, parse_lang(lang), (person_id,))
    return ui_html(await run_in_threadpool(page, values, {}))


# -- ties -----------------------------------------------------------------------------


def _tie_page(
    request: Request, team: TeamStore, account_id: str, lang: Lang, key: tuple[Any, ...]
) -> RefusedPage:
    def refused(values: dict[str, Any], errors: dict[str, str]) -> str:
        nav = ui_nav(request, lang, account_id, "map", team)
        form = tie_form(
            nav, _people(team, account_id), values, errors, str(values.get("next") or "")
        )
        return form_page(ft("add_tie", lang), form, nav)

    return refused


# -- attitudes ------------------------------------------------------------------------


def _assessment(values: dict[str, Any]) -> dict[str, int] | None:
    """The six dimensions if all six are given as whole numbers, else None."""
    given = {d: values.get(d) for d in DIMENSIONS}
    if not all(v not in (None, "") for v in given.values()):
        return None
    try:
        return {d: int(str(v)) for d, v in given.items()}
    except ValueError:
        return None


def _implied(values: dict[str, Any]) -> dict[str, Any] | None:
    dims = _assessment(values)
    if dims is None:
        return None
    try:
        found = assess_level(dims)
    except ValueError:  # a dimension out of range: the record's check says where
        return None
    return {"level": found.level, "explanation": found.explanation}


def _attitude_page(
    request: Request, team: TeamStore, account_id: str, lang: Lang, key: tuple[Any, ...]
) -> RefusedPage:
    """The attitude form with ``values``: a new reading (``key`` empty; the map's form), or
    the correction of the reading ``key`` (person, toward, date; from the card)."""
    editing = f"attitudes/{key[0]}/{key[1]}/{key[2].isoformat()}" if key else None

    def refused(values: dict[str, Any], errors: dict[str, str]) -> str:
        nav = ui_nav(request, lang, account_id, "cards" if key else "map", team)
        competitors = [(c.id, c.name) for c in team.competitors.list(None)]
        back = nav.href(f"cards/{key[0]}") if key else ""
        form = attitude_form(
            nav,
            _people(team, account_id),
            competitors,
            values,
            errors,
            str(values.get("next") or back),
            implied=_implied(values),
            editing=editing,
        )
        title = ft("edit_attitude" if key else "add_attitude", lang)
        return form_page(title, form, nav, scripts=("page-edit.js",))

    return refused


def attitudes_of(team: TeamStore, nav: Nav, person_id: str, as_of: date | None) -> str:
    """The card's list of the person's attitude readings (as they stood ``as_of``), each
    with its version and history for a key that writes."""
    account_id = str(nav.account_id)
    mine = [a for a in team.attitudes.list(account_id, as_of=as_of) if a.person_id == person_id]
    readings = versioned(team, nav, "attitudes", mine)
    competitors = [(c.id, c.name) for c in team.competitors.list(None)]
    return attitudes_list(nav, readings, competitors, nav.href(f"cards/{person_id}"))


def map_attitudes_of(team: TeamStore, nav: Nav, person_id: str) -> str:
    """The map's side panel for one person: their readings as they stand, each with its
    version and history, and the form recording a new one (viz.edit_forms.map_attitudes)."""
    account_id = str(nav.account_id)
    person = team.people.get(account_id, person_id)  # not the account's: 404
    mine = [a for a in team.attitudes.list(account_id) if a.person_id == person_id]
    readings = versioned(team, nav, "attitudes", mine)
    competitors = [(c.id, c.name) for c in team.competitors.list(None)]
    return map_attitudes(nav, (person.id, person.name), readings, competitors)


@router.get("/accounts/{account_id}/people/{person_id}/attitudes", openapi_extra=PERSONAL_DATA)
async def person_attitudes(
    request: Request,
    team: UiTeamDep,
    account_id: UiAccountDep,
    person_id: PersonId,
    lang: LangQuery = "en",
) -> Response:
    """The person's attitude readings and the form recording one, for the map's side panel
    (an HTML fragment; read-only keys get the readings without controls)."""
    nav = ui_nav(request, lang, account_id, "map", team)
    html = await run_in_threadpool(map_attitudes_of, team, nav, person_id)
    return Response(
        html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"}
    )


@router.get(
    "/accounts/{account_id}/attitudes/{person_id}/{toward}/{dated}/edit",
    openapi_extra=PERSONAL_DATA,
)
async def edit_attitude_page(
    request: Request,
    team: UiTeamDep,
    account_id: UiAccountDep,
    person_id: PersonId,
    toward: Toward,
    dated: date,
    lang: LangQuery = "en",
    next: NextQuery = None,
) -> Response:
    """The form correcting one reading: its date, target, level or assessment, and note;
    ``next``: where the save returns (the map's side panel's; the card by default)."""
    found = await run_in_threadpool(team.attitudes.get_tagged, account_id, person_id, toward, dated)
    values = {k: str(v) for k, v in found.record.model_dump(mode="json").items() if v is not None}
    values["version"] = found.etag  # the save is refused (412) if someone changes it meanwhile
    card = ui_nav(request, lang, account_id, "").href(f"cards/{person_id}")
    values["next"] = safe_next(next, ui_base(request)) if next else card
    page = _attitude_page(request, team, account_id, parse_lang(lang), (person_id, toward, dated))
    return ui_html(await run_in_threadpool(page, values, {}))


def _reading(values: dict[str, Any], person_id: str | None = None) -> Attitude:
    """The reading the form describes; the level the assessment gives when none is chosen."""
    fields = record_fields(values)
    if person_id is not None:
        fields["person_id"] = person_id
    implied = _implied(values)
    if implied is not None and "level" not in fields:
        fields["level"] = implied["level"]  # the level the assessment gives, as shown
    return Attitude.model_validate(fields)


@router.get("/accounts/{account_id}/attitudes/implied-level")
async def implied_level(request: Request, account_id: UiAccountDep) -> Response:
    """The level six dimensions imply, by the core's rule (the form shows it before saving)."""
    found = _implied(dict(request.query_params))
    if found is None:
        return JSONResponse({"level": None}, headers={"Cache-Control": "no-store"})
    found["label"] = level_label(found["level"], parse_lang(request.query_params.get("lang")))
    return JSONResponse(found, headers={"Cache-Control": "no-store"})


# -- the form posts, one definition each (api.ui_form_routes) ----------------------------


def _add_person(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.people.create(account_id, _person(account_id, values))


def _edit_person(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    person = _person(account_id, values, key[0])
    return team.people.replace(account_id, person, if_match=if_match(values))


def _remove_person(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.people.delete(account_id, key[0], if_match=if_match(values))


def _add_tie(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.ties.create(account_id, Tie.model_validate(record_fields(values)))


def _remove_tie(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    tie = Tie.model_validate(record_fields(values))
    guard = if_match(values)
    return team.ties.delete(account_id, tie.type, tie.source_id, tie.target_id, if_match=guard)


def _add_attitude(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.attitudes.create(account_id, _reading(values))


def _edit_attitude(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    """Correct a reading; a new date or target moves it (graphcrm.access.guarded_writes)."""
    reading = _reading(values, key[0])
    return replace_to_key(team.attitudes, account_id, key, reading, if_match=if_match(values))


def _remove_attitude(team: TeamStore, account_id: str, key: Key, values: Values) -> object:
    return team.attitudes.delete(account_id, *key, if_match=if_match(values))


_PERSON = (("person_id", PersonId),)
_READING = (("person_id", PersonId), ("toward", Toward), ("dated", date))
_READING_PATH = "/attitudes/{person_id}/{toward}/{dated}"

add_form_routes(
    router,
    (
        FormRoute("/people", _add_person, _person_page),
        FormRoute("/people/{person_id}", _edit_person, _person_page, _PERSON),
        FormRoute(
            "/people/{person_id}/remove", _remove_person, _person_page, _PERSON, done="removed"
        ),
        FormRoute("/ties", _add_tie, _tie_page, people=("source_id", "target_id")),
        FormRoute("/ties/remove", _remove_tie, _tie_page, done="removed"),
        FormRoute("/attitudes", _add_attitude, _attitude_page, people=("person_id",)),
        FormRoute(_READING_PATH, _edit_attitude, _attitude_page, _READING),
        FormRoute(
            f"{_READING_PATH}/remove", _remove_attitude, _attitude_page, _READING, done="removed"
        ),
    ),
)
