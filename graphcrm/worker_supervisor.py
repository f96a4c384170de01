"""``graphcrm serve --workers N``: N worker processes, each on a listening socket of its own.

uvicorn's own supervisor shares ONE listening socket among its workers: the
worker woken first accepts a whole burst of new connections, and clients that
keep their connections alive stay with it, so one worker did nearly all the
work (issue 17: 10.0 CPU-s against 0.02 in one 10 s run). Here every worker
gets its own socket on the same host and port, bound with ``SO_REUSEPORT``;
Linux then spreads new connections across the sockets by a hash of each
connection's addresses (README "Several worker processes").

The supervisor binds the sockets itself, so a port already taken fails at once
with a clear message and no worker started; hands each socket to a fresh
(spawned) worker process, which runs uvicorn's ``Server`` on it with the app of
the ``graphcrm.server`` entry point (the core may not import the API); starts a
new worker on a new socket when one ends; and stops every worker on SIGINT or
SIGTERM. Where ``SO_REUSEPORT`` is unavailable the workers share one socket,
as uvicorn's do, and ``serve`` says so.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from types import FrameType

__all__ = ["Listeners", "PortTaken", "Supervisor", "WorkerSpec", "bind_listeners", "run_worker"]

#: uvicorn's exit status for a worker that could not start (its app, lifespan or
#: socket): every replacement would fail the same way, so the supervisor stops.
STARTUP_FAILURE = 3
#: How long a stopping worker may finish the requests it holds before it is killed.
STOP_GRACE_S = 15.0
#: A worker ending sooner than this after its start is replaced no sooner than this
#: after that start, so a worker failing at once does not spin the supervisor.
RESTART_PAUSE_S = 1.0
_TICK_S = 0.25
_spawn = multiprocessing.get_context("spawn")


class PortTaken(OSError):
    """The host and port cannot be listened on: what, where, and the system's reason."""


@dataclass(frozen=True)
class WorkerSpec:
    """What each worker serves: the app factory (``module:function``, no arguments)."""

    app: str
    host: str
    port: int
    access_log: bool = True


@dataclass
class Listeners:
    """The bound sockets: one per worker, or one shared by all (``shared``)."""

    sockets: list[socket.socket]
    shared: bool
    #: Why the sockets are shared (``SO_REUSEPORT`` unavailable), for the announcement.
    note: str | None = None


def bind_listeners(host: str, port: int, count: int, *, reuse_port: bool = True) -> Listeners:
    """``count`` sockets bound to host:port with ``SO_REUSEPORT``, or one shared socket.

    The port is first bound once without ``SO_REUSEPORT``: that fails if anything
    listens there, even another group of ``SO_REUSEPORT`` sockets of this user,
    which Linux would otherwise let us join silently. PortTaken says what failed.
    ``reuse_port=False``, or a system without ``SO_REUSEPORT``: one shared socket.
    """
    _bind(host, port, reuse_port=False).close()
    if reuse_port and _reuse_port_available(host):
        return Listeners([_bind(host, port, reuse_port=True) for _ in range(count)], False)
    note = None
    if reuse_port:
        note = (
            "SO_REUSEPORT is not available here, so the workers share one listening socket "
            "and the worker woken first takes each burst of new connections"
        )
    return Listeners([_bind(host, port, reuse_port=False)], True, note)


def rebind(host: str, port: int) -> socket.socket:
    """One more ``SO_REUSEPORT`` socket on host:port, for a worker's replacement."""
    return _bind(host, port, reuse_port=True)


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _reuse_port_available(host: str) -> bool:
    option = getattr(socket, "SO_REUSEPORT", None)
    if option is None:
        return False
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        try:
            probe.setsockopt(socket.SOL_SOCKET, option, 1)
        except OSError:
            return False
    return True


def _bind(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    sock = socket.socket(_family(host), socket.SOCK_STREAM, socket.IPPROTO_TCP)
    # As uvicorn binds: a port whose old connections are still in TIME_WAIT is free.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PortTaken(
            exc.errno,
            f"cannot listen on {host}:{port}: {exc.strerror or exc} "
            "(is another server running on that port? choose another with --port)",
        ) from exc
    return sock


