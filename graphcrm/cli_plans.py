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
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from graphcrm.cli_settings import AccessDb, team_settings_lookup
from graphcrm.cli_support import fail, open_cli_store, parse_day
from graphcrm.cli_tables import print_table
from graphcrm.errors import NotFoundError
from graphcrm.model import LEVEL_LABELS
from graphcrm.plans import Review
from graphcrm.plans.items import ActionItem
from graphcrm.plans.period import PLAN_HORIZON_DAYS, QUARTER_DAYS, PeriodError, plan_period
from graphcrm.plans.period import review_period as period_of_review
from graphcrm.plans.planning import plan_next_targets
from graphcrm.plans.reads import read_review

__all__ = ["plan", "review_command"]

out = Console(highlight=False)
_ARROWS = {"up": "↑", "down": "↓"}


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
    with open_cli_store(existing=True) as store:
        if owner is not None and owner not in {s.id for s in store.staff()}:
            raise NotFoundError(f"no staff member {owner!r}")
        draft = plan_next_targets(
            store, account_id, count=from_next_targets, start=day, target_date=goal, owner=owner,
            on=day,
        )  # fmt: skip
    rows = []
    for p, a in zip(draft.plans, draft.actions, strict=True):
        owner_name = draft.names.get(p.owner_staff_id or "", "")
        rows.append(
            (
                p.person_id,
                draft.names[p.person_id],
                f"{p.target_level:+d} {LEVEL_LABELS[p.target_level][1]}",
                str(p.target_date),
                _named(owner_name, p.owner_staff_id),
                f"{a.description} (due {a.due})",
            )
        )
    if draft.plans:
        columns = ("id", "person", "target level", "by", "owner", "first action")
        print_table(out, columns, rows, title="New plans", ids=(0,), head=(0, 1))
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
    with open_cli_store(existing=True) as store:
        method = team_settings_lookup(team, access_db, (begin, end))
        result = read_review(store, account_id, from_date=begin, to_date=end, method=method)
        staff = {m.id: m.name for m in store.staff()}
    if json_output:
        sys.stdout.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    else:
        render_review(result, out, staff)


def _worded(exc: PeriodError) -> str:
    """A broken date rule, worded with the options' names (``from`` is ``--from``)."""
    message = f"--{exc.field.replace('_', '-')} {exc.detail}"
    return message.replace(" to ", " --to ") if exc.field == "from" else message


def _lv(level: int | None) -> str:
    return "" if level is None else f"{level:+d} {LEVEL_LABELS[level][1]}"


def _named(name: str | None, id_: str | None) -> str:
    """``name (id)``, or whichever of the two is known."""
    if name and id_:
        return f"{name} ({id_})"
    return name or id_ or ""


def render_review(r: Review, console: Console, staff: Mapping[str, str] | None = None) -> None:
    """Print a review as tables: people as ``id`` beside their name, staff as ``name (id)``.

    ``staff`` maps our staff ids to names (the review itself carries only ids).
    """
    staff = staff or {}
    names = {c.person_id: c.name for c in r.level_changes}
    names.update((c.person_id, c.name) for c in [*r.coverage_gained, *r.coverage_lost])
    names.update((a.person_id, a.person_name) for a in _actions(r))
    names.update((t.person_id, t.name) for t in [*r.targets_met, *r.targets_missed])
    console.print(
        f"[bold]{escape(r.account_name)}[/bold] ({r.account_id})  "
        f"review 季度复盘 {r.from_date} -> {r.to_date}"
    )
    console.print(
        f"Relationship health 关系健康度: {r.health_from:.1f} -> {r.health_to:.1f} "
        f"({r.health_change:+.1f})"
    )
    levels = [
        (c.person_id, c.name, f"{_lv(c.level_from)} -> {_lv(c.level_to)} {_ARROWS[c.direction]}")
        for c in r.level_changes
    ]
    _table_or(console, ("id", "person", "level"), levels, "Level changes 层级变化",
              "No level changes.")  # fmt: skip
    cover = [
        (cc.person_id, cc.name, f"{cc.coverage_from:.2f} -> {cc.coverage_to:.2f}",
         ", ".join(_named(staff.get(s), s) for s in cc.staff_added),
         ", ".join(_named(staff.get(s), s) for s in cc.staff_removed))
        for cc in [*r.coverage_gained, *r.coverage_lost]
    ]  # fmt: skip
    _table_or(console, ("id", "person", "coverage", "staff added", "staff removed"),
              cover, "Coverage gained and lost 覆盖变化", "No coverage changes.")  # fmt: skip
    gaps = [
        (g.person_id or "", names.get(g.person_id or "", "") or g.group or "", sign, g.code,
         g.explanation.get("en", ""))
        for sign, found in (("-", r.gaps_closed), ("+", r.gaps_opened)) for g in found
    ]  # fmt: skip
    _table_or(console, ("id", "who", "", "gap", "why"), gaps,
              "Gaps closed (-) and opened (+) 短木板", "No gaps closed or opened.")  # fmt: skip
    acts = [
        (a.person_id, a.person_name, label, a.description, str(a.due or ""),
         _named(a.owner_name, a.owner_staff_id))
        for label, listed in (("done", r.actions_done), ("dropped", r.actions_dropped),
                              ("overdue", r.actions_overdue)) for a in listed
    ]  # fmt: skip
    _table_or(console, ("id", "person", "", "action", "due", "owner"), acts, "Actions 行动",
              "No actions done, dropped or overdue.")  # fmt: skip
    targets = [
        (t.person_id, t.name, label, _lv(t.target_level), str(t.target_date or ""), _lv(t.level_to),
         _named(t.owner_name, t.owner_staff_id))
        for label, outcomes in (("met", r.targets_met), ("missed", r.targets_missed))
        for t in outcomes
    ]  # fmt: skip
    _table_or(console, ("id", "person", "", "target", "by", "level now", "owner"), targets,
              "Targets 目标", "No targets met or missed.")  # fmt: skip


def _actions(r: Review) -> list[ActionItem]:
    return [*r.actions_done, *r.actions_dropped, *r.actions_overdue]


def _table_or(
    console: Console, columns: Sequence[str], rows: Sequence[Sequence[str]], title: str, none: str
) -> None:
    """The rows as a table with ids whole (column 0, with the name in column 1), or ``none``."""
    if rows:
        print_table(console, columns, rows, title=title, ids=(0,), head=(0, 1, 2))
    else:
        console.print(none)
