"""The account portfolio (DESIGN.md "Account portfolio"): tiers, value, RFM, quadrant and
health of every account the caller's team owns, and who-knows-whom across them.

Thin: the team's accounts are the portfolio (tiers, RFM quintiles and the quadrant
medians are computed over them only, never over another team's); the core computes
(graphcrm.portfolio). A person or staff member outside the team's accounts answers 404
as a missing one.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import AsOfDep, TeamDep, id_path
from api.docs import responses
from api.portfolio_cache import portfolio_cache
from graphcrm.method.apply import strength_parameters
from graphcrm.portfolio.cache import PortfolioCache, cached_portfolio
from graphcrm.portfolio.reach import person_reach, staff_reach

__all__ = ["router"]

router = APIRouter(tags=["portfolio"])

_ROW_EXAMPLE = {
    "account_id": "acme",
    "name": "Acme",
    "kind": "customer",
    "parent_id": None,
    "tier": "strategic",
    "tier_computed": "value",
    "tier_override": True,
    "rank": 2,
    "value_score": 4.1,
    "current": 4.0,
    "future": 4.5,
    "social": 3.5,
    "assessed_on": "2025-03-01",
    "quadrant": "star",
    "rfm": "5-4-5",
    "recency_days": 12,
    "order_count": 7,
    "order_amount": 1250000.0,
    "cadence_days": 30,
    "health": 0.62,
    "health_quarter_ago": 0.55,
    "heaviest_gap": {"code": "no_coach", "person_id": None, "explanation": {"en": "…"}},
    "next_target": {"person_id": "cfo", "name": "Li Na", "score": 0.41},
}


def _visible(team: TeamDep, as_of: date | None) -> set[str]:
    return {a.id for a in team.accounts(as_of=as_of)}


@router.get(
    "/portfolio",
    summary="The portfolio: per account tier (computed, recorded), value, quadrant, RFM, "
    "health now and a quarter ago, heaviest gap, best next target",
    responses=responses([_ROW_EXAMPLE], errors=(401, 422, 503)),
    openapi_extra=PERSONAL_DATA,
)
def get_portfolio(
    team: TeamDep,
    as_of: AsOfDep,
    cache: Annotated[PortfolioCache, Depends(portfolio_cache)],
) -> list[dict[str, Any]]:
    """Tiers are computed over the team's accounts only (by default 5/20/30/45 of what you
    see), with the team's method settings in force on the day (value weights, tier
    shares, cadence by tier, DESIGN.md "Method settings"). Served from cache until a
    write to one of those accounts or a change of the settings (graphcrm.portfolio.cache)."""
    day = as_of or date.today()
    settings = settings_in_force(team, as_of).settings
    return cached_portfolio(cache, team.store, _visible(team, as_of), day, settings).to_list()


@router.get(
    "/portfolio/people/{person_id}/reach",
    summary="Our closest staff to one person, anywhere: direct, or through a tied person",
    responses=responses(
        [{"staff_id": "s-ann", "strength": 0.45, "via": "di-eng", "via_account_id": "di"}],
    ),
    openapi_extra=PERSONAL_DATA,
)
def get_person_reach(
    team: TeamDep, person_id: Annotated[str, id_path("person")], as_of: AsOfDep
) -> list[dict[str, Any]]:
    """Only contacts in the team's accounts count; another team's person answers 404.
    Strengths are effective as of the read date (derived from interactions, else recorded)."""
    strength = strength_parameters(settings_in_force(team, as_of).settings)
    ways = person_reach(  # NotFoundError: 404
        team.store, person_id, _visible(team, as_of), as_of=as_of, strength=strength
    )
    return [w.to_dict() for w in ways]


@router.get(
    "/staff/{staff_id}/reach",
    summary="Who-knows-whom: the accounts and people a staff member covers, with strength",
    responses=responses(
        {
            "staff_id": "s-ann",
            "accounts": [{"account_id": "acme", "people": [{"person_id": "cfo", "strength": 0.7}]}],
            "account_count": 1,
            "people_count": 1,
        }
    ),
    openapi_extra=PERSONAL_DATA,
    tags=["staff"],
)
def get_staff_reach(
    team: TeamDep, staff_id: Annotated[str, id_path("staff member")], as_of: AsOfDep
) -> dict[str, Any]:
    """The staff member's contacts in the team's accounts only, with their effective
    strengths as of the read date (derived from interactions, else recorded)."""
    team.get("staff", (staff_id,), None, as_of=as_of)  # 404 for an unknown staff member
    strength = strength_parameters(settings_in_force(team, as_of).settings)
    visible = _visible(team, as_of)
    return staff_reach(team.store, staff_id, visible, as_of=as_of, strength=strength)
