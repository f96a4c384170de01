"""``graphcrm portfolio``: the account portfolio as of a date (DESIGN.md "Account portfolio").

A table (tier in force, computed tier and override mark, value score and its three parts,
quadrant, RFM cell, health now and a quarter ago) or, with ``--json``, one JSON list with,
per account, ``account_id``, ``tier`` (in force), ``tier_computed``, ``tier_override``,
``value_score``, ``current``, ``future``, ``social``, ``quadrant``, ``rfm``, ``health``
and the rest of ``Portfolio.to_list``; ``--xlsx FILE`` also writes the table as a
workbook. ``--outside`` lists the outside people instead (DESIGN.md "Cross-account
people"): each with the customer accounts their ties reach, most first. ``--team``
uses that team's method settings in force on the date (value weights, tier shares,
cadence, and every parameter of the health analyses), as ``analyse --team`` does;
without it, the defaults. Exit codes as everywhere: 0 done, 2 bad input.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from graphcrm.cli_settings import AccessDb, team_settings
from graphcrm.cli_support import open_cli_store, parse_day, store_url, user_errors
from graphcrm.cli_tables import print_table
from graphcrm.method import METHOD_DEFAULTS, MethodSettings
from graphcrm.method.apply import strength_parameters
from graphcrm.portfolio.outside_people import outside_people
from graphcrm.portfolio.service import read_portfolio
from graphcrm.portfolio.xlsx import portfolio_xlsx

__all__ = ["portfolio_command"]

out = Console(highlight=False)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


_COLUMNS: tuple[str, ...] = ("account", "kind", "tier", "computed", "value", "cur/fut/soc")
_COLUMNS += ("quadrant", "RFM", "health", "quarter ago", "heaviest gap")


def _table_rows(rows: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """The table's cells, the account id first (printed whole at any width)."""
    return [
        (
            r["account_id"],
            r["kind"],
            (r["tier"] or "") + (" *" if r["tier_override"] else ""),
            r["tier_computed"] or "",
            _num(r["value_score"]),
            "/".join(_num(r[k]) or "-" for k in ("current", "future", "social")),
            r["quadrant"] or "",
            r["rfm"] or "",
            _num(r["health"]),
            _num(r["health_quarter_ago"]),
            gap["code"] if (gap := r["heaviest_gap"]) else "",
        )
        for r in rows
    ]


def _print_outside_people(as_json: bool, settings: MethodSettings) -> None:
    """Every outside person (current ties) with the customer accounts they reach."""
    with open_cli_store(existing=True) as store:
        every = {a.id for a in store.portfolio_data().accounts}
        strength = strength_parameters(settings)
        found = [o.to_dict() for o in outside_people(store, every, strength=strength)]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    rows = [
        (
            o["person_id"], o["name"], o["account_id"], o["kind"], str(o["account_count"]),
            ", ".join(f"{r['account_id']} ({r['ties']})" for r in o["reaches"]),
            _num(o["coverage"]),
        )
        for o in found
    ]  # fmt: skip
    columns = ("person", "name", "party", "kind", "accounts", "reaches (ties)", "our coverage")
    print_table(out, columns, rows, title="Outside people 外部人员", ids=(0, 2), head=(0, 1))


def portfolio_command(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Read the portfolio as of YYYY-MM-DD.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON list.")] = False,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="Also write the table to this XLSX file.")
    ] = None,
    team: Annotated[
        str | None,
        typer.Option("--team", help="Use this team's method settings (default: the defaults)."),
    ] = None,
    access_db: AccessDb = None,
    outside: Annotated[
        bool,
        typer.Option(
            "--outside",
            help="List the outside people instead: each with the customer accounts they reach.",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", min=1, help="Worker processes for the accounts' health (the same answer)."
        ),
    ] = 1,
) -> None:
    """The account portfolio: tiers (5/20/30/45), value, RFM, quadrant and health."""
    with user_errors():
        day = parse_day(as_of) or date.today()
        method = team_settings(team, access_db, day)
        settings = method.settings if method else METHOD_DEFAULTS
    if outside:
        _print_outside_people(as_json, settings)
        return
    with user_errors():
        with open_cli_store() as store:
            found = read_portfolio(
                store, None, day, settings=settings, jobs=jobs, store_url=store_url()
            )
            rows = found.to_list()
        if xlsx is not None:
            xlsx.write_bytes(portfolio_xlsx(rows))
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print_table(out, _COLUMNS, _table_rows(rows), ids=(0,))
    out.print("* a tier recorded by hand (override)", style="dim")
