"""Where the access store lives: one more setting on top of the core's."""

from __future__ import annotations

from graphcrm.settings import Settings

__all__ = ["DEFAULT_ACCESS_DB", "AccessSettings"]

DEFAULT_ACCESS_DB = "data/access.db"


class AccessSettings(Settings):
    """The core settings plus ``access_db`` (``GRAPHCRM_ACCESS_DB``).

    ``access_db`` is the path of the SQLite file holding teams, principals, API
    key hashes, account ownership and the audit log. It is separate from the
    graph store (whatever that is: SQLite, Neo4j, FalkorDB) because the
    GraphStore knows nothing of access.
    """

    access_db: str = DEFAULT_ACCESS_DB
