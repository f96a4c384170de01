"""`graphcrm analyse --all --jobs N --json` (issue 17 item 4): every account in parallel
processes, one JSON line each, equal to `graphcrm analyse ID --json` for that account."""

from __future__ import annotations

import json
from pathlib import Path

from graphcrm.model import Dataset
from graphcrm.stores import SQLiteStore
from tests.sample import small_account
from tests.test_cli import run


def test_every_account_in_two_processes_equals_one_analysis_each(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    with SQLiteStore(db) as store:
        for account, prefix in (("acme", ""), ("globex", "g-"), ("initech", "i-")):
            store.write(small_account(account, prefix))
        store.write(Dataset(accounts=[small_account("hollow").accounts[0]]))  # nobody in it
    done = run(db, "analyse", "--all", "--jobs", "2", "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(line["account_id"] for line in lines) == ["acme", "globex", "hollow", "initech"]
    for line in lines:
        one = run(db, "analyse", line.pop("account_id"), "--json")
        assert one.returncode == 0, one.stderr
        assert line == json.loads(one.stdout)
    in_order = run(db, "analyse", "--all", "--json")  # one process: in the store's order
    assert [json.loads(x)["account_id"] for x in in_order.stdout.splitlines()] == [
        "acme", "globex", "hollow", "initech",
    ]  # fmt: skip


def test_all_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    with SQLiteStore(db) as store:
        store.write(small_account("acme"))
    for args, said in (
        (("--all",), "give --json"),
        (("acme", "--all", "--json"), "give no account id"),
    ):
        done = run(db, "analyse", *args)
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
