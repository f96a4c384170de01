"""Writes guarded by what the writer saw (DESIGN.md "Editing where you read"; issue 11 item 5).

Two cases the table's own create and replace do not cover:

- ``create_expected_absent``: a form loaded when the record did not exist (a plan form
  for a person with no plan) creates it; if someone created it meanwhile, the write is
  refused as a stale one (StaleWrite, the record as it now stands), not turned into an
  overwrite of theirs, nor answered as a bare conflict.
- ``replace_to_key``: a correction that changes the record's key (an attitude reading
  given another date or another target). The old record is ended and the new one
  written, only if the old one is still the version ``if_match`` names.
"""

from __future__ import annotations

from typing import TypeVarTuple

from graphcrm.access.errors import StaleWrite
from graphcrm.access.etag import Tagged
from graphcrm.access.tables import RecordT, Table
from graphcrm.errors import ConflictError, NotFoundError
from graphcrm.model import Record

__all__ = ["create_expected_absent", "replace_to_key"]

KeyTs = TypeVarTuple("KeyTs")


def create_expected_absent(
    table: Table[RecordT, *KeyTs], account_id: str, record: RecordT
) -> RecordT:
    """Create ``record``, which the writer saw absent; StaleWrite (with the current record
    and its ETag, naming the fields it sets beside its key) if one with its key exists by
    now. Nothing written."""
    try:
        return table.create(account_id, record)
    except ConflictError:
        current = _current(table, account_id, record)
        if current is None:  # refused for another reason (an id taken elsewhere)
            raise
        raise StaleWrite(
            f"{table.name} {'/'.join(record.key)!r} was created meanwhile; nothing was written",
            current=current.record,
            etag=current.etag,
            changed=_set_fields(current.record),
        ) from None


def replace_to_key(
    table: Table[RecordT, *KeyTs],
    account_id: str,
    key: tuple[*KeyTs],
    record: RecordT,
    *,
    if_match: str | None,
) -> RecordT:
    """Write ``record`` as the new version of the record ``key`` names, whose key it may
    change.

    Same key: the table's replace. Another key: ConflictError if a record holds it
    already; then the old record is ended (``if_match``: StaleWrite, nothing written,
    unless it names the old record's current version) and the new one created. Should
    that create be refused, the old record is written back before the refusal is raised.
    """
    old = table.get(account_id, *key)
    if record.key == old.key:
        return table.replace(account_id, record, if_match=if_match)
    if _current(table, account_id, record) is not None:
        raise ConflictError(f"{table.name} {'/'.join(record.key)!r} already exists")
    table.delete(account_id, *key, if_match=if_match)
    try:
        return table.create(account_id, record)
    except Exception:
        table.create(account_id, old)
        raise


def _current(
    table: Table[RecordT, *KeyTs], account_id: str, record: RecordT
) -> Tagged[Record] | None:
    """The record holding ``record``'s key now, with its ETag; None if there is none."""
    try:
        return table.team.tagged(table.name, record.key, account_id)
    except NotFoundError:
        return None


def _set_fields(record: Record) -> list[str]:
    """The fields a record sets (not None), its key and account left out: what the writer,
    who saw no record, did not see."""
    fields = record.model_dump(mode="json", exclude_none=True)
    return sorted(f for f in fields if f not in (*record.key_fields, "account_id"))
