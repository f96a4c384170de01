"""``graphcrm import-interactions FILE``: a large interactions table by the bulk path
(issue 13; :mod:`graphcrm.interactions.bulk_import`), all rows or none.

Registered in ``graphcrm.cli`` (``app.command("import-interactions")(...)``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphcrm.cli_support import open_cli_store, parse_day

__all__ = ["import_interactions_command"]

out = Console(highlight=False)


def import_interactions_command(
    path: Annotated[
        Path, typer.Argument(help="The interactions table: a CSV (or folder, zip), .xlsx or .json.")
    ],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date the import is recorded on (default today)."),
    ] = None,
) -> None:
    """Import interactions in bulk: every row checked (row and column named, exit 2,
    nothing written if any is wrong), then written in one transaction; rows already
    stored as they are stay unchanged."""
    from graphcrm.interactions.bulk_import import import_interactions
    from graphcrm.io.limits import ImportLimits

    on = parse_day(as_of)
    with open_cli_store() as store:
        report = import_interactions(store, path, on=on, limits=ImportLimits.command_line())
    out.print(
        f"imported {path}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged interactions",
        soft_wrap=True,
        markup=False,
    )
