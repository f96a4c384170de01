"""``graphcrm import-interactions``: the bulk path from the command line; a bad row exits 2
naming its row and column, and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from graphcrm.cli import app
from graphcrm.stores import SQLiteStore
from tests.interactions.test_bulk_import import T, fresh_store, random_rows, stored, write_csv


def run(db: Path, *args: str) -> object:
    """The command in this process (a new one would spend seconds importing pandas)."""
    return CliRunner().invoke(app, ["--store", f"sqlite:///{db}", *args])


def test_import_interactions_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    fresh_store(db).close()
    rows = random_rows(40)
    good = write_csv(tmp_path / "good", rows)
    rows[30][3] = "s-ar;nobody"
    bad = write_csv(tmp_path / "bad", rows)
    refused: Any = run(db, "import-interactions", str(bad), "--as-of", T.isoformat())
    assert refused.exit_code == 2
    assert "interactions.csv, row 32, column staff_ids: unknown staff member(s) ['nobody']" in (
        refused.stderr
    )
    with SQLiteStore(db) as store:
        assert stored(store) == []
    done: Any = run(db, "import-interactions", str(good), "--as-of", T.isoformat())
    assert done.exit_code == 0, done.stderr
    assert "40 created, 0 updated, 0 unchanged interactions" in done.stdout
    with SQLiteStore(db) as store:
        assert len(stored(store)) == 40
