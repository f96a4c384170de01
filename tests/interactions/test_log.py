"""The CLI's write path (graphcrm.interactions.log, which `graphcrm log` calls): a person
of another account, or no customer person at all, is refused naming person_ids, and
nothing is written (issue 13 acceptance, bad input)."""

from __future__ import annotations

from datetime import date

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.interactions.log import build_interaction, log_interaction
from graphcrm.stores import SQLiteStore
from tests.sample import small_account

MEETING = {"date": "2026-11-02", "type": "meeting", "staff_ids": "s-ar"}


def test_another_accounts_person_or_none_is_refused(sqlite_store: SQLiteStore) -> None:
    sqlite_store.write(small_account(), on=date(2026, 1, 1))
    sqlite_store.write(small_account("globex", prefix="g-"), on=date(2026, 1, 1))
    version = sqlite_store.write_version("acme")
    with pytest.raises(ValidationFailed) as other:
        log_interaction(sqlite_store, "acme", build_interaction(MEETING | {"person_ids": "g-ceo"}))
    assert [
        (e.column, "not people of account 'acme'" in e.message) for e in other.value.errors
    ] == [("person_ids", True)]
    with pytest.raises(ValidationFailed) as nobody:
        build_interaction(MEETING | {"person_ids": ""})
    assert [e.column for e in nobody.value.errors] == ["person_ids"]
    assert sqlite_store.write_version("acme") == version
    assert sqlite_store.account_data("acme").interactions == []
