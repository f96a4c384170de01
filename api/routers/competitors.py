"""Competitors: shared by every team.

Any writing key adds new ones; changing or deleting one needs an admin key, and
an operator key once an account outside the caller's team uses it (403
``operator_required``): see ``graphcrm.access.shared``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import CompetitorIn, CompetitorUpdate, Page, page
from graphcrm.model import Competitor

router = APIRouter(prefix="/competitors", tags=["competitors"])
CompetitorId = Annotated[str, id_path("competitor")]
COMPETITORS = Entity[Competitor, str](Competitor, "competitor", lambda team: team.competitors)


@router.get(
    "",
    summary="List competitors",
    response_model=Page[Competitor],
    responses=responses(example_page("competitors"), errors=(401, 422, 503)),
)
def list_competitors(
    team: TeamDep,
    as_of: AsOfDep,
    paging: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> dict[str, object]:
    return page(select(COMPETITORS.list(team, None, as_of), q=q), paging)


Routes(
    COMPETITORS,
    name="competitor",
    path="/{competitor_id}",
    key=(KeyPart("competitor_id", CompetitorId, "id"),),
    body_in=CompetitorIn,
    body_update=CompetitorUpdate,
    in_account=False,
    create=Doc(
        "Add a competitor",
        responses(example("competitors"), status=201, errors=WRITE_ERRORS),
    ),
    get=Doc("Read a competitor", responses(example("competitors"), errors=(401, 404, 422, 503))),
    replace=Doc(
        "Rename a competitor (admin or operator key)",
        responses(example("competitors"), errors=WRITE_ERRORS),
        "A team admin key while only its team's accounts use it; else an operator key.",
    ),
    delete=Doc(
        "Delete a competitor and the attitudes toward it (admin or operator key)",
        responses({"deleted": "competitor/rival", "versions_ended": 2}, errors=WRITE_ERRORS),
        "A team admin key while only its team's accounts name it; else an operator key.",
    ),
).add_to(router)
