"""A write's precondition (``Expected``) on every store kind: checked in the write's unit
of work, a moved version refuses the write and changes nothing."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from graphcrm.model import Dataset
from graphcrm.stores import GraphStore
from graphcrm.stores.base import Expected, VersionMoved
from graphcrm.stores.sqlite import SQLiteStore
from tests.sample import small_account

JAN, FEB = date(2026, 1, 10), date(2026, 2, 10)


def _cto(title: str) -> Dataset:
    cto = next(p for p in small_account().people if p.id == "cto")
    data = Dataset()
    data.people.append(cto.model_copy(update={"title": title}))
    return data


def test_a_write_expecting_the_current_version_goes_through(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    seen = store.history("people", ("cto",))[-1].recorded_at
    report = store.write(_cto("CIO"), on=FEB, expect=Expected("people", ("cto",), seen))
    assert report.updated["people"] == 1 and report.recorded_at is not None
    assert store.history("people", ("cto",))[-1].recorded_at == report.recorded_at


def test_a_moved_version_refuses_write_and_delete(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    seen = store.history("people", ("cto",))[-1].recorded_at
    store.write(_cto("CIO"), on=FEB)  # another writer comes first
    before = store.account_data("acme").sorted(), store.history("people", ("cto",))
    stale = Expected("people", ("cto",), seen)
    with pytest.raises(VersionMoved):
        store.write(_cto("CEO"), on=FEB, expect=stale)
    with pytest.raises(VersionMoved):
        store.write(_cto("CIO"), on=FEB, expect=stale)  # even a write that changes nothing
    with pytest.raises(VersionMoved):
        store.delete("people", ("cto",), on=FEB, expect=stale)
    assert (store.account_data("acme").sorted(), store.history("people", ("cto",))) == before


def test_sqlite_checks_inside_the_transaction(tmp_path: Path) -> None:
    """A second process's write between read and write: SQLite's check sees it."""
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as store:
        store.write(small_account(), on=JAN)
        seen = store.history("people", ("cto",))[-1].recorded_at
        other = sqlite3.connect(path)
        with other:
            other.execute(
                "UPDATE people SET recorded_at = '2026-02-01T00:00:00.000000+00:00' "
                "WHERE id = 'cto' AND valid_to IS NULL"
            )
        other.close()
        with pytest.raises(VersionMoved):
            store.write(_cto("CEO"), on=FEB, expect=Expected("people", ("cto",), seen))
        people = store.account_data("acme").people
        assert next(p.title for p in people if p.id == "cto") == "CTO"


def test_two_writers_expecting_one_version_cannot_both_win(store: GraphStore) -> None:
    store.write(small_account(), on=JAN)
    seen = Expected("people", ("cto",), store.history("people", ("cto",))[-1].recorded_at)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(title: str) -> None:
        start.wait()
        try:
            store.write(_cto(title), on=FEB, expect=seen)
            outcomes.append("written")
        except VersionMoved:
            outcomes.append("refused")

    writers = [threading.Thread(target=save, args=(t,)) for t in ("CIO", "CEO")]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert sorted(outcomes) == ["refused", "written"]
    assert len(store.history("people", ("cto",))) == 2
