"""graphcrm.access: keys stored only as hashes, ownership, scope of writes, the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from graphcrm.access import (
    AccessStore,
    AuditQuery,
    AuthenticationFailed,
    PermissionDenied,
    Principal,
    TeamStore,
    hash_key,
    write_scope,
)
from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from graphcrm.model import (
    Account,
    Action,
    Attitude,
    Competitor,
    Contact,
    Dataset,
    Opportunity,
    Person,
    Staff,
    Tie,
)
from graphcrm.stores import GraphStore
from tests.api.conftest import team_a_data, team_b_data


@pytest.fixture
def access(tmp_path: Path) -> Iterator[AccessStore]:
    store = AccessStore(tmp_path / "access.db")
    yield store
    store.close()


class TestKeys:
    def test_key_is_shown_once_and_only_its_hash_is_stored(self, access: AccessStore) -> None:
        new = access.create_key("east", "alice", create_team=True)
        access.close()
        raw = b"".join(p.read_bytes() for p in access.path.parent.glob("access.db*"))
        assert new.key.encode() not in raw
        assert hash_key(new.key).encode() in raw

    def test_authenticate(self, access: AccessStore) -> None:
        new = access.create_key("east", "alice", admin=True, create_team=True)
        who = access.authenticate(new.key)
        assert (who.name, who.team, who.admin, who.read_only) == ("alice", "east", True, False)
        assert who.key_id == new.info.id and new.key.startswith(f"gcrm_{new.info.id}_")

    @pytest.mark.parametrize("key", ["", "nonsense", "gcrm_00000000_" + "x" * 43])
    def test_unknown_keys_fail(self, access: AccessStore, key: str) -> None:
        with pytest.raises(AuthenticationFailed):
            access.authenticate(key)

    def test_revoked_key_fails_at_once(self, access: AccessStore) -> None:
        new = access.create_key("east", "alice", create_team=True)
        assert access.revoke_key(new.info.id).revoked_at is not None
        with pytest.raises(AuthenticationFailed):
            access.authenticate(new.key)
        with pytest.raises(NotFoundError):
            access.revoke_key("ffffffff")

    def test_unknown_team_needs_create_team(self, access: AccessStore) -> None:
        with pytest.raises(NotFoundError):
            access.create_key("nowhere", "alice")

    def test_bad_names_are_refused(self, access: AccessStore) -> None:
        with pytest.raises(ValidationFailed):
            access.create_key("no spaces", "alice", create_team=True)

    def test_team_listing_counts(self, access: AccessStore) -> None:
        access.create_key("east", "alice", create_team=True)
        access.claim(access.team("east").id, ["acme"])
        [team] = access.teams()
        assert (team.name, team.accounts, team.keys) == ("east", 1, 1)
        with pytest.raises(ConflictError):
            access.create_team("east")


class TestRoles:
    def test_an_operator_key_is_an_admin_key_too(self, access: AccessStore) -> None:
        new = access.create_key("ops", "olga", operator=True, create_team=True)
        who = access.authenticate(new.key)
        assert (who.operator, who.admin) == (True, True)
        assert access.key(new.info.id).operator
        plain = access.authenticate(access.create_key("ops", "pat").key)
        assert (plain.operator, plain.admin) == (False, False)
        session = access.session_principal(access.start_session(new.key))
        assert session.operator

    def test_keys_made_before_operators_stay_team_admins(self, tmp_path: Path) -> None:
        # An access database of schema 2, as graphcrm wrote it before operator keys.
        path = tmp_path / "old.db"
        with sqlite3.connect(path) as conn:
            conn.executescript(_SCHEMA_2)
            conn.execute("INSERT INTO teams VALUES (1, 'east', '2026-01-01T00:00:00+00:00')")
            conn.execute("INSERT INTO principals VALUES (1, 1, 'alice', '2026-01-01')")
            conn.execute(
                "INSERT INTO api_keys VALUES ('0123abcd', 1, ?, 1, 0, '2026-01-01', NULL)",
                [hash_key(OLD_KEY)],
            )
            conn.execute("PRAGMA user_version = 2")
        conn.close()
        with AccessStore(path) as access:
            who = access.authenticate(OLD_KEY)
            assert (who.name, who.team, who.admin, who.operator) == ("alice", "east", True, False)
            [info] = access.keys()
            assert info.admin and not info.operator
            made = access.create_key("east", "olga", operator=True)
            assert access.authenticate(made.key).operator
        with sqlite3.connect(path) as conn:
            # 4: the migration also adds the teams' method settings; 5: the service secrets
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            assert "method_settings" in tables
        conn.close()
        with AccessStore(path) as access:  # opening it again changes nothing
            infos = access.keys()
            assert [k.operator for k in infos] == [True, False]


OLD_KEY = "gcrm_0123abcd_" + "k" * 43
_SCHEMA_2 = """
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE principals (id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (team_id, name));
CREATE TABLE api_keys (id TEXT PRIMARY KEY, principal_id INTEGER NOT NULL REFERENCES principals(id),
    hash TEXT NOT NULL UNIQUE, admin INTEGER NOT NULL, read_only INTEGER NOT NULL,
    created_at TEXT NOT NULL, revoked_at TEXT);
