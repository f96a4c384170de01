"""The demo and Krackhardt fixtures import, and round-trip through every export format."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphcrm.io import export_account, import_path
from graphcrm.stores.sqlite import SQLiteStore
from tests.io.helpers import digest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SETS = {
    "demo/telecom-zh": "jiangnan-mobile",
    "demo/manufacturing-en": "northwind-industrial",
    "krackhardt/account": "krackhardt-hightech",
}


@pytest.mark.parametrize("folder", list(SETS))
@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "a.json"), ("csv", "a.zip"), ("xlsx", "a.xlsx")]
)
def test_fixture_imports_and_round_trips(tmp_path: Path, folder: str, fmt: str, name: str) -> None:
    account = SETS[folder]
    with SQLiteStore(tmp_path / "first.db") as first:
        result = import_path(first, FIXTURES / folder)
        assert [a.id for a in result.dataset.accounts] == [account]
        original = first.account_data(account).sorted()
        assert len(original.people) == result.rows["people"] > 0

        export_account(first, account, tmp_path / name, fmt)
        with SQLiteStore(tmp_path / "second.db") as second:
            import_path(second, tmp_path / name)
            assert second.account_data(account).sorted() == original

        before = digest(first.path)
        assert import_path(first, FIXTURES / folder).report.changed == 0
        assert digest(first.path) == before
