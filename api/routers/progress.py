"""Plans in motion: progress, the quarterly review, the task book, a staff member's agenda,
and plans made from the next-targets analysis in one call.

Thin: each route reads the account through the caller's TeamStore (another
team's account answers 404 as a missing one), builds the account graph and
calls one pure function of graphcrm.plans. Every answer names people, so
every read is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.analyses import settings_in_force
from api.audit import PERSONAL_DATA
from api.deps import DATE_PATTERN, ID_PATTERN, AccountDep, AsOfDep, TeamDep, id_path
from api.docs import WRITE_ERRORS, responses
from api.problems import ApiProblem
from graphcrm.method.settings import SettingsOnDay
from graphcrm.model import Action, Plan
from graphcrm.model.records import Day
from graphcrm.plans import AccountProgress, Review, StaffAgenda, TaskBook, progress
from graphcrm.plans.period import PLAN_HORIZON_DAYS, QUARTER_DAYS, PeriodError
from graphcrm.plans.planning import plan_next_targets
from graphcrm.plans.reads import read_account_review, read_agenda, read_graph, read_task_book
from graphcrm.plans.task_book_xlsx import task_book_xlsx

__all__ = ["router"]

router = APIRouter(tags=["plans"])
_ACCOUNT = "/accounts/{account_id}"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    f"{_ACCOUNT}/progress",
    summary="Progress of the task book: each target against its plan, on track or not",
    response_model=AccountProgress,
    responses=responses(),
    openapi_extra=PERSONAL_DATA,
)
def get_progress(team: TeamDep, account_id: AccountDep, as_of: AsOfDep) -> AccountProgress:
    """Per target: level now against the target level, days left, overdue actions and the
    status by the on-track rule (met / missed / off_track with reasons / on_track)."""
    graph = read_graph(team, account_id, as_of, method=_method(team))
    return progress(graph, today=as_of or date.today())


@router.get(
    f"{_ACCOUNT}/task-book",
    summary="The task book (客户关系提升目标任务书): targets, owners, needs, actions",
    response_model=TaskBook,
    responses=responses(),
    openapi_extra=PERSONAL_DATA,
)
def get_task_book(team: TeamDep, account_id: AccountDep, as_of: AsOfDep) -> TaskBook:
    return read_task_book(team, account_id, as_of, method=_method(team))


@router.get(
    f"{_ACCOUNT}/task-book.xlsx",
    summary="The task book as a printable XLSX workbook",
    response_class=Response,
    responses=responses(description="The workbook (one sheet, landscape A4).", media_type=_XLSX)
    | {200: {"content": {_XLSX: {"schema": {"type": "string", "format": "binary"}}}}},
    openapi_extra=PERSONAL_DATA,
)
def get_task_book_xlsx(team: TeamDep, account_id: AccountDep, as_of: AsOfDep) -> Response:
    book = read_task_book(team, account_id, as_of, method=_method(team))
    return Response(
        task_book_xlsx(book),
        media_type=_XLSX,
        headers={"Content-Disposition": f'attachment; filename="task-book-{account_id}.xlsx"'},
    )


def _date(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ApiProblem(
            422, "invalid_request", f"{name} {text!r} is not a date", field=name
        ) from None


def _period_problem(exc: PeriodError) -> ApiProblem:
    """A broken date rule of graphcrm.plans.period, answered 422 with its code and field."""
    return ApiProblem(422, exc.code, str(exc), field=exc.field)


@router.get(
    f"{_ACCOUNT}/review",
    summary="The quarterly review (季度复盘): what changed between two dates",
    response_model=Review,
    responses=responses(),
    openapi_extra=PERSONAL_DATA,
)
def get_review(
    team: TeamDep,
    account_id: AccountDep,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            pattern=DATE_PATTERN,
            description=f"The first date (YYYY-MM-DD); default {QUARTER_DAYS} days before `to`.",
            json_schema_extra={"format": "date"},
            examples=["2025-01-01"],
        ),
    ] = None,
    to: Annotated[
        str | None,
        Query(
            pattern=DATE_PATTERN,
            description="The second date (YYYY-MM-DD, not in the future); default today.",
            json_schema_extra={"format": "date"},
            examples=["2025-03-31"],
        ),
    ] = None,
) -> Review:
    """Level changes per person, coverage gained and lost, gaps closed and opened, health on
    both dates, actions done and overdue, targets met and missed."""
    start, end = _date(from_, "from"), _date(to, "to")
    try:
        read = read_account_review(
            team,
            account_id,
            from_date=start,
            to_date=end,
            today=date.today(),
            method=team.access.method_settings.lookup(team.principal.team_id),
        )
    except PeriodError as exc:
        raise _period_problem(exc) from None
    return read.review


@router.get(
    "/staff/{staff_id}/agenda",
    summary="A staff member's open actions and targets, by due date, in your team's accounts",
    response_model=StaffAgenda,
    responses=responses(),
    openapi_extra=PERSONAL_DATA,
    tags=["staff"],
)
def get_agenda(
    team: TeamDep, staff_id: Annotated[str, id_path("staff member")], as_of: AsOfDep
) -> StaffAgenda:
    """Only the accounts the caller's team owns are read: another team's work is not shown."""
    team.get("staff", (staff_id,), None, as_of=as_of)  # 404 for an unknown staff member
    return read_agenda(team, staff_id, as_of=as_of, method=_method(team))


class PlanFromTargetsIn(BaseModel):
    """Plan the best next targets that have no plan yet, each with a first action."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "count": 3,
                    "owner_staff_id": "s-ann",
                    "start_date": "2025-04-01",
                    "target_date": "2025-06-30",
                }
            ]
        },
    )

    count: int = Field(ge=1, le=50, description="How many targets to plan.")
    owner_staff_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="The owner of every new plan; default each target's suggested owner.",
    )
    # Day, as in the records: a date as text, never a number (pydantic would read 0 as 1970).
    start_date: Day | None = Field(default=None, description="Default today.")
    target_date: Day | None = Field(
        default=None, description=f"Default the start plus {PLAN_HORIZON_DAYS} days (a quarter)."
    )


class PlansCreated(BaseModel):
    plans: list[Plan]
    actions: list[Action]
    already_planned: list[str] = Field(
        description="Next targets passed over because they have a plan."
    )


@router.post(
    f"{_ACCOUNT}/plans/from-next-targets",
    status_code=201,
    summary="Plan the top N next targets in one call, each with a first action",
    response_model=PlansCreated,
    responses=responses(status=201, errors=WRITE_ERRORS),
)
def create_plans_from_targets(
    team: TeamDep, account_id: AccountDep, body: PlanFromTargetsIn
) -> PlansCreated:
    """Plans and first actions for the best next targets without a plan (graphcrm.plans.
    planning); all written at once or, on any error, none."""
    try:
        draft = plan_next_targets(
            team,
            account_id,
            count=body.count,
            start=body.start_date,
            target_date=body.target_date,
            owner=body.owner_staff_id,
            settings=settings_in_force(team, None).settings,
        )
    except PeriodError as exc:
        raise ApiProblem(422, "invalid_request", str(exc), field=exc.field) from None
    return PlansCreated(
        plans=draft.plans, actions=draft.actions, already_planned=draft.already_planned
    )


def _method(team: TeamDep) -> SettingsOnDay:
    """The team's method settings by day: each read derives strength with those in force."""
    return team.access.method_settings.lookup(team.principal.team_id)
