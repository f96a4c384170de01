"""Exit 1 with a clear message if HOST:PORT is taken; `make run` asks before anything else.

`make run` rotates the demo key and loads the demo data before it serves; with
the port already in use (another graphcrm serving, say) it would lock that
server's users out and then fail. So it asks first (issue 12 item 11). The
check binds the port the way uvicorn does (SO_REUSEADDR, so a port in
TIME_WAIT reads as free) and lets it go at once. Standard library only: it
runs before the virtual environment exists.
"""

from __future__ import annotations

import errno
import socket
import sys


def port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served on, or None if it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"cannot resolve host {host!r}: {exc.strerror}"
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use"
            return f"cannot serve on {host}:{port}: {exc.strerror}"
    return None


def main(argv: list[str]) -> int:
    host, port = argv[1], int(argv[2])
    problem = port_taken(host, port)
    if problem is None:
        return 0
    print(
        f"make run: {problem}; nothing was changed (no demo data loaded, no key made). "
        f"Stop what is serving there, or choose another port: make run PORT={port + 1}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
