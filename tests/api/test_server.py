"""The service as a user runs it: `graphcrm serve` in its own process, over real HTTP.

One server for the class (a temporary SQLite store and access database on a
free loopback port); keys come from `graphcrm keys create`; data goes in
through POST /imports. Every route group is exercised over the wire.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest

from api import ApiSettings, create_app
from api.routes import route_table
from graphcrm.access import AccessStore, AuthenticationFailed
from tests.sample import small_account, write_json

ROOT = Path(__file__).resolve().parents[2]
_TODAY = date.today().isoformat()  # an interaction may not be dated in the future
_WHO = {"staff_ids": ["s-exec"], "person_ids": ["cto"]}
GRAPHCRM = [str(Path(sys.executable).parent / "graphcrm")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GRAPHCRM, "--store", f"sqlite:///{tmp / 'graph.db'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp,
        env=_env(tmp),
    )


def _env(tmp: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "PYTHONPATH": str(ROOT),  # api/ is a top-level package of the repository
        "GRAPHCRM_ACCESS_DB": str(tmp / "access.db"),
        "COLUMNS": "200",
    }


@dataclass(frozen=True)
class Running:
    """A `graphcrm serve` process the tests started."""

    base: str
    pid: int
    log: Path


@contextmanager
def serving(
    tmp: Path, name: str = "server", *serve_args: str, store: str | None = None
) -> Iterator[Running]:
    """`graphcrm serve` on tmp's graph.db (or ``store``, a store URL) and access.db until
    the block ends, once it answers its health check; its output goes to tmp/NAME.log.
    ``serve_args``: more options for `serve` (``--workers 2``)."""
    port = free_port()
    log = tmp / f"{name}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                *(*GRAPHCRM, "--store", store or f"sqlite:///{tmp / 'graph.db'}", "serve"),
                *("--host", "127.0.0.1", "--port", str(port)),
                *serve_args,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp,
            env=_env(tmp),
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"{name} did not start"
            time.sleep(0.1)
        yield Running(base, proc.pid, log)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Server:
    base: str
    keys: dict[str, str]
    output: Path

    def client(self, who: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[who]}"} if who else {}
        return httpx.Client(base_url=self.base + "/api/v1", headers=headers, timeout=30)


@pytest.fixture(scope="class")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("served")
    keys = {}
    for who, flags in (("a", ["--operator"]), ("b", [])):
        made = cli(tmp, "keys", "create", "--team", f"team-{who}", "--principal", who, *flags)
        assert made.returncode == 0, made.stderr
        keys[who] = made.stdout.strip().splitlines()[-1]
    with serving(tmp) as running:
        yield Server(running.base, keys, running.log)


class TestServedOverHttp:
    def test_startup_prints_the_urls(self, server: Server) -> None:
        printed = server.output.read_text()
        assert f"{server.base}/docs" in printed and f"{server.base}/api/v1/health" in printed
        assert f"{server.base}/ui" in printed

    def test_docs_and_openapi(self, server: Server) -> None:
        assert httpx.get(server.base + "/docs").status_code == 200
        spec = httpx.get(server.base + "/openapi.json").json()
        assert "/api/v1/accounts/{account_id}/importance" in spec["paths"]

    def test_health_needs_no_key(self, server: Server) -> None:
        assert server.client().get("/health").json()["store"] == "sqlite"

    def test_import(self, server: Server, tmp_path: Path) -> None:
        for who, account, prefix in (("a", "acme", ""), ("b", "globex", "g-")):
            data = small_account(account, prefix=prefix)
            data.actions = [a.model_copy(update={"id": f"{prefix}{a.id}x"}) for a in data.actions]
            path = write_json(data, tmp_path / f"{account}.json")
            with server.client(who) as c:
                answer = c.post("/imports", files={"file": (path.name, path.read_bytes())})
            assert answer.status_code == 201, answer.text
            assert answer.json()["created"]["people"] == 5

    def test_accounts(self, server: Server) -> None:
        with server.client("a") as c:
            assert [a["id"] for a in c.get("/accounts").json()["items"]] == ["acme"]
            assert c.get("/accounts/acme").json()["name"] == "Acme 集团"
            assert c.post("/accounts", json={"id": "tmp-acct", "name": "T"}).status_code == 201
            assert c.put("/accounts/tmp-acct", json={"name": "T2"}).json()["name"] == "T2"
            patched = c.patch("/accounts/tmp-acct", json={"industry": "Retail"})
            assert patched.json()["name"] == "T2" and patched.json()["industry"] == "Retail"
            history = c.get("/accounts/tmp-acct/history").json()["items"]
            assert [v["method"] for v in history][:2] == ["PATCH", "PUT"] and len(history) == 3
            assert c.delete("/accounts/tmp-acct").status_code == 200
            found = c.get("/search", params={"q": "acme"}).json()
            assert any(hit["id"] == "acme" for hit in found["items"]), found

    @pytest.mark.parametrize(
        ("collection", "body", "item", "update"),
        [
            ("people", {"id": "new-p", "name": "N"}, "new-p", {"name": "N2"}),
            ("opportunities", {"id": "new-o", "name": "O"}, "new-o", {"name": "O2"}),
            (
                "ties",
                {"type": "knows", "source_id": "eng2", "target_id": "cfo"},
                "knows/eng2/cfo",
                {"strength": 0.5},
            ),
            (
                "contacts",
                {"staff_id": "s-exec", "person_id": "eng2"},
                "s-exec/eng2",
                {"strength": 0.3},
            ),
            (
                "attitudes",
                {"person_id": "eng2", "level": 1, "as_of": "2026-10-01"},
                "eng2/us/2026-10-01",
                {"level": 2},
            ),
            (
                "decision-roles",
                {"opportunity_id": "acme-cloud", "person_id": "eng2", "role": "user"},
                "acme-cloud/eng2/user",
                None,
            ),
            ("plans", {"person_id": "cto", "target_level": 3}, "cto", {"target_level": 2}),
            (
                "actions",
                {"id": "new-a", "person_id": "cto", "description": "Call"},
                "new-a",
                {"person_id": "cto", "description": "Call back"},
            ),
            (
                "interactions",
                {"id": "new-i", "date": _TODAY, "type": "meeting", **_WHO},
                "new-i",
                {"date": _TODAY, "type": "call", **_WHO},
            ),
            (
                "role_slots",
                {"id": "new-s", "opportunity_id": "acme-cloud", "role": "approver"},
                "new-s",
                {"opportunity_id": "acme-cloud", "role": "approver", "person_id": "cfo"},
            ),
        ],
    )
    def test_account_records(
        self, server: Server, collection: str, body: dict, item: str, update: dict | None
    ) -> None:
        base = f"/accounts/acme/{collection}"
        with server.client("a") as c:
            assert c.post(base, json=body).status_code == 201
            assert c.get(base).json()["total"] >= 1
            read = c.get(f"{base}/{item}")
            assert read.status_code == 200
            if update is not None:
                first = read.headers["etag"]
                assert c.put(f"{base}/{item}", json=update, headers={"If-Match": first}).is_success
                stale = c.patch(f"{base}/{item}", json=update, headers={"If-Match": first})
                assert stale.status_code == 412  # the PUT made a new version meanwhile
                assert c.patch(f"{base}/{item}", json=update).status_code == 200
            assert c.get(f"{base}/{item}/history").json()["items"][0]["by"] == "a"
            assert c.delete(f"{base}/{item}").status_code == 200
        with server.client("b") as c:
            assert c.get(base).status_code == 404

    @pytest.mark.parametrize("collection", ["staff", "competitors"])
    def test_shared_records(self, server: Server, collection: str) -> None:
        with server.client("b") as b, server.client("a") as a:
            assert (
                b.post(f"/{collection}", json={"id": f"x-{collection}", "name": "X"}).status_code
                == 201
            )
            assert b.get(f"/{collection}/x-{collection}").json()["name"] == "X"
            assert f"x-{collection}" in {r["id"] for r in b.get(f"/{collection}").json()["items"]}
            assert b.put(f"/{collection}/x-{collection}", json={"name": "Y"}).status_code == 403
            assert a.put(f"/{collection}/x-{collection}", json={"name": "Y"}).status_code == 200
            assert (
                a.patch(f"/{collection}/x-{collection}", json={"name": "Z"}).json()["name"] == "Z"
            )
            assert a.delete(f"/{collection}/x-{collection}").status_code == 200

    @pytest.mark.parametrize(
        "route",
        ["importance", "key-people", "coverage", "paths?target=cfo", "next-targets", "fishbone"],
    )
    def test_analyses_with_etags(self, server: Server, route: str) -> None:
        with server.client("a") as c:
            first = c.get(f"/accounts/acme/{route}")
            assert first.status_code == 200 and first.headers["etag"]
            again = c.get(
                f"/accounts/acme/{route}", headers={"If-None-Match": first.headers["etag"]}
            )
            assert again.status_code == 304
        with server.client("b") as c:
            assert c.get(f"/accounts/acme/{route}").status_code == 404

    def test_what_if(self, server: Server) -> None:
        body = {"changes": [{"type": "set_level", "person_id": "ceo", "level": 3}]}
        with server.client("a") as c:
            answer = c.post("/accounts/acme/what-if", json=body)
        assert answer.status_code == 200 and "delta" in answer.json()

    def test_export(self, server: Server) -> None:
        with server.client("a") as c:
            exported = c.get("/accounts/acme/export?format=json")
        assert exported.status_code == 200 and exported.json()["accounts"][0]["id"] == "acme"

    def test_admin_and_audit(self, server: Server) -> None:
        with server.client("a") as c:
            assert {t["name"] for t in c.get("/admin/teams").json()} == {"team-a", "team-b"}
            made = c.post("/admin/keys", json={"team": "team-b", "principal": "tool"})
            assert made.status_code == 201
            assert made.json()["id"] in {k["id"] for k in c.get("/admin/keys").json()}
            assert c.delete(f"/admin/keys/{made.json()['id']}").status_code == 200
            assert c.post("/admin/teams", json={"name": "team-c"}).status_code == 201
            kept = c.put("/admin/accounts/acme/owner", json={"team": "team-a"})
            assert kept.status_code == 200 and kept.json()["team"] == "team-a"
            assert c.delete("/admin/cache").status_code == 200
            owners = {r["account_id"]: r["team"] for r in c.get("/admin/accounts").json()}
            assert owners["acme"] == "team-a" and owners["globex"] == "team-b"
            log = c.get("/audit?limit=5").json()
            assert log["total"] > 0 and log["items"][0]["principal"] == "a"
        with server.client("b") as c:
            assert c.get("/audit").status_code == 403

    def test_errors_are_problem_details(self, server: Server) -> None:
        with server.client() as c:
            unauthorised = c.get("/accounts")
        assert unauthorised.status_code == 401
        assert unauthorised.headers["content-type"] == "application/problem+json"
        with server.client("a") as c:
            bad = c.post(
                "/accounts/acme/people",
                content=b"{oops",
                headers={"content-type": "application/json"},
            )
            assert bad.status_code == 400 and bad.json()["code"] == "malformed_json"
            big = c.post("/imports", files={"file": ("big.json", b" " * (21 * 1024 * 1024))})
            assert big.status_code == 413 and big.json()["code"] == "payload_too_large"
            assert c.get("/accounts").status_code == 200  # and the server is still fine

    def test_plans_progress_and_review(self, server: Server) -> None:
        with server.client("a") as c:
            made = c.post("/accounts/acme/plans/from-next-targets", json={"count": 1})
            assert made.status_code == 201
            assert c.get("/accounts/acme/progress").json()["account_id"] == "acme"
            assert c.get("/accounts/acme/review", params={"from": "2026-01-01"}).status_code == 200
            assert c.get("/accounts/acme/task-book").status_code == 200
            assert c.get("/accounts/acme/task-book.xlsx").content[:2] == b"PK"
            assert c.get("/staff/s-exec/agenda").status_code == 200

    def test_personal_data(self, server: Server) -> None:
        with server.client("a") as c:
            made = c.post("/accounts/acme/people", json={"id": "p-gone", "name": "Gone Soon"})
            assert made.status_code == 201
            export = c.get("/admin/people/acme/p-gone/export")
            assert export.status_code == 200
            assert export.json()["records"]["people"][0]["record"]["name"] == "Gone Soon"
            assert c.delete("/admin/people/acme/p-gone", params={"confirm": "x"}).status_code == 422
            erased = c.delete("/admin/people/acme/p-gone", params={"confirm": "p-gone"})
            assert erased.status_code == 200 and erased.json()["removed"]["people"] == 1
            assert c.get("/accounts/acme/people/p-gone").status_code == 404
        assert b"Gone Soon" not in (server.output.parent / "graph.db").read_bytes()

    def test_method_settings(self, server: Server) -> None:
        with server.client("b") as c:
            assert c.get("/settings").json()["version"] == 0
            put = c.put("/settings", json={"values": {"relay_level": 2}})
            assert put.status_code == 200 and put.json()["version"] == 1
            history = c.get("/settings/history").json()
            assert [v["version"] for v in history] == [1]

    def test_portfolio(self, server: Server) -> None:
        with server.client("a") as c:
            rows = c.get("/portfolio")
            assert rows.status_code == 200 and [r["account_id"] for r in rows.json()] == ["acme"]
            assert c.get("/portfolio/people/ceo/reach").status_code == 200
            assert c.get("/portfolio/outside-people").json() == []
            assert c.get("/accounts/acme/outside-influencers").json() == []
            reach = c.get("/staff/s-exec/reach")
            assert reach.status_code == 200 and reach.json()["staff_id"] == "s-exec"
        with server.client("b") as c:
            assert c.get("/portfolio/people/ceo/reach").status_code == 404

    def test_calendar_import(self, server: Server) -> None:
        """An .ics upload over the wire: one event, nobody's address known, skipped."""
        ics = (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//\r\nBEGIN:VEVENT\r\nUID:u-1\r\n"
            b"DTSTART:20261101T090000Z\r\nORGANIZER:mailto:x@y.com\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n"
        )
        with server.client("a") as c:
            done = c.post("/accounts/acme/imports/calendar", files={"file": ("c.ics", ics)})
        assert done.status_code == 200, done.text
        assert done.json()["skipped"] == {"no staff": 1}
        assert done.json()["unmatched"] == {"x@y.com": 1}

    def test_every_api_route_was_served_over_http(self, server: Server) -> None:
        """Last in the class: the requests above, read from the server's access log, reach
        every route of the REST API (a route added without an over-the-wire test fails)."""
        served = set()
        for method, path in _REQUEST_LINE.findall(server.output.read_text()):
            served.add((method, path.split("?")[0]))
        app = create_app(ApiSettings(access_db=str(server.output.parent / "unused.db")))
        missing = []
        for route in route_table(app):
            if not route.path.startswith("/api/v1/"):
                continue  # /docs, /ui: tested in their own suites
            pattern = re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", route.path) + "$")
            for method in route.methods - {"HEAD"}:
                if not any(m == method and pattern.match(p) for m, p in served):
                    missing.append(f"{method} {route.path}")
        assert not missing, f"not requested over HTTP: {sorted(missing)}"


_REQUEST_LINE = re.compile(r'"(GET|POST|PUT|PATCH|DELETE) (\S+) HTTP/1\.1"')


def test_demo_key(tmp_path: Path) -> None:
    path = write_json(small_account("acme"), tmp_path / "acme.json")
    assert cli(tmp_path, "import", str(path)).returncode == 0
    made = cli(tmp_path, "demo-key", "--out", str(tmp_path / "demo-key.txt"))
    assert made.returncode == 0, made.stderr
    key = (tmp_path / "demo-key.txt").read_text().strip()
    assert (
        made.stdout.strip() == key and oct((tmp_path / "demo-key.txt").stat().st_mode)[-3:] == "600"
    )
    again = cli(tmp_path, "demo-key", "--out", str(tmp_path / "demo-key.txt"))
    assert again.returncode == 0
    listed = cli(tmp_path, "keys", "list", "--team", "demo")
    assert listed.stdout.count("demo") >= 2  # the first demo key is revoked, not deleted
    with AccessStore(tmp_path / "access.db") as access:
        assert access.owners() == {"acme": "demo"}
        with pytest.raises(AuthenticationFailed):
            access.authenticate(key)
        assert access.authenticate((tmp_path / "demo-key.txt").read_text().strip()).admin
