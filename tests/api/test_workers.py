"""Several server processes on one store (issue 17 item 3): `graphcrm serve --workers 2`.

Per store kind (SQLite, and FalkorDB for the Cypher store), two `graphcrm serve`
commands on the same store and access database: A with one process, W with
two worker processes (graphcrm.worker_supervisor, a listening socket each; the
test finds both workers among W's children). A worker killed is replaced while
the other answers. A write through one process is seen by the next read through
another (the per-account write version in the store), for the API and for a
page form; a form rendered by A is accepted by W and the other way round (the
form secret lives in the access database), and a session begun in one
process is honoured in every worker.
"""

from __future__ import annotations

import os
import re
import signal
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphcrm.access import AccessStore
from tests.api.test_server import cli, serving
from tests.sample import small_account, write_json

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _store_url(kind: str, tmp: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'graph.db'}"
    server: Any = request.getfixturevalue("falkordb_server")
    return f"falkordb://{server.host}:{server.port}/w_{uuid.uuid4().hex}"


@pytest.fixture(scope="module", params=["sqlite", "falkordb"])
def two(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Servers A (one process) and W (--workers 2) on one store, acme imported through A."""
    tmp = tmp_path_factory.mktemp(f"workers-{request.param}")
    store = _store_url(request.param, tmp, request)
    made = cli(tmp, "keys", "create", "--team", "sales", "--principal", "ann", "--admin")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    with ExitStack() as stack:
        a = stack.enter_context(serving(tmp, "A", store=store))
        w = stack.enter_context(serving(tmp, "W", "--workers", "2", store=store))
        path = write_json(small_account("acme"), tmp / "acme.json")
        with api(a.base, key) as c:
            answer = c.post("/imports", files={"file": (path.name, path.read_bytes())})
            assert answer.status_code == 201, answer.text
        yield tmp, {"A": a.base, "W": w.base, "key": key, "W_pid": w.pid, "W_log": w.log}


def api(base: str, key: str) -> httpx.Client:
    return httpx.Client(
        base_url=base + "/api/v1", headers={"Authorization": f"Bearer {key}"}, timeout=60
    )


def level(base: str, key: str, person: str) -> int:
    with api(base, key) as c:
        answer = c.get("/accounts/acme/coverage")
    assert answer.status_code == 200, answer.text
    return int({p["person_id"]: p["level"] for p in answer.json()["people"]}[person])


def worker_pids(parent: int) -> list[int]:
    """The processes spawned for ``parent``'s workers (their command runs spawn_main)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return sorted(found)


def listening_sockets(pid: int, base: str) -> set[int]:
    """The inodes of the sockets process ``pid`` listens on at ``base``'s port (/proc)."""
    port = int(base.rsplit(":", 1)[1])
    table = Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]
    listening = {
        int(f[9]) for f in map(str.split, table) if f[3] == "0A" and int(f[1][-4:], 16) == port
    }
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            held.add(int(target[8:-1]))
    return held & listening


def test_w_runs_two_worker_processes_each_on_its_own_listening_socket(two: Any) -> None:
    _, s = two
    first, second = worker_pids(s["W_pid"])
    _wait_for(  # the health check that let the test start needed one worker only
        lambda: listening_sockets(first, s["W"]) and listening_sockets(second, s["W"]),
        "the workers do not listen",
    )
    mine, theirs = listening_sockets(first, s["W"]), listening_sockets(second, s["W"])
    assert len(mine) == len(theirs) == 1 and mine != theirs
    assert listening_sockets(s["W_pid"], s["W"]) == set()  # the supervisor keeps none


def test_an_api_write_through_one_process_is_seen_by_the_next_read_through_another(
    two: Any,
) -> None:
    _, s = two
    before = level(s["W"], s["key"], "cfo")
    for _ in range(5):  # both of W's workers have most likely cached the coverage now
        assert level(s["W"], s["key"], "cfo") == before != -1
    with api(s["A"], s["key"]) as c:
        body = {"person_id": "cfo", "toward": "us", "level": -1}
        assert c.post("/accounts/acme/attitudes", json=body).status_code == 201
    assert [level(s["W"], s["key"], "cfo") for _ in range(4)] == [-1] * 4
    assert level(s["A"], s["key"], "ceo") != 2  # and now cached in A
    with api(s["W"], s["key"]) as c:
        body = {"person_id": "ceo", "toward": "us", "level": 2}
        assert c.post("/accounts/acme/attitudes", json=body).status_code == 201
    assert level(s["A"], s["key"], "ceo") == 2