"""


class TestSessions:
    def test_a_session_stands_for_its_key_and_keeps_only_a_hash(self, access: AccessStore) -> None:
        new = access.create_key("team-a", "ann", read_only=True, create_team=True)
        token = access.start_session(new.key)
        assert token.startswith("gsess_") and new.key not in token
        who = access.session_principal(token)
        assert (who.key_id, who.name, who.team) == (new.info.id, "ann", "team-a")
        assert who.read_only
        raw = access.path.read_bytes() + Path(f"{access.path}-wal").read_bytes()
        assert token.encode() not in raw and hash_key(token).encode() in raw

    def test_ending_expiring_and_revoking_end_it(self, access: AccessStore) -> None:
        new = access.create_key("team-a", "ann", create_team=True)
        ended, revoked = access.start_session(new.key), access.start_session(new.key)
        expired = access.start_session(new.key, lifetime=timedelta(seconds=-1))
        access.end_session(ended)
        for token in (ended, expired):
            with pytest.raises(AuthenticationFailed, match="sign in again"):
                access.session_principal(token)
        assert access.session_principal(revoked).name == "ann"
        access.revoke_key(new.info.id)
        with pytest.raises(AuthenticationFailed):
            access.session_principal(revoked)

    @pytest.mark.parametrize("token", ["", "gsess_short", "gcrm_00000000_" + "x" * 43])
    def test_a_token_of_another_shape_fails(self, access: AccessStore, token: str) -> None:
        with pytest.raises(AuthenticationFailed):
            access.session_principal(token)

    def test_only_a_live_key_starts_one(self, access: AccessStore) -> None:
        new = access.create_key("team-a", "ann", create_team=True)
        access.revoke_key(new.info.id)
        with pytest.raises(AuthenticationFailed):
            access.start_session(new.key)


class TestOwnership:
    def test_claim_is_all_or_nothing(self, access: AccessStore) -> None:
        east, west = access.create_team("east"), access.create_team("west")
        assert access.claim(east.id, ["a1", "a2"]) == {"a1", "a2"}
        assert access.claim(east.id, ["a1"]) == set()  # already ours
        with pytest.raises(ConflictError):
            access.claim(west.id, ["a3", "a1"])
        assert access.owned_accounts(west.id) == set()
        access.release(east.id, ["a2"])
        assert access.owned_accounts(east.id) == {"a1"}

    def test_assign_moves_an_account(self, access: AccessStore) -> None:
        east, west = access.create_team("east"), access.create_team("west")
        access.claim(east.id, ["a1"])
        access.assign("a1", "west")
        assert access.owns(west.id, "a1") and not access.owns(east.id, "a1")
        with pytest.raises(NotFoundError):
            access.assign("a1", "nowhere")


class TestAudit:
    def test_entries_filter_and_page_newest_first(self, access: AccessStore) -> None:
        new = access.create_key("east", "alice", create_team=True)
        who = access.authenticate(new.key)
        for i in range(5):
            access.record(
                who,
                action="read" if i % 2 else "write",
                method="GET",
                route="/r",
                path=f"/p{i}",
                account_id="acme",
                status=200,
            )
        entries, total = access.audit(AuditQuery(action="write", limit=2))
        assert total == 3 and [e.path for e in entries] == ["/p4", "/p2"]
        assert entries[0].principal == "alice" and entries[0].team == "east"


@pytest.fixture
def teams(store: GraphStore, tmp_path: Path) -> Iterator[tuple[TeamStore, TeamStore, GraphStore]]:
    """Two teams on a store of each kind (SQLite, and the Cypher store on FalkorDB)."""
    access = AccessStore(tmp_path / "access.db")
    a = access.authenticate(access.create_key("a", "alice", create_team=True).key)
    b = access.authenticate(access.create_key("b", "bob", create_team=True).key)
    team_a, team_b = TeamStore(store, access, a), TeamStore(store, access, b)
    team_a.write(team_a_data())
    team_b.write(team_b_data())
    yield team_a, team_b, store
    access.close()


class TestTeamStore:
    def test_each_team_sees_only_its_accounts(self, teams: tuple) -> None:
        a, b, _ = teams
        assert [x.id for x in a.accounts()] == ["acme"]
        assert [x.id for x in b.accounts()] == ["globex"]
        with pytest.raises(NotFoundError, match="no account 'acme'"):
            b.account_data("acme")
        with pytest.raises(NotFoundError) as missing:
            b.account_data("nowhere")
        assert str(missing.value) == "no account 'nowhere'"

    def test_records_are_found_only_in_their_account(self, teams: tuple) -> None:
        a, b, _ = teams
        assert a.get("people", ("ceo",), "acme").name == "王总"
        with pytest.raises(NotFoundError) as other:
            b.get("people", ("ceo",), "globex")
        with pytest.raises(NotFoundError) as missing:
            b.get("people", ("nobody",), "globex")
        assert str(other.value) == "no person 'ceo'" and str(missing.value) == "no person 'nobody'"

    def test_a_reference_into_another_team_reads_as_unknown(self, teams: tuple) -> None:
        _, b, store = teams
        before = store.account_data("acme").sorted()
        tie = Tie(type="knows", source_id="g-ceo", target_id="ceo")
        with pytest.raises(ValidationFailed) as refused:
            b.create("ties", tie, "globex")
        [error] = refused.value.errors
        assert (error.column, error.message) == ("target_id", "unknown person 'ceo'")
        contact = Contact(staff_id="g-s-ar", person_id="cto")
        with pytest.raises(ValidationFailed, match="unknown person 'cto'"):
            b.write(Dataset(contacts=[contact]))
        assert store.account_data("acme").sorted() == before

    def test_an_id_in_another_team_cannot_be_taken_over(self, teams: tuple) -> None:
        _, b, store = teams
        thief = Person(id="ceo", account_id="globex", name="Moved")
        with pytest.raises(ValidationFailed, match="is taken"):
            b.write(Dataset(people=[thief]))
        assert store.account_data("acme").people[0].account_id == "acme"

    def test_scope_names_the_accounts_a_write_reaches(self, teams: tuple) -> None:
        _, _, store = teams
        data = Dataset(ties=[Tie(type="knows", source_id="cto", target_id="cfo")])
        assert write_scope(store, data, {"acme"}).accounts == {"acme"}

    def test_read_only_and_shared_deletes(self, teams: tuple, tmp_path: Path) -> None:
        a, _, store = teams
        ro = a.access.authenticate(a.access.create_key("a", "reader", read_only=True).key)
        reader = TeamStore(store, a.access, ro)
        with pytest.raises(PermissionDenied) as denied:
            reader.delete("people", ("eng1",), "acme")
        assert denied.value.code == "read_only_key"
        with pytest.raises(PermissionDenied) as shared:
            a.delete("competitors", ("rival",), None)
        assert shared.value.code == "admin_required"

    def test_writes_tell_which_accounts_changed(self, teams: tuple) -> None:
        a, _, _ = teams
        seen: list[object] = []
        a._on_write = seen.append
        a.update("people", Person(id="eng1", account_id="acme", name="Eve Z"), "acme")
        a.write(team_a_data())  # the same rows again (but eng1's name): acme changes
        assert seen == [{"acme"}, {"acme"}]


def _as(team: TeamStore, name: str, **role: bool) -> TeamStore:
    """Another key of ``team``'s team (an admin or an operator), on the same stores."""
    access = team.access
    made = access.create_key(team.principal.team, name, **role)
    who: Principal = access.authenticate(made.key)
    return TeamStore(team.store, access, who)


