"""Erasing a person (DESIGN "Personal data"), through the API, on every store kind.

After the erasure of a person who had ties, contacts, attitudes with assessments,
a decision role, a plan with actions and notes: (a) no route, export or as-of read
returns anything of theirs, cached analyses included; (b) their name, email and id
are in no file of the store directory (SQLite graph store and the access database);
(c) the audit keeps each event about them, naming an opaque token instead; (d)
everyone else's history is as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.routes import route_table
from graphcrm.stores import GraphStore, SQLiteStore
from tests.api.conftest import API, ApiEnv
from tests.privacy.story import DATES, PID, TRACES, names_person, story_env

ERASE = f"/admin/people/acme/{PID}"
OTHERS = ("ceo", "cto", "cfo", "eng1", "eng2")
# The ids the account's GET routes are walked with (the person's, where a route names one).
IDS = {
    "account_id": "acme",
    "person_id": PID,
    "opportunity_id": "acme-cloud",
    "tie_type": "reports_to",
    "source_id": PID,
    "target_id": "ceo",
    "staff_id": "s-ar",
    "toward": "us",
    "dated": "2026-01-10",
    "role": "evaluator",
    "action_id": "a-czy-1",
    "competitor_id": "rival",
    "interaction_id": "i-czy-group",
    "slot_id": "slot-czy",
}
QUERIES = {"/paths": {"target": PID}, "/export": {"format": "json"}}


@pytest.fixture
def env(store: GraphStore, tmp_path: Path) -> Iterator[ApiEnv]:
    yield from story_env(store, tmp_path)


def _account_reads(env: ApiEnv) -> list[str]:
    """Every GET of the REST API but the audit log's (checked on its own: it records the
    walk's own requests, which name the id)."""
    return sorted(
        r.path
        for r in route_table(env.app)
        if "GET" in r.methods and r.path.startswith(API) and r.path != f"{API}/audit"
    )


def _walk(env: ApiEnv, as_of: str | None = None) -> dict[str, Any]:
    """Every GET route (as of a day, or now): route -> status and body."""
    answers = {}
    for template in _account_reads(env):
        path = re.sub(r"\{(\w+)\}", lambda m: IDS[m.group(1)], template)
        params = next((q for end, q in QUERIES.items() if template.endswith(end)), {})
        if as_of:
            params = {**params, "as_of": as_of}
        answer = env.client.get(path, headers=env.auth("a"), params=params)
        assert answer.status_code < 500, (path, answer.text)
        answers[template] = (answer.status_code, answer.text)
    return answers


def _without_person(value: Any) -> Any:
    """A JSON value with every row that names the person dropped; an interaction with
    other people too keeps them (its ``person_ids`` a list, or text joined with ';')."""
    if isinstance(value, dict):
        return {k: _without_person(v) for k, v in _out_of_interaction(value).items()}
    if isinstance(value, list):
        return [v for v in map(_without_person, value) if not names_person(v)]
    return value


def _out_of_interaction(row: dict[str, Any]) -> dict[str, Any]:
    people = row.get("person_ids")
    if isinstance(people, str):
        kept = ";".join(p for p in people.split(";") if p != PID)
        return {**row, "person_ids": kept} if kept else row
    if isinstance(people, list):
        rest = [p for p in people if p != PID]
        return {**row, "person_ids": rest} if rest else row
    return row


def _history(env: ApiEnv, person: str) -> Any:
    answer = env.get("a", f"/admin/people/acme/{person}/export")
    assert answer.status_code == 200, answer.text
    return _without_person(answer.json()["records"])


