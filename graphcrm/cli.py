"""The ``graphcrm`` command: import, export, list, show and load the demo accounts.

Exit codes: 0 success, 2 bad input (every error printed), 1 any other failure.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphcrm.cli_support import (
    err_console,
    fail,
    open_cli_store,
    parse_day,
    set_store_url,
)
from graphcrm.cli_tables import print_table
from graphcrm.graph import build_account_graph
from graphcrm.model import LEVEL_LABELS, Layer, zh_label
from graphcrm.stores import GraphStore
from graphcrm.summary import AccountSummary, account_summary

__all__ = ["app", "main"]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEMO_SETS = (
    "demo/telecom-zh",
    "demo/manufacturing-en",
    "krackhardt/account",
    "demo/portfolio-zh",  # the portfolio (fixtures/demo/make_portfolio.py writes it)
)

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="graphcrm: customer organisation maps and decision chains for key-account teams.",
)
out = Console(highlight=False)

AsOf = Annotated[str | None, typer.Option("--as-of", help="Read as of this date (YYYY-MM-DD).")]


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.callback()
def _options(
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            envvar="GRAPHCRM_STORE",
            show_envvar=True,
            help="Store URL: sqlite:///PATH (default sqlite:///data/graphcrm.db), "
            "neo4j://HOST:PORT, bolt://HOST:PORT or falkordb://HOST:PORT/GRAPH.",
        ),
    ] = None,
) -> None:
    set_store_url(store)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A folder or zip of CSVs, an .xlsx or a .json.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date the imported facts hold from (default today)."),
    ] = None,
    # Defaults as ImportLimits.command_line() (literal here: the CLI starts without pandas).
    max_size_mb: Annotated[
        int, typer.Option("--max-size-mb", min=1, help="Largest file or folder read, in MiB.")
    ] = 1024,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Most data rows, all tables together.")
    ] = 5_000_000,
    max_expanded_mb: Annotated[
        int,
        typer.Option("--max-expanded-mb", min=1, help="Most unzipped data in a zip or .xlsx, MiB."),
    ] = 2048,
    max_ratio: Annotated[
        float,
        typer.Option("--max-ratio", min=1, help="Highest compression ratio of a zip member."),
    ] = 200.0,
    max_members: Annotated[
        int, typer.Option("--max-members", min=1, help="Most entries in a zip or .xlsx.")
    ] = 10_000,
) -> None:
    """Import accounts from files in the import format: all rows, or none if any is wrong.

    Past a limit (see the --max options) nothing is written and the command exits 2.
    """
    from graphcrm.io.importer import import_path
    from graphcrm.io.limits import MIB, ImportLimits
    from graphcrm.io.progress import rich_import_progress

    on = parse_day(as_of)
    limits = ImportLimits(
        max_expanded_bytes=max_expanded_mb * MIB,
        max_ratio=max_ratio,
        max_members=max_members,
        max_file_bytes=max_size_mb * MIB,
        max_rows=max_rows,
    )
    with open_cli_store() as store, rich_import_progress(err_console) as progress:
        result = import_path(store, path, on=on, progress=progress, limits=limits)
    report = result.report
    out.print(
        f"imported {path}: {sum(report.created.values())} created, "
        f"{sum(report.updated.values())} updated, "
        f"{sum(report.unchanged.values())} unchanged"
    )
    for table, n in result.rows.items():
        if n:
            out.print(
                f"  {table}: {n} rows ({report.created.get(table, 0)} new, "
                f"{report.updated.get(table, 0)} changed)"
            )


@app.command()
def export(
    account_id: str,
    out_path: Annotated[Path, typer.Argument(metavar="OUT", help="File or folder to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json, csv or xlsx.")] = (
        ExportFormat.json
    ),
    as_of: AsOf = None,
) -> None:
    """Export one account in the import format (csv: a folder, or a zip if OUT ends in .zip)."""
    from graphcrm.io.exporter import export_account

    day = parse_day(as_of)
    with open_cli_store(existing=True) as store:
        export_account(store, account_id, out_path, fmt.value, as_of=day)
    out.print(f"exported {account_id} to {out_path}")


@app.command()
def accounts(as_of: AsOf = None) -> None:
    """List the accounts in the store."""
    day = parse_day(as_of)
    with open_cli_store(existing=True) as store:
        rows = store.accounts(as_of=day)
    if not rows:
        out.print(
            "no accounts"
            + (f" as of {day}" if day else "")
            + "; load some with `graphcrm import PATH` or `graphcrm demo`"
        )
        return
    columns = ("id", "name", "industry", "region", "tier", "org level")
    table = [
        (
            a.id,
            a.name,
            a.industry or "",
            a.region or "",
            a.tier.value if a.tier else "",
            a.org_level.value if a.org_level else "",
        )
        for a in rows
    ]
    print_table(out, columns, table, ids=(0,), head=(0, 1))


@app.command()
def show(account_id: str, as_of: AsOf = None) -> None:
    """Show one account: people by layer and department, ties, attitudes, our coverage."""
    day = parse_day(as_of)
    with open_cli_store(existing=True) as store:
        _show(store, account_id, day)


@app.command()
def demo(
    fixtures: Annotated[Path, typer.Option(help="Folder holding the demo data.")] = FIXTURES,
) -> None:
    """Load the demo accounts (and the Krackhardt managers) with two quarters of history
    up to today, and show each one."""
    from graphcrm.interactions.demo_history import load_demo_set
    from graphcrm.io.importer import load_path

    paths = [fixtures / name for name in DEMO_SETS]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"demo data not found: {', '.join(missing)}")
    with open_cli_store() as store:
        loaded: list[str] = []
        for path in paths:
            # Two quarters of history relative to today (graphcrm.interactions.demo_history).
            written, history = load_demo_set(store, path)
            loaded += [a.id for a in load_path(path).dataset.accounts]
            out.print(
                f"loaded {path.relative_to(fixtures)}: {written} record(s) written"
                + (f", {history} of history" if history else "")
            )
        for account_id in loaded:
            out.rule()
            _show(store, account_id, None)


def _show(store: GraphStore, account_id: str, day: object) -> None:
    data = store.account_data(account_id, as_of=day)  # type: ignore[arg-type]
    graph = build_account_graph(data, account_id, as_of=day)  # type: ignore[arg-type]
    s = account_summary(graph, opportunities=len(data.opportunities))
    acct = graph.graph["account"]
    facts = [v for v in (acct.get("industry"), acct.get("region"), acct.get("tier")) if v]
    out.print(
        f"[bold]{s.name}[/bold] ({s.account_id})"
        + (f"  {' · '.join(facts)}" if facts else "")
        + (f"  as of {day}" if day else "")
    )
    out.print(
        f"{s.people} people, {s.opportunities} opportunities, "
        f"{sum(s.ties_by_type.values())} ties; "
        f"covered by us: {s.covered}/{s.people}"
    )

    _print_counts(s)
    print_role_slots(out, data)


def _print_counts(s: AccountSummary) -> None:
    """``show``'s count tables; each adds up to the people (or ties) of the account."""
    layers = [
        (f"{code} {zh_label(Layer(code))}" if code else "(not set)", str(n))
        for code, n in s.by_layer.items()
    ]
    print_table(out, ("layer 层级", "people"), layers, title="By layer", head=(0,))
    depts = [(name or "(not set)", str(n)) for name, n in s.by_department.items()]
    print_table(out, ("department 部门", "people"), depts, title="By department", head=(0,))
    ties = [(kind, str(n)) for kind, n in s.ties_by_type.items()]
    print_table(out, ("tie", "count"), ties, title="Ties", head=(0,))
    # s.levels counts people with no reading at level 0: they get their own row, not two.
    levels = []
    for level, n in s.levels.items():
        en, zh = LEVEL_LABELS[level]
        read = n - s.unassessed if level == 0 else n
        if read:
            levels.append((f"{level:+d} {en} {zh}", str(read)))
    levels.append(("(no reading, counted as 0)", str(s.unassessed)))
    print_table(out, ("level toward us", "people"), levels, title="Attitudes", head=(0,))
    cover = [(name, str(n)) for name, n in s.covered_by_staff.items()]
    print_table(out, ("our staff", "people covered"), cover, title="Coverage", head=(0,))


