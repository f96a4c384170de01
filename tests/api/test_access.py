"""graphcrm.access: keys stored only as hashes, ownership, scope of writes, the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from graphcrm.access import (
    AccessStore,
    AuditQuery,
    AuthenticationFailed,
    PermissionDenied,
    TeamStore,
    hash_key,
    write_scope,
)
from graphcrm.errors import ConflictError, NotFoundError, ValidationFailed
from graphcrm.model import Contact, Dataset, Person, Tie
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
        with pytest.raises(ValidationFailed, match="already in use"):
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
