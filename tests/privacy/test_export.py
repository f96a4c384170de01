"""Exporting a person (access request), through the API and the CLI: every version of every
record about them, and the audit of who read or changed their data."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphcrm.stores import GraphStore, SQLiteStore
from tests.api.conftest import API, ApiEnv
from tests.privacy.story import EMAIL, FEB, JAN, MAR, NAME, PID, names_person, story_env

GRAPHCRM = str(Path(sys.executable).parent / "graphcrm")
EXPORT = f"/admin/people/acme/{PID}/export"
TODAY = date.today().isoformat()


@pytest.fixture
def env(store: GraphStore, tmp_path: Path) -> Iterator[ApiEnv]:
    yield from story_env(store, tmp_path)


def _spans(export: dict[str, Any], table: str) -> list[tuple[Any, ...]]:
    return [(v["valid_from"], v["valid_to"], v["account_id"]) for v in export["records"][table]]


def _reads(env: ApiEnv) -> None:
    """Alice reads and changes the person; the read-only key reads an analysis naming them."""
    assert env.get("a", f"/accounts/acme/people/{PID}").status_code == 200
    changed = env.put(
        "a", f"/accounts/acme/people/{PID}", json={"name": NAME, "title": "CDO", "notes": EMAIL}
    )
    assert changed.status_code == 200
    assert env.get("a_ro", "/accounts/acme/importance").status_code == 200


def test_the_export_holds_every_version_and_who_read_or_changed_it(env: ApiEnv) -> None:
    _reads(env)
    answer = env.get("a", EXPORT)
    assert answer.status_code == 200, answer.text
    export = answer.json()
    assert (export["person_id"], export["account_id"]) == (PID, "acme")
    records = export["records"]
    assert list(records) == [
        "people",
        "ties",
        "contacts",
        "attitudes",
        "decision_roles",
        "plans",
        "actions",
        "interactions",
        "role_slots",  # issue 15: the slots they fill
    ]
    assert [r["record"]["id"] for r in records["role_slots"]] == ["slot-czy"]
    people = records["people"]
    assert [(p["record"]["title"], p["record"].get("notes")) for p in people] == [
        ("CIO", f"email {EMAIL}; plays go on Sundays"),
        ("CIO and CDO", f"email {EMAIL}; plays go on Sundays"),
        ("CDO", EMAIL),
    ]
    assert _spans(export, "people") == [
        (JAN.isoformat(), FEB.isoformat(), "acme"),
        (FEB.isoformat(), TODAY, "acme"),
        (TODAY, None, "acme"),
    ]
    assert sorted(
        (t["record"]["type"], t["record"]["source_id"], t["record"]["target_id"])
        for t in records["ties"]
    ) == [("influences", PID, "eng1"), ("knows", "cfo", PID), ("reports_to", PID, "ceo")]
    assert _spans(export, "contacts") == [(JAN.isoformat(), MAR.isoformat(), "acme")]
    assert [
        (a["record"]["level"], a["record"]["recognition"], a["record"]["competitive_preference"])
        for a in records["attitudes"]
    ] == [(1, 1, 1), (2, 2, 2)]
    assert records["attitudes"][1]["record"]["note"] == "warmer after the visit"
    assert [r["record"]["role"] for r in records["decision_roles"]] == ["evaluator"]
    assert [p["record"]["pain_points"] for p in records["plans"]] == [
        "Chen Zhiyuan's budget freeze"
    ]
    assert [
        (a["record"]["id"], a["record"]["status"], a["valid_to"]) for a in records["actions"]
    ] == [
        ("a-czy-1", "open", FEB.isoformat()),
        ("a-czy-2", "open", None),
        ("a-czy-1", "done", None),
    ]
    assert sorted(i["record"]["id"] for i in records["interactions"]) == [
        "i-czy-alone",
        "i-czy-group",
    ]
    assert all(names_person(v["record"]) for vs in records.values() for v in vs)

    about = export["audit"]["about_person"]
    person_path = f"{API}/accounts/acme/people/{PID}"
    assert [(e["principal"], e["action"], e["method"], e["status"]) for e in about] == [
        ("alice", "read", "GET", 200),
        ("alice", "write", "PUT", 200),
    ]
    assert {e["path"] for e in about} == {person_path}
    around = export["audit"]["in_their_accounts"]
    assert ("reader", "read", f"{API}/accounts/{{account_id}}/importance") in {
        (e["principal"], e["action"], e["route"]) for e in around
    }
    assert all(e["account_id"] == "acme" for e in around)
    assert {e["id"] for e in about} <= {e["id"] for e in around}

    # The export is a read of their data: the next one lists it.
    again = env.get("a", EXPORT).json()
    assert (
        again["audit"]["about_person"][-1]["route"]
        == f"{API}/admin/people/{{account_id}}/{{person_id}}/export"
    )
    assert again["records"] == records


def test_nothing_of_another_person_or_account(env: ApiEnv) -> None:
    export = env.get("a", "/admin/people/acme/cfo/export").json()
    assert [p["record"]["name"] for p in export["records"]["people"]] == ["Diaz"]
    assert ("knows", "cfo", PID) in {
        (t["record"]["type"], t["record"]["source_id"], t["record"]["target_id"])
        for t in export["records"]["ties"]
    }  # a tie with the person names both
    assert not any(NAME in json.dumps(v) for v in export["records"]["people"])
    assert env.get("a", "/admin/people/globex/g-cfo/export").status_code == 404  # team B's
    assert env.get("a", "/admin/people/acme/g-cfo/export").status_code == 404


@pytest.fixture
def sqlite_env(tmp_path: Path) -> Iterator[ApiEnv]:
    with SQLiteStore(tmp_path / "graph.db") as store:
        yield from story_env(store, tmp_path)


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GRAPHCRM, "--store", f"sqlite:///{tmp_path / 'graph.db'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "COLUMNS": "160",
            "HOME": str(tmp_path),
            "GRAPHCRM_ACCESS_DB": str(tmp_path / "access.db"),
        },
    )


def test_cli_export_then_erase(sqlite_env: ApiEnv, tmp_path: Path) -> None:
    _reads(sqlite_env)
    api_export = sqlite_env.get("a", EXPORT).json()
    out = tmp_path / "out" / "person.json"
    done = _cli(tmp_path, "export-person", PID, "--account", "acme", "--out", str(out))
    assert done.returncode == 2, done.stderr  # the folder does not exist
    assert "cannot write" in done.stderr
    out.parent.mkdir()
    done = _cli(tmp_path, "export-person", PID, "--account", "acme", "--out", str(out))
    assert done.returncode == 0, done.stderr
    cli_export = json.loads(out.read_text(encoding="utf-8"))
    assert cli_export["records"] == api_export["records"]
    assert cli_export["audit"]["about_person"][-1]["route"].endswith("/export")  # the API's
    printed = _cli(tmp_path, "export-person", PID, "--account", "acme")
    assert json.loads(printed.stdout)["records"] == api_export["records"]
    missing = _cli(tmp_path, "export-person", PID, "--account", "globex")
    assert missing.returncode == 2 and f"no person '{PID}' in account 'globex'" in missing.stderr

    refused = _cli(tmp_path, "erase", PID, "--account", "acme", "--confirm", "p-chen")
    assert refused.returncode == 2 and "nothing was erased" in refused.stderr
    assert _cli(tmp_path, "erase", PID, "--account", "acme").returncode == 2  # no --confirm
    assert sqlite_env.get("a", f"/accounts/acme/people/{PID}").status_code == 200

    erased = _cli(tmp_path, "erase", PID, "--account", "acme", "--confirm", PID)
    assert erased.returncode == 0, erased.stderr
    assert f"erased {PID} from acme" in erased.stdout
    assert "people 3" in erased.stdout and "actions 3" in erased.stdout
    for path in tmp_path.glob("*.db*"):  # before a request names the id again
        data = path.read_bytes()
        assert NAME.encode() not in data and EMAIL.encode() not in data, path.name
        assert PID.encode() not in data, path.name
    assert sqlite_env.get("a", f"/accounts/acme/people/{PID}").status_code == 404
    erasures = [
        e
        for e in sqlite_env.get("op", "/audit", params={"limit": 1000}).json()["items"]
        if e["action"] == "erase"
    ]
    assert [(e["principal"], e["method"], e["route"]) for e in erasures] == [
        (None, "CLI", "graphcrm erase")
    ]
    assert erasures[0]["path"].startswith("cli/erase/acme/erased-")
    again = _cli(tmp_path, "erase", PID, "--account", "acme", "--confirm", PID)
    assert again.returncode == 2 and "no person" in again.stderr