def main() -> None:
    app()


# analyse and the service commands (serve, keys, demo-key) live in their own modules.
from graphcrm.cli_analyse import analyse  # noqa: E402
from graphcrm.cli_backup import backup_command, restore_command  # noqa: E402
from graphcrm.cli_interactions import (  # noqa: E402
    import_calendar_command,
    import_mail_command,
    log_command,
)
from graphcrm.cli_plans import plan, review_command  # noqa: E402
from graphcrm.cli_privacy import erase, export_person_command  # noqa: E402
from graphcrm.cli_service import demo_key, keys_app, serve  # noqa: E402

app.command()(analyse)
app.command()(serve)
app.command("demo-key")(demo_key)
app.command()(plan)
app.command("review")(review_command)
app.add_typer(keys_app, name="keys")
app.command()(erase)
app.command("export-person")(export_person_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("log")(log_command)
app.command("import-calendar")(import_calendar_command)
app.command("import-mail")(import_mail_command)


# The team's method settings (DESIGN.md "Method settings").
from graphcrm.cli_settings import settings_app  # noqa: E402

app.add_typer(settings_app, name="settings")

from graphcrm.cli_portfolio import portfolio_command  # noqa: E402
from graphcrm.cli_slots import print_role_slots  # noqa: E402

app.command("portfolio")(portfolio_command)

# Issue 13's bulk interaction import.
from graphcrm.cli_bulk_interactions import import_interactions_command  # noqa: E402

app.command("import-interactions")(import_interactions_command)

if __name__ == "__main__":
    main()
