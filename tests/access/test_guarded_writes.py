"""graphcrm.access.guarded_writes on a real SQLite store: a reading moved to a new key only
from the version the writer saw, and a record created where the writer saw none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graphcrm.access import AccessStore, TeamStore
from graphcrm.access.errors import StaleWrite
from graphcrm.access.guarded_writes import create_expected_absent, replace_to_key
from graphcrm.errors import ConflictError
from graphcrm.model import Attitude, Plan
from graphcrm.stores.sqlite import SQLiteStore
from tests.api.conftest import team_a_data

FEB, SEP = date(2026, 2, 1), date(2026, 9, 1)


@pytest.fixture
def team(sqlite_store: SQLiteStore, tmp_path: Path) -> Iterator[TeamStore]:
    """Team a owns acme (cfo's readings toward us on 2026-02-01 (0) and 2026-09-01 (1))."""
    access = AccessStore(tmp_path / "access.db")
    a = access.authenticate(access.create_key("a", "alice", create_team=True).key)
    store = TeamStore(sqlite_store, access, a)
    store.write(team_a_data())
    yield store
    access.close()


def _cfo(team: TeamStore) -> list[tuple[date | None, int, str | None]]:
    readings = team.attitudes.list("acme")
    return [(r.as_of, r.level, r.note) for r in readings if r.person_id == "cfo"]


def test_a_new_date_moves_the_reading_only_from_the_version_seen(team: TeamStore) -> None:
    seen = team.attitudes.get_tagged("acme", "cfo", "us", FEB)
    moved = Attitude(person_id="cfo", level=2, as_of=date(2026, 3, 1), note="warmer")
    team.attitudes.patch(
        "acme", "cfo", "us", FEB, change=lambda r: r.model_copy(update={"note": "x"})
    )
    before = _cfo(team)
    with pytest.raises(StaleWrite) as stale:
        replace_to_key(team.attitudes, "acme", ("cfo", "us", FEB), moved, if_match=seen.etag)
    assert stale.value.changed == ["note"] and _cfo(team) == before  # nothing written

    now = team.attitudes.get_tagged("acme", "cfo", "us", FEB).etag
    replace_to_key(team.attitudes, "acme", ("cfo", "us", FEB), moved, if_match=now)
    assert _cfo(team) == [(date(2026, 3, 1), 2, "warmer"), (SEP, 1, None)]


def test_a_move_onto_a_reading_that_exists_is_refused_and_writes_nothing(team: TeamStore) -> None:
    before = _cfo(team)
    onto = Attitude(person_id="cfo", level=2, as_of=SEP)
    with pytest.raises(ConflictError, match="already exists"):
        replace_to_key(team.attitudes, "acme", ("cfo", "us", FEB), onto, if_match=None)
    assert _cfo(team) == before


def test_the_same_key_is_a_plain_replace(team: TeamStore) -> None:
    same = Attitude(person_id="cfo", level=1, as_of=FEB, note="same day")
    replace_to_key(team.attitudes, "acme", ("cfo", "us", FEB), same, if_match=None)
    assert _cfo(team) == [(FEB, 1, "same day"), (SEP, 1, None)]


def test_a_plan_made_meanwhile_is_a_stale_write_not_an_overwrite(team: TeamStore) -> None:
    made = create_expected_absent(team.plans, "acme", Plan(person_id="cto", target_level=3))
    assert team.plans.get("acme", "cto") == made
    theirs = team.plans.get_tagged("acme", "ceo")
    with pytest.raises(StaleWrite) as stale:
        create_expected_absent(team.plans, "acme", Plan(person_id="ceo", target_level=1))
    assert stale.value.current == theirs.record and stale.value.etag == theirs.etag
    set_fields = theirs.record.model_dump(exclude_none=True).keys() - {"person_id"}
    assert stale.value.changed == sorted(set_fields) and "target_level" in set_fields
    assert team.plans.get("acme", "ceo") == theirs.record  # nothing written
