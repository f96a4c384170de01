"""Analyses of one account, or of one opportunity's decision chain (``?opportunity=ID``).

Every GET is cached per account and parameters and carries an ETag; any write
to the account drops its cached results. Responses name people and their
attitudes, so every read is audited.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.analyses import compute_what_if, serve_analysis
from api.analysis_schemas import (
    CoverageOut,
    FishboneOut,
    KeyPersonOut,
    NextTargetOut,
    PersonImportanceOut,
    WarmPathOut,
    WhatIfIn,
    WhatIfOut,
)
from api.audit import PERSONAL_DATA, SAFE_POST
from api.deps import ID_PATTERN, AnalysedAccountDep
from api.docs import responses

router = APIRouter(prefix="/accounts/{account_id}", tags=["analyses"])

Opportunity = Annotated[
    str | None,
    Query(
        pattern=ID_PATTERN,
        max_length=128,
        description="Analyse this opportunity's decision chain instead of the whole account.",
    ),
]
CACHED = (401, 404, 422, 503)


def _ok(description: str) -> dict[int | str, dict[str, object]]:
    out = responses(errors=CACHED)
    out[200] = {
        "description": description,
        "headers": {
            "ETag": {"description": "Send back in If-None-Match.", "schema": {"type": "string"}},
            "X-Cache": {
                "description": "hit (stored), miss (computed now) or shared (computed once "
                "for several requests at the same time).",
                "schema": {"type": "string", "enum": ["hit", "miss", "shared"]},
            },
            "X-Settings-Version": {
                "description": "The version of the team's method settings the result used "
                "(0: the defaults); see GET /settings.",
                "schema": {"type": "string"},
            },
        },
    }
    out[304] = {"description": "Not modified: the If-None-Match ETag is still current."}
    return out


@router.get(
    "/importance",
    summary="Importance of each person by the three rules, with formal power and quadrant",
    response_model=list[PersonImportanceOut],
    responses=_ok("Per person, ranked; every score with the parts it was built from."),
    openapi_extra=PERSONAL_DATA,
)
async def get_importance(
    request: Request,
    account: AnalysedAccountDep,
    opportunity: Opportunity = None,
    horizon: Annotated[
        int | None,
        Query(
            ge=1,
            le=10,
            description="Steps counted by rule 2 (depended on by many); "
            "default: the team's setting (3 unless changed).",
        ),
    ] = None,
) -> Response:
    return await serve_analysis(
        request,
        account,
        "importance",
        opportunity=opportunity,
        horizon=horizon,
    )


@router.get(
    "/key-people",
    summary="The key people, each with why they are key",
    response_model=list[KeyPersonOut],
    responses=_ok("The top K by importance plus every decision maker and approver."),
    openapi_extra=PERSONAL_DATA,
)
async def get_key_people(
    request: Request,
    account: AnalysedAccountDep,
    opportunity: Opportunity = None,
    k: Annotated[
        int | None, Query(ge=0, le=100, description="Top K (default: adapts to account size).")
    ] = None,
) -> Response:
    return await serve_analysis(request, account, "key-people", opportunity=opportunity, k=k)


@router.get(
    "/coverage",
    summary="Relationship health (0..100), coverage and quality per person, and the gaps",
    response_model=CoverageOut,
    responses=_ok("Health, per-person coverage and quality, gaps heaviest first."),
    openapi_extra=PERSONAL_DATA,
)
async def get_coverage(
    request: Request,
    account: AnalysedAccountDep,
    opportunity: Opportunity = None,
) -> Response:
    return await serve_analysis(
        request,
        account,
        "coverage",
        opportunity=opportunity,
    )


@router.get(
    "/paths",
    summary="Warm paths from our staff to a person, strongest first",
    response_model=list[WarmPathOut],
    responses=_ok("The k strongest simple paths; empty when none reaches the person."),
    openapi_extra=PERSONAL_DATA,
)
async def get_paths(
    request: Request,
    account: AnalysedAccountDep,
    target: Annotated[str, Query(pattern=ID_PATTERN, description="The person to reach.")],
    source: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="Start from this staff member only.")
    ] = None,
    k: Annotated[int, Query(ge=1, le=20, description="How many paths.")] = 3,
    max_hops: Annotated[int | None, Query(ge=1, le=10, description="Longest path.")] = None,
    opportunity: Opportunity = None,
) -> Response:
    return await serve_analysis(
        request,
        account,
        "paths",
        opportunity=opportunity,
        target=target,
        source=source,
        k=k,
        max_hops=max_hops,
    )


@router.get(
    "/next-targets",
    summary="Whom to win next: ranked targets with score parts, best path and an owner",
    response_model=list[NextTargetOut],
    responses=_ok("Key people below their target level, highest score first."),
    openapi_extra=PERSONAL_DATA,
)
async def get_next_targets(
    request: Request,
    account: AnalysedAccountDep,
    opportunity: Opportunity = None,
    target_level: Annotated[
        int | None,
        Query(
            ge=-1,
            le=3,
            description="Level to reach where no plan sets one; "
            "default: the team's setting (2 unless changed).",
        ),
    ] = None,
) -> Response:
    return await serve_analysis(
        request,
        account,
        "next-targets",
        opportunity=opportunity,
        target_level=target_level,
    )


@router.post(
    "/what-if",
    summary="What if: health and gap changes for hypothetical changes (nothing is written)",
    response_model=WhatIfOut,
    responses=responses(errors=(400, 401, 404, 422, 503)),
    openapi_extra=PERSONAL_DATA | SAFE_POST,
)
def post_what_if(
    account: AnalysedAccountDep,
    body: WhatIfIn,
    opportunity: Opportunity = None,
) -> Response:
    result = compute_what_if(
        account.team,
        account.cache,
        account.account_id,
        body,
        opportunity=opportunity,
        as_of=account.as_of,
    )
    return Response(result, media_type="application/json")


@router.get(
    "/fishbone",
    summary="The decision chain as a fishbone: structure and layout",
    response_model=FishboneOut,
    responses=_ok("Head, spine and one bone per group with every coordinate."),
    openapi_extra=PERSONAL_DATA,
)
async def get_fishbone(
    request: Request,
    account: AnalysedAccountDep,
    opportunity: Opportunity = None,
    group_by: Literal["department", "layer", "role"] = "department",
) -> Response:
    return await serve_analysis(
        request,
        account,
        "fishbone",
        opportunity=opportunity,
        group_by=group_by,
    )
