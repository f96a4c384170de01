"""How the CLI prints a table: ids whole at any width, piped or not (issue 12 item 8).

The ids a table shows are what the user types next (``graphcrm show <id>``),
so they are never cut: an id column does not wrap, and every other column
folds its text onto more lines instead of ending in an ellipsis (a name cut
to ``黄志 …`` is as useless as an id). Below :data:`WIDE` columns (a
terminal of 80, or a pipe, which Rich reads as 80 unless ``COLUMNS`` says
otherwise) there is no room for a grid of six columns with whole ids, so
a table with ids prints each row as a block: its ids (and name) on the first
line, then one ``column: value`` line per other column. At any width, a grid
that would still cut an id prints as blocks too; a table without ids (the
counts of ``show``) stays a grid, its text folded.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["WIDE", "print_table"]

#: Fewer terminal columns than this print rows as blocks, not a grid.
WIDE = 100


def print_table(
    console: Console,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    ids: Sequence[int] = (),
    head: Sequence[int] | None = None,
) -> None:
    """Print ``rows`` under ``columns``, the columns at indexes ``ids`` never cut.

    ``head`` (default: the id columns) are the columns that open a row's
    block in the narrow layout; the others follow as ``column: value`` lines,
    empty values left out.
    """
    heading = tuple(ids if head is None else head)
    if console.width >= WIDE or not ids:
        table = _grid(columns, rows, title, set(ids))
        if _ids_whole(table, rows, ids, console.width):
            console.print(table)
            return
    _print_blocks(console, columns, rows, title, heading)


def _grid(
    columns: Sequence[str], rows: Sequence[Sequence[str]], title: str | None, ids: set[int]
) -> Table:
    """A Rich table whose id columns never wrap and whose other columns fold, never cut."""
    table = Table(title=title)
    for i, name in enumerate(columns):
        table.add_column(name, no_wrap=i in ids, overflow="fold")
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    return table


def _ids_whole(table: Table, rows: Sequence[Sequence[str]], ids: Sequence[int], width: int) -> bool:
    """Whether every id of ``rows`` shows whole in ``table`` rendered ``width`` wide."""
    probe = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    probe.print(table)
    shown = probe.file.getvalue()  # type: ignore[attr-defined]
    lines = set(shown.splitlines())
    return all(any(row[i] in line for line in lines) for row in rows for i in ids if row[i])


def _print_blocks(
    console: Console,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    title: str | None,
    head: Sequence[int],
) -> None:
    """One block per row: the head columns on one line, then the other columns one a line."""
    if title:
        console.print(f"[bold]{escape(title)}[/bold]", soft_wrap=True)
    for row in rows:
        first = "  ".join(row[i] for i in head if row[i]) or "-"
        console.print(f"- {escape(first)}", soft_wrap=True)
        for i, (name, value) in enumerate(zip(columns, row, strict=True)):
            if i not in head and value:
                label = f"{name}: " if name else ""
                console.print(f"    {escape(label + value)}", soft_wrap=True)