class TestSharedRecords:
    def test_the_store_names_the_accounts_using_a_shared_record(self, teams: tuple) -> None:
        _, b, store = teams
        assert store.accounts_using("staff", "s-exec") == {"acme"}  # contacts, plans, actions
        assert store.accounts_using("staff", "g-s-ar") == {"globex"}
        assert store.accounts_using("competitors", "rival") == {"acme"}
        assert store.accounts_using("staff", "nobody") == set()
        b.write(Dataset(attitudes=[_attitude("g-ceo", "rival")]))
        assert store.accounts_using("competitors", "rival") == {"acme", "globex"}
        b.delete("people", ("g-ceo",), "globex")  # ended: no longer a use
        assert store.accounts_using("competitors", "rival") == {"acme"}
        with pytest.raises(NotFoundError):
            store.accounts_using("people", "ceo")

    def test_a_team_admin_changes_what_only_its_accounts_use(self, teams: tuple) -> None:
        _, b, store = teams
        b_admin = _as(b, "bea", admin=True)
        b_admin.update("staff", Staff(id="g-s-ar", name="Ann B", seniority=4), None)
        assert {s.id: s.name for s in store.staff()}["g-s-ar"] == "Ann B"
        b_admin.create("competitors", Competitor(id="b-new", name="New"), None)
        assert b_admin.delete("competitors", ("b-new",), None) == 1

    def test_a_team_admin_cannot_alter_another_teams_accounts(self, teams: tuple) -> None:
        _, b, store = teams
        b_admin = _as(b, "bea", admin=True)
        before = store.account_data("acme").sorted()
        staff = store.staff()
        attempts = [
            lambda: b_admin.update("staff", Staff(id="s-exec", name="Renamed by B"), None),
            lambda: b_admin.delete("staff", ("s-ar",), None),
            lambda: b_admin.update("competitors", Competitor(id="rival", name="R"), None),
            lambda: b_admin.delete("competitors", ("rival",), None),
            lambda: b_admin.write(Dataset(staff=[Staff(id="s-exec", name="Via import")])),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionDenied) as denied:
                attempt()
            assert denied.value.code == "operator_required"
            assert "outside your team" in str(denied.value)
        assert store.account_data("acme").sorted() == before and store.staff() == staff

    def test_a_competitor_both_teams_name_needs_the_operator(self, teams: tuple) -> None:
        a, b, store = teams
        a_admin = _as(a, "ann", admin=True)
        # Team B's attitude toward team A's rival: now neither team admin may delete it.
        b.write(Dataset(attitudes=[_attitude("g-ceo", "rival")]))
        with pytest.raises(PermissionDenied, match="outside your team"):
            a_admin.delete("competitors", ("rival",), None)
        operator = _as(a, "olga", operator=True)
        assert operator.delete("competitors", ("rival",), None) >= 2
        assert "rival" not in {c.id for c in store.competitors()}


