"""Start a throwaway Neo4j Community server for tests, with the launcher in scripts/neo4j/.

``scripts/neo4j/start.sh`` builds the small Maven project there on first use
(Neo4j's jars come from Maven Central into ``~/.m2``; later builds reuse them)
and runs an embedded Neo4j DBMS with only the Bolt connector, on a free loopback
port, auth off, in a data directory of our choosing. It prints its ``bolt://``
URI once it accepts connections. The server is told to stop when its stdin
closes, so it never outlives the test process; ``stop()`` ends it with SIGTERM
(a clean shutdown), ``kill()`` with SIGKILL (a crash, for the crash tests).

``why_unavailable()`` names what is missing (Java, Maven) so that tests can say
exactly why they skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

__all__ = ["LAUNCHER", "Neo4jServer", "start_neo4j", "why_unavailable"]

LAUNCHER = Path(__file__).resolve().parents[1] / "scripts" / "neo4j" / "start.sh"
# The first run fetches ~160 MB of jars from Maven Central; a started DBMS takes ~10 s.
_BUILD_TIMEOUT_S = 900.0
_START_TIMEOUT_S = 120.0


class Neo4jServer:
    """A running Neo4j: its Bolt URI, its data directory, and how to stop it."""

    def __init__(self, process: subprocess.Popen[str], uri: str, data_dir: Path, log: Path):
        self.process = process
        self.uri = uri
        self.data_dir = data_dir
        self.log_path = log
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def log_tail(self, lines: int = 30) -> str:
        """The last lines the launcher and Neo4j wrote, to explain a failure."""
        texts = []
        for path in (self.log_path, self.data_dir / "logs" / "debug.log"):
            try:
                texts += path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            except OSError:
                continue
        return "\n".join(texts) or "(no server log)"

    def stop(self) -> None:
        """Shut Neo4j down cleanly (SIGTERM), by force if it hangs; remove a temporary
        data directory."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        _close(self.process.stdin)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def kill(self) -> None:
        """End Neo4j at once with SIGKILL, as a crash would; the data directory stays."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        _close(self.process.stdin)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _close(stream: IO[str] | None) -> None:
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()


def why_unavailable() -> str | None:
    """Why Neo4j cannot be started here (no Java, no Maven, no launcher), or None."""
    java = os.environ.get("JAVA", "java")
    if shutil.which(java) is None:
        return f"no Java runtime ({java!r} is not on PATH); Neo4j needs Java 17 or 21"
    built = (LAUNCHER.parent / "target" / "classpath.txt").is_file()
    if not built and shutil.which("mvn") is None:
        return "Maven ('mvn') is not on PATH, and the Neo4j launcher in scripts/neo4j/ is not built"
    if not LAUNCHER.is_file():
        return f"the Neo4j launcher {LAUNCHER} is missing"
    return None


def start_neo4j(
    data_dir: Path | None = None,
    *,
    heap: str = "1g",
    page_cache_mb: int = 128,
    timeout: float = _START_TIMEOUT_S,
) -> Neo4jServer:
    """Start Neo4j on a free loopback port, on ``data_dir`` (a fresh temporary directory
    if None, removed by ``stop()``), and wait until it prints its Bolt URI.

    Raises RuntimeError, with the tail of its log, if it exits or does not start in time
    (the first call may build the launcher: ``_BUILD_TIMEOUT_S`` more for that).
    """
    reason = why_unavailable()
    if reason:
        raise RuntimeError(reason)
    tmp = None
    if data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="neo4j-")
        data_dir = Path(tmp.name) / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir.parent / f"{data_dir.name}-launcher.log"
    built = (LAUNCHER.parent / "target" / "classpath.txt").is_file()
    with log.open("a", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            ["sh", str(LAUNCHER), "--stop-on-stdin-eof", str(data_dir), "0", str(page_cache_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
            env={**os.environ, "NEO4J_HEAP": heap},
        )
    uri = _read_uri(process, timeout + (0 if built else _BUILD_TIMEOUT_S))
    server = Neo4jServer(process, uri or "", data_dir, log)
    server._tmp = tmp
    if not uri:
        why = (
            f"exited with code {process.returncode}"
            if process.poll() is not None
            else f"printed no Bolt URI within {timeout:.0f} s"
        )
        tail = server.log_tail()
        server.stop()
        raise RuntimeError(f"Neo4j on {data_dir} {why}; log tail:\n{tail}")
    return server


def _read_uri(process: subprocess.Popen[str], timeout: float) -> str | None:
    """The first ``bolt://`` line the launcher prints, or None (exited, or too slow)."""
    found: list[str] = []
    done = threading.Event()

    def reader() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("bolt://"):
                found.append(line.strip())
                break
        done.set()
        # Keep draining, so that the server never blocks on a full pipe.
        for _ in process.stdout:
            pass

    threading.Thread(target=reader, name="neo4j-stdout", daemon=True).start()
    deadline = time.monotonic() + timeout
    while not done.wait(0.1):
        if time.monotonic() > deadline:
            return None
    return found[0] if found else None
