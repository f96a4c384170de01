"""The sockets of `graphcrm serve --workers N` (graphcrm.worker_supervisor), on real sockets.

One listening socket per worker, each with SO_REUSEPORT, so that Linux spreads
new connections across the workers; a port something already listens on is
refused before any worker starts, even when that something is another group of
SO_REUSEPORT sockets (which Linux would let us join silently); without
SO_REUSEPORT, one socket shared by all. Starting, replacing and stopping real
workers is in tests/api/test_workers.py.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphcrm.cli import app
from graphcrm.worker_supervisor import PortTaken, bind_listeners, rebind


@pytest.fixture
def listening() -> Iterator[socket.socket]:
    """A port something listens on, with SO_REUSEPORT (as another `serve --workers` would)."""
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_each_worker_gets_its_own_socket_on_the_port_and_connections_reach_both() -> None:
    port = _free_port()
    listeners = bind_listeners("127.0.0.1", port, 2)
    try:
        first, second = listeners.sockets
        assert not listeners.shared and listeners.note is None
        assert first.fileno() != second.fileno()
        for sock in (first, second):
            assert sock.getsockname() == ("127.0.0.1", port)
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
            sock.listen()
            sock.settimeout(5)
        third = rebind("127.0.0.1", port)  # a replacement joins the group
        third.close()
        accepted = {0: 0, 1: 0}
        for _ in range(40):  # the kernel hashes each connection's addresses to one socket
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                pass
        for which, sock in enumerate((first, second)):
            sock.setblocking(False)
            while True:
                try:
                    conn, _ = sock.accept()
                except BlockingIOError:
                    break
                conn.close()
                accepted[which] += 1
        assert sum(accepted.values()) == 40 and min(accepted.values()) > 0, accepted
    finally:
        for sock in listeners.sockets:
            sock.close()


def test_without_reuse_port_every_worker_shares_one_socket() -> None:
    port = _free_port()
    listeners = bind_listeners("127.0.0.1", port, 3, reuse_port=False)
    try:
        (shared,) = listeners.sockets
        assert listeners.shared and shared.getsockname() == ("127.0.0.1", port)
        assert shared.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 0
    finally:
        shared.close()


def test_a_port_taken_is_refused_even_by_another_reuse_port_group(
    listening: socket.socket,
) -> None:
    port = listening.getsockname()[1]
    for reuse_port in (True, False):
        with pytest.raises(PortTaken) as refused:
            bind_listeners("127.0.0.1", port, 2, reuse_port=reuse_port)
        assert refused.value.strerror == (
            f"cannot listen on 127.0.0.1:{port}: Address already in use "
            "(is another server running on that port? choose another with --port)"
        )


def test_serve_with_workers_on_a_port_taken_exits_1_saying_what_where_and_why(
    listening: socket.socket, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = listening.getsockname()[1]
    monkeypatch.setenv("GRAPHCRM_ACCESS_DB", str(tmp_path / "access.db"))
    store = f"sqlite:///{tmp_path / 'graph.db'}"
    args = ["--store", store, "serve", "--port", str(port), "--workers", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "error: cannot listen on 127.0.0.1:" in result.output
    assert f":{port}: Address already in use" in result.output
    assert "graphcrm API on" not in result.output  # nothing announced, no worker started
