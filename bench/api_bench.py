"""Load benchmark of the REST API: a served 500-person account under 32 concurrent clients.

Run ``python -m bench.api_bench`` (``make bench-api``). It writes a synthetic
account (the same generator as ``bench.analysis_bench``: reporting tree,
departments, knows / depends_on ties, contacts, attitudes) to a fresh SQLite
store, gives it to a team with one API key, and starts ``graphcrm serve`` on a
free loopback port. A separate process then drives the importance, coverage
and next-targets routes with 32 concurrent keep-alive clients for 30 s per
phase and prints requests/s and p50/p95/p99 latency:

- ``warm``: results come from the analysis cache (after one priming request per route);
- ``cold``: every request sends ``Cache-Control: no-cache``, so no stored result is
  used and every response is computed after it was asked for (concurrent requests
  for the same result share one computation; the account's graph is reused while
  the account is unchanged);
- ``cold-cleared``: before each request the client also drops the whole analysis
  cache (``DELETE /api/v1/admin/cache``, timed with the request), so the account is
  read from the store and its graph rebuilt for every computation as well;
- ``cold-single``: as ``cold-cleared`` with one client, so no two requests can share
  a computation: the full cost of one uncached request;
- ``warm-2w``: ``warm`` against a second server on the same store started with
  ``graphcrm serve --workers 2`` (its throughput is compared with one worker's);
- ``mixed`` (and ``mixed-2w`` on the two workers): 10 % writes, 90 % analysis
  reads. Each client owns one person and sets that person's attitude level
  toward us (``PATCH`` of today's reading); every coverage read the client makes
  after its write must show the level it wrote, and a read that does not is
  counted as stale (target 0). Writes patch the cached graph (issue 17 item 2).

``CPU ms`` is the server's CPU time (all its processes, user and system, from
/proc) per request answered in the phase: its own cost, which the machine's other
work does not inflate as it does the latencies; ``drv ms`` is the load driver's
(the clients' process) CPU time per request, which shares the machine's cores.
With two workers the target column also gives each worker's share of the
workers' CPU (``workers' CPU 51/49 %``): a worker that got no connections
shows as 0 %.
The ``x-cache`` column counts the server's answers: ``hit`` (stored result),
``miss`` (computed for that request) and ``shared`` (joined a computation of the
same result already under way).

Targets on a 2-core machine (issue 17): warm p99 under 25 ms, cold-cleared p99
under 150 ms, two workers' warm throughput at least 1.6x one worker's, mixed
p99 under 100 ms at 500 requests/s or more with no stale read. Everything runs
on 127.0.0.1; every loop is bounded by the phase's duration. Options:
``--people``, ``--clients``, ``--seconds``,
``--phases warm,cold,cold-cleared,cold-single,warm-2w,mixed,mixed-2w``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVER = [sys.executable, "-m", "graphcrm.cli"]
ROUTES = ("importance", "coverage", "next-targets")
PHASES = ("warm", "cold", "cold-cleared", "cold-single", "warm-2w", "mixed", "mixed-2w")
# p99 ms, requests/s (warm-2w: 1.6x warm's, checked in the table)
TARGETS = {
    "warm": (25.0, None),
    "cold-cleared": (150.0, None),
    "mixed": (100.0, 500.0),
    "mixed-2w": (100.0, 500.0),
}
WRITE_EVERY = 10  # one request in ten writes (mixed)
TODAY = date.today().isoformat()
ACCOUNT = "bench"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _own_person(n: int) -> str:
    """The person whose attitude client ``n`` sets in the mixed phase."""
    return f"p{100 + n:06d}"


def _seed(folder: Path, people: int, clients: int) -> str:
    """Write the synthetic account and an admin key of the team owning it; return the key."""
    from bench.analysis_bench import synthetic_account
    from graphcrm.access import AccessStore
    from graphcrm.model import Attitude
    from graphcrm.stores import SQLiteStore

    data = synthetic_account(people)
    data.attitudes += [  # today's reading of each mixed-phase client's person
        Attitude(person_id=_own_person(n), level=0, as_of=date.today()) for n in range(clients)
    ]
    with SQLiteStore(folder / "graph.db") as store:
        store.write(data, on=date(2026, 1, 1))
    with AccessStore(folder / "access.db") as access:
        team = access.ensure_team("bench")
        access.claim(team.id, [ACCOUNT])
        return access.create_key("bench", "load", admin=True).key


def _wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            with urllib.request.urlopen(base + "/api/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not become healthy")


# -- the load driver (runs in its own process) -------------------------------------------


def _patch_attitude(auth: str, person: str, level: int) -> bytes:
    body = json.dumps({"level": level}).encode()
    path = f"/api/v1/accounts/{ACCOUNT}/attitudes/{person}/us/{TODAY}"
    head = (
        f"PATCH {path} HTTP/1.1\r\n{auth}Content-Type: application/merge-patch+json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class _Connection(asyncio.BufferedProtocol):
    """One keep-alive client connection that reads answers into one reused buffer.

    The driver shares the machine's cores with the server, so it reads as little as
    it can: the kernel writes each answer into this buffer (no bytes object per
    chunk, no copies), the head is searched once for the status and the two headers
    the driver uses, and a body is kept only when asked for (the mixed phase's
    checking reads); other bodies are only counted.
    """

    def __init__(self) -> None:
        self._buffer = bytearray(1 << 16)
        self._filled = 0  # bytes of the current answer's head (and body, if kept) so far
        self._left = -1  # body bytes still to come; -1 while the head is incomplete
        self._keep = False
        self._head: tuple[int, dict[str, str], int] = (0, {}, 0)
        self._answer: asyncio.Future[tuple[int, dict[str, str], bytes]] | None = None
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(exc or ConnectionError("the server closed"))

    def request(self, raw: bytes, *, keep_body: bool) -> asyncio.Future[Any]:
        assert self.transport is not None
        self._filled, self._left, self._keep = 0, -1, keep_body
        self._answer = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return self._answer

    def get_buffer(self, sizehint: int) -> memoryview:
        if self._left >= 0 and not self._keep:
            return memoryview(self._buffer)  # a counted body: overwrite from the start
        if len(self._buffer) - self._filled < 4096:
            self._buffer.extend(bytes(len(self._buffer)))
        return memoryview(self._buffer)[self._filled :]

    def buffer_updated(self, nbytes: int) -> None:
        if self._left >= 0 and not self._keep:
            self._left -= nbytes
        else:
            self._filled += nbytes
            if self._left < 0:
                self._read_head()
            else:
                self._left -= nbytes
        if self._left == 0 and self._answer is not None and not self._answer.done():
            status, headers, at = self._head
            body = bytes(self._buffer[at : self._filled]) if self._keep else b""
            self._answer.set_result((status, headers, body))

    def _read_head(self) -> None:
        end = self._buffer.find(b"\r\n\r\n", 0, self._filled)
        if end < 0:
            return
        head = bytes(self._buffer[: end + 4]).lower()
        headers = {name: _header(head, name) for name in ("content-length", "x-cache")}
        self._head = (int(head[9:12]), headers, end + 4)
        self._left = int(headers["content-length"] or "0") - (self._filled - end - 4)


def _header(head: bytes, name: str) -> str:
    at = head.find(b"\r\n" + name.encode() + b":")
    if at < 0:
        return ""
    start = at + len(name) + 3
    return head[start : head.index(b"\r\n", start)].decode("latin-1").strip()


async def _client(
    n: int, port: int, key: str, phase: str, deadline: float, out: dict[str, Any]
) -> None:
    loop = asyncio.get_running_loop()
    _, connection = await loop.create_connection(_Connection, "127.0.0.1", port)
    # The cold phases ask for a fresh computation; warm and mixed reads are a team's own
    # (the cache serves them until a write moves the account's version).
    extra = "Cache-Control: no-cache\r\n" if phase.startswith("cold") else ""
    auth = f"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {key}\r\n"
    clear = f"DELETE /api/v1/admin/cache HTTP/1.1\r\n{auth}\r\n".encode()
    i = n
    mixed = phase.startswith("mixed")
    written: int | None = None  # the level this client last wrote (mixed)
    try:
        while time.perf_counter() < deadline:
            route = ROUTES[i % len(ROUTES)]
            i += 1
            write = mixed and i % WRITE_EVERY == 0
            if write:
                level = (i // WRITE_EVERY) % 5 - 1  # -1..3, each write another level
                raw = _patch_attitude(auth, _own_person(n), level)
            else:
                if written is not None:
                    route = "coverage"  # the first read after a write checks it
                path = f"/api/v1/accounts/{ACCOUNT}/{route}"
                raw = f"GET {path} HTTP/1.1\r\n{auth}{extra}\r\n".encode()
            start = time.perf_counter()
            if phase in ("cold-cleared", "cold-single"):
                await connection.request(clear, keep_body=False)
            check = mixed and not write and written is not None
            status, headers, body = await connection.request(raw, keep_body=check)
            out["latencies"].append(time.perf_counter() - start)
            if write:
                out["writes"] += 1
                out["write_latencies"].append(out["latencies"][-1])
                written = level if status == 200 else written
            elif mixed and written is not None:
                people = {p["person_id"]: p["level"] for p in json.loads(body)["people"]}
                out["stale"] += people.get(_own_person(n)) != written
                out["checked"] += 1
                written = None
            out["status"][status] = out["status"].get(status, 0) + 1
            how = headers.get("x-cache") or "?"
            out["x_cache"][how] = out["x_cache"].get(how, 0) + 1
    finally:
        if connection.transport is not None:
            connection.transport.close()


async def _drive(port: int, key: str, phase: str, clients: int, seconds: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "latencies": [],
        "write_latencies": [],
        "status": {},
        "x_cache": {},
        "writes": 0,
        "stale": 0,
        "checked": 0,
    }
    started = time.perf_counter()
    cpu = time.process_time()
    deadline = started + seconds
    await asyncio.gather(*(_client(n, port, key, phase, deadline, out) for n in range(clients)))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    lat = sorted(out["latencies"])
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
    return {
        "phase": phase,
        "clients": clients,
        "requests": len(lat),
        "seconds": elapsed,
        "rps": len(lat) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "max": lat[-1] * 1000 if lat else 0.0,
        "status": out["status"],
        "x_cache": out["x_cache"],
        "writes": out["writes"],
        "stale": out["stale"],
        "checked": out["checked"],
        "driver_cpu_ms": cpu * 1000 / max(len(lat), 1),
        # The writes' own p99 (mixed): which of the tail is writes queueing for the store.
        "write_p99": _p99(out["write_latencies"]) * 1000,
    }


def _p99(latencies: list[float]) -> float:
    if len(latencies) < 2:
        return latencies[0] if latencies else 0.0
    return statistics.quantiles(sorted(latencies), n=100, method="inclusive")[98]


def _driver_main(config: str) -> None:
    c = json.loads(config)
    drive = _drive(c["port"], c["key"], c["phase"], c["clients"], c["seconds"])
    try:  # the driver shares the cores with the server: the lighter event loop if there
        import uvloop

        result = uvloop.run(drive)
    except ImportError:
        result = asyncio.run(drive)
    print(json.dumps(result))


# -- the benchmark ---------------------------------------------------------------------------


def _phase(port: int, key: str, phase: str, clients: int, seconds: float) -> dict[str, Any]:
    config = json.dumps(
        {"port": port, "key": key, "phase": phase, "clients": clients, "seconds": seconds}
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.api_bench", "--drive", config],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _process_tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by process ``root`` and its descendants,
    from /proc: the server's own cost per request, whatever else the machine runs."""
    return sum(_cpu_by_child(root).values())


