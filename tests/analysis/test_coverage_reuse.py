"""Coverage after an attitude write reuses the rows the write left unchanged (issue 17, the
mixed phase) and equals a full computation exactly.

An 80-person synthetic account in a real SQLite file takes 25 random attitude
writes (a random person's level toward us, a new reading or a correction of
today's, now and then toward a competitor). Each is patched into the cached
graph (``graphcrm.graph_patch``), and coverage of the patched graph is computed
with the previous report's rows of everyone the write did not touch, the ranking
kept (as the API does after an attitude: api/rankings.py). After every write it
equals, field for field and to the last bit, coverage computed without reuse on
the patched graph and on a graph built afresh from the store.
"""

from __future__ import annotations

import random
from datetime import date
from functools import partial
from pathlib import Path

from bench.analysis_bench import synthetic_account
from graphcrm.analysis import coverage, importance, key_people
from graphcrm.graph_patch import RecordChange, patch_graph, patch_rows
from graphcrm.graph_rows import account_graph_and_rows
from graphcrm.interactions import STRENGTH_DEFAULTS
from graphcrm.model import Attitude, Dataset
from graphcrm.stores import SQLiteStore
from graphcrm.stores.analysis_read import shared_rows

TODAY = date.today()


def test_reused_rows_give_the_full_report_after_every_write(tmp_path: Path) -> None:
    data = synthetic_account(80)
    account = data.accounts[0].id
    rivals = [c.id for c in data.competitors][:1]
    rnd = random.Random(17)
    with SQLiteStore(tmp_path / "graph.db") as store:
        store.write(data, on=date(2026, 1, 1))
        graph, rows = account_graph_and_rows(store, account, strength=STRENGTH_DEFAULTS)
        ranking = importance(graph)
        key = key_people(graph, ranking)
        report = coverage(graph, ranking=ranking, key=key, today=TODAY)
        people = sorted(p.id for p in data.people)
        reused = 0
        for _ in range(25):
            toward = rnd.choice(rivals) if rivals and rnd.random() < 0.2 else "us"
            reading = Attitude(
                person_id=rnd.choice(people), toward=toward, level=rnd.randint(-1, 3), as_of=TODAY
            )
            store.write(Dataset(attitudes=[reading]))
            change = RecordChange(account, "attitudes", reading)
            rows = patch_rows(rows, change, partial(shared_rows, store))
            graph = patch_graph(
                graph, rows, change, opportunity_id=None, strength=STRENGTH_DEFAULTS
            )
            touched = change.people()
            keep = {p.person_id: p for p in report.people if p.person_id not in touched}
            report = coverage(graph, ranking=ranking, key=key, today=TODAY, reuse=keep)
            reused += sum(1 for p in report.people if keep.get(p.person_id) is p)
            assert report == coverage(graph, ranking=ranking, key=key, today=TODAY)
            fresh, _ = account_graph_and_rows(store, account, strength=STRENGTH_DEFAULTS)
            assert report == coverage(fresh, ranking=ranking, key=key, today=TODAY)
            if toward == "us":
                assert report.person(reading.person_id).level == reading.level
        assert reused >= 25 * (len(report.people) - 1)  # every untouched row was reused


def test_a_row_whose_weight_changed_is_computed_again(tmp_path: Path) -> None:
    data = synthetic_account(40)
    account = data.accounts[0].id
    with SQLiteStore(tmp_path / "graph.db") as store:
        store.write(data, on=date(2026, 1, 1))
        graph, _ = account_graph_and_rows(store, account, strength=STRENGTH_DEFAULTS)
    ranking = importance(graph)
    key = [k.person_id for k in key_people(graph, ranking)]
    report = coverage(graph, ranking=ranking, key=key, today=TODAY)
    rows = {p.person_id: p for p in report.people}
    fewer = key[:-1]  # the last key person is key no more: their kept row is wrong now
    again = coverage(graph, ranking=ranking, key=fewer, today=TODAY, reuse=rows)
    assert again == coverage(graph, ranking=ranking, key=fewer, today=TODAY)
    assert again.person(key[-1]).key is False and again.person(key[-1]).weight == 0.0
