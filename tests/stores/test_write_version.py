"""The write version every store keeps per account (GraphStore.write_version), on every
store kind the contract covers: it moves with each unit of work that changes what an
account's analyses read, by exactly one, and with nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.model import Attitude, Competitor, Dataset, Person, Staff, Tie
from graphcrm.stores import GraphStore, SQLiteStore
from graphcrm.stores.sqlite import SCHEMA_VERSION
from tests.sample import small_account

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)


def versions(store: GraphStore) -> tuple[int, int, int]:
    return (
        store.write_version("acme"),
        store.write_version("globex"),
        store.write_version("nobody"),
    )


def test_a_fresh_store_is_at_zero(store: GraphStore) -> None:
    assert versions(store) == (0, 0, 0)


def test_each_write_moves_only_its_account(store: GraphStore) -> None:
    store.write(small_account("acme"), on=JAN)
    # The first write of an account also creates shared staff and competitors: +1 shared.
    assert versions(store) == (2, 1, 1)
    store.write(small_account("globex", prefix="g-"), on=JAN)
    # The sample's action a-2 keeps its id in globex: it moves there, a change to acme too.
    assert versions(store) == (4, 3, 2)
    store.write(Dataset(ties=[Tie(type="knows", source_id="eng2", target_id="cfo")]), on=FEB)
    assert versions(store) == (5, 3, 2)
    store.write(
        Dataset(attitudes=[Attitude(person_id="g-ceo", level=2, as_of=FEB)]),
        on=FEB,
    )
    assert versions(store) == (5, 4, 2)


def test_unchanged_and_refused_writes_move_nothing(store: GraphStore) -> None:
    store.write(small_account("acme"), on=JAN)
    before = versions(store)
    store.write(small_account("acme"), on=FEB)  # the same rows: nothing written
    assert versions(store) == before
    with pytest.raises(ValidationFailed):
        store.write(Dataset(ties=[Tie(type="knows", source_id="eng2", target_id="ghost")]))
    assert versions(store) == before


def test_shared_records_move_every_account(store: GraphStore) -> None:
    store.write(small_account("acme"), on=JAN)
    store.write(small_account("globex", prefix="g-"), on=JAN)
    acme, globex, nobody = versions(store)
    store.write(Dataset(staff=[Staff(id="s-ar", name="Renamed", seniority=4)]), on=FEB)
    assert versions(store) == (acme + 1, globex + 1, nobody + 1)
    store.write(Dataset(competitors=[Competitor(id="rival", name="Rival Ltd")]), on=FEB)
    assert versions(store) == (acme + 2, globex + 2, nobody + 2)


def test_deletes_move_their_account(store: GraphStore) -> None:
    store.write(small_account("acme"), on=JAN)
    store.write(small_account("globex", prefix="g-"), on=JAN)
    acme, globex, _ = versions(store)
    store.delete("people", ("eng2",), on=FEB)
    assert versions(store)[:2] == (acme + 1, globex)
    store.delete("competitors", ("g-rival",), on=MAR)  # ends attitudes toward it anywhere
    assert versions(store)[:2] == (acme + 2, globex + 1)
    store.delete("accounts", ("globex",), on=MAR)
    assert versions(store)[:2] == (acme + 2, globex + 2)


def test_a_person_moving_moves_both_accounts(store: GraphStore) -> None:
    store.write(small_account("acme"), on=JAN)
    store.write(small_account("globex", prefix="g-"), on=JAN)
    acme, globex, _ = versions(store)
    moved = Person(id="eng2", account_id="globex", name="Eng Two")
    store.write(Dataset(people=[moved]), on=FEB)
    assert versions(store)[:2] == (acme + 1, globex + 1)


def test_an_older_sqlite_file_gains_the_table(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        store.write(small_account("acme"), on=JAN)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE write_versions")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert store.write_version("acme") == 0
        store.write(Dataset(ties=[Tie(type="knows", source_id="eng2", target_id="cfo")]), on=FEB)
        assert store.write_version("acme") == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_two_sqlite_connections_see_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        writer.write(small_account("acme"), on=JAN)
        seen = reader.write_version("acme")
        assert seen == writer.write_version("acme") > 0
        writer.write(Dataset(ties=[Tie(type="knows", source_id="eng2", target_id="cfo")]), on=FEB)
        assert reader.write_version("acme") == seen + 1


def test_erasing_a_person_moves_their_account(store: GraphStore) -> None:
    # An erasure run by the CLI must reach a server's cached analyses too.
    store.write(small_account("acme"), on=JAN)
    store.write(small_account("globex", prefix="g-"), on=JAN)
    acme, globex, _ = versions(store)
    store.purge_person("acme", "eng2")
    assert versions(store)[:2] == (acme + 1, globex)
