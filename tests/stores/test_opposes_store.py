"""Opposes ties (对立) in every store (SQLite, FalkorDB, Neo4j): written, read back as of
a date, updated with history, ended, and found in a person's history."""

from __future__ import annotations

from datetime import date

from graphcrm.model import Dataset, Tie
from graphcrm.stores import GraphStore
from tests.sample import small_account

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)


def _rivalry(strength: float) -> Tie:
    return Tie(type="opposes", source_id="cfo", target_id="cto", strength=strength)


def _opposes(store: GraphStore, day: date | None = None) -> list[tuple[str, str, float]]:
    ties = store.account_data("acme", as_of=day).ties
    return [(t.source_id, t.target_id, t.strength) for t in ties if t.type == "opposes"]


def test_an_opposes_tie_keeps_its_history_in_every_store(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    store.write(Dataset(ties=[_rivalry(0.5)]), on=FEB)
    store.write(Dataset(ties=[_rivalry(0.9)]), on=MAR)
    assert _opposes(store, JAN) == []
    assert _opposes(store, date(2026, 2, 20)) == [("cfo", "cto", 0.5)]
    assert _opposes(store) == [("cfo", "cto", 0.9)]
    versions = store.history("ties", ("opposes", "cfo", "cto"))
    assert [(v.valid_from, v.valid_to) for v in versions] == [(FEB, MAR), (MAR, None)]
    assert ("opposes", "cfo", "cto") in {
        v.record.key for v in store.person_history("acme", "cto")["ties"]
    }
    assert store.delete("ties", ("opposes", "cfo", "cto"), on=date(2026, 4, 1)) == 1
    assert _opposes(store) == []
