"""Two quarters of history for the demo telecom account, relative to the day it is loaded:
the last quarter's review has coverage gained and lost, a key person who left, levels
that moved; and the account is not stale today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from graphcrm.analysis.coverage import coverage
from graphcrm.graph import load_account_graph
from graphcrm.interactions.demo_history import HISTORY_DAYS, demo_history
from graphcrm.io.importer import import_path
from graphcrm.plans.review import review
from graphcrm.stores import SQLiteStore

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "telecom-zh"
ACCOUNT = "jiangnan-mobile"


def test_the_demo_has_a_living_past(tmp_path: Path) -> None:
    today = date.today()
    start = today - timedelta(days=HISTORY_DAYS)
    with SQLiteStore(tmp_path / "g.db") as store:
        result = import_path(store, DEMO, on=start)
        writes = demo_history(result.dataset, ACCOUNT, today)
        assert writes == demo_history(result.dataset, ACCOUNT, today)  # the same every load
        for day, records in writes:
            store.write(records, on=day)
        quarter = today - timedelta(days=91)
        before = load_account_graph(store, ACCOUNT, as_of=quarter)
        after = load_account_graph(store, ACCOUNT)
        data = store.account_data(ACCOUNT)
    result_review = review(before, after, from_date=quarter, to_date=today)
    assert result_review.coverage_gained and result_review.coverage_lost
    assert [k.code for k in result_review.key_people_left] == ["key_person_left"]
    assert result_review.level_changes
    assert len(data.interactions) > 50
    assert all(i.date <= today for i in data.interactions)
    now = coverage(after, today=today)
    stale = now.gaps_of("stale")
    assert len(stale) < len(now.key_people) // 2, [g.person_id for g in stale]
