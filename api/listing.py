"""Filtering lists by the obvious fields: equality on values, a name search, either end of a tie."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from graphcrm.model import Record

__all__ = ["select"]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def select(records: Iterable[Record], **filters: Any) -> list[Record]:
    """The records matching every filter given (None means no filter on that field).

    ``q`` is a case-insensitive search in the name (or description); ``role`` matches
    a person with that decision role; ``person_id`` on a tie matches either end.
    Every other filter is equality on the field of that name.
    """
    wanted = {k: _plain(v) for k, v in filters.items() if v is not None}
    out = []
    for rec in records:
        if all(_matches(rec, name, value) for name, value in wanted.items()):
            out.append(rec)
    return out


def _matches(rec: Record, name: str, value: Any) -> bool:
    if name == "q":
        text = getattr(rec, "name", None) or getattr(rec, "description", "") or ""
        return str(value).casefold() in text.casefold()
    if name == "role" and hasattr(rec, "roles"):
        return value in [_plain(r) for r in rec.roles]
    if name == "person_id" and hasattr(rec, "source_id") and hasattr(rec, "target_id"):
        return value in (rec.source_id, rec.target_id)
    return bool(_plain(getattr(rec, name)) == value)
