"""The "my work" pages (issue 12 item 6): /ui/staff lists our staff, /ui/staff/{staff_id}
shows one staff member's agenda across the caller's team's accounts.

A key is not linked to a staff record, so the page is per staff member (pick yourself
from the list, linked from every page's navigation as "My work"). The agenda is the one
the API serves at ``GET /api/v1/staff/{staff_id}/agenda`` (graphcrm.plans.reads.read_agenda
over the team's own accounts only): another team's work is never shown. An unknown staff
member answers the not-found page (404).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.audit import PERSONAL_DATA
from api.deps import ID_PATTERN, AsOfDep
from api.ui_auth import UiTeamDep
from api.ui_shell import UiRoute
from api.ui_shell import ui_html as _html
from api.ui_shell import ui_nav as _nav
from graphcrm.plans.reads import read_agenda
from viz.my_work_page import agenda_page, staff_list_page

__all__ = ["router"]

router = APIRouter(prefix="/ui", include_in_schema=False, route_class=UiRoute)

Lang = Annotated[Literal["en", "zh"], Query(description="Label language.")]
StaffId = Annotated[str, Path(pattern=ID_PATTERN, max_length=128)]


@router.get("/staff", openapi_extra=PERSONAL_DATA)
async def staff_list(request: Request, team: UiTeamDep, lang: Lang = "en") -> Response:
    """Our staff, by name, each linking to their agenda."""
    found = await run_in_threadpool(team.staff.list, None)
    staff = sorted(((s.id, s.name) for s in found), key=lambda s: (s[1], s[0]))
    return _html(staff_list_page(staff, _nav(request, lang, None, "my-work")))


@router.get("/staff/{staff_id}", openapi_extra=PERSONAL_DATA)
async def staff_agenda(
    request: Request, team: UiTeamDep, staff_id: StaffId, as_of: AsOfDep, lang: Lang = "en"
) -> Response:
    """One staff member's agenda (404 for an unknown staff member, as the API answers)."""
    record = await run_in_threadpool(lambda: team.staff.get(None, staff_id, as_of=as_of))
    found = await run_in_threadpool(lambda: read_agenda(team, staff_id, as_of=as_of))
    return _html(agenda_page(found, record.name, _nav(request, lang, None, "my-work")))
