"""Actions: the steps of the plans (what, due, status, owner)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Entity
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import ActionIn, ActionUpdate, Deleted, Page, page
from graphcrm.model import Action, ActionStatus

router = APIRouter(prefix="/accounts/{account_id}/actions", tags=["actions"])
ActionId = Annotated[str, id_path("action")]
ACTIONS = Entity[Action, str](Action, "action", lambda team: team.actions)


@router.get(
    "",
    summary="List the plans' actions",
    response_model=Page[Action],
    responses=responses(example_page("actions")),
    openapi_extra=PERSONAL_DATA,
)
def list_actions(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    paging: PageDep,
    person_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    status: ActionStatus | None = None,
    owner_staff_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
) -> dict[str, object]:
    found = select(
        ACTIONS.list(team, account_id, as_of),
        person_id=person_id,
        status=status,
        owner_staff_id=owner_staff_id,
    )
    return page(found, paging)


@router.post(
    "",
    status_code=201,
    summary="Add an action to a person's plan",
    response_model=Action,
    responses=responses(example("actions"), status=201, errors=WRITE_ERRORS),
)
def create_action(team: TeamDep, account_id: AccountDep, body: ActionIn) -> Action:
    """An owner from another team, or a due date before the plan's start, is refused."""
    return ACTIONS.create(team, account_id, ACTIONS.record(body))


@router.get(
    "/{action_id}",
    summary="Read an action",
    response_model=Action,
    responses=responses(example("actions")),
    openapi_extra=PERSONAL_DATA,
)
def get_action(
    team: TeamDep, account_id: AccountDep, action_id: ActionId, as_of: AsOfDep
) -> Action:
    return ACTIONS.get(team, account_id, action_id, as_of=as_of)


@router.put(
    "/{action_id}",
    summary="Update an action",
    response_model=Action,
    responses=responses(example("actions"), errors=WRITE_ERRORS),
)
def update_action(
    team: TeamDep, account_id: AccountDep, action_id: ActionId, body: ActionUpdate
) -> Action:
    return ACTIONS.replace(team, account_id, ACTIONS.record(body, id=action_id))


@router.delete(
    "/{action_id}",
    summary="Delete an action",
    response_model=Deleted,
    responses=responses({"deleted": "action/act-visit", "versions_ended": 1}, errors=WRITE_ERRORS),
)
def delete_action(team: TeamDep, account_id: AccountDep, action_id: ActionId) -> Deleted:
    return ACTIONS.delete(team, account_id, action_id)
