"""graphcrm.access.team's write order: a write that may not wait (on the event loop) does not."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from graphcrm.access import AccessStore, TeamStore
from graphcrm.access.team import write_order
from graphcrm.model import Attitude
from graphcrm.stores.no_wait import WriterBusy, without_waiting
from graphcrm.stores.sqlite import SQLiteStore
from tests.api.conftest import team_a_data

READ_ON = date(2026, 9, 1)  # team A's reading of cfo toward us, level 1


def test_a_write_that_may_not_wait_is_refused_while_another_holds_the_order(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    with AccessStore(tmp_path / "access.db") as access:
        alice = access.authenticate(access.create_key("a", "alice", create_team=True).key)
        team = TeamStore(sqlite_store, access, alice)
        team.write(team_a_data())
        changed = Attitude(person_id="cfo", level=3, as_of=READ_ON)
        held, release = threading.Event(), threading.Event()

        def other_write() -> None:  # a pool thread's write (a new person), under way
            with write_order(sqlite_store):
                held.set()
                release.wait(10)

        other = threading.Thread(target=other_write)
        other.start()
        held.wait(5)
        try:
            with without_waiting(), pytest.raises(WriterBusy, match="another write"):
                team.attitudes.replace("acme", changed)
            with without_waiting(), pytest.raises(WriterBusy):
                team.attitudes.create("acme", Attitude(person_id="eng1", level=2, as_of=READ_ON))
        finally:
            release.set()
            other.join(5)
        assert team.attitudes.get("acme", "cfo", "us", READ_ON).level == 1  # nothing written
        assert [r.person_id for r in team.attitudes.list("acme") if r.as_of == READ_ON] == ["cfo"]
        with without_waiting():  # the order is free: written at once
            assert team.attitudes.replace("acme", changed).level == 3
        assert team.attitudes.get("acme", "cfo", "us", READ_ON).level == 3
