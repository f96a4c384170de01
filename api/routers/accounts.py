"""Accounts: the customer companies a team owns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import AccountDep, AsOfDep, PageDep, TeamDep
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import AccountIn, AccountUpdate, Page, page
from graphcrm.model import Account, Tier

router = APIRouter(prefix="/accounts", tags=["accounts"])
ACCOUNTS = Entity[Account, str](Account, "account", lambda team: team.accounts_table)


@router.get(
    "",
    summary="List the accounts your team owns",
    response_model=Page[Account],
    responses=responses(example_page("accounts"), errors=(401, 422, 503)),
)
def list_accounts(
    team: TeamDep,
    as_of: AsOfDep,
    paging: PageDep,
    industry: Annotated[str | None, Query(max_length=200)] = None,
    region: Annotated[str | None, Query(max_length=200)] = None,
    tier: Tier | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> dict[str, object]:
    """Accounts visible to the caller (those their team owns), sorted by id."""
    found = select(team.accounts(as_of=as_of), industry=industry, region=region, tier=tier, q=q)
    return page(found, paging)


Routes(
    ACCOUNTS,
    name="account",
    path="/{account_id}",
    key=(KeyPart("account_id", AccountDep, "id"),),
    body_in=AccountIn,
    body_update=AccountUpdate,
    in_account=False,
    create=Doc(
        "Create an account (your team owns it)",
        responses(example("accounts"), status=201, errors=WRITE_ERRORS),
    ),
    get=Doc("Read an account", responses(example("accounts"))),
    replace=Doc("Update an account", responses(example("accounts"), errors=WRITE_ERRORS)),
    delete=Doc(
        "Delete an account and everything in it (history is kept)",
        responses({"deleted": "account/acme", "versions_ended": 42}, errors=WRITE_ERRORS),
    ),
).add_to(router)
