"""No stale answers after another process writes (issue 9, item 4).

Two `graphcrm serve` processes on one SQLite file (and one access database), as a
user runs them, and the installed `graphcrm import` command writing to the same
file: every cached analysis checks the account's write version in the store on
each read, so the next read after a write made anywhere reflects it, with no
``DELETE /admin/cache``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.api.test_server import cli, serving
from tests.sample import small_account, write_json


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """Two servers, A and B, on the same store, with acme imported through A."""
    tmp = tmp_path_factory.mktemp("coherent")
    made = cli(tmp, "keys", "create", "--team", "sales", "--principal", "ann", "--admin")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    with ExitStack() as stack:
        bases = {name: stack.enter_context(serving(tmp, name)).base for name in ("A", "B")}
        path = write_json(small_account("acme"), tmp / "acme.json")
        with client(bases["A"], key) as c:
            answer = c.post("/imports", files={"file": (path.name, path.read_bytes())})
            assert answer.status_code == 201, answer.text
        yield tmp, {**bases, "key": key}


def client(base: str, key: str) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.Client(base_url=base + "/api/v1", headers=headers, timeout=60)


def level(base: str, key: str, person: str) -> tuple[int, str]:
    """(person's level in /coverage, how the server found the result)."""
    with client(base, key) as c:
        answer = c.get("/accounts/acme/coverage")
    assert answer.status_code == 200, answer.text
    found = {p["person_id"]: p["level"] for p in answer.json()["people"]}
    return found[person], answer.headers["x-cache"]


def test_a_cli_import_is_seen_by_the_next_read(served: tuple[Path, dict[str, str]]) -> None:
    tmp, s = served
    assert level(s["A"], s["key"], "ceo")[0] == 0
    assert level(s["A"], s["key"], "ceo") == (0, "hit")  # cached before the import
    attitude = {"attitudes": [{"person_id": "ceo", "toward": "us", "level": 3}]}
    (tmp / "ceo.json").write_text(json.dumps(attitude))
    done = cli(tmp, "import", str(tmp / "ceo.json"))
    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout
    assert level(s["A"], s["key"], "ceo") == (3, "miss")  # no DELETE /admin/cache
    assert level(s["A"], s["key"], "ceo") == (3, "hit")  # and cached again


def test_a_write_through_one_server_is_seen_by_the_other(
    served: tuple[Path, dict[str, str]],
) -> None:
    _, s = served
    before, _ = level(s["B"], s["key"], "cfo")
    assert level(s["B"], s["key"], "cfo") == (before, "hit")
    with client(s["A"], s["key"]) as c:
        body = {"person_id": "cfo", "toward": "us", "level": -1}
        answer = c.post("/accounts/acme/attitudes", json=body)
        assert answer.status_code == 201, answer.text
    assert level(s["B"], s["key"], "cfo") == (-1, "miss")


def test_etags_agree_across_servers(served: tuple[Path, dict[str, str]]) -> None:
    _, s = served
    tags = set()
    for name in ("A", "B"):
        with client(s[name], s["key"]) as c:
            tags.add(c.get("/accounts/acme/importance").headers["etag"])
    assert len(tags) == 1
