"""Actions: the steps of the plans (what, due, status, owner)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import PERSONAL_DATA
from api.crud import Doc, Entity, KeyPart, Routes
from api.deps import ID_PATTERN, AccountDep, AsOfDep, PageDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, example, example_page, responses
from api.listing import select
from api.schemas import ActionIn, ActionUpdate, Page, page
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


Routes(
    ACTIONS,
    name="action",
    path="/{action_id}",
    key=(KeyPart("action_id", ActionId, "id"),),
    body_in=ActionIn,
    body_update=ActionUpdate,
    create=Doc(
        "Add an action to a person's plan",
        responses(example("actions"), status=201, errors=WRITE_ERRORS),
        "An owner from another team, or a due date before the plan's start, is refused.",
    ),
    get=Doc("Read an action", responses(example("actions")), personal=True),
    replace=Doc("Update an action", responses(example("actions"), errors=WRITE_ERRORS)),
    delete=Doc(
        "Delete an action",
        responses({"deleted": "action/act-visit", "versions_ended": 1}, errors=WRITE_ERRORS),
    ),
).add_to(router)
