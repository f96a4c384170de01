"""How an import reports progress, and a rich progress bar that listens to it.

The importer calls ``progress(phase, done, total)`` with phase ``"read"``
(units: bytes of input, after each file or sheet), ``"validate"`` (rows, after
each chunk of rows) and ``"write"`` (rows: 0 when the store's single write
starts, ``total`` when it has committed; a store reports nothing in between).
The core never prints; ``RichImportProgress`` is for the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["PHASES", "ImportProgress", "RichImportProgress", "rich_import_progress"]

PHASES = ("read", "validate", "write")


class ImportProgress(Protocol):
    """Anything called as ``progress(phase, done, total)``: a function or an object."""

    def __call__(self, phase: str, done: int, total: int) -> None: ...


class RichImportProgress:
    """Shows an import's phases as rich progress bars, only for imports worth watching.

    Small imports (fewer than ``min_rows`` rows, or ``min_bytes`` of input while
    reading) finish before a bar would be read, so none is shown for them.
    """

    _LABELS: ClassVar[dict[str, str]] = {
        "read": "reading",
        "validate": "validating",
        "write": "writing",
    }

    def __init__(
        self, progress: Progress, *, min_rows: int = 5_000, min_bytes: int = 256 * 1024
    ) -> None:
        self.progress = progress
        self.min_rows = min_rows
        self.min_bytes = min_bytes
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        threshold = self.min_bytes if phase == "read" else self.min_rows
        if total < threshold:
            return
        # The store's write is one unit with no progress inside: pulse until it commits.
        shown_total = None if phase == "write" and done < total else total
        if phase == "read":
            count = f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
        else:
            count = f"{done:,}/{total:,} rows"
        task = self._tasks.get(phase)
        if task is None:
            task = self._tasks[phase] = self.progress.add_task(
                self._LABELS.get(phase, phase), total=shown_total, count=count
            )
        self.progress.update(task, completed=done, total=shown_total, count=count)


@contextmanager
def rich_import_progress(
    console: Console | None = None, *, min_rows: int = 5_000
) -> Iterator[RichImportProgress]:
    """A live rich display for the length of an import (to stderr unless told otherwise)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    display = Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
    with display:
        yield RichImportProgress(display, min_rows=min_rows)
