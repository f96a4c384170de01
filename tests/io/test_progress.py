"""The rich progress listener shows bars for large imports only, one per phase."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from graphcrm.io import RichImportProgress, import_path, rich_import_progress
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import valid_folder


def test_small_imports_show_no_bar() -> None:
    progress = Progress(console=Console(file=io.StringIO()))
    listener = RichImportProgress(progress, min_rows=5_000)
    listener("read", 100, 1_000)
    listener("validate", 7, 7)
    listener("write", 7, 7)
    assert progress.tasks == []


def test_large_imports_show_each_phase() -> None:
    progress = Progress(console=Console(file=io.StringIO()))
    listener = RichImportProgress(progress, min_rows=5_000)
    listener("read", 0, 10_000_000)
    listener("read", 10_000_000, 10_000_000)
    listener("validate", 50_000, 100_000)
    listener("write", 0, 100_000)
    read, validate, write = progress.tasks
    assert (read.description, read.completed, read.fields["count"]) == (
        "reading",
        10_000_000,
        "10.0/10.0 MB",
    )
    assert (validate.completed, validate.total) == (50_000, 100_000)
    assert write.total is None  # the store's one write has no steps: it pulses
    listener("write", 100_000, 100_000)
    assert progress.tasks[2].total == 100_000 and progress.tasks[2].finished


def test_rich_display_drives_a_real_import(store: SQLiteStore, tmp_path: Path) -> None:
    out = io.StringIO()
    with rich_import_progress(Console(file=out), min_rows=1) as listener:
        import_path(store, valid_folder(tmp_path / "in"), progress=listener)
    assert [t.description for t in listener.progress.tasks] == ["validating", "writing"]
