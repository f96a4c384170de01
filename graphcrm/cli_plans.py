"""The ``graphcrm plan`` and ``graphcrm review`` commands: plan the next targets, review a period.

Register them on the main app with ``app.command()(plan)`` and
``app.command()(review)``. Both work on the store chosen by the global
``--store`` option; as every CLI command they act as the store's operator,
with no access team (the owner rule of :mod:`graphcrm.plans.owners` applies
to the API, where the caller's team is known).

Bad input (an unknown account or staff member, a malformed date, a period
that ends before it starts) prints a message on stderr and exits 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graphcrm.cli_settings import AccessDb, team_settings_lookup
from graphcrm.cli_support import fail, open_cli_store, parse_day
from graphcrm.errors import NotFoundError
from graphcrm.model import LEVEL_LABELS
from graphcrm.plans import Review
from graphcrm.plans.period import PLAN_HORIZON_DAYS, QUARTER_DAYS, PeriodError, plan_period
from graphcrm.plans.period import review_period as period_of_review
from graphcrm.plans.planning import plan_next_targets
from graphcrm.plans.reads import read_review

__all__ = ["plan", "review_command"]

out = Console(highlight=False)


def plan(
    account_id: Annotated[str, typer.Argument(help="The account to plan.")],
    from_next_targets: Annotated[
        int,
        typer.Option("--from-next-targets", min=1, help="Plan this many of the best next targets."),
    ],
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Owner of every plan (default: each target's suggestion)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="The plans' start (YYYY-MM-DD; default today).")
    ] = None,
    target_date: Annotated[
        str | None,
        typer.Option(
            "--target-date",
            help=f"The target date (default: start + {PLAN_HORIZON_DAYS} days).",
        ),
    ] = None,
) -> None:
    """Plan the best next targets that have no plan yet, each with a first action."""
    asked = parse_day(start, "--start")
    try:
        day, goal = plan_period(asked, parse_day(target_date, "--target-date"), today=date.today())
    except PeriodError as exc:
        fail(_worded(exc))
    with open_cli_store() as store:
        if owner is not None and owner not in {s.id for s in store.staff()}:
            raise NotFoundError(f"no staff member {owner!r}")
        draft = plan_next_targets(
            store, account_id, count=from_next_targets, start=day, target_date=goal, owner=owner,
            on=day,
        )  # fmt: skip
    table = Table("person", "target level", "by", "owner", "first action", title="New plans")
    for p, a in zip(draft.plans, draft.actions, strict=True):
        owner_name = draft.names.get(p.owner_staff_id or "", "")
        table.add_row(
            f"{draft.names[p.person_id]} ({p.person_id})",
            f"{p.target_level:+d} {LEVEL_LABELS[p.target_level][1]}",
            str(p.target_date),
            owner_name or (p.owner_staff_id or ""),
            f"{a.description} (due {a.due})",
        )
    if draft.plans:
        out.print(table)
    else:
        out.print("No next target without a plan: nothing to plan.")
    if draft.already_planned:
        out.print(f"Already planned, passed over: {', '.join(draft.already_planned)}")


def review_command(
    account_id: Annotated[str, typer.Argument(help="The account to review.")],
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", help=f"First date (YYYY-MM-DD; default {QUARTER_DAYS} days before --to)."
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Second date (YYYY-MM-DD; default today).")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the review as JSON.")] = False,
    team: Annotated[
        str | None,
        typer.Option("--team", help="Judge each date with this team's method settings."),
    ] = None,
    access_db: AccessDb = None,
) -> None:
    """The quarterly review: what changed in the account between two dates."""
    try:
        begin, end = period_of_review(parse_day(from_, "--from"), parse_day(to, "--to"))
    except PeriodError as exc:
        fail(_worded(exc))
    with open_cli_store() as store:
        method = team_settings_lookup(team, access_db, (begin, end))
        result = read_review(store, account_id, from_date=begin, to_date=end, method=method)
    if json_output:
        sys.stdout.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    else:
        render_review(result, out)


def _worded(exc: PeriodError) -> str:
    """A broken date rule, worded with the options' names (``from`` is ``--from``)."""
    message = f"--{exc.field.replace('_', '-')} {exc.detail}"
    return message.replace(" to ", " --to ") if exc.field == "from" else message


def _lv(level: int | None) -> str:
    return "" if level is None else f"{level:+d} {LEVEL_LABELS[level][1]}"


def render_review(r: Review, console: Console) -> None:
    """Print a review as tables."""
    console.print(
        f"[bold]{r.account_name}[/bold] ({r.account_id})  "
        f"review 季度复盘 {r.from_date} -> {r.to_date}"
    )
    console.print(
        f"Relationship health 关系健康度: {r.health_from:.1f} -> {r.health_to:.1f} "
        f"({r.health_change:+.1f})"
    )
    levels = Table("person", "from", "to", "", title="Level changes 层级变化")
    for c in r.level_changes:
        arrow = "↑" if c.direction == "up" else "↓"
        levels.add_row(f"{c.name} ({c.person_id})", _lv(c.level_from), _lv(c.level_to), arrow)
    console.print(levels if r.level_changes else "No level changes.")
    cover = Table("person", "coverage from", "to", "staff added", "staff removed",
                  title="Coverage gained and lost 覆盖变化")  # fmt: skip
    for cc in [*r.coverage_gained, *r.coverage_lost]:
        cover.add_row(
            cc.name, f"{cc.coverage_from:.2f}", f"{cc.coverage_to:.2f}",
            ", ".join(cc.staff_added), ", ".join(cc.staff_removed),
        )  # fmt: skip
    console.print(cover if r.coverage_gained or r.coverage_lost else "No coverage changes.")
    gaps = Table("", "gap", "who", "why", title="Gaps closed (-) and opened (+) 短木板")
    for sign, found in (("-", r.gaps_closed), ("+", r.gaps_opened)):
        for g in found:
            gaps.add_row(sign, g.code, g.person_id or g.group or "", g.explanation.get("en", ""))
    console.print(gaps if r.gaps_closed or r.gaps_opened else "No gaps closed or opened.")
    acts = Table("", "action", "person", "due", title="Actions 行动")
    for label, listed in (("done", r.actions_done), ("dropped", r.actions_dropped),
                          ("overdue", r.actions_overdue)):  # fmt: skip
        for a in listed:
            acts.add_row(label, a.description, a.person_name, str(a.due or ""))
    console.print(acts)
    targets = Table("", "person", "target", "by", "level now", title="Targets 目标")
    for label, outcomes in (("met", r.targets_met), ("missed", r.targets_missed)):
        for t in outcomes:
            targets.add_row(
                label, t.name, _lv(t.target_level), str(t.target_date or ""), _lv(t.level_to)
            )
    console.print(targets)
