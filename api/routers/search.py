"""Find anyone: people, accounts and our staff by name, title or department (issue 11 item 6).

Team-scoped: another team's accounts and people never appear (staff are shared
by every team). The rule is ``graphcrm.access.search.search``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.audit import PERSONAL_DATA
from api.deps import TeamDep
from api.docs import responses
from graphcrm.access.search import MAX_QUERY, MAX_RESULTS, SearchHit, search

router = APIRouter(tags=["search"])


class SearchHitOut(BaseModel):
    """One record found, with where to read it."""

    kind: str = Field(description="person, account or staff", examples=["person"])
    id: str
    account_id: str | None = Field(description="The account (none for our staff).")
    label: str = Field(description="What to show: a person's name and title, a name.")
    matched: list[str] = Field(description="The fields that hold the query.")
    path: str = Field(description="The record in this API.")


class SearchOut(BaseModel):
    query: str
    items: list[SearchHitOut]


_EXAMPLE = {
    "query": "chen",
    "items": [
        {
            "kind": "person",
            "id": "p-chen",
            "account_id": "acme",
            "label": "Chen Wei (CTO)",
            "matched": ["name"],
            "path": "/api/v1/accounts/acme/people/p-chen",
        }
    ],
}


def _path(hit: SearchHit) -> str:
    if hit.kind == "person":
        return f"/api/v1/accounts/{hit.account_id}/people/{hit.id}"
    if hit.kind == "account":
        return f"/api/v1/accounts/{hit.id}"
    return f"/api/v1/staff/{hit.id}"


@router.get(
    "/search",
    summary="Find people, accounts and our staff by name, title or department",
    response_model=SearchOut,
    responses=responses(_EXAMPLE),
    openapi_extra=PERSONAL_DATA,
)
def find(
    team: TeamDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY,
            description="Part of a name, title or department (a staff member's team, an "
            "account's id); case-insensitive for Latin letters; Chinese as written.",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 20,
) -> SearchOut:
    """People first, then accounts, then staff, each by id; at most ``limit`` in all.
    Only the accounts your team owns are searched."""
    hits = search(team, q, limit)
    items = [
        SearchHitOut(
            kind=h.kind,
            id=h.id,
            account_id=h.account_id,
            label=h.label,
            matched=list(h.matched),
            path=_path(h),
        )
        for h in hits
    ]
    return SearchOut(query=q, items=items)
