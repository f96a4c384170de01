"""api.crud.Routes: the CRUD routes built from one definition per entity, through the app."""

from __future__ import annotations

import inspect
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

from api.routes import route_table
from graphcrm.access.team import write_order
from tests.api.conftest import ApiEnv

ENTITIES = {
    "account": "/accounts",
    "person": "/accounts/{account_id}/people",
    "tie": "/accounts/{account_id}/ties",
    "contact": "/accounts/{account_id}/contacts",
    "attitude": "/accounts/{account_id}/attitudes",
    "decision_role": "/accounts/{account_id}/decision-roles",
    "opportunity": "/accounts/{account_id}/opportunities",
    "plan": "/accounts/{account_id}/plans",
    "action": "/accounts/{account_id}/actions",
    "staff": "/staff",
    "competitor": "/competitors",
}


def test_every_entity_has_its_create_read_update_delete(env: ApiEnv) -> None:
    paths = env.app.openapi()["paths"]
    for name, prefix in ENTITIES.items():
        ops = {
            op["operationId"].split("_api_v1_")[0]
            for path, item in paths.items()
            if path.startswith(f"/api/v1{prefix}")
            for op in item.values()
        }
        want = {f"create_{name}", f"get_{name}", f"update_{name}", f"delete_{name}"}
        if name == "decision_role":  # all key: a changed role is a new record
            want.discard("update_decision_role")
        assert want <= ops, (name, want - ops)
    assert "update_decision_role" not in str(paths)


def test_a_plan_without_a_start_starts_today(env: ApiEnv) -> None:
    made = env.post("a", "/accounts/acme/plans", json={"person_id": "cfo", "target_level": 3})
    assert made.status_code == 201 and made.json()["start_date"] == date.today().isoformat()
    given = {"person_id": "cto", "target_level": 3, "start_date": "2026-01-05"}
    assert env.post("a", "/accounts/acme/plans", json=given).json()["start_date"] == "2026-01-05"


def test_deleted_names_the_key_as_the_path_gives_it(env: ApiEnv) -> None:
    body = {"person_id": "eng2", "level": 1, "as_of": "2026-10-01"}
    assert env.post("a", "/accounts/acme/attitudes", json=body).status_code == 201
    gone = env.delete("a", "/accounts/acme/attitudes/eng2/us/2026-10-01").json()
    assert gone == {"deleted": "attitude/eng2/us/2026-10-01", "versions_ended": 1}
    tie = env.delete("a", "/accounts/acme/ties/knows/cto/cfo").json()
    assert tie == {"deleted": "tie/knows/cto/cfo", "versions_ended": 1}
    role = env.delete("a", "/accounts/acme/decision-roles/acme-cloud/cto/evaluator").json()
    assert role == {"deleted": "decision-role/acme-cloud/cto/evaluator", "versions_ended": 1}


def test_key_parts_are_checked_by_their_types(env: ApiEnv) -> None:
    bad_type = env.get("a", "/accounts/acme/ties/likes/cto/cfo")
    bad_date = env.get("a", "/accounts/acme/attitudes/cfo/us/2026-13-01")
    bad_role = env.delete("a", "/accounts/acme/decision-roles/acme-cloud/cto/boss")
    assert [r.status_code for r in (bad_type, bad_date, bad_role)] == [422, 422, 422]
    assert env.get("a", "/accounts/acme/decision-roles/acme-cloud/cto/evaluator").status_code == 200
    assert (
        env.put("a", "/accounts/acme/decision-roles/acme-cloud/cto/evaluator", json={}).status_code
        == 405
    )


def test_leaf_record_writes_run_on_the_event_loop_the_rest_in_the_pool(env: ApiEnv) -> None:
    # api.crud's docstring: attitudes, contacts and decision roles are written on the loop;
    # a new person or any deletion reads a whole account and stays in the thread pool.
    verbs = ("create", "update", "patch", "delete")
    names = {f"{verb}_{name}" for verb in verbs for name in ENTITIES}
    writes = {
        route.endpoint.__name__: inspect.iscoroutinefunction(route.endpoint)
        for route in route_table(env.app)
        if getattr(route.endpoint, "__name__", None) in names
    }
    on_loop = {name for name, coroutine in writes.items() if coroutine}
    assert on_loop == {
        "create_attitude",
        "update_attitude",
        "patch_attitude",
        "create_contact",
        "update_contact",
        "patch_contact",
        "create_decision_role",
    }
    assert len(writes) == 4 * len(ENTITIES) - 2  # decision roles: no update, no patch


def _leaf_write_behind(env: ApiEnv, held: AbstractContextManager[object]) -> None:
    """While ``held`` keeps another write under way, an attitude PATCH waits in the pool,
    the loop answering meanwhile, and is written once the other write ends."""
    made = env.post("a", "/accounts/acme/attitudes", json={"person_id": "eng2", "level": 1})
    path = f"/accounts/acme/attitudes/eng2/us/{made.json()['as_of']}"
    answers: dict[str, Any] = {}

    def ask(name: str, call: Callable[[], Any]) -> threading.Thread:
        thread = threading.Thread(target=lambda: answers.__setitem__(name, call()))
        thread.start()
        return thread

    with held:
        write = ask("write", lambda: env.patch("a", path, json={"level": 3}))
        write.join(0.3)
        assert write.is_alive() and "write" not in answers  # waiting for the other write...
        # ...in the pool: the loop still answers (a request that needs neither store)
        other = ask("other", lambda: env.client.get("/openapi.json"))
        other.join(10)
        assert answers["other"].status_code == 200
    write.join(10)
    assert answers["write"].status_code == 200 and answers["write"].json()["level"] == 3
    assert env.get("a", path).json()["level"] == 3


def test_a_leaf_write_waits_off_the_loop_while_another_write_holds_the_order(
    env: ApiEnv,
) -> None:
    _leaf_write_behind(env, write_order(env.services.store))  # a pool thread's new person


@contextmanager
def _file_write_lock(env: ApiEnv) -> Iterator[None]:
    """The store file's write lock, held by another connection (another process's write)."""
    other = sqlite3.connect(env.settings.store.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_leaf_write_waits_off_the_loop_while_another_connection_writes(env: ApiEnv) -> None:
    _leaf_write_behind(env, _file_write_lock(env))
