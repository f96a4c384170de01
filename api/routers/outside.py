"""Outside people (DESIGN.md "Account portfolio", "Cross-account people"): the outside
influencers of one customer account, and every outside person across the portfolio
with the customer accounts they reach.

Thin: graphcrm.portfolio computes; only the accounts the caller's team sees count (an
outside party of another team is not listed, a tie into another team's account not
counted).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import AccountDep, AsOfDep, TeamDep
from api.docs import responses
from api.portfolio_cache import portfolio_cache
from graphcrm.method.apply import strength_parameters
from graphcrm.portfolio.cache import PortfolioCache, cached_outside_people
from graphcrm.portfolio.outside import outside_influencers

__all__ = ["router"]

router = APIRouter(tags=["portfolio"])

_INFLUENCER = {
    "person_id": "di-eng",
    "name": "Wang Gong",
    "title": "Chief engineer",
    "account_id": "di",
    "account_name": "Design Institute",
    "kind": "design_institute",
    "level": 2,
    "coverage": 0.75,
    "contacts": [{"staff_id": "s-ann", "strength": 0.5}],
    "ties": [{"type": "influences", "direction": "out", "person_id": "cfo", "strength": 0.8}],
}

_OUTSIDE_PERSON = {
    "person_id": "di-eng",
    "name": "Wang Gong",
    "title": "Chief engineer",
    "account_id": "di",
    "account_name": "Design Institute",
    "kind": "design_institute",
    "coverage": 0.75,
    "account_count": 2,
    "reaches": [
        {"account_id": "acme", "account_name": "Acme", "ties": 2},
        {"account_id": "globex", "account_name": "Globex", "ties": 1},
    ],
}


@router.get(
    "/accounts/{account_id}/outside-influencers",
    summary="Outside people tied into the account (not ranked): their ties, level and "
    "our coverage of them",
    responses=responses([_INFLUENCER]),
    openapi_extra=PERSONAL_DATA,
    tags=["analyses"],
)
def get_outside_influencers(
    team: TeamDep, account_id: AccountDep, as_of: AsOfDep
) -> list[dict[str, Any]]:
    """People of partners, consultants, design institutes, government or a group's
    headquarters with `knows`/`influences` ties into this customer account, as of the
    date. They are not ranked among the account's people: the three rules run over the
    customer's own organisation. Parties the team does not see are left out."""
    visible = {a.id for a in team.accounts(as_of=as_of)}
    strength = strength_parameters(settings_in_force(team, as_of).settings)
    found = outside_influencers(team.store, account_id, as_of=as_of, strength=strength)
    return [o.to_dict() for o in found if o.account_id in visible]


@router.get(
    "/portfolio/outside-people",
    summary="Every outside person with the customer accounts they reach, most accounts first",
    responses=responses([_OUTSIDE_PERSON]),
    openapi_extra=PERSONAL_DATA,
)
def get_outside_people(
    team: TeamDep, cache: Annotated[PortfolioCache, Depends(portfolio_cache)]
) -> list[dict[str, Any]]:
    """Current ties only; the accounts the team sees count on both ends. Kept with the
    portfolio until a write to one of those accounts (graphcrm.portfolio.cache)."""
    strength = strength_parameters(settings_in_force(team, None).settings)
    visible = {a.id for a in team.accounts()}
    found = cached_outside_people(cache, team.store, visible, strength)
    return [o.to_dict() for o in found]
