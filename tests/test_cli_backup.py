"""`graphcrm backup` and `graphcrm restore` through the installed command."""

from __future__ import annotations

from pathlib import Path

from graphcrm.stores import SQLiteStore
from graphcrm.stores.sqlite import SCHEMA_VERSION
from tests.sample import small_account, write_json
from tests.test_cli import run


def test_backup_then_restore_elsewhere(tmp_path: Path) -> None:
    db = tmp_path / "store" / "g.db"
    assert run(db, "import", str(write_json(small_account(), tmp_path / "a.json"))).returncode == 0
    done = run(db, "backup", str(tmp_path / "b.db"))
    assert done.returncode == 0, done.stderr
    assert (
        f"schema {SCHEMA_VERSION}, 1 account(s)" in done.stdout
    )  # 5: accounts.language, role slots
    again = run(db, "backup", str(tmp_path / "b.db"))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run(db, "backup", str(tmp_path / "b.db"), "--force").returncode == 0
    other = tmp_path / "other" / "g.db"
    done = run(other, "restore", str(tmp_path / "b.db"))
    assert done.returncode == 0, done.stderr
    shown = run(other, "show", "acme")
    assert shown.returncode == 0 and "Acme" in shown.stdout


def test_restore_refuses_bad_files_and_a_store_in_use(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    assert run(db, "import", str(write_json(small_account(), tmp_path / "a.json"))).returncode == 0
    assert run(db, "backup", str(tmp_path / "b.db")).returncode == 0
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0" * 8192)
    bad = run(db, "restore", str(junk))
    assert bad.returncode == 2 and "junk.db" in bad.stderr
    with SQLiteStore(db):  # as a running service holds it
        busy = run(db, "restore", str(tmp_path / "b.db"))
        assert busy.returncode == 2 and "open in another process" in busy.stderr
    assert run(db, "restore", str(tmp_path / "b.db")).returncode == 0
    cypher = run(db, "--store", "falkordb://127.0.0.1:1/g", "backup", str(tmp_path / "c.db"))
    assert cypher.returncode != 0
