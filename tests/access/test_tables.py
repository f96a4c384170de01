"""graphcrm.access.tables: each table typed by its record and key, every call through TeamStore."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graphcrm.access import AccessStore, PermissionDenied, TeamStore
from graphcrm.access.tables import Table
from graphcrm.errors import ConflictError, NotFoundError
from graphcrm.model import (
    Attitude,
    DecisionRole,
    DecisionRoleAssignment,
    Person,
    Staff,
    Tie,
    TieType,
)
from graphcrm.stores.sqlite import SQLiteStore
from tests.api.conftest import team_a_data, team_b_data


@pytest.fixture
def teams(sqlite_store: SQLiteStore, tmp_path: Path) -> Iterator[tuple[TeamStore, TeamStore]]:
    """Team a owns acme, team b owns globex, on one real SQLite store; a's writes are logged."""
    access = AccessStore(tmp_path / "access.db")
    a = access.authenticate(access.create_key("a", "alice", create_team=True).key)
    b = access.authenticate(access.create_key("b", "bob", create_team=True).key)
    team_a, team_b = TeamStore(sqlite_store, access, a), TeamStore(sqlite_store, access, b)
    team_a.write(team_a_data())
    team_b.write(team_b_data())
    yield team_a, team_b
    access.close()


class TestReads:
    def test_get_answers_the_record_type(self, teams: tuple[TeamStore, TeamStore]) -> None:
        a, _ = teams
        ceo = a.people.get("acme", "ceo")
        assert isinstance(ceo, Person) and (ceo.name, ceo.title) == ("王总", "CEO")
        staff = a.staff.get(None, "s-ar")
        assert isinstance(staff, Staff) and staff.triangle_role == "AR"

    def test_key_parts_keep_their_types(self, teams: tuple[TeamStore, TeamStore]) -> None:
        a, _ = teams
        tie = a.ties.get("acme", TieType.KNOWS, "cto", "cfo")
        assert isinstance(tie, Tie) and tie.strength == 0.6
        reading = a.attitudes.get("acme", "cfo", "us", date(2026, 9, 1))
        assert isinstance(reading, Attitude) and reading.level == 1
        role = a.decision_roles.get("acme", "acme-cloud", "cto", DecisionRole.EVALUATOR)
        assert isinstance(role, DecisionRoleAssignment) and role.person_id == "cto"

    def test_list_is_sorted_by_key(self, teams: tuple[TeamStore, TeamStore]) -> None:
        a, _ = teams
        assert [p.id for p in a.people.list("acme")] == ["ceo", "cfo", "cto", "eng1", "eng2"]
        readings = [(r.person_id, r.toward, r.level) for r in a.attitudes.list("acme")]
        assert readings == [
            ("ceo", "rival", 2),
            ("cfo", "us", 0),
            ("cfo", "us", 1),
            ("cto", "us", 3),
        ]
        assert [c.id for c in a.competitors.list(None)] == ["g-rival", "rival"]

    def test_another_teams_account_reads_as_missing(
        self, teams: tuple[TeamStore, TeamStore]
    ) -> None:
        _, b = teams
        with pytest.raises(NotFoundError) as foreign:
            b.people.get("acme", "ceo")
        with pytest.raises(NotFoundError) as elsewhere:
            b.people.get("globex", "ceo")
        assert str(foreign.value) == "no account 'acme'"
        assert str(elsewhere.value) == "no person 'ceo'"


class TestWrites:
    def test_create_replace_delete_tell_the_listener(
        self, teams: tuple[TeamStore, TeamStore]
    ) -> None:
        a, _ = teams
        seen: list[object] = []
        a._on_write = seen.append
        made = a.people.create("acme", Person(id="p-new", account_id="acme", name="Gao"))
        assert made.name == "Gao" and a.people.get("acme", "p-new").name == "Gao"
        a.people.replace("acme", Person(id="p-new", account_id="acme", name="Gao Yu"))
        assert a.people.get("acme", "p-new").name == "Gao Yu"
        assert a.people.delete("acme", "p-new") == 1
        with pytest.raises(NotFoundError, match="no person 'p-new'"):
            a.people.get("acme", "p-new")
        assert seen == [{"acme"}, {"acme"}, {"acme"}]

    def test_a_taken_id_is_refused_and_nothing_changes(
        self, teams: tuple[TeamStore, TeamStore]
    ) -> None:
        a, b = teams
        with pytest.raises(ConflictError) as taken:
            b.people.create("globex", Person(id="ceo", account_id="globex", name="X"))
        assert str(taken.value) == "person id 'ceo' is taken; choose another id"
        assert a.people.get("acme", "ceo").name == "王总"

    def test_read_only_and_shared_rules_hold(
        self, teams: tuple[TeamStore, TeamStore], sqlite_store: SQLiteStore
    ) -> None:
        a, _ = teams
        ro = a.access.authenticate(a.access.create_key("a", "reader", read_only=True).key)
        reader = TeamStore(sqlite_store, a.access, ro)
        with pytest.raises(PermissionDenied) as denied:
            reader.ties.delete("acme", TieType.KNOWS, "cto", "cfo")
        assert denied.value.code == "read_only_key"
        with pytest.raises(PermissionDenied) as shared:
            a.staff.delete(None, "s-ar")
        assert shared.value.code == "admin_required"
        assert a.ties.get("acme", TieType.KNOWS, "cto", "cfo").strength == 0.6
        assert a.staff.get(None, "s-ar").name == "Ann Lee"


def test_a_table_refuses_records_of_another_type(teams: tuple[TeamStore, TeamStore]) -> None:
    a, _ = teams
    wrong = Table[Person, str](a, "staff", Person)
    with pytest.raises(TypeError) as refused:
        wrong.get(None, "s-ar")
    assert str(refused.value) == "the staff table answered a Staff, not a Person"
