"""A person's place in the audit log: read it (access request), or make it anonymous (erasure).

The audit records the path of every request, and a person's id is a segment of
the path of every request about them (ids often spell names:
``jn-chenzhiyuan``). Erasure keeps each such entry, the event, and replaces
that segment with an opaque token made for the erasure: random, and written
nowhere together with the id, so the log still tells who did what and when, and
that it concerned one (now unnamed) person, without a way back to them.

The rewrite runs with ``secure_delete`` on, then the file is rebuilt (``VACUUM``)
and its WAL truncated, so the id is left in no file of the access database
(``graphcrm.access.audit.AuditLog.anonymise``).
"""

from __future__ import annotations

import secrets

from graphcrm.access.audit import AuditEntry
from graphcrm.access.store import AccessStore

__all__ = ["entries_naming", "erasure_token", "pseudonymise_person"]

TOKEN_PREFIX = "erased-"


def erasure_token() -> str:
    """A new opaque token: 64 random bits, tied to nothing."""
    return TOKEN_PREFIX + secrets.token_hex(8)


def entries_naming(access: AccessStore, person_id: str) -> list[AuditEntry]:
    """Every audit entry whose path names the person (a segment equal to their id),
    oldest first."""
    return access.audit_log.entries_naming(person_id)


def pseudonymise_person(access: AccessStore, person_id: str, token: str) -> int:
    """Replace the person's id with ``token`` in every audit path naming them, and leave
    no copy of the old paths in the file; returns how many entries were rewritten."""
    return access.audit_log.anonymise(person_id, token)
