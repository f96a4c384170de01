"""Interactions on the pages (DESIGN.md "Interactions"; issue 13 item 6): the person's
timeline and strength curves for the map's side panel (an HTML fragment the panel's
script fetches: drawn by the service, text escaped here), what the card routes read to
show them (the account's interactions and the team's strength parameters), and the
form that logs an interaction from a card.

The form offers only the account's current people and our staff; its post goes through
the pages' form machinery (api.ui_forms: read-only 403, form token, 422 with each
message at its field and nothing written, 303 back to the card) and writes through the
same core path as ``POST /accounts/{id}/interactions`` (the team's interactions table,
the record built by graphcrm.interactions.log.build_interaction).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AsOfDep
from api.ui_auth import UiAccountDep, UiTeamDep
from api.ui_forms import submit
from api.ui_shell import UiRoute, ui_nav
from graphcrm.access import TeamStore
from graphcrm.interactions import StrengthParameters
from graphcrm.interactions.log import build_interaction
from graphcrm.method.apply import strength_parameters
from graphcrm.model import Interaction, InteractionSource
from viz.edit_forms import form_page
from viz.interaction_form import interaction_form
from viz.interaction_timeline import timeline_html
from viz.page import Nav

__all__ = ["account_interactions", "card_form", "router"]

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=UiRoute)
PersonId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]
Lang = Annotated[Literal["en", "zh"], Query(description="Label language.")]


def account_interactions(
    team: TeamStore, account_id: str, as_of: date | None
) -> tuple[list[Interaction], StrengthParameters]:
    """The account's interactions as they stood ``as_of`` and the team's strength
    parameters in force that day (the curves use the same strength as the analyses)."""
    found = team.interactions.list(account_id, as_of=as_of)
    return found, strength_parameters(settings_in_force(team, as_of).settings)


def _fragment(
    team: TeamStore, account_id: str, person_id: str, as_of: date | None, lang: Lang
) -> str:
    team.people.get(account_id, person_id, as_of=as_of)  # NotFoundError: 404 as a missing one
    found, strength = account_interactions(team, account_id, as_of)
    end = as_of or date.today()
    names = {s.id: s.name for s in team.store.staff(as_of=as_of)}
    return timeline_html(found, person_id, lambda s: names.get(s, s), lang, end, strength=strength)


@router.get("/accounts/{account_id}/people/{person_id}/interactions", openapi_extra=PERSONAL_DATA)
async def person_interactions(
    team: UiTeamDep,
    account_id: UiAccountDep,
    person_id: PersonId,
    as_of: AsOfDep,
    lang: Lang = "en",
) -> Response:
    """The person's interaction timeline and strength curves, for the map's side panel."""
    html = await run_in_threadpool(_fragment, team, account_id, person_id, as_of, lang)
    return Response(
        html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"}
    )


# -- logging an interaction from a card --------------------------------------------------

_LISTS = ("staff_ids", "person_ids")  # sent once per chosen option


def _choices(
    team: TeamStore, account_id: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The account's people still with the customer today, and our staff."""
    today = date.today()
    people = [
        (p.id, p.name)
        for p in team.people.list(account_id)
        if p.left_on is None or p.left_on > today
    ]
    return people, [(s.id, s.name) for s in team.staff.list(None)]


def card_form(team: TeamStore, nav: Nav, person_id: str) -> str:
    """The log form for the card of ``person_id`` (that person chosen, dated today)."""
    people, staff = _choices(team, str(nav.account_id))
    values = {"date": date.today().isoformat(), "type": "meeting", "person_ids": [person_id]}
    return interaction_form(nav, people, staff, values, {}, nav.href(f"cards/{person_id}"))


def _refused_page(request: Request, team: TeamStore, account_id: str, lang: str) -> Any:
    def refused(values: dict[str, Any], errors: dict[str, str]) -> str:
        nav = ui_nav(request, lang, account_id, "cards", team)
        people, staff = _choices(team, account_id)
        next_path = str(values.get("next") or nav.href("cards"))
        form = interaction_form(nav, people, staff, values, errors, next_path)
        return form_page(form_title(nav), form, nav)

    return refused


def form_title(nav: Nav) -> str:
    return "记录互动" if nav.lang == "zh" else "Log an interaction"


@router.post("/accounts/{account_id}/interactions", openapi_extra=PERSONAL_DATA)
async def log_from_page(
    request: Request, team: UiTeamDep, account_id: UiAccountDep, lang: Lang = "en"
) -> Response:
    """Log one interaction of the account from the card's form."""
    form = await request.form()  # cached: the form machinery reads the same
    chosen = {name: [v for v in form.getlist(name) if isinstance(v, str) and v] for name in _LISTS}

    def write(values: dict[str, Any]) -> object:
        values.update(chosen)  # shown again as chosen if refused
        fields = {k: v for k, v in values.items() if k not in ("csrf_token", "next") and v != ""}
        fields["source"] = InteractionSource.MANUAL
        return team.interactions.create(account_id, build_interaction(fields))

    page = _refused_page(request, team, account_id, lang)
    nav = ui_nav(request, lang, None, None)
    return await submit(request, team, write, page, lang=nav.lang, base=nav.base)
