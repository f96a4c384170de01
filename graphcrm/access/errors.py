"""Access errors: part of graphcrm's hierarchy, so every front end maps them once."""

from __future__ import annotations

from graphcrm.errors import GraphcrmError
from graphcrm.model import Record

__all__ = ["AuthenticationFailed", "PermissionDenied", "StaleWrite", "TooManyRows"]


class AuthenticationFailed(GraphcrmError):
    """No key, or a key that is unknown or revoked. The message never says which."""

    code = "unauthorized"


class PermissionDenied(GraphcrmError):
    """A valid key that may not do this (a read-only key writing, a non-admin key on admin work).

    Raised before anything is looked up, so it reveals nothing about the data.
    """

    code = "forbidden"

    def __init__(self, message: str, code: str = "forbidden") -> None:
        super().__init__(message)
        self.code = code


class TooManyRows(GraphcrmError):
    """An import holding more rows than one import may (nothing was written)."""

    code = "too_many_rows"


class StaleWrite(GraphcrmError):
    """An update or delete whose ``If-Match`` names a version that is no longer current.

    Nothing was written. ``current`` is the record as it now stands and ``etag``
    its tag (both None if it was deleted meanwhile); ``changed`` lists the fields
    that differ from the version the writer last saw, when that version is known
    (None if the tag names no version of this record).
    """

    code = "precondition_failed"

    def __init__(
        self,
        message: str,
        *,
        current: Record | None,
        etag: str | None,
        changed: list[str] | None,
    ) -> None:
        super().__init__(message)
        self.current, self.etag, self.changed = current, etag, changed
