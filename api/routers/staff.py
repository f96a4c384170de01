"""Our staff: shared by every team.

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
from api.schemas import Page, StaffIn, StaffUpdate, page
from graphcrm.model import Staff, TriangleRole

router = APIRouter(prefix="/staff", tags=["staff"])
StaffId = Annotated[str, id_path("staff member")]
STAFF = Entity[Staff, str](Staff, "staff", lambda team: team.staff)
READ_ERRORS = (401, 422, 503)


@router.get(
    "",
    summary="List our staff",
    response_model=Page[Staff],
    responses=responses(example_page("staff"), errors=READ_ERRORS),
)
def list_staff(
    team: TeamDep,
    as_of: AsOfDep,
    paging: PageDep,
    staff_team: Annotated[str | None, Query(alias="team", max_length=200)] = None,
    triangle_role: TriangleRole | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> dict[str, object]:
    found = select(
        STAFF.list(team, None, as_of),
        team=staff_team,
        triangle_role=triangle_role,
        q=q,
    )
    return page(found, paging)


Routes(
    STAFF,
    name="staff",
    path="/{staff_id}",
    key=(KeyPart("staff_id", StaffId, "id"),),
    body_in=StaffIn,
    body_update=StaffUpdate,
    in_account=False,
    create=Doc("Add a staff member", responses(example("staff"), status=201, errors=WRITE_ERRORS)),
    get=Doc("Read a staff member", responses(example("staff"), errors=(401, 404, 422, 503))),
    replace=Doc(
        "Update a staff member (admin or operator key)",
        responses(example("staff"), errors=WRITE_ERRORS),
        "A team admin key while only its team's accounts use it; else an operator key.",
    ),
    delete=Doc(
        "Delete a staff member and their contacts (admin or operator key)",
        responses({"deleted": "staff/s-ann", "versions_ended": 3}, errors=WRITE_ERRORS),
        """Ends their contacts in every account; refused (409) while they own a plan or action.

    A team admin key while only its team's accounts use them; else an operator key.""",
    ),
).add_to(router)
