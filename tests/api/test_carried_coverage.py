"""Coverage rows carried across writes that keep the ranking (api/rankings.py, issue 17's
mixed phase): over two attitude writes with no coverage read between them, the rows
handed to the last graph leave out both written people, and coverage with them equals
a full computation."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from api.rankings import carry_coverage, coverage_rows, remember_coverage
from bench.analysis_bench import synthetic_account
from graphcrm.graph_patch import RecordChange, patch_graph, patch_rows
from graphcrm.graph_rows import account_graph_and_rows
from graphcrm.interactions import STRENGTH_DEFAULTS
from graphcrm.method import MethodSettings
from graphcrm.method.runs import coverage_with, ranked_with
from graphcrm.model import Attitude, Dataset
from graphcrm.stores import SQLiteStore
from graphcrm.stores.analysis_read import shared_rows

TODAY = date.today()


def test_rows_carried_over_two_writes_leave_out_both_peoples(tmp_path: Path) -> None:
    data = synthetic_account(40)
    account = data.accounts[0].id
    s = MethodSettings()
    with SQLiteStore(tmp_path / "graph.db") as store:
        store.write(data, on=date(2026, 1, 1))
        graph, rows = account_graph_and_rows(store, account, strength=STRENGTH_DEFAULTS)
        ranked = ranked_with(graph, s)
        remember_coverage(graph, s, coverage_with(graph, s, ranked=ranked))
        for pid, level in (("p000003", 3), ("p000005", -1)):  # no coverage read between
            reading = Attitude(person_id=pid, toward="us", level=level, as_of=TODAY)
            store.write(Dataset(attitudes=[reading]))
            change = RecordChange(account, "attitudes", reading)
            rows = patch_rows(rows, change, partial(shared_rows, store))
            before, graph = (
                graph,
                patch_graph(graph, rows, change, opportunity_id=None, strength=STRENGTH_DEFAULTS),
            )
            carry_coverage(before, graph, change.people())
    reuse = coverage_rows(graph, s)
    assert reuse is not None and "p000003" not in reuse and "p000005" not in reuse
    assert len(reuse) == len(data.people) - 2
    full = coverage_with(graph, s, ranked=ranked)
    assert coverage_with(graph, s, ranked=ranked, reuse=reuse) == full
    assert full.person("p000003").level == 3 and full.person("p000005").level == -1
