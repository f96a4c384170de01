"""Small builders for import files written by the tests themselves, and a store fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

from graphcrm.errors import RecordError

# A tiny valid account: one account, three people in a line of reporting, one knows tie.
ACCOUNTS = "id,name\nacme,Acme\n"
PEOPLE = "id,account_id,name\np1,acme,Ann\np2,acme,Bo\np3,acme,Cy\n"
TIES = "type,source_id,target_id\nreports_to,p2,p1\nreports_to,p3,p2\nknows,p1,p3\n"


def write_csvs(folder: Path, encoding: str = "utf-8", **tables: str) -> Path:
    """Write ``table=csv text`` pairs as ``table.csv`` files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, text in tables.items():
        (folder / f"{table}.csv").write_bytes(text.encode(encoding))
    return folder


def valid_folder(folder: Path, **overrides: str) -> Path:
    """The tiny valid account as a CSV folder, with some tables replaced (or added)."""
    tables = {"accounts": ACCOUNTS, "people": PEOPLE, "ties": TIES} | overrides
    return write_csvs(folder, **tables)


def digest(db: Path) -> str:
    """A hash of a SQLite store's bytes: the database file and its write-ahead log."""
    h = hashlib.sha256()
    for part in (db, Path(f"{db}-wal")):
        h.update(part.read_bytes() if part.exists() else b"-")
    return h.hexdigest()


def places(errors: list[RecordError]) -> list[tuple[str, int | None, str | None]]:
    """(table, row, column) of each error, in order."""
    return [(e.table, e.row, e.column) for e in errors]
