"""Interactions on the pages (DESIGN.md "Interactions"; issue 13 item 6): the person's
timeline and strength curves for the map's side panel (an HTML fragment the panel's
script fetches: drawn by the service, text escaped here), and what the card routes read
to show them (the account's interactions and the team's strength parameters).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AsOfDep
from api.ui_auth import UiAccountDep, UiTeamDep
from api.ui_shell import UiRoute
from graphcrm.access import TeamStore
from graphcrm.interactions import StrengthParameters
from graphcrm.method.apply import strength_parameters
from graphcrm.model import Interaction
from viz.interaction_timeline import timeline_html

__all__ = ["account_interactions", "router"]

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
