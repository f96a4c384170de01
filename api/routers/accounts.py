"""Accounts: the customer companies a team owns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.crud import Entity
from api.deps import AccountDep, AsOfDep, PageDep, TeamDep
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import AccountIn, AccountUpdate, Deleted, Page, page
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


@router.post(
    "",
    status_code=201,
    summary="Create an account (your team owns it)",
    response_model=Account,
    responses=responses(example("accounts"), status=201, errors=WRITE_ERRORS),
)
def create_account(team: TeamDep, body: AccountIn) -> Account:
    return ACCOUNTS.create(team, None, ACCOUNTS.record(body))


@router.get(
    "/{account_id}",
    summary="Read an account",
    response_model=Account,
    responses=responses(example("accounts")),
)
def get_account(team: TeamDep, account_id: AccountDep, as_of: AsOfDep) -> Account:
    return ACCOUNTS.get(team, account_id, account_id, as_of=as_of)


@router.put(
    "/{account_id}",
    summary="Update an account",
    response_model=Account,
    responses=responses(example("accounts"), errors=WRITE_ERRORS),
)
def update_account(team: TeamDep, account_id: AccountDep, body: AccountUpdate) -> Account:
    return ACCOUNTS.replace(team, account_id, ACCOUNTS.record(body, id=account_id))


@router.delete(
    "/{account_id}",
    summary="Delete an account and everything in it (history is kept)",
    response_model=Deleted,
    responses=responses({"deleted": "account/acme", "versions_ended": 42}, errors=WRITE_ERRORS),
)
def delete_account(team: TeamDep, account_id: AccountDep) -> Deleted:
    return ACCOUNTS.delete(team, account_id, account_id)
