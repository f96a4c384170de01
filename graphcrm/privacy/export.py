"""Export a person (access request): everything stored about them, and who read or changed it.

The JSON document holds, per table, every version (ended ones included) of every
record about the person, in the import format's fields with the dates each
version held for and when it was recorded; and two lists from the audit log: the
entries whose path names the person (requests about them), and every read of
personal data or write in the accounts they were in since they were first
recorded (answers that may have carried their data, such as lists and analyses).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from graphcrm.access.audit_erasure import entries_naming
from graphcrm.access.store import AccessStore, AuditEntry, AuditQuery
from graphcrm.stores.base import GraphStore, Version

__all__ = ["export_person"]

_PAGE = 1000


def _version(v: Version) -> dict[str, Any]:
    return {
        "account_id": v.account_id,
        "valid_from": v.valid_from.isoformat(),
        "valid_to": v.valid_to.isoformat() if v.valid_to else None,
        "recorded_at": v.recorded_at,
        "record": v.record.model_dump(mode="json"),
    }


def _account_entries(access: AccessStore, account_id: str, since: str) -> list[AuditEntry]:
    found: list[AuditEntry] = []
    while True:
        page, total = access.audit(
            AuditQuery(account_id=account_id, since=since, limit=_PAGE, offset=len(found))
        )
        found += page
        if not page or len(found) >= total:
            return found


def export_person(
    store: GraphStore, access: AccessStore, account_id: str, person_id: str
) -> dict[str, Any]:
    """Everything stored about the person ``person_id`` of ``account_id``, as a JSON-ready
    dict (see the module). NotFoundError if the person has no version in the account."""
    history = store.person_history(account_id, person_id)
    accounts = sorted({v.account_id for v in history["people"] if v.account_id})
    since = min(v.recorded_at for v in history["people"])
    in_accounts = [e for a in accounts for e in _account_entries(access, a, since)]
    return {
        "person_id": person_id,
        "account_id": account_id,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": {table: [_version(v) for v in vs] for table, vs in history.items()},
        "audit": {
            "about_person": [asdict(e) for e in entries_naming(access, person_id)],
            "in_their_accounts": [asdict(e) for e in sorted(in_accounts, key=lambda e: e.id)],
        },
    }
