"""Secrets the whole deployment shares, kept in the access database and made once.

Every server process of one deployment opens the same access database, so a
secret kept there is the same in all of them: a form rendered by one worker
process is accepted by another, and a restart keeps it (DESIGN.md "Editing
where you read": the session cookie alone is never enough, so the form token
must be checkable by whichever process receives the post). The first process
to ask makes it; ``INSERT OR IGNORE`` then ``SELECT`` in one write transaction
means two processes asking at once agree on one value.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from graphcrm.access.database import AccessDatabase

__all__ = ["SERVICE_SECRETS_SCHEMA", "ServiceSecrets"]

SERVICE_SECRETS_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS service_secrets (
        name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TEXT NOT NULL)""",
)


class ServiceSecrets:
    """Named random secrets, one value per deployment (the access database)."""

    def __init__(self, db: AccessDatabase) -> None:
        self._db = db

    def get(self, name: str) -> str:
        """The secret called ``name``, made (32 random bytes, URL-safe) if it is new."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO service_secrets (name, value, created_at) VALUES (?, ?, ?)",
                [name, secrets.token_urlsafe(32), datetime.now(UTC).isoformat()],
            )
            found = "SELECT value FROM service_secrets WHERE name = ?"
            row = conn.execute(found, [name]).fetchone()
        return str(row[0])
