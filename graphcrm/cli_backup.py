"""``graphcrm backup`` and ``graphcrm restore``: the SQLite store to and from one file.

The logic is graphcrm.stores.backup's; these commands name the files and report.
Exit codes as everywhere: 0 done, 2 refused (bad file, target in use), 1 failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphcrm.cli_support import store_url, user_errors
from graphcrm.stores.backup import backup, restore, sqlite_file

__all__ = ["backup_command", "restore_command"]

out = Console(highlight=False)


def backup_command(
    target: Annotated[Path, typer.Argument(help="The backup file to write (e.g. backup.db).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Copy the SQLite store to one file, consistent even while the service writes."""
    with user_errors():
        store = sqlite_file(store_url())
        report = backup(store, target, overwrite=force)
    out.print(
        f"backed up {store} to {report.path}: schema {report.schema}, "
        f"{report.accounts} account(s), {report.bytes:,} bytes",
        soft_wrap=True,
    )


def restore_command(
    source: Annotated[Path, typer.Argument(help="A backup written by graphcrm backup.")],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Restore even while another process (a running serve) has the store open, "
            "or over a file that is not a graphcrm store.",
        ),
    ] = False,
) -> None:
    """Replace the SQLite store by a backup (checked first; refused while the store is in use)."""
    with user_errors():
        store = sqlite_file(store_url())
        report = restore(source, store, force=force)
    out.print(
        f"restored {source} into {report.path}: schema {report.schema}, "
        f"{report.accounts} account(s)",
        soft_wrap=True,
    )
