"""The store's search primitive (``GraphStore.search``) on every store kind: one query per
table, current versions only, scoped to the accounts given, Chinese and English."""

from __future__ import annotations

from datetime import date

from graphcrm.model import Dataset
from graphcrm.stores import GraphStore
from tests.sample import small_account

JAN, FEB = date(2026, 1, 10), date(2026, 2, 10)


def _two_accounts(store: GraphStore) -> None:
    store.write(small_account("acme"), on=JAN)
    store.write(small_account("globex", prefix="g-"), on=JAN)


def _ids(found: dict[str, list[object]]) -> dict[str, list[str]]:
    return {table: [r.key[0] for r in records] for table, records in found.items()}  # type: ignore[attr-defined]


def test_chinese_and_english_case_insensitive(store: GraphStore) -> None:
    _two_accounts(store)
    found = store.search("王", account_ids={"acme"}, limit=10)
    # 王总, the CEO of acme; not our staff member Bo Wang (no pinyin matching).
    assert _ids(found) == {"accounts": [], "people": ["ceo"], "staff": []}
    assert _ids(store.search("it", account_ids={"acme"}, limit=10))["people"] == [
        "cto",
        "eng1",
        "eng2",
    ]
    assert _ids(store.search("cFo", account_ids={"acme"}, limit=10))["people"] == ["cfo"]
    wang = store.search("WANG", account_ids={"acme"}, limit=10)
    assert _ids(wang) == {"accounts": [], "people": [], "staff": ["g-s-exec", "s-exec"]}
    assert _ids(store.search("acme", account_ids={"acme"}, limit=10))["accounts"] == ["acme"]


def test_only_the_accounts_given_and_a_limit(store: GraphStore) -> None:
    _two_accounts(store)
    assert _ids(store.search("CEO", account_ids={"globex"}, limit=10))["people"] == ["g-ceo"]
    assert _ids(store.search("CEO", account_ids=set(), limit=10))["people"] == []
    both = store.search("it", account_ids={"acme", "globex"}, limit=4)
    assert _ids(both)["people"] == ["cto", "eng1", "eng2", "g-cto"]


def test_current_versions_and_wildcards_as_written(store: GraphStore) -> None:
    _two_accounts(store)
    cfo = next(p for p in small_account().people if p.id == "cfo")
    data = Dataset()
    data.people.append(cfo.model_copy(update={"title": "财务总监 100%_"}))
    store.write(data, on=FEB)
    assert _ids(store.search("CFO", account_ids={"acme"}, limit=10))["people"] == []
    assert _ids(store.search("财务", account_ids={"acme"}, limit=10))["people"] == ["cfo"]
    assert _ids(store.search("0%_", account_ids={"acme"}, limit=10))["people"] == ["cfo"]
    assert _ids(store.search("%", account_ids={"acme"}, limit=10))["people"] == ["cfo"]
    store.delete("people", ("cfo",), on=FEB)
    assert _ids(store.search("财务", account_ids={"acme"}, limit=10))["people"] == []
