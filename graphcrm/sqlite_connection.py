"""One way to open a SQLite file, for every SQLite file graphcrm keeps.

The graph store (``graphcrm.stores.sqlite``), the access store
(``graphcrm.access``) and the backups (``graphcrm.stores.backup``) open their
files here, so that the settings a file is used with are written once:

- autocommit (``isolation_level=None``): each store opens its own transactions
  (``BEGIN IMMEDIATE``), Python's module opens none behind its back;
- usable from any thread: each store serialises use of a connection with a
  lock of its own;
- a writer waits up to ``busy_timeout_ms`` for another's lock before failing.

A store's main connection also names its durability: the file is put in WAL
mode (readers never wait for the writer) with that ``synchronous`` level
(``FULL``: a commit survives a power cut; ``NORMAL``: it survives a crash of
the process, a power cut may lose the last few), and foreign keys are enforced.
Without it, the connection leaves the file's journal as it is: a second
connection to a store, a backup's copy, a restore's target.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

__all__ = ["Synchronous", "connect"]

Synchronous = Literal["FULL", "NORMAL"]
DEFAULT_BUSY_TIMEOUT_MS = 10_000


def connect(
    path: str | Path,
    *,
    synchronous: Synchronous | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    read_only: bool = False,
) -> sqlite3.Connection:
    """Open the SQLite file at ``path`` with graphcrm's settings (see the module docstring).

    ``synchronous``: open it as a store's main connection (WAL, that level,
    foreign keys on). ``read_only``: the file must exist and is not written
    through this connection. A file that is not ``read_only`` is created with
    its folder if missing. ValueError for another ``synchronous``, before
    anything is opened; otherwise ``sqlite3.Error`` (and ``OSError`` for the
    folder): the caller says which file it was for.
    """
    path = Path(path)
    if synchronous is not None and synchronous not in ("FULL", "NORMAL"):
        # Spelled into the PRAGMA (SQLite takes no parameter there): only the two levels.
        raise ValueError(f"synchronous must be 'FULL' or 'NORMAL', not {synchronous!r}")
    if read_only:
        target, uri = f"{path.resolve().as_uri()}?mode=ro", True
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        target, uri = str(path), False
    conn = sqlite3.connect(
        target,
        uri=uri,
        timeout=int(busy_timeout_ms) / 1000,  # sqlite3_busy_timeout, as PRAGMA busy_timeout
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        if synchronous is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn
