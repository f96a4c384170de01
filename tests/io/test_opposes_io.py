"""Opposes ties (对立) in the import format (issue 15's bad-input acceptance for imports):
the Chinese term imports as ``opposes``; a tie from a person to themselves, between two
accounts' people, or to a staff member is refused naming the row and column (exit 2 from
the CLI), and nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.io import import_path
from graphcrm.model import Tie
from graphcrm.stores.sqlite import SQLiteStore
from tests.sample import small_account, write_json
from tests.test_cli import digest, run

DAY = date(2026, 3, 10)


def ties(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "ties.csv"
    path.write_text("类型,source_id,target_id,强度\n" + rows, encoding="utf-8")
    return path


def test_the_chinese_term_imports_and_bad_rivalries_are_refused(
    store: SQLiteStore, tmp_path: Path
) -> None:
    store.write(small_account(), on=DAY)
    store.write(small_account("beta", prefix="b-"), on=DAY)
    import_path(store, ties(tmp_path, "对立,cfo,cto,0.8\n"), on=DAY)
    assert Tie(type="opposes", source_id="cfo", target_id="cto", strength=0.8) in (
        store.account_data("acme").ties
    )
    before = store.account_data("acme").sorted()
    with pytest.raises(ValidationFailed) as caught:
        import_path(store, ties(tmp_path, "对立,cfo,b-ceo,0.5\n对立,cfo,s-ar,0.5\n"), on=DAY)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(2, "target_id"), (3, "target_id")]
    assert "unknown person 's-ar'" in caught.value.errors[1].message
    assert store.account_data("acme").sorted() == before


def test_the_cli_exits_2_for_a_self_rivalry_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    assert run(db, "import", str(write_json(small_account(), tmp_path / "a.json"))).returncode == 0
    held = digest(db)
    bad = run(db, "import", str(ties(tmp_path, "对立,cfo,cfo,0.5\n")))
    assert bad.returncode == 2, bad.stderr
    assert "ties.csv" in bad.stderr and "row 2" in bad.stderr and "themselves" in bad.stderr
    assert digest(db) == held
