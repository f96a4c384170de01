"""The keys commands, in process (the server and demo-key run as processes in test_server)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graphcrm.access import AccessStore
from graphcrm.cli_service import keys_app


def run(*args: str) -> object:
    return CliRunner().invoke(keys_app, list(args), catch_exceptions=False)


def test_create_prints_the_key_once_and_stores_its_hash(tmp_path: Path) -> None:
    db = str(tmp_path / "access.db")
    made = run("create", "--team", "east", "--admin", "--principal", "alice", "--access-db", db)
    assert made.exit_code == 0
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("gcrm_")
    with AccessStore(db) as access:
        who = access.authenticate(key)
    assert (who.team, who.name, who.admin, who.read_only) == ("east", "alice", True, False)
    listed = run("list", "--access-db", db)
    assert listed.exit_code == 0 and who.key_id in listed.stdout and key not in listed.stdout


def test_read_only_revoke_and_assign(tmp_path: Path) -> None:
    db = str(tmp_path / "access.db")
    key = run("create", "--team", "east", "--read-only", "--access-db", db).stdout.split()[-1]
    with AccessStore(db) as access:
        who = access.authenticate(key)
        assert who.read_only and not who.admin
    assert run("assign", "acme", "--team", "east", "--access-db", db).exit_code == 0
    assert run("revoke", who.key_id, "--access-db", db).exit_code == 0
    with AccessStore(db) as access:
        assert access.owners() == {"acme": "east"}
        assert access.keys()[0].revoked_at is not None


def test_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    db = str(tmp_path / "access.db")
    bad = CliRunner().invoke(keys_app, ["create", "--team", "no spaces", "--access-db", db])
    assert bad.exit_code == 2 and "team name" in bad.output
    missing = CliRunner().invoke(keys_app, ["revoke", "ffffffff", "--access-db", db])
    assert missing.exit_code == 2 and "no key" in missing.output


def test_operator_keys_are_made_here(tmp_path: Path) -> None:
    db = str(tmp_path / "access.db")
    made = run("create", "--team", "ops", "--operator", "--principal", "olga", "--access-db", db)
    assert made.exit_code == 0 and "created operator key" in made.stderr
    admin = run("create", "--team", "east", "--admin", "--access-db", db)
    with AccessStore(db) as access:
        olga = access.authenticate(made.stdout.strip().splitlines()[-1])
        east = access.authenticate(admin.stdout.strip().splitlines()[-1])
    assert (olga.operator, olga.admin, olga.team) == (True, True, "ops")
    assert (east.operator, east.admin) == (False, True)
    # 160 columns: one grid row per key (below 100 each key is a block, issue 12 item 8)
    wide = CliRunner().invoke(keys_app, ["list", "--access-db", db], env={"COLUMNS": "160"})
    listed = wide.stdout.splitlines()
    [olga_row] = [line for line in listed if olga.key_id in line]
    [east_row] = [line for line in listed if east.key_id in line]
    assert "operator" in olga_row and "admin" in east_row and "operator" not in east_row