def _token(client: httpx.Client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, page.text[:300]
    found = _TOKEN.search(page.text)
    assert found, page.text[:300]
    return found.group(1)


def test_a_form_rendered_by_one_process_is_accepted_by_another(two: Any) -> None:
    tmp, s = two
    a, w = s["A"] + "/ui", s["W"] + "/ui"
    with httpx.Client(timeout=60) as browser:  # one cookie jar: the hosts differ by port only
        signed = browser.post(
            a + "/sign-in", data={"key": s["key"], "csrf_token": _token(browser, a + "/sign-in")}
        )
        assert signed.status_code == 303, signed.text[:300]
        for _ in range(4):  # the session begun in A is honoured by each of W's workers
            assert browser.get(w + "/accounts/acme/map").status_code == 200
        token = _token(browser, a + "/accounts/acme/map")  # rendered by A
        saved = browser.post(
            w + "/accounts/acme/attitudes",
            data={"csrf_token": token, "person_id": "cto", "toward": "us", "level": "3"},
        )
        assert saved.status_code == 303, saved.text[:500]
        assert level(s["A"], s["key"], "cto") == 3
        token = _token(browser, w + "/accounts/acme/map")  # rendered by one of W's workers
        saved = browser.post(
            a + "/accounts/acme/attitudes",
            data={"csrf_token": token, "person_id": "eng1", "toward": "us", "level": "1"},
        )
        assert saved.status_code == 303, saved.text[:500]
        assert [level(s["W"], s["key"], "eng1") for _ in range(4)] == [1] * 4
    with AccessStore(tmp / "access.db") as access:  # one secret, made once, kept there
        assert access.secrets.get("ui_form_token") == access.secrets.get("ui_form_token")


def test_a_service_secret_is_made_once_per_access_database(tmp_path: Path) -> None:
    with AccessStore(tmp_path / "a.db") as first, AccessStore(tmp_path / "a.db") as second:
        made = first.secrets.get("x")
        assert second.secrets.get("x") == made and len(made) >= 43
        assert second.secrets.get("y") != made
    with AccessStore(tmp_path / "b.db") as other:
        assert other.secrets.get("x") != made


def _wait_for(check: Any, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.mark.parametrize("two", ["sqlite"], indirect=True)
def test_a_worker_killed_is_replaced_and_the_service_keeps_answering(two: Any) -> None:
    _, s = two
    killed, kept = worker_pids(s["W_pid"])
    os.kill(killed, signal.SIGKILL)
    # Reaped (so every thread of it has ended and its socket is closed: the thread group
    # leader alone can be a zombie while another thread still holds the socket).
    reaped = f"worker process [{killed}] ended (exit status -9); starting another"
    _wait_for(lambda: reaped in s["W_log"].read_text(), "not reaped")
    # Its socket went with it: every new connection reaches the worker left.
    assert [level(s["W"], s["key"], "cto") for _ in range(6)] == [
        level(s["A"], s["key"], "cto")
    ] * 6
    _wait_for(lambda: len(set(worker_pids(s["W_pid"])) - {killed, kept}) == 1, "not replaced")
    (new,) = set(worker_pids(s["W_pid"])) - {kept}
    _wait_for(lambda: listening_sockets(new, s["W"]), "the replacement does not listen")
    assert listening_sockets(new, s["W"]) != listening_sockets(kept, s["W"])
    with api(s["W"], s["key"]) as c:
        body = {"person_id": "eng2", "toward": "us", "level": 1}
        assert c.post("/accounts/acme/attitudes", json=body).status_code == 201
    assert [level(s["W"], s["key"], "eng2") for _ in range(6)] == [1] * 6
    assert worker_pids(s["W_pid"]) == sorted([kept, new])
