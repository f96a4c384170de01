"""Entity tags of stored records, for optimistic concurrency (DESIGN.md "Editing where you read").

A record's ETag names its current stored version: a strong validator made from
the table, the record's key and the version's ``recorded_at`` (the microsecond
UTC time of the write that started it). ``recorded_at`` is what every store
keeps for every version (the SQLite store also has a row id, the Cypher stores
do not), and every write that changes a record starts a version with a new
one, while a write that changes nothing keeps it; the key and table are in the
hash because one write records many versions at the same instant. Hashed
(SHA-256, 16 hex digits) so that a tag is short, opaque and reveals neither
the write time nor the key.

``If-Match`` is compared as RFC 9110 says for it: strong comparison (a weak
tag ``W/"..."`` never matches), a list of tags matches if any does, and ``*``
matches any current record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Generic, TypeVar

from graphcrm.access.errors import StaleWrite
from graphcrm.model import Record
from graphcrm.stores.base import Key, Version

__all__ = ["Tagged", "etag_matches", "record_etag", "stale_write", "version_etag"]

R = TypeVar("R", bound=Record)


def record_etag(table: str, key: Key, recorded_at: str) -> str:
    """The quoted strong ETag of the version of ``table``/``key`` recorded at ``recorded_at``.

    >>> at = "2026-01-05T09:00:00.000000+00:00"
    >>> tag = record_etag("people", ("p-chen",), at)
    >>> len(tag), tag.startswith('"'), tag == record_etag("people", ("p-wang",), at)
    (18, True, False)
    """
    text = "\x1f".join([table, *key, recorded_at])
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + '"'


def version_etag(table: str, version: Version) -> str:
    """The ETag of one stored version of a record of ``table``."""
    return record_etag(table, version.record.key, version.recorded_at)


def etag_matches(if_match: str, etag: str) -> bool:
    """Whether an ``If-Match`` value matches the current record's ``etag`` (strong comparison).

    >>> etag_matches('"abc"', '"abc"'), etag_matches('W/"abc"', '"abc"')
    (True, False)
    >>> etag_matches('"x", "abc"', '"abc"'), etag_matches("*", '"abc"'), etag_matches("", '"abc"')
    (True, True, False)
    """
    tags = [t.strip() for t in if_match.split(",")]
    return "*" in tags or etag in tags


@dataclass(frozen=True)
class Tagged(Generic[R]):
    """A record as it stands and the ETag of its stored version."""

    record: R
    etag: str


def stale_write(table: str, name: str, versions: list[Version], if_match: str) -> StaleWrite:
    """The StaleWrite for an ``If-Match`` that does not name the current version.

    ``name`` says which record it is (``person 'p-chen'``); ``versions`` is
    its history (oldest first); the fields that changed
    are those that differ between the version the tag names (if any does) and
    the current one (every field, if the record has been deleted).
    """
    current = next((v for v in versions if v.valid_to is None), None)
    seen = next((v for v in versions if etag_matches(if_match, version_etag(table, v))), None)
    changed = None
    if seen is not None:
        before = seen.record.model_dump(mode="json")
        after = current.record.model_dump(mode="json") if current is not None else {}
        changed = sorted(f for f in before.keys() | after.keys() if before.get(f) != after.get(f))
    return StaleWrite(
        f"{name} has changed since the version If-Match names; nothing was written",
        current=current.record if current is not None else None,
        etag=version_etag(table, current) if current is not None else None,
        changed=changed,
    )
