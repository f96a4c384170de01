"""The ``graphcrm settings`` commands: a team's method settings, shown and changed.

``show`` prints the settings in force (today or ``--as-of``) with the defaults
beside each value and the version; ``set KEY VALUE`` makes a new dated version
(``role_weights.approver 0.8``, ``horizon null``). A key that is unknown or out
of range exits 2 naming it, and nothing is written (DESIGN.md, "Method
settings"). They live in the access database, beside the teams.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console

from graphcrm.access.method_settings import SettingsVersion
from graphcrm.cli_support import AccessDb, open_cli_access, parse_day
from graphcrm.cli_tables import print_table
from graphcrm.method.settings import METHOD_DEFAULTS, SettingsOnDay, parse_setting

__all__ = ["AccessDb", "settings_app", "team_settings", "team_settings_lookup"]

out = Console(highlight=False)
settings_app = typer.Typer(
    no_args_is_help=True, help="A team's method settings (weights, levels, cadences), dated."
)

TeamOption = Annotated[str, typer.Option("--team", help="The team whose settings these are.")]


def team_settings(team: str | None, access_db: str | None, day: Any) -> SettingsVersion | None:
    """The settings of ``team`` in force on ``day`` (None without a team: the defaults)."""
    if team is None:
        return None
    with open_cli_access(access_db) as access:
        return access.method_settings.in_force(access.team(team).id, day)


def team_settings_lookup(
    team: str | None, access_db: str | None, days: tuple[date, ...]
) -> SettingsOnDay | None:
    """``team``'s settings on each of ``days``, read now (None without a team: the defaults)."""
    if team is None:
        return None
    with open_cli_access(access_db) as access:
        team_id = access.team(team).id
        found = {d: access.method_settings.in_force(team_id, d) for d in days}
    return lambda day: (found[day].version, found[day].settings)


@settings_app.command("show")
def show(
    team: TeamOption = "demo",
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    access_db: AccessDb = None,
) -> None:
    """Show a team's settings in force, each with its default."""
    day = parse_day(as_of)
    with open_cli_access(access_db) as access:
        found = access.method_settings.in_force(access.team(team).id, day)
    if json_output:
        print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    since = found.valid_from.isoformat() if found.valid_from else "always (defaults)"
    out.print(f"Team {team}: settings version {found.version}, from {since}")
    defaults = METHOD_DEFAULTS.values()
    rows = []
    for key, value in found.settings.values().items():
        mark = "" if value == defaults[key] else " *"
        rows.append((key, json.dumps(value) + mark, json.dumps(defaults[key])))
    # the key whole at any width: it is what `settings set` takes next
    print_table(out, ("key", "value", "default"), rows, title="Method settings 方法设置", ids=(0,))


@settings_app.command("set")
def set_(
    key: Annotated[str, typer.Argument(help="A key, or group.member: role_weights.approver")],
    value: Annotated[str, typer.Argument(help="The value, as JSON (0.8, null, 2).")],
    team: TeamOption = "demo",
    valid_from: Annotated[
        str | None, typer.Option("--from", help="First day it applies (default today).")
    ] = None,
    access_db: AccessDb = None,
) -> None:
    """Change one setting: a new version of the team's settings from today (or --from)."""
    day = parse_day(valid_from, "--from")
    with open_cli_access(access_db) as access:
        team_id = access.team(team).id
        changed = access.method_settings.change(
            team_id, parse_setting(key, value), by="cli", valid_from=day
        )
    out.print(f"Team {team}: settings version {changed.version} from {changed.valid_from}")
