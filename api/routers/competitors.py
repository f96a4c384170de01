"""Competitors: shared by every team.

Any writing key adds new ones; changing or deleting one needs an admin key, and
an operator key once an account outside the caller's team uses it (403
``operator_required``): see ``graphcrm.access.shared``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.crud import Entity
from api.deps import AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import CompetitorIn, CompetitorUpdate, Deleted, Page, page
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


@router.post(
    "",
    status_code=201,
    summary="Add a competitor",
    response_model=Competitor,
    responses=responses(example("competitors"), status=201, errors=WRITE_ERRORS),
)
def create_competitor(team: TeamDep, body: CompetitorIn) -> Competitor:
    return COMPETITORS.create(team, None, COMPETITORS.record(body))


@router.get(
    "/{competitor_id}",
    summary="Read a competitor",
    response_model=Competitor,
    responses=responses(example("competitors"), errors=(401, 404, 422, 503)),
)
def get_competitor(team: TeamDep, competitor_id: CompetitorId, as_of: AsOfDep) -> Competitor:
    return COMPETITORS.get(team, None, competitor_id, as_of=as_of)


@router.put(
    "/{competitor_id}",
    summary="Rename a competitor (admin or operator key)",
    response_model=Competitor,
    responses=responses(example("competitors"), errors=WRITE_ERRORS),
)
def update_competitor(
    team: TeamDep, competitor_id: CompetitorId, body: CompetitorUpdate
) -> Competitor:
    """A team admin key while only its team's accounts use it; else an operator key."""
    return COMPETITORS.replace(team, None, COMPETITORS.record(body, id=competitor_id))


@router.delete(
    "/{competitor_id}",
    summary="Delete a competitor and the attitudes toward it (admin or operator key)",
    response_model=Deleted,
    responses=responses({"deleted": "competitor/rival", "versions_ended": 2}, errors=WRITE_ERRORS),
)
def delete_competitor(team: TeamDep, competitor_id: CompetitorId) -> Deleted:
    """A team admin key while only its team's accounts name it; else an operator key."""
    return COMPETITORS.delete(team, None, competitor_id)