def _attitude(person: str, toward: str) -> Attitude:
    return Attitude(person_id=person, toward=toward, level=1)


class TestIdsRevealNothing:
    def test_a_taken_id_reads_the_same_whoever_holds_it(self, teams: tuple) -> None:
        _, b, store = teams
        before = store.account_data("acme").sorted()

        def refused(table: str, record: object, account: str | None) -> str:
            with pytest.raises(ConflictError) as taken:
                b.create(table, record, account)
            return str(taken.value)

        def person(ident: str) -> Person:
            return Person(id=ident, account_id="globex", name="X")

        theirs = refused("people", person("ceo"), "globex")  # a person of team A's
        assert theirs == "person id 'ceo' is taken; choose another id"
        assert refused("people", person("g-ceo"), "globex") == theirs.replace("ceo", "g-ceo")
        assert refused("people", person("g-s-ar"), "globex") == theirs.replace("ceo", "g-s-ar")
        deal = Opportunity(id="acme-cloud", account_id="globex", name="Deal", stage="proposal")
        own_deal = deal.model_copy(update={"id": "globex-cloud"})
        assert refused("opportunities", deal, "globex") == refused(
            "opportunities", own_deal, "globex"
        ).replace("globex-cloud", "acme-cloud")
        task = Action(id="a-2", person_id="g-ceo", description="Mine")
        own_task = task.model_copy(update={"id": "g-a-2"})
        assert refused("actions", task, "globex") == refused("actions", own_task, "globex").replace(
            "g-a-2", "a-2"
        )
        staff = refused("staff", Staff(id="ceo", name="X"), None)  # a person's id, team A's
        assert staff == refused("staff", Staff(id="g-s-ar", name="X"), None).replace(
            "g-s-ar", "ceo"
        )
        account = refused("accounts", Account(id="acme", name="Mine"), None)
        assert account == refused("accounts", Account(id="globex", name="G"), None).replace(
            "globex", "acme"
        )
        assert store.account_data("acme").sorted() == before

    def test_an_import_reads_the_same_too(self, teams: tuple) -> None:
        _, b, _ = teams

        def row_error(ident: str) -> str:
            with pytest.raises(ValidationFailed) as refused:
                b.write(Dataset(people=[Person(id=ident, account_id="globex", name="X")]))
            [error] = refused.value.errors
            return f"{error.table} {error.row} {error.column} {error.message}"

        theirs = row_error("ceo")
        assert theirs == "people 1 id id 'ceo' is taken; choose another id"
        assert row_error("s-exec") == theirs.replace("ceo", "s-exec")  # a staff member's id
        assert "team" not in theirs
