"""``graphcrm log``: one interaction logged from the command line; bad input exits 2
naming the field, and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from graphcrm.stores import SQLiteStore
from tests.sample import small_account, write_json
from tests.test_cli import run


def test_log_then_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "store" / "g.db"
    assert run(db, "import", str(write_json(small_account(), tmp_path / "a.json"))).returncode == 0
    done = run(
        db,
        "log",
        "acme",
        "--type",
        "meeting",
        "--staff",
        "s-ar",
        "--people",
        "cto;cfo",
        "--date",
        "2026-11-30",
        "--note",
        "路线图",
        "--id",
        "i-1",
    )
    assert done.returncode == 0, done.stderr
    assert "logged meeting i-1 on 2026-11-30 in acme: s-ar with cto;cfo" in done.stdout
    future = (date.today() + timedelta(days=1)).isoformat()
    for args, field in [
        (["--type", "golf", "--staff", "s-ar", "--people", "cto"], "type"),
        (["--type", "call", "--staff", "nobody", "--people", "cto"], "staff_ids"),
        (["--type", "call", "--staff", "s-ar", "--people", "ghost"], "person_ids"),
        (["--type", "call", "--staff", "s-ar", "--people", "cto", "--date", future], "date"),
    ]:
        refused = run(db, "log", "acme", *args)
        assert refused.returncode == 2 and field in refused.stderr, (args, refused.stderr)
    with SQLiteStore(db) as store:
        [logged] = store.account_data("acme").interactions
    assert (logged.id, logged.person_ids, logged.note) == ("i-1", ("cto", "cfo"), "路线图")
