"""The history of one record: its versions, who wrote each and when (issue 11 item 7).

Each stored version (``GraphStore.history``) is joined with the access
database's audit entry of the request that wrote it: the earliest successful
write (not a read) recorded at or after the version, in the record's account,
on the record's own path, its collection's (a create), or an import's, and
before the next version was recorded (a request's entry is logged once it has
written). A version written outside the API (the
command line, a restore) has no such entry and says so (``by`` None). Newest
first. DESIGN.md "Editing where you read".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from graphcrm.access.audit import AuditEntry, AuditQuery
from graphcrm.access.etag import version_etag
from graphcrm.access.team import NOUNS, TeamStore
from graphcrm.errors import NotFoundError
from graphcrm.model import Record
from graphcrm.stores.base import Key, Version

__all__ = ["Change", "record_history", "records_history"]

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
_AUDIT_WINDOW = 10_000  # audit entries of the account read at most, from the first version on


@dataclass(frozen=True)
class Change:
    """One version of a record, who wrote it and what it changed from the one before."""

    record: Record
    valid_from: date
    valid_to: date | None
    recorded_at: str
    etag: str
    changed: tuple[str, ...]  # fields that differ from the previous version (all: the first)
    by: str | None  # the key's holder, from the audit (None: written outside the API)
    team: str | None
    method: str | None
    path: str | None


def record_history(
    team: TeamStore, table: str, key: Key, account_id: str, paths: Collection[str]
) -> list[Change]:
    """Every version of the record ``table``/``key`` in ``account_id``, newest first.

    ``paths`` are the request paths that write it (its own, its collection's);
    an import's path counts too. NotFoundError, worded as for a missing record,
    unless the team owns the account and the record has a version there.
    """
    team.require_account(account_id)
    versions = [v for v in team.store.history(table, key) if v.account_id == account_id]
    if not versions:
        raise NotFoundError(f"no {NOUNS[table]} {'/'.join(key)!r}")
    since = min(v.recorded_at for v in versions)
    entries, _ = team.access.audit(
        AuditQuery(account_id=account_id, since=since, limit=_AUDIT_WINDOW)
    )
    return _changes(table, versions, _writes(entries, paths))


def records_history(
    team: TeamStore,
    table: str,
    keys: Collection[Key],
    account_id: str,
    paths: Callable[[Key], Collection[str]],
) -> dict[Key, list[Change]]:
    """``record_history`` of many records of one account (a page listing them), with one
    read of the audit log for all; ``paths(key)`` are the request paths that write each.
    A key with no version in the account is left out."""
    team.require_account(account_id)
    versions = {
        key: [v for v in team.store.history(table, key) if v.account_id == account_id]
        for key in keys
    }
    versions = {key: found for key, found in versions.items() if found}
    if not versions:
        return {}
    since = min(v.recorded_at for found in versions.values() for v in found)
    entries, _ = team.access.audit(
        AuditQuery(account_id=account_id, since=since, limit=_AUDIT_WINDOW)
    )
    return {
        key: _changes(table, found, _writes(entries, paths(key))) for key, found in versions.items()
    }


def _writes(entries: list[AuditEntry], paths: Collection[str]) -> list[AuditEntry]:
    return sorted(
        (e for e in entries if e.method in _WRITES and e.status < 400 and _writes_it(e, paths)),
        key=lambda e: (e.at, e.id),
    )


def _changes(table: str, versions: list[Version], writes: list[AuditEntry]) -> list[Change]:
    ordered = sorted(versions, key=lambda v: v.recorded_at)
    changes: list[Change] = []
    previous: Version | None = None
    for version, after in zip(ordered, [*ordered[1:], None], strict=True):
        # The request's entry is logged once it has written, before the next version.
        until = after.recorded_at if after is not None else "~"
        entry = next((e for e in writes if version.recorded_at <= e.at < until), None)
        changes.append(_change(table, version, previous, entry))
        previous = version
    return changes[::-1]


def _writes_it(entry: AuditEntry, paths: Collection[str]) -> bool:
    return entry.path in paths or entry.path.endswith("/imports")


def _change(
    table: str, version: Version, previous: Version | None, entry: AuditEntry | None
) -> Change:
    now = version.record.model_dump(mode="json")
    before = previous.record.model_dump(mode="json") if previous is not None else {}
    changed = tuple(f for f in now if previous is None or now[f] != before.get(f))
    return Change(
        record=version.record,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        recorded_at=version.recorded_at,
        etag=version_etag(table, version),
        changed=changed,
        by=entry.principal if entry else None,
        team=entry.team if entry else None,
        method=entry.method if entry else None,
        path=entry.path if entry else None,
    )
