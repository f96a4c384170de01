"""Soak benchmark: 32 clients mixing reads and writes for 60 s against a served SQLite store.

Run ``python -m bench.soak_bench`` (``make bench-soak``). It writes the synthetic
500-person account of ``bench.analysis_bench`` to a fresh SQLite store, gives it
to a team with one API key, and starts ``graphcrm serve`` (a real uvicorn
process; ``--servers 2`` starts two on the same store). A separate driver
process then runs the clients on keep-alive connections until the time is up:

- each client owns two people it creates at the start (``soak-c<n>-<k>``), so no
  other client changes them;
- one request in ten (``--write-share``) is a write: mostly a new attitude level
  for one of its people (POST the first time that day, PUT after), sometimes a
  new person; with several servers the write goes to one and the next read to
  another;
- the other requests read an analysis (importance, coverage, next-targets,
  key-people) from the cache or computed;
- the first read after each acknowledged write is a ``coverage`` read, checked:
  it must show the new level, or the new person (else it counts as stale).

Afterwards the servers are stopped and the store file is read directly: every
acknowledged write must be there (attitude versions and people of the soak),
and each soak person's current level must be the last one acknowledged.

Targets: 0 responses 5xx, writes found = writes acknowledged, 0 stale reads.
Options: ``--people``, ``--clients``, ``--seconds``, ``--write-share``, ``--servers``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.api_bench import ACCOUNT, ROOT, SERVER, _free_port, _seed, _wait_healthy

READS = ("importance", "coverage", "next-targets", "key-people")
PEOPLE_EACH = 2  # soak people each client creates and owns
NEW_PEOPLE = 0.2  # the share of writes that create a person (the rest: attitude levels)


# -- the driver (its own process) --------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol.

    uvicorn closes a connection idle for 5 s, so one idle for 4 s is opened anew
    before use (a request is never sent twice).
    """

    IDLE = 4.0

    def __init__(self, port: int, key: str) -> None:
        self.port = port
        self.auth = f"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {key}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0.0

    async def request(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> tuple[int, bytes]:
        if self.writer is not None and time.monotonic() - self.used > self.IDLE:
            self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        data = json.dumps(body).encode() if body is not None else b""
        head = f"{method} /api/v1{path} HTTP/1.1\r\n{self.auth}"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        await self.writer.drain()
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        data = await self.reader.readexactly(length)
        self.used = time.monotonic()
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Tally:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = {"read": [], "write": []}
        self.status: dict[int, int] = {}
        self.acknowledged = {"attitudes": 0, "people": 0}
        self.refused = 0
        self.checked = 0
        self.stale = 0
        self.last_level: dict[str, int] = {}
        self.errors: list[str] = []


async def _timed(
    tally: Tally, kind: str, conn: Connection, method: str, path: str, body: Any = None
) -> tuple[int, bytes]:
    start = time.perf_counter()
    status, data = await conn.request(method, path, body)
    tally.latencies[kind].append(time.perf_counter() - start)
    tally.status[status] = tally.status.get(status, 0) + 1
    return status, data


async def _client(
    n: int, ports: list[int], key: str, share: float, deadline: float, tally: Tally
) -> None:
    conns = [Connection(port, key) for port in ports]
    today = date.today().isoformat()
    base = f"/accounts/{ACCOUNT}"
    mine = [f"soak-c{n:02d}-{k}" for k in range(PEOPLE_EACH)]
    dated: set[str] = set()  # people with a reading dated today (PUT corrects it)
    level = dict.fromkeys(mine, 0)
    made = 0
    i = n  # spread the clients over the routes
    rnd = random.Random(n)  # the same mix for the same client on every run
    try:
        for pid in mine:
            body = {"id": pid, "name": f"Soak {pid}", "department": "Soak"}
            status, data = await _timed(tally, "write", conns[0], "POST", f"{base}/people", body)
            if status != 201:
                tally.errors.append(f"{pid}: {status} {data[:200]!r}")
                return
            tally.acknowledged["people"] += 1
        expect: tuple[str, int | None] | None = None  # (person, level) the next read must show
        while time.perf_counter() < deadline:
            i += 1
            conn = conns[i % len(conns)]
            if expect is None and rnd.random() < share:
                if rnd.random() < NEW_PEOPLE:
                    pid = f"soak-c{n:02d}-n{made}"
                    made += 1
                    body = {"id": pid, "name": f"Soak {pid}", "department": "Soak"}
                    status, data = await _timed(
                        tally, "write", conn, "POST", f"{base}/people", body
                    )
                    if status == 201:
                        tally.acknowledged["people"] += 1
                        expect = (pid, None)
                else:
                    pid = mine[i % len(mine)]
                    new = (level[pid] + 2 + i % 3) % 5 - 1  # always another level, -1..3
                    if pid in dated:
                        path, body = f"{base}/attitudes/{pid}/us/{today}", {"level": new}
                        status, data = await _timed(tally, "write", conn, "PUT", path, body)
                        ok = status == 200
                    else:
                        body = {"person_id": pid, "toward": "us", "level": new, "as_of": today}
                        status, data = await _timed(
                            tally, "write", conn, "POST", f"{base}/attitudes", body
                        )
                        ok = status == 201
                    if ok:
                        dated.add(pid)
                        level[pid] = new
                        tally.acknowledged["attitudes"] += 1
                        tally.last_level[pid] = new
                        expect = (pid, new)
                if status >= 300:
                    tally.refused += 1
                    if len(tally.errors) < 10:
                        tally.errors.append(f"write {status}: {data[:200]!r}")
                continue
            route = "coverage" if expect is not None else READS[i % len(READS)]
            status, data = await _timed(tally, "read", conn, "GET", f"{base}/{route}")
            if expect is not None and status == 200:
                people = {p["person_id"]: p["level"] for p in json.loads(data)["people"]}
                pid, want = expect
                tally.checked += 1
                if pid not in people or (want is not None and people[pid] != want):
                    tally.stale += 1
                expect = None
    finally:
        for c in conns:
            c.close()


async def _drive(config: dict[str, Any]) -> dict[str, Any]:
    tally = Tally()
    started = time.perf_counter()
    deadline = started + config["seconds"]
    await asyncio.gather(
        *(
            _client(n, config["ports"], config["key"], config["share"], deadline, tally)
            for n in range(config["clients"])
        )
    )
    elapsed = time.perf_counter() - started
    return {
        "seconds": elapsed,
        "latencies": tally.latencies,
        "status": tally.status,
        "acknowledged": tally.acknowledged,
        "refused": tally.refused,
        "checked": tally.checked,
        "stale": tally.stale,
        "last_level": tally.last_level,
        "errors": tally.errors,
    }


# -- the benchmark ------------------------------------------------------------------------------


def _found(store: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Soak writes in the store file: (attitude versions and current people, current levels)."""
    conn = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True)
    try:
        versions = conn.execute(
            "SELECT count(*) FROM attitudes WHERE person_id LIKE 'soak-%'"
        ).fetchone()[0]
        people = conn.execute(
            "SELECT count(*) FROM people WHERE id LIKE 'soak-%' AND valid_to IS NULL"
        ).fetchone()[0]
        levels = dict(
            conn.execute(
                "SELECT person_id, level FROM attitudes "
                "WHERE person_id LIKE 'soak-%' AND toward = 'us' AND valid_to IS NULL"
            ).fetchall()
        )
    finally:
        conn.close()
    return {"attitudes": versions, "people": people}, levels


def _quantile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def _table(r: dict[str, Any], found: dict[str, int], levels_ok: bool, args: Any) -> str:
    lat = r["latencies"]
    every = lat["read"] + lat["write"]
    requests = len(every)
    five = sum(n for s, n in r["status"].items() if int(s) >= 500)
    acked = r["acknowledged"]
    lines = [
        f"Soak: {args.people}-person account on SQLite, {args.clients} clients, "
        f"{r['seconds']:.0f} s, {args.write_share:.0%} writes, {args.servers} server process(es)",
        f"{'':<40}{'value':>10}  target",
        f"{'requests':<40}{requests:>10}",
        f"{'requests/s':<40}{requests / r['seconds']:>10.0f}",
        f"{'5xx':<40}{five:>10}  0 " + ("ok" if five == 0 else "MISSED"),
        f"{'other non-2xx':<40}{sum(n for s, n in r['status'].items() if 300 <= int(s) < 500):>10}",
    ]
    for what in ("attitudes", "people"):
        ok = acked[what] == found[what]
        lines.append(
            f"{'writes acknowledged / found: ' + what:<40}{acked[what]:>5} /{found[what]:>4}  "
            + ("equal ok" if ok else "MISSED")
        )
    lines += [
        f"{'current levels as last acknowledged':<40}{'yes' if levels_ok else 'NO':>10}",
        f"{'reads checked after a write':<40}{r['checked']:>10}",
        f"{'stale reads after a write':<40}{r['stale']:>10}  0 "
        + ("ok" if r["stale"] == 0 else "MISSED"),
    ]
    for kind, values in (("all", every), ("read", lat["read"]), ("write", lat["write"])):
        lines.append(
            f"{'p50 / p99 ms, ' + kind + f' ({len(values)})':<40}"
            f"{_quantile(values, 50):>10.1f} / {_quantile(values, 99):.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.drive:
        print(json.dumps(asyncio.run(_drive(json.loads(args.drive)))))
        return
    with tempfile.TemporaryDirectory(prefix="graphcrm-soak-") as tmp:
        folder = Path(tmp)
        key = _seed(folder, args.people, args.clients)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "GRAPHCRM_ACCESS_DB": str(folder / "access.db"),
        }
        store = folder / "graph.db"
        ports, servers, logs = [], [], []
        try:
            for n in range(args.servers):
                port = _free_port()
                command = [*SERVER, "--store", f"sqlite:///{store}", "serve", "--port", str(port)]
                logs.append((folder / f"server-{n}.log").open("wb"))
                servers.append(
                    subprocess.Popen(
                        [*command, "--no-access-log"],
                        stdout=logs[-1],
                        stderr=subprocess.STDOUT,
                        cwd=tmp,
                        env=env,
                    )
                )
                ports.append(port)
                _wait_healthy(f"http://127.0.0.1:{port}", servers[-1])
            config = {
                "ports": ports,
                "key": key,
                "clients": args.clients,
                "seconds": args.seconds,
                "share": args.write_share,
            }
            done = subprocess.run(
                [sys.executable, "-m", "bench.soak_bench", "--drive", json.dumps(config)],
                capture_output=True,
                text=True,
                timeout=args.seconds + 300,
                cwd=ROOT,
            )
            if done.returncode != 0:
                raise SystemExit(f"the load driver failed:\n{done.stderr[-3000:]}")
            result = json.loads(done.stdout)
        finally:
            for server in servers:
                server.send_signal(signal.SIGINT)
            for server in servers:
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
            for log in logs:
                log.close()
        found, levels = _found(store)
    levels_ok = all(levels.get(p) == v for p, v in result["last_level"].items())
    for error in result["errors"]:
        print(f"  {error}", file=sys.stderr)
    print(_table(result, found, levels_ok, args))


if __name__ == "__main__":
    main()