def run_worker(spec: WorkerSpec, sock: socket.socket) -> None:
    """One worker process: uvicorn's ``Server`` on ``sock`` until SIGINT or SIGTERM.

    uvicorn's defaults as ``uvicorn.run`` has them (uvloop and httptools when
    installed); the app is built by ``spec.app``, a factory reading the
    environment the supervisor set before spawning.
    """
    import uvicorn

    config = uvicorn.Config(
        spec.app,
        factory=True,
        host=spec.host,
        port=spec.port,
        access_log=spec.access_log,
        log_level="info",
    )
    # uvicorn raises a captured SIGINT again once it has stopped.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])


@dataclass
class _Worker:
    process: BaseProcess
    started: float = field(default_factory=time.monotonic)


class Supervisor:
    """Starts one worker per socket of ``listeners``, replaces a worker that ends, and
    stops them all on SIGINT or SIGTERM; ``run`` returns the exit status."""

    def __init__(
        self, spec: WorkerSpec, listeners: Listeners, count: int, say: Callable[[str], None]
    ) -> None:
        self.spec = spec
        self.listeners = listeners
        self.count = count
        self.say = say
        self.workers: list[_Worker] = []
        self.stopping = threading.Event()
        self.status = 0

    def run(self) -> int:
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            for slot in range(self.count):
                self.workers.append(self._start(self._socket_for(slot)))
            while not self.stopping.is_set():
                multiprocessing.connection.wait(
                    [w.process.sentinel for w in self.workers], timeout=_TICK_S
                )
                self._replace_ended()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for sock in self.listeners.sockets:
                sock.close()
        return self.status

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping.set()

    def _socket_for(self, slot: int) -> socket.socket:
        return self.listeners.sockets[0 if self.listeners.shared else slot]

    def _start(self, sock: socket.socket) -> _Worker:
        process = _spawn.Process(target=run_worker, args=(self.spec, sock), daemon=False)
        process.start()
        if not self.listeners.shared:
            # The worker holds its own copy now; when it ends, its socket leaves the
            # group and new connections go to the other workers' sockets.
            sock.close()
        self.say(f"worker process [{process.pid}] started")
        return _Worker(process)

    def _replace_ended(self) -> None:
        for slot, worker in enumerate(self.workers):
            process = worker.process
            if process.is_alive() or self.stopping.is_set():
                continue
            if process.exitcode == STARTUP_FAILURE:
                self.say(
                    f"worker process [{process.pid}] could not start (exit status "
                    f"{STARTUP_FAILURE}); stopping every worker"
                )
                self.status = STARTUP_FAILURE
                self.stopping.set()
                return
            if time.monotonic() - worker.started < RESTART_PAUSE_S:
                continue  # replaced on a later tick
            self.say(
                f"worker process [{process.pid}] ended (exit status {process.exitcode}); "
                "starting another"
            )
            try:
                sock = self._replacement_socket()
            except PortTaken as exc:  # another program took the port meanwhile
                self.say(f"{exc.strerror}; stopping every worker")
                self.status = 1
                self.stopping.set()
                return
            self.workers[slot] = self._start(sock)

    def _replacement_socket(self) -> socket.socket:
        if self.listeners.shared:
            return self.listeners.sockets[0]
        return rebind(self.spec.host, self.spec.port)

    def _stop_all(self) -> None:
        alive = [w.process for w in self.workers if w.process.is_alive()]
        for process in alive:
            assert process.pid is not None
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for process in alive:
            process.join(max(deadline - time.monotonic(), 0.0))
            if process.is_alive():
                self.say(f"worker process [{process.pid}] did not stop in time; killed")
                process.kill()
                process.join()


def say_to_stderr(message: str) -> None:
    """The supervisor's own messages, beside uvicorn's log lines."""
    print(f"INFO:     {message}", file=sys.stderr, flush=True)
