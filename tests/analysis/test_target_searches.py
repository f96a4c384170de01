"""Next targets with searches kept across attitude writes equal a full computation (issue 17,
the mixed phase; graphcrm/analysis/target_searches.py).

An 80-person synthetic account in a real SQLite file, with one rivalry (an
``opposes`` tie, so both searches are built), takes 20 random attitude writes
toward us, levels -1..3, so some cross the relay level and some do not. Each is
patched into the cached graph; the searches of the graph before are kept when
``relays_unchanged`` says so, else built again. After every write, next targets
with those searches equal, exactly, next targets computed from scratch on the
patched graph and on a fresh build from the store.
"""

from __future__ import annotations

import random
from datetime import date
from functools import partial
from pathlib import Path

import networkx as nx

from bench.analysis_bench import synthetic_account
from graphcrm.analysis import importance, key_people, next_targets
from graphcrm.analysis.target_searches import relays_unchanged, target_searches
from graphcrm.graph_patch import RecordChange, patch_graph, patch_rows
from graphcrm.graph_rows import account_graph_and_rows
from graphcrm.interactions import STRENGTH_DEFAULTS
from graphcrm.model import Attitude, Dataset, Tie
from graphcrm.stores import SQLiteStore
from graphcrm.stores.analysis_read import shared_rows

TODAY = date.today()


def test_kept_searches_give_the_full_next_targets_after_every_write(tmp_path: Path) -> None:
    data = synthetic_account(80)
    account = data.accounts[0].id
    data.ties.append(Tie(type="opposes", source_id="p000001", target_id="p000002", strength=0.8))
    rnd = random.Random(11)
    with SQLiteStore(tmp_path / "graph.db") as store:
        store.write(data, on=date(2026, 1, 1))
        graph, rows = account_graph_and_rows(store, account, strength=STRENGTH_DEFAULTS)
        ranking = importance(graph)
        key = key_people(graph, ranking)
        searches = target_searches(graph)
        assert searches.unchecked is not None  # the rivalry's search too
        people = [k.person_id for k in key] + sorted(p.id for p in data.people)[:20]
        kept = 0
        for _ in range(20):
            reading = Attitude(
                person_id=rnd.choice(people), toward="us", level=rnd.randint(-1, 3), as_of=TODAY
            )
            store.write(Dataset(attitudes=[reading]))
            change = RecordChange(account, "attitudes", reading)
            rows = patch_rows(rows, change, partial(shared_rows, store))
            before = graph
            graph = patch_graph(
                graph, rows, change, opportunity_id=None, strength=STRENGTH_DEFAULTS
            )
            if relays_unchanged(before, graph, change.people(), 1):
                kept += 1
            else:
                searches = target_searches(graph)
            found = next_targets(graph, ranking=ranking, key=key, searches=searches)
            assert found == next_targets(graph, ranking=ranking, key=key)
            fresh, _ = account_graph_and_rows(store, account, strength=STRENGTH_DEFAULTS)
            assert found == next_targets(fresh, ranking=ranking, key=key)
        assert 4 <= kept < 20  # both ways were taken


def _one_person(level: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("a", kind="person", level=level)
    return g


def test_relays_unchanged_reads_the_relay_level() -> None:
    before = _one_person(level=1)
    assert relays_unchanged(before, _one_person(level=3), ["a"], 1)
    assert not relays_unchanged(before, _one_person(level=0), ["a"], 1)
    assert relays_unchanged(before, _one_person(level=0), ["a"], 2)  # neither relays at 2
    assert not relays_unchanged(before, _one_person(level=1), ["gone"], 1)  # not a person