def _cpu_by_child(root: int) -> dict[int, float]:
    """CPU seconds used so far by ``root`` itself (key ``root``) and by each of its
    children with their own descendants (key: the child's pid): with ``--workers``,
    how the work was split between the worker processes."""
    parent: dict[int, int] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parent[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    split: dict[int, float] = {}
    for pid, seconds in used.items():
        walk, child = pid, pid
        while walk > 1 and walk != root:
            child, walk = walk, parent.get(walk, 0)
        if walk == root:
            split[child] = split.get(child, 0.0) + seconds
    return split


def _shares(spent: dict[int, float], supervisor: int) -> list[float]:
    """Each worker's share (%) of the CPU the workers used, largest first (the
    supervisor's other child, multiprocessing's resource tracker, left out)."""
    workers = [
        seconds
        for pid, seconds in spent.items()
        if pid != supervisor and b"resource_tracker" not in _command_line(pid)
    ]
    total = sum(workers) or 1.0
    return sorted((100 * seconds / total for seconds in workers), reverse=True)


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # gone meanwhile
        return b""


def _prime(base: str, key: str) -> None:
    """Ask every route until six rounds in a row are answered from the cache (with several
    workers, each has then most likely computed each result), or 30 rounds."""
    in_a_row = 0
    for _ in range(30):
        found = []
        for route in ROUTES:
            request = urllib.request.Request(
                f"{base}/api/v1/accounts/{ACCOUNT}/{route}",
                headers={"Authorization": f"Bearer {key}"},
            )
            with urllib.request.urlopen(request, timeout=60) as answer:
                answer.read()
                found.append(answer.headers.get("x-cache"))
        in_a_row = in_a_row + 1 if set(found) == {"hit"} else 0
        if in_a_row == 6:
            return


def _verdict(r: dict[str, Any], results: list[dict[str, Any]]) -> str:
    p99_target, rps_target = TARGETS.get(r["phase"], (None, None))
    verdict = []
    if p99_target is not None:
        verdict.append(f"p99<{p99_target:.0f}ms " + ("ok" if r["p99"] < p99_target else "MISSED"))
    if rps_target is not None:
        verdict.append(f">={rps_target:.0f}/s " + ("ok" if r["rps"] >= rps_target else "MISSED"))
    if r["phase"].startswith("mixed"):
        verdict.append("stale=0 " + ("ok" if r["stale"] == 0 else "MISSED"))
    one = next((x for x in results if x["phase"] == "warm"), None)
    if r["phase"] == "warm-2w" and one is not None:
        ratio = r["rps"] / one["rps"]
        verdict.append(f"{ratio:.2f}x warm, >=1.6x " + ("ok" if ratio >= 1.6 else "MISSED"))
    if "split" in r:
        verdict.append("workers' CPU " + "/".join(f"{share:.0f}" for share in r["split"]) + " %")
    return "; ".join(verdict)


def _table(results: list[dict[str, Any]], people: int, clients: int) -> str:
    lines = [
        f"API load: {people}-person account, up to {clients} concurrent clients, routes "
        f"{', '.join(ROUTES)}, loopback (-2w: graphcrm serve --workers 2)",
        f"{'phase':<13}{'clients':>8}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'max ms':>9}{'CPU ms':>8}{'drv ms':>8}"
        "  non-2xx  writes  w p99  stale  x-cache"
        f"{'':<29} target",
    ]
    for r in results:
        bad = sum(n for s, n in r["status"].items() if not str(s).startswith("2"))
        how = " ".join(f"{k}={v}" for k, v in sorted(r["x_cache"].items()))
        if bad:
            how += f" status={r['status']}"
        lines.append(
            f"{r['phase']:<13}{r['clients']:>8}{r['requests']:>9}{r['rps']:>9.0f}"
            f"{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}{r['max']:>9.1f}"
            f"{r.get('cpu_ms', 0.0):>8.2f}{r['driver_cpu_ms']:>8.2f}  {bad:>7}"
            f"  {r['writes']:>6}{r.get('write_p99', 0.0):>7.0f}  {r['stale']:>5}  {how:<36} "
            f"{_verdict(r, results)}"
        )
    return "\n".join(lines)


def _start(folder: Path, workers: int) -> tuple[subprocess.Popen[bytes], int, Any]:
    """`graphcrm serve` (with ``workers`` processes) on the bench store, once healthy."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRAPHCRM_ACCESS_DB": str(folder / "access.db")}
    command = [
        *(*SERVER, "--store", f"sqlite:///{folder / 'graph.db'}", "serve"),
        *("--port", str(port), "--no-access-log", "--workers", str(workers)),
    ]
    log = (folder / f"server-{workers}.log").open("wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder, env=env)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", server)
    except SystemExit:
        _stop(server, log)  # no server left behind
        raise
    return server, port, log


def _stop(server: subprocess.Popen[bytes], log: Any) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.drive:
        _driver_main(args.drive)
        return
    phases = [p for p in args.phases.split(",") if p]
    results = []
    with tempfile.TemporaryDirectory(prefix="graphcrm-api-bench-") as tmp:
        folder = Path(tmp)
        key = _seed(folder, args.people, args.clients)
        servers: dict[int, tuple[subprocess.Popen[bytes], int, Any]] = {}
        try:
            for phase in phases:
                workers = 2 if phase.endswith("-2w") else 1
                if workers not in servers:
                    servers[workers] = _start(folder, workers)
                port = servers[workers][1]
                if phase.startswith("warm"):
                    _prime(f"http://127.0.0.1:{port}", key)
                clients = 1 if phase == "cold-single" else args.clients
                before = _cpu_by_child(servers[workers][0].pid)
                results.append(_phase(port, key, phase, clients, args.seconds))
                after = _cpu_by_child(servers[workers][0].pid)
                spent = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
                results[-1]["cpu_ms"] = sum(spent.values()) * 1000 / max(results[-1]["requests"], 1)
                if workers > 1:  # each worker's share: one idle worker shows as 0 %
                    results[-1]["split"] = _shares(spent, servers[workers][0].pid)
                print(f"  {phase}: {results[-1]['requests']} requests", file=sys.stderr)
        except SystemExit as stopped:  # a server that did not start: the phases so far
            print(f"  stopped: {stopped}", file=sys.stderr)
        finally:
            for server, _, log in servers.values():
                _stop(server, log)
    print(_table(results, args.people, args.clients))


if __name__ == "__main__":
    main()
