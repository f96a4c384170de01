"""The account's language (issue 12 item 7): recorded on the account (every store keeps
it, every import format reads it in English or Chinese), else from its people's names;
the first actions ``plan`` writes are in it.

On tests/sample.py's account read on 2026-11-01 (one of five names Chinese: English by
its data) the one unplanned next target is the CFO (Diaz), reached over Ann Lee -> Chen
(the CTO), Ann being the path's first person and so the owner.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphcrm.analysis.targets import next_targets
from graphcrm.cli import FIXTURES
from graphcrm.graph import build_account_graph
from graphcrm.io.importer import import_path
from graphcrm.model import Account, Dataset, Language
from graphcrm.plans import plans_from_targets
from graphcrm.plans.language import account_language, language_of_names
from graphcrm.stores import GraphStore, SQLiteStore
from tests.sample import small_account

DAY = date(2026, 11, 1)


def _first_actions(data: Dataset, account_id: str = "acme") -> list[str]:
    graph = build_account_graph(data, account_id, as_of=DAY)
    draft = plans_from_targets(graph, next_targets(graph), count=5, start=DAY)
    return [a.description for a in draft.actions]


def _with_language(language: str | None) -> Dataset:
    data = small_account()
    data.accounts = [
        Account.model_validate({**a.model_dump(), "language": language}) for a in data.accounts
    ]
    return data


def test_plan_writes_the_first_actions_in_the_accounts_language() -> None:
    assert _first_actions(_with_language(None)) == ["Ask Chen to introduce Ann Lee to Diaz"]
    assert _first_actions(_with_language("zh")) == ["请Chen引荐Ann Lee与Diaz会面"]


def test_the_language_follows_the_data_when_none_is_recorded(tmp_path: Path) -> None:
    assert language_of_names(["孙卫东", "Tom"]) is Language.ZH  # half: Chinese
    assert language_of_names(["孙卫东", "Tom", "Ann"]) is Language.EN
    assert language_of_names([]) is Language.EN
    graph = build_account_graph(_with_language("zh"), "acme", as_of=DAY)
    assert account_language(graph) is Language.ZH  # recorded wins over the names
    with SQLiteStore(tmp_path / "g.db") as store:
        import_path(store, FIXTURES / "demo" / "telecom-zh")
        data = store.account_data("jiangnan-mobile")
    assert data.accounts[0].language is None  # the demo records none: its names decide
    steps = _first_actions(data, "jiangnan-mobile")
    assert steps and all(s.startswith(("请", "与", "拜访")) for s in steps), steps
    assert not any("Ask " in s or "Meet " in s for s in steps)


@pytest.mark.parametrize("term", ["zh", "中文", "Chinese"])
def test_the_language_is_read_in_english_or_chinese(term: str) -> None:
    if term == "Chinese":
        with pytest.raises(ValueError, match=r"expected one of: zh \(中文\), en \(英文\)"):
            Account(id="a", name="A", language=term)
        return
    assert Account(id="a", name="A", language=term).language is Language.ZH


def test_every_store_keeps_the_language(store: GraphStore) -> None:
    store.write(_with_language("zh"), on=DAY)
    store.write(Dataset(accounts=[Account(id="beta", name="Beta")]), on=DAY)
    assert store.account_data("acme").accounts[0].language is Language.ZH
    assert store.account_data("beta").accounts[0].language is None
