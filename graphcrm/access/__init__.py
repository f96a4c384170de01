"""Access control, the core side: teams, principals, API keys, account ownership, audit.

Kept in a small SQLite store of its own (``AccessStore``, file named by the
``GRAPHCRM_ACCESS_DB`` setting, default ``data/access.db``), because the
GraphStore knows nothing of access; see ``graphcrm.access.store`` for what
that separation implies. ``TeamStore`` is a principal's window on a GraphStore:
only the accounts the team owns, only what the key may do.
"""

from graphcrm.access.errors import AuthenticationFailed, PermissionDenied, TooManyRows
from graphcrm.access.keys import generate_key, hash_key, looks_like_key
from graphcrm.access.scope import WriteScope, write_scope
from graphcrm.access.settings import DEFAULT_ACCESS_DB, AccessSettings
from graphcrm.access.store import (
    AccessStore,
    AuditEntry,
    AuditQuery,
    KeyInfo,
    NewKey,
    Principal,
    Team,
)
from graphcrm.access.team import NOUNS, TeamStore, WriteListener, account_owners

__all__ = [
    "DEFAULT_ACCESS_DB",
    "NOUNS",
    "AccessSettings",
    "AccessStore",
    "AuditEntry",
    "AuditQuery",
    "AuthenticationFailed",
    "KeyInfo",
    "NewKey",
    "PermissionDenied",
    "Principal",
    "Team",
    "TeamStore",
    "TooManyRows",
    "WriteListener",
    "WriteScope",
    "account_owners",
    "generate_key",
    "hash_key",
    "looks_like_key",
    "write_scope",
]