def _traces_in_files(folder: Path) -> set[tuple[str, str]]:
    """(file name, trace) for each trace of the person in the bytes of a file under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {(p.name, t) for p in files for t in TRACES if t.encode() in p.read_bytes()}


def _audit(env: ApiEnv) -> dict[int, dict[str, Any]]:
    # The operator reads every team's audit: an erasure rewrites entries other teams made too.
    items = env.get("op", "/audit", params={"limit": 1000}).json()["items"]
    return {e["id"]: e for e in items}


def test_erase_leaves_nothing_of_the_person(env: ApiEnv, tmp_path: Path) -> None:
    # Requests about the person: audited, and the analyses cached.
    assert env.get("a", f"/accounts/acme/people/{PID}").status_code == 200
    renamed = env.put("a", f"/accounts/acme/people/{PID}", json={"name": "Chen Zhiyuan 陈志远"})
    assert renamed.status_code == 200
    before_walk = {day: _walk(env, day) for day in (None, *map(str, DATES))}
    showed = {
        template.removeprefix(f"{API}/accounts/{{account_id}}")
        for template, (status, text) in before_walk[None].items()
        if status == 200 and any(t in text for t in TRACES)
    }
    assert showed >= {
        "/people",
        "/people/{person_id}",
        "/importance",
        "/coverage",
        "/paths",
        "/fishbone",
        "/task-book",
        "/progress",
        "/export",
        f"{API}/staff/{{staff_id}}/agenda",
        f"{API}/admin/people/{{account_id}}/{{person_id}}/export",
    }, " ".join(sorted(showed))
    others_before = {p: _history(env, p) for p in OTHERS}
    export_before = json.loads(before_walk[None][f"{API}/accounts/{{account_id}}/export"][1])

    # Another team's admin: as if neither the account nor the person existed.
    for path in (ERASE, "/admin/people/acme/nobody", f"/admin/people/nowhere/{PID}"):
        refused = env.delete("b_admin", path, params={"confirm": path.rsplit("/", 1)[1]})
        assert refused.status_code == 404, refused.text
        assert refused.json()["code"] == "not_found"
    assert env.get("b_admin", f"{ERASE}/export").status_code == 404
    # A confirmation that does not repeat the id erases nothing.
    for confirm in ("", "p-chen", PID.upper()):
        wrong = env.delete("a", ERASE, params={"confirm": confirm})
        assert wrong.status_code == 422 and wrong.json()["code"] == "confirmation_mismatch"
        assert wrong.headers["content-type"] == "application/problem+json"
    assert env.delete("a", ERASE).status_code == 422  # no confirm at all
    assert env.get("a", f"/accounts/acme/people/{PID}").status_code == 200

    held = {trace for _, trace in _traces_in_files(tmp_path)}
    assert "chenzhiyuan" in held  # the audit's paths, in the access database
    if isinstance(env.services.store, SQLiteStore):
        assert held == set(TRACES)
    audit_before = _audit(env)
    about = {i: e for i, e in audit_before.items() if PID in e["path"].split("/")}
    assert len(about) >= 10  # reads, the PUT, exports, refused requests: all name the id

    erased = env.delete("a", ERASE, params={"confirm": PID})
    assert erased.status_code == 200, erased.text
    body = erased.json()
    assert body["removed"] == {
        "people": 3,  # January, February, and today's PUT (which emptied the other fields)
        "ties": 3,
        "contacts": 1,
        "attitudes": 2,
        "decision_roles": 1,
        "plans": 1,
        "actions": 3,
        "interactions": 2,  # the one with them alone goes; the CEO's loses them
        "role_slots": 1,  # the slot they fill (issue 15)
    }
    assert body["audit_entries"] == len(about)

    # (b) Name, email and id in no file of the store directory (graph store and access db),
    # before any later request names the id again.
    names = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert "access.db" in names
    if isinstance(env.services.store, SQLiteStore):
        assert "graph.db" in names
    assert _traces_in_files(tmp_path) == set()
    audit_after = _audit(env)  # as the erasure left it

    # (a) No route, now or as of any day, returns anything of theirs (staff agendas,
    # exports and the admin's person export included).
    for day in (None, *map(str, DATES)):
        for template, (status, text) in _walk(env, day).items():
            if status != 200:  # a problem may quote the id that was asked for, nothing more
                assert status in (404, 422), (day, template, text)
                text = text.replace(PID, "")
            assert not any(t in text for t in TRACES), (day, template, text)
            if status == 200 and text.startswith(("{", "[")):
                assert not names_person(json.loads(text)), (day, template)
    assert env.get("a", f"/accounts/acme/people/{PID}").status_code == 404
    assert env.get("a", f"{ERASE}/export").status_code == 404
    assert env.delete("a", ERASE, params={"confirm": PID}).status_code == 404

    # (c) The audit keeps every event about them, the id replaced by one opaque token.
    tokens = set()
    for i, entry in about.items():
        after = audit_after[i]
        assert {k: v for k, v in after.items() if k != "path"} == {
            k: v for k, v in entry.items() if k != "path"
        }
        token = next(p for p in after["path"].split("/") if p.startswith("erased-"))
        assert after["path"] == entry["path"].replace(PID, token)
        tokens.add(token)
    assert len(tokens) == 1 and re.fullmatch(r"erased-[0-9a-f]{16}", token)
    assert not any(PID in e["path"] for e in audit_after.values())
    for i, entry in audit_before.items():  # the other entries are as they were
        if i not in about:
            assert audit_after[i] == entry
    # The erasure itself: an "erase" entry and the request's own entry, both naming the token.
    new = [e for i, e in sorted(audit_after.items()) if i not in audit_before]
    erase_entries = [e for e in new if e["action"] == "erase"]
    assert [(e["principal"], e["method"], e["account_id"]) for e in erase_entries] == [
        ("alice", "DELETE", "acme")
    ]
    assert erase_entries[0]["path"] == f"{API}/admin/people/acme/{token}"
    request_entry = next(e for e in new if e["action"] == "write" and e["status"] == 200)
    assert request_entry["path"] == f"{API}/admin/people/acme/{token}"

    # (d) Everyone else's history is unchanged, and so is the account's export minus them.
    assert {p: _history(env, p) for p in OTHERS} == others_before
    export_after = env.get("a", "/accounts/acme/export", params={"format": "json"}).json()
    assert export_after == _without_person(export_before)


def test_team_b_and_its_admin_cannot_reach_the_person(env: ApiEnv) -> None:
    before = env.snapshot()
    assert env.delete("b", ERASE, params={"confirm": PID}).status_code == 403
    assert env.get("b", f"{ERASE}/export").status_code == 403
    theirs = env.get("b_admin", f"{ERASE}/export")
    nobodys = env.get("b_admin", "/admin/people/nowhere/nobody/export")
    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.json()["detail"] == nobodys.json()["detail"].replace("nowhere", "acme")
    assert env.delete(None, ERASE, params={"confirm": PID}).status_code == 401
    assert env.snapshot() == before
